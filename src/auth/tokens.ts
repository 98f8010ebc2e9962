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
}

/** Creates a token store. `limit` 0 means no per-client limit. */
export function createTokenStore(now: () => number, lifetimeSeconds = 1800, limit = 15): TokenStore {
  const tokens = new Map<string, Token>();
  const perClient = new Map<string, Set<string>>();
  const active = (client: Client): Set<string> => {
    let set = perClient.get(client.key);
    if (!set) perClient.set(client.key, (set = new Set()));
    for (const v of set) {
      if (tokens.get(v)!.expiresAt <= now()) {
        set.delete(v);
        tokens.delete(v);
      }
    }
    return set;
  };
  return {
    lifetimeSeconds,
    limit,
    issue: (client, scope) => {
      const set = limit > 0 ? active(client) : undefined;
      if (set && set.size >= limit) return undefined;
      const token: Token = { value: randomUUID().replace(/-/g, ''), client, expiresAt: now() + lifetimeSeconds * 1000, scope };
      tokens.set(token.value, token);
      set?.add(token.value);
      return token;
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
