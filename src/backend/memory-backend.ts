import { randomBytes } from 'node:crypto';
import { type MemoryStore, createMemoryStore } from '../store/memory-store';
import type { Backend } from './backend';

/**
 * The embedded default: documents in memory only, nothing to wait for (a restart starts empty). `seeded` for a store
 * that already holds its defaults (a clone of a template or of live data).
 */
export function memoryBackend(store: MemoryStore = createMemoryStore(), seeded = false): Backend {
  return {
    kind: 'memory',
    store,
    secret: randomBytes(16).toString('hex'),
    get seeded() {
      return seeded;
    },
    markSeeded: async () => {
      seeded = true;
    },
    refresh: () => undefined,
    beginWrite: () => undefined,
    endWrite: () => undefined,
    flush: async () => undefined,
    compact: async () => undefined,
    close: async () => undefined,
  };
}
