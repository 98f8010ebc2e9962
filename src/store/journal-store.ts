import { closeSync, existsSync, openSync, readSync, renameSync, truncateSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { JSONFile } from 'lowdb/node';
import type { DocumentId } from '../util/brand';
import type { Logger } from '../util/logger';
import type { DocumentStore, StoredDocument } from './document-store';
import { createMemoryStore } from './memory-store';

/**
 * Persistence as an append-only journal: one line per change, written in batches off the request path.
 * lowdb's whole-file adapter cannot hold 1M documents and blocks the event loop for each save, so documents go to
 * the journal and lowdb keeps only the small sidecar of facts about it (`<file>.meta.json`, written atomically).
 * A crash or kill -9 can only tear the last line: it is cut off at the next start. Compaction rewrites the live
 * documents to a temporary file in slices and renames it over the journal, so the file on disk is always whole.
 */

/**
 * Journal line of a stored document: a small JSON header, a tab, then the body's JSON text as stored. The body is
 * neither escaped on write nor parsed on replay (JSON text never contains a raw tab), which keeps both cheap (G7, G10).
 */
interface PutLine {
  o: 'p';
  i: string;
  r: string;
  k: string[];
  m: number;
  t: number;
  f: string[];
  /** Descriptor uses. */
  u: string[];
}
/** How long changes wait to be written together, and how many bytes make a batch write at once. */
const BATCH_MS = 10;
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Largest string handed to one write. V8 puts strings over ~128 KB straight into the old generation, and a stream of
 * them (a snapshot writes the whole store) triggers full collections whose pauses block the event loop (G9).
 */
const WRITE_CHUNK = 64 * 1024;

/** Writes lines in chunks of at most WRITE_CHUNK characters (a single longer line goes alone). */
async function writeLines(target: FileHandle, lines: readonly string[]): Promise<void> {
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length > WRITE_CHUNK && chunk.length) {
      await target.write(chunk.join(''));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length;
  }
  if (chunk.length) await target.write(chunk.join(''));
}

/** Journal line of a deletion. */
interface DeleteLine {
  o: 'd';
  i: string;
}

/** Facts about the journal, kept by lowdb. */
interface JournalMeta {
  format: number;
  createdAt: string;
  compactedAt?: string;
  documents?: number;
}

/** Ids are 32 hex characters and entity names are identifiers: only the keys need JSON escaping. */
const idList = (ids: readonly string[]): string => (ids.length ? `["${ids.join('","')}"]` : '[]');
const putLine = (d: StoredDocument): string =>
  `{"o":"p","i":"${d.id}","r":"${d.resource}","k":${JSON.stringify(d.keys)},"m":${d.ms},"t":${d.tick},"f":${idList(d.refs)},"u":${idList(d.descriptorRefs)}}\t${d.body}\n`;
const deleteLine = (id: DocumentId): string => `${JSON.stringify({ o: 'd', i: id } satisfies DeleteLine)}\n`;

/** Replays a journal into a store; cuts off a torn last line. Throws with the line number on a corrupt line. */
export function replayJournal(file: string, store: DocumentStore): { lines: number; tornBytes: number } {
  if (!existsSync(file)) return { lines: 0, tornBytes: 0 };
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  let carry = Buffer.alloc(0);
  let goodBytes = 0;
  let lines = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        const tab = data.indexOf(9, start);
        const split = tab >= 0 && tab < nl;
        lines++;
        // Header and body are decoded separately so each is a flat string of its own (no slice of the chunk).
        applyLine(data.toString('utf8', start, split ? tab : nl), split ? data.toString('utf8', tab + 1, nl) : undefined, store, lines, file);
        goodBytes += nl + 1 - start;
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  if (carry.length) truncateSync(file, goodBytes);
  return { lines, tornBytes: carry.length };
}

function applyLine(header: string, body: string | undefined, store: DocumentStore, lineNo: number, file: string): void {
  let line: PutLine | DeleteLine;
  try {
    line = JSON.parse(header) as PutLine | DeleteLine;
    if (line.o === 'p' && body === undefined) throw new Error('no body');
  } catch {
    throw new Error(`${file}: line ${lineNo} is not a journal line; the journal is damaged before its end and was left untouched`);
  }
  if (line.o === 'd') {
    store.delete(line.i as DocumentId);
    return;
  }
  store.put({
    id: line.i as DocumentId,
    resource: line.r,
    keys: line.k,
    body: body!,
    ms: line.m,
    tick: line.t,
    refs: line.f as DocumentId[],
    descriptorRefs: (line.u ?? []) as DocumentId[],
  });
}

