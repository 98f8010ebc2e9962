import type { MemoryStore } from '../store/memory-store';

/**
 * Where one ODS instance's documents live, and what makes a write durable and exclusive (house rule 7: injected).
 *
 * The steps read and change `store`, the in-memory documents with their indexes, synchronously: that keeps every
 * step small and ODS's error order exact. A backend adds three moments around them, each a promise only when it has
 * to wait, so the in-memory default stays synchronous:
 * - `refresh` before a request's steps read: brings `store` up to date (PostgreSQL: changes other processes made);
 * - `beginWrite` before a write's steps read what they decide on: from here to `endWrite` the request is the only
 *   writer of the data set (PostgreSQL: a transaction holding the data set's lock, `store` caught up inside it);
 * - `endWrite` after the steps answered: a 2xx answer's changes become durable before it is sent (journal: its batch
 *   reached the file; PostgreSQL: the transaction committed), any other answer's are taken back. A rejection means
 *   the changes could not be saved and were taken back: the client gets a 503.
 */
export interface Backend {
  /** 'memory', 'journal' or 'postgres'. */
  readonly kind: string;
  readonly store: MemoryStore;
  /** A secret of this data set (kept with it, so it outlives a restart): page tokens are signed with it. */
  readonly secret: string;
  /** False when this data set was never seeded: the environment writes the defaults once, then calls `markSeeded`. */
  readonly seeded: boolean;
  markSeeded(): Promise<void>;
  refresh(): Promise<void> | undefined;
  beginWrite(): Promise<void> | undefined;
  endWrite(keep: boolean): Promise<void> | undefined;
  /** Resolves when everything acknowledged so far is durable. */
  flush(): Promise<void>;
  /** Rewrites persistent storage to the live documents (journal); nothing elsewhere. */
  compact(): Promise<void>;
  close(): Promise<void>;
}
