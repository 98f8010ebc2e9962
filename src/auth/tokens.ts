import { randomUUID } from 'node:crypto';
import type { Client } from './clients';

/** An issued bearer token. */
export interface Token {
  value: string;
  client: Client;
  expiresAt: number;
  scope?: string;
}

/** Issues and checks bearer tokens; expired tokens are dropped lazily. */
export interface TokenStore {
  /** Issues a token, or returns undefined when the client already holds `limit` active tokens. */
  issue(client: Client, scope?: string): Token | undefined;
  check(value: string): Token | undefined;
  lifetimeSeconds: number;
  limit: number;
  /** Tokens held (expired ones are dropped as the store goes). */
  size(): number;
  /** Active tokens of these clients (a sandbox's limit counts all of its clients'). */
  activeOf(clientKeys: readonly string[]): number;
  /** Ends every token of a client (its secret was rotated, or it was deleted). */
  revoke(clientKey: string): void;
}

const SWEEP_EVERY = 1024;

/** Creates a token store. `limit` 0 means no per-client limit. */
export function createTokenStore(now: () => number, lifetimeSeconds = 1800, limit = 15): TokenStore {
  const tokens = new Map<string, Token>();
  const perClient = new Map<string, Set<string>>();
  const held = (client: Client): Set<string> => {
    let set = perClient.get(client.key);
    if (!set) perClient.set(client.key, (set = new Set()));
    return set;
  };
  const active = (client: Client): Set<string> => {
    const set = held(client);
    for (const v of set) {
      if (tokens.get(v)!.expiresAt <= now()) {
        set.delete(v);
        tokens.delete(v);
      }
    }
    return set;
  };
  // Without a per-client limit nothing else visits old tokens: every SWEEP_EVERY issues, expired ones are dropped.
  let issued = 0;
  const sweep = () => {
    const t = now();
    for (const [value, token] of tokens) {
      if (token.expiresAt > t) continue;
      tokens.delete(value);
      perClient.get(token.client.key)?.delete(value);
    }
  };
  return {
    lifetimeSeconds,
    limit,
    size: () => tokens.size,
    issue: (client, scope) => {
      if (++issued % SWEEP_EVERY === 0) sweep();
      // Expired tokens of the client are dropped only where a limit counts them (else the sweep does it).
      const set = limit > 0 ? active(client) : held(client);
      if (limit > 0 && set.size >= limit) return undefined;
      const token: Token = { value: randomUUID().replace(/-/g, ''), client, expiresAt: now() + lifetimeSeconds * 1000, scope };
      tokens.set(token.value, token);
      set.add(token.value);
      return token;
    },
    activeOf: (clientKeys) => {
      const t = now();
      let n = 0;
      for (const key of clientKeys) for (const v of perClient.get(key) ?? []) if ((tokens.get(v)?.expiresAt ?? 0) > t) n++;
      return n;
    },
    revoke: (clientKey) => {
      for (const v of perClient.get(clientKey) ?? []) tokens.delete(v);
      perClient.delete(clientKey);
    },
    check: (value) => {
      const t = tokens.get(value);
      if (!t) return undefined;
      if (t.expiresAt > now()) return t;
      tokens.delete(value);
      perClient.get(t.client.key)?.delete(value);
      return undefined;
    },
  };
}
