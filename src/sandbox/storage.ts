import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Backend } from '../backend/backend';
import { memoryBackend } from '../backend/memory-backend';
import { type DocumentStore, descriptorRefsOf, keysOf, refsOf, storedDocument } from '../store/document-store';
import { cloneStore } from '../store/memory-store';
import type { DocumentId } from '../util/brand';
import type { Logger } from '../util/logger';
import type { SandboxRecord } from './types';

/** Where sandboxes keep their documents and the catalogue of sandboxes: the server's own kind of storage. */
export interface SandboxStorage {
  kind: 'memory' | 'journal' | 'postgres';
  /**
   * The backend of each school year of a sandbox, holding `stores`' documents: cloned (memory), or written once into
   * a new data set (journal, PostgreSQL; a data set that exists already is opened as it is).
   */
  open(id: string, stores: ReadonlyMap<number | undefined, DocumentStore>): Promise<Map<number | undefined, Backend>>;
  /** Removes a sandbox's data for good (its backends are closed first). */
  drop(id: string, years: readonly (number | undefined)[]): Promise<void>;
  /** The sandboxes recorded (empty in memory): a restart brings them back. */
  loadCatalog(): Promise<SandboxRecord[]>;
  /** Records the sandboxes; resolves once the record is durable. */
  saveCatalog(records: readonly SandboxRecord[]): Promise<void>;
}

/** Ids of a store's documents, each after every document it references: the order a database with foreign keys accepts. */
export function dependencyOrder(store: DocumentStore): DocumentId[] {
  const out: DocumentId[] = [];
  const done = new Set<DocumentId>();
  const visit = (id: DocumentId) => {
    if (done.has(id)) return;
    done.add(id);
    const doc = store.get(id);
    if (!doc) return;
    for (const target of [...refsOf(doc), ...descriptorRefsOf(doc)]) visit(target);
    out.push(id);
  };
  for (const id of store.ids()) visit(id);
  return out;
}

/** Writes a store's documents into a new data set as one write, then marks it seeded (its defaults are in the copy). */
export async function fill(backend: Backend, from: DocumentStore): Promise<void> {
  await backend.beginWrite();
  try {
    for (const id of dependencyOrder(from)) {
      const d = from.get(id)!;
      backend.store.put(
        storedDocument({
          id: d.id,
          resource: d.resource,
          keys: keysOf(d),
          body: d.body,
          exactBody: true,
          stamp: { sec: d.sec, sub: d.sub },
          refs: refsOf(d),
          descriptorRefs: descriptorRefsOf(d),
          ...(d.owner === undefined ? {} : { owner: d.owner }),
        }),
      );
    }
  } catch (err) {
    await backend.endWrite(false);
    throw err;
  }
  await backend.endWrite(true);
  await backend.markSeeded();
}

/** Opens one backend per year, filling the new ones; a failure closes those already open. */
async function openEach(
  stores: ReadonlyMap<number | undefined, DocumentStore>,
  openOne: (year: number | undefined) => Promise<Backend>,
): Promise<Map<number | undefined, Backend>> {
  const out = new Map<number | undefined, Backend>();
  try {
    for (const [year, store] of stores) {
      const backend = await openOne(year);
      out.set(year, backend);
      if (!backend.seeded) await fill(backend, store);
    }
  } catch (err) {
    for (const b of out.values()) await b.close();
    throw err;
  }
  return out;
}

/** The embedded default: every sandbox in memory, a clone of its template (the stored versions are shared, not copied). */
export function memoryStorage(): SandboxStorage {
  return {
    kind: 'memory',
    open: async (_id, stores) => new Map([...stores].map(([year, store]) => [year, memoryBackend(cloneStore(store), true)])),
    drop: async () => undefined,
    loadCatalog: async () => [],
    saveCatalog: async () => undefined,
  };
}

/** Writes a file so that a crash leaves the old one or the new one, never a part: a temporary file, flushed, renamed. */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  const dir = await open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** `--data`: a folder beside the server's journal, one sub-folder of journals per sandbox and the catalogue as JSON. */
export function journalStorage(root: string, logger: Logger, fsync: boolean): SandboxStorage {
  const catalog = join(root, 'sandboxes.json');
  const fileOf = (id: string, year: number | undefined) => join(root, id, `${year ?? 'ods'}.journal`);
  return {
    kind: 'journal',
    open: async (id, stores) => {
      await mkdir(join(root, id), { recursive: true });
      const { openPersistentStore } = await import('../store/journal-store');
      return openEach(stores, (year) => openPersistentStore(fileOf(id, year), logger, { fsync }));
    },
    drop: async (id) => rm(join(root, id), { recursive: true, force: true }),
    loadCatalog: async () => {
      if (!existsSync(catalog)) return [];
      try {
        return JSON.parse(await readFile(catalog, 'utf8')) as SandboxRecord[];
      } catch (err) {
        throw new Error(`${catalog}: the sandbox catalogue cannot be read (${(err as Error).message}); move it aside to start without sandboxes`, {
          cause: err,
        });
      }
    },
    saveCatalog: (records) => writeFileDurably(catalog, `${JSON.stringify(records, null, 2)}\n`),
  };
}

/** `--store`: one schema per sandbox and year (`edfi_mock_sbx_<id>[_<year>]`), the catalogue in `edfi_mock_sandboxes`. */
export async function postgresStorage(url: string, logger: Logger): Promise<SandboxStorage> {
  const pg = await import('../backend/postgres-backend');
  const admin = await import('../backend/postgres-admin');
  const schemaOf = (id: string, year: number | undefined) => `edfi_mock_sbx_${id}${year === undefined ? '' : `_${year}`}`;
  return {
    kind: 'postgres',
    // Two connections per school year: a sandbox is one trainee's, and a server may hold dozens.
    open: (id, stores) => openEach(stores, async (year) => (await pg.openPostgresBackends(url, [schemaOf(id, year)], logger, 2))[0]),
    drop: (id, years) =>
      admin.dropPostgresSchemas(
        url,
        years.map((y) => schemaOf(id, y)),
      ),
    loadCatalog: () => admin.loadSandboxCatalog(url),
    saveCatalog: (records) => admin.saveSandboxCatalog(url, records),
  };
}