/** A store that persists every change; `close` flushes and syncs. */
export interface PersistentStore {
  store: DocumentStore;
  /** Resolves when everything written so far is on disk. */
  flush: () => Promise<void>;
  /** Rewrites the journal with only live documents. */
  compact: () => Promise<void>;
  close: () => Promise<void>;
}

/** Opens (or creates) a journal, replays it into a fresh memory store and appends every later change. */
export async function openPersistentStore(file: string, logger: Logger, sliceSize = 500): Promise<PersistentStore> {
  const started = Date.now();
  const store = createMemoryStore();
  const meta = new JSONFile<JournalMeta>(`${file}.meta.json`);
  const known = await meta.read();
  if (known && known.format !== 1) throw new Error(`${file}: journal format ${known.format} is not supported by this version`);
  const { lines, tornBytes } = replayJournal(file, store);
  if (tornBytes) logger.warn({ file, tornBytes }, 'cut off a torn last journal line (the write was interrupted)');
  logger.info({ file, lines, documents: store.size(), ms: Date.now() - started }, 'journal replayed');
  await meta.write({ ...(known ?? { format: 1, createdAt: new Date().toISOString() }), documents: store.size() });

  let handle: FileHandle = await open(file, 'a');
  // Lines in the journal, to decide when superseded lines outweigh live documents enough to compact.
  let journalLines = lines;
  let compacting: Promise<void> | undefined;
  let pending: string[] = [];
  let writing: Promise<void> | undefined;
  // While a compaction swaps files, writes wait in `pending`; lines written meanwhile are also copied to the new file.
  let paused = false;
  let copyTo: string[] | undefined;
  const drain = async (): Promise<void> => {
    while (pending.length && !paused) {
      const batch = pending;
      pending = [];
      await writeLines(handle, batch);
    }
    writing = undefined;
  };
  // Lines are gathered for a few milliseconds and written in one go: one write per batch, not per request, keeps the
  // file system's worker thread from competing with requests (G7). A crash loses at most that window.
  let pendingBytes = 0;
  let wake: (() => void) | undefined;
  const kick = () => {
    if (pendingBytes > BATCH_BYTES && wake) wake();
    writing ??= new Promise<void>((ok) => {
      wake = ok;
      setTimeout(ok, BATCH_MS);
    }).then(() => {
      wake = undefined;
      pendingBytes = 0;
      return drain();
    });
  };
  const enqueue = (line: string) => {
    pending.push(line);
    pendingBytes += line.length;
    copyTo?.push(line);
    journalLines++;
    if (!compacting && journalLines > 2 * store.size() + 50_000) {
      compacting = compact()
        .catch((err: unknown) => logger.error({ err, file }, 'journal compaction failed; the journal is unchanged'))
        .finally(() => (compacting = undefined));
    }
    kick();
  };
  store.listen({ put: (d) => enqueue(putLine(d)), delete: (id) => enqueue(deleteLine(id)) });
  const flush = async () => {
    while (writing) await writing;
  };
  const writeMeta = async (extra: Partial<JournalMeta>) =>
    meta.write({ ...((await meta.read()) ?? { format: 1, createdAt: new Date().toISOString() }), documents: store.size(), ...extra });

  const compact = async () => {
    const started = Date.now();
    const tmp = `${file}.compacting`;
    const out = await open(tmp, 'w');
    copyTo = [];
    // Global insertion order, so paging order survives a restart. Slices yield to the event loop (G9).
    const ids = [...store.ids()];
    for (let i = 0; i < ids.length; i += sliceSize) {
      const slice = ids.slice(i, i + sliceSize).flatMap((id) => {
        const d = store.get(id);
        return d ? [putLine(d)] : [];
      });
      await writeLines(out, slice);
    }
    await flush();
    paused = true;
    const during = copyTo;
    copyTo = undefined;
    try {
      await writeLines(out, during);
      await out.sync();
      await out.close();
      renameSync(tmp, file);
      await handle.close();
      handle = await open(file, 'a');
    } finally {
      paused = false;
      kick();
    }
    journalLines = ids.length + during.length + pending.length;
    logger.info({ file, documents: store.size(), ms: Date.now() - started }, 'journal compacted');
    await writeMeta({ compactedAt: new Date().toISOString() });
  };

  return {
    store,
    flush,
    compact,
    close: async () => {
      await compacting;
      await flush();
      await handle.sync();
      await handle.close();
      await writeMeta({});
    },
  };
}
