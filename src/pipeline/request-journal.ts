import { hash } from 'node:crypto';
import type { Ctx } from './context';
import type { ApiResponse } from './types';

/** One request the server answered, as certification and the admin endpoint see it. */
export interface JournalEntry {
  /** Increases by one per request, from 1. */
  seq: number;
  at: string;
  method: string;
  path: string;
  status: number;
  /** Entity name of a resource route (e.g. Grade), absent for other routes. */
  resource?: string;
  /** The item addressed (route id) or created (Location). */
  id?: string;
  schoolYear?: number;
  /** Key of the client whose token was used. */
  client?: string;
  correlationId: string;
  /** SHA-256 of the request body (first 16 hex digits). */
  bodyDigest?: string;
  /** Error texts of a 4xx/5xx answer (message, detail, errors, validationErrors). */
  errors?: string[];
}

/** A bounded journal of requests: the newest `capacity` entries are kept. */
export interface RequestJournal {
  /** Records an answered request from what its steps learned (token, resource, id): nothing is routed or checked again. */
  record(ctx: Ctx, res: ApiResponse): void;
  /** Entries with seq greater than `since`, oldest first. */
  since(since: number, limit?: number): JournalEntry[];
  /** The seq of the newest entry (0 when empty). */
  last(): number;
  capacity: number;
}

/** A journal entry as stored: the time in ms. */
type Slot = Omit<JournalEntry, 'at'> & { ms: number };

function errorTexts(body: unknown): string[] | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const out: string[] = [];
  for (const k of ['message', 'detail', 'error'] as const) if (typeof b[k] === 'string') out.push(b[k]);
  if (Array.isArray(b.errors)) out.push(...b.errors.map(String));
  if (b.validationErrors && typeof b.validationErrors === 'object') {
    for (const [path, texts] of Object.entries(b.validationErrors as Record<string, string[]>)) out.push(...texts.map((t) => `${path}: ${t}`));
  }
  return out.length ? out : undefined;
}

/** A ring of `capacity` entries; 0 records nothing. Recording costs one small object per request. */
export function createRequestJournal(capacity: number): RequestJournal {
  // Entries keep the time as a number; it becomes ISO text when read (cheaper per request).
  const ring: Slot[] = new Array<Slot>(capacity);
  let seq = 0;
  return {
    capacity,
    record(ctx, res) {
      if (capacity === 0) return;
      const { env, req } = ctx;
      const entry: Slot = {
        seq: ++seq,
        ms: Date.now(),
        method: req.method,
        path: req.path,
        status: res.status,
        correlationId: req.correlationId,
      };
      if (ctx.resource) {
        entry.resource = ctx.resource.model.name;
        const location = res.headers?.Location;
        const id = ctx.params.id ?? (location ? location.slice(location.lastIndexOf('/') + 1) : undefined);
        if (id) entry.id = id;
      }
      if (env.schoolYear !== undefined) entry.schoolYear = env.schoolYear;
      if (ctx.token) entry.client = ctx.token.client.key;
      // One-shot hashing (about 1 µs for a 1 KB body); keeping bodies to hash later would churn the old generation.
      if (req.body) entry.bodyDigest = hash('sha256', req.body, 'hex').slice(0, 16);
      if (res.status >= 400) {
        const errors = errorTexts(res.body);
        if (errors) entry.errors = errors;
      }
      ring[(entry.seq - 1) % capacity] = entry;
    },
    since(since, limit = capacity) {
      const out: JournalEntry[] = [];
      const first = Math.max(since + 1, seq - capacity + 1, 1);
      for (let s = first; s <= seq && out.length < limit; s++) {
        const { ms, ...rest } = ring[(s - 1) % capacity];
        out.push({ ...rest, at: new Date(ms).toISOString() });
      }
      return out;
    },
    last: () => seq,
  };
}
