import pino from 'pino';
import type { Backend } from '../../src/backend/backend';
import { memoryBackend } from '../../src/backend/memory-backend';
import { openPostgresBackends } from '../../src/backend/postgres-backend';
import { withSeedingWrites } from '../../src/pipeline/create-env';
import { openPersistentStore } from '../../src/store/journal-store';
import { testServer } from './api';
import { tempJournal } from './journal';
import { POSTGRES_AVAILABLE, POSTGRES_REQUIRED, type Throwaway, startPostgres } from './postgres';

const silent = pino({ level: 'silent' });

/** A backend kind: how to open a fresh data set, and how to open the same one again (none for memory). */
export interface BackendKind {
  name: string;
  fresh(): Promise<{ backend: Backend; reopen?: () => Promise<Backend> }>;
}

let postgres: Throwaway | undefined;
let databases = 0;

/**
 * Memory, journal and (where its server programs are installed, and always in CI) PostgreSQL in a throwaway cluster
 * that `stopBackends` ends. `label` names the databases, so two test files never share one.
 */
export function backendKinds(label: string): BackendKind[] {
  const kinds: BackendKind[] = [
    { name: 'memory', fresh: async () => ({ backend: memoryBackend() }) },
    {
      name: 'journal',
      fresh: async () => {
        const file = tempJournal();
        return { backend: await openPersistentStore(file, silent), reopen: () => openPersistentStore(file, silent) };
      },
    },
  ];
  if (POSTGRES_AVAILABLE || POSTGRES_REQUIRED) {
    kinds.push({
      name: 'postgres',
      fresh: async () => {
        postgres ??= await startPostgres();
        const url = await postgres.createDatabase(`${label}_${++databases}`);
        const open = async () => (await openPostgresBackends(url, ['edfi_mock'], silent))[0];
        return { backend: await open(), reopen: open };
      },
    });
  } else {
    console.warn(`${label}: PostgreSQL not installed here, its column is skipped (CI requires it)`);
  }
  return kinds;
}

/** Stops the throwaway PostgreSQL cluster, if one was started. */
export async function stopBackends(): Promise<void> {
  await postgres?.stop();
  postgres = undefined;
}

/** A test server over a backend, its default descriptors written once inside a write. */
export const serverOver = (backend: Backend) => withSeedingWrites([backend], () => testServer({ backend }));
