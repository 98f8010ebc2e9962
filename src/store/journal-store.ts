import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, truncateSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { Logger } from '../util/logger';
import { outcome } from '../util/outcome';
import type { StoredDocument } from './document-store';
import { JOURNAL_FORMAT, type ScanResult, applyRecord, changeRecord, deleteRecord, putRecord, scanJournal } from './journal-format';
import type { Backend } from '../backend/backend';
import { type Undo, createMemoryStore } from './memory-store';

/**
 * Persistence as an append-only journal of checksummed records (journal-format.ts), with group commit: changes made
 * while a write is under way are written together as the next batch, and a request is acknowledged only once the
 * batch holding its changes has reached the file (with `fsync`, the disk). lowdb keeps the small sidecar of facts
 * about the journal (`<file>.meta.json`, written atomically): the format, at least how many records the journal
 * holds, and whether the default descriptors were seeded. A kill -9 can only tear the last, unacknowledged record:
 * it is cut off at the next start. Compaction rewrites the live documents and the change history to a temporary
 * file in slices and renames it over the journal, so the file on disk is always whole.
 */

/**
 * Largest string handed to one write. V8 puts strings over ~128 KB straight into the old generation, and a stream of
 * them (a snapshot writes the whole store) triggers full collections whose pauses block the event loop (G9).
 */
const WRITE_CHUNK = 64 * 1024;

/** Writes all of a string: a short write (a file size limit, a nearly full disk) is continued, and then fails with the reason. */
async function writeAll(target: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text);
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await target.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

/** Writes lines in chunks of at most WRITE_CHUNK characters (a single longer line goes alone). */
async function writeLines(target: FileHandle, lines: readonly string[]): Promise<void> {
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length > WRITE_CHUNK && chunk.length) {
      await writeAll(target, chunk.join(''));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length;
  }
  if (chunk.length) await writeAll(target, chunk.join(''));
}

/** Facts about the journal, kept by lowdb. */
export interface JournalMeta {
  format: number;
  createdAt: string;
  compactedAt?: string;
  documents?: number;
  /** The journal held at least this many records when last checked (it only grows between compactions). */
  records?: number;
  /** The default descriptors and profile seeds were written once; deleted ones stay deleted. */
  seeded?: boolean;
  /** The data set's secret (page tokens are signed with it); made at the first start. */
  secret?: string;
}

/** The meta file beside a journal. */
export const metaFile = (file: string) => new JSONFile<JournalMeta>(`${file}.meta.json`);

/** The start was refused: the journal is damaged or disagrees with its meta file. Nothing was changed. */
export class JournalRefused extends Error {}

const repairHint = (file: string) => `edfi-mock repair --data ${file}`;

/** Why a scanned journal must not be served, or undefined when it may. */
export function refusal(file: string, scan: ScanResult, known: JournalMeta | undefined, exists: boolean): string | undefined {
  if (scan.damage) {
    const { line, offset, reason } = scan.damage;
    return (
      `${file}: record ${line} (line ${line}, byte ${offset}) is damaged: ${reason}. Nothing was changed. ` +
      `Restore the file from a backup, or run \`${repairHint(file)}\` to keep the ${line - 1} records before it and move the rest aside.`
    );
  }
  const expected = known?.records ?? 0;
  if (known && !exists && expected > 0) {
    return `${file} is missing, but ${file}.meta.json says it held ${expected} records. Restore it from a backup, or run \`${repairHint(file)}\` to start this data set afresh.`;
  }
  if (scan.records < expected) {
    return (
      `${file} holds ${scan.records} whole records, but ${file}.meta.json says it held at least ${expected}: ` +
      `the journal was emptied, cut or replaced. Nothing was changed. Restore it from a backup, or run \`${repairHint(file)}\` to accept it as it is.`
    );
  }
  return undefined;
}

/** Journal options. */
export interface JournalOptions {
  /** fsync each batch before acknowledging it (survives power loss, costs a disk flush per batch). */
  fsync?: boolean;
  /** Documents per compaction slice (the event loop runs between slices). */
  sliceSize?: number;
}

/** A batch of changes written together and acknowledged together. */
interface Batch {
  lines: string[];
  undos: Undo[];
  /** The change version before the batch's first change. */
  versionBefore: number;
  done: Promise<void>;
  settle: (err?: Error) => void;
}

/** Replays a journal into a memory store (refusing on damage, cutting a torn tail) and appends every later change. */
export async function openPersistentStore(file: string, logger: Logger, options: JournalOptions = {}): Promise<Backend> {
  const started = Date.now();
  const sliceSize = options.sliceSize ?? 500;
  const store = createMemoryStore();
  const meta = metaFile(file);
  const known = await meta.read();
  if (known && known.format > JOURNAL_FORMAT) {
    throw new JournalRefused(`${file}: journal format ${known.format} is newer than this version of edfi-mock reads (${JOURNAL_FORMAT}); upgrade edfi-mock`);
  }
  const exists = existsSync(file);
  const scan = scanJournal(file, (r) => applyRecord(store, r));
  const refused = refusal(file, scan, known ?? undefined, exists);
  if (refused) throw new JournalRefused(refused);
  if (scan.tornBytes) {
    truncateSync(file, scan.goodBytes);
    logger.warn(
      { file, tornBytes: scan.tornBytes, records: scan.records },
      `cut off an incomplete last record (${scan.tornBytes} bytes): a write was interrupted before it was acknowledged`,
    );
  }
  logger.info({ file, records: scan.records, documents: store.size(), ms: Date.now() - started }, 'journal replayed');
  let current: JournalMeta = {
    ...(known ?? { format: JOURNAL_FORMAT, createdAt: new Date().toISOString() }),
    documents: store.size(),
    records: scan.records,
    // A journal written before seeding was recorded has its defaults already.
    seeded: known ? (known.seeded ?? scan.records > 0) : false,
    secret: known?.secret ?? randomBytes(16).toString('hex'),
  };
  await meta.write(current);
  const writeMeta = async (extra: Partial<JournalMeta>) => meta.write((current = { ...current, documents: store.size(), ...extra }));

  let handle: FileHandle = await open(file, 'a');
  let size = scan.goodBytes;
  let records = scan.records;
  /** A failed write may have left part of a batch in the file: cut it before the next write. */
  let dirty = false;
  let compacting: Promise<void> | undefined;
  /** Bumped when changes are taken back: a compaction that copied them is abandoned. */
  let generation = 0;
  /** Lines written since a compaction began, to copy into the new file. */
  let copyTo: string[] | undefined;
  let paused = false;
  let writing: Batch | undefined;
  let scheduled = false;

  const newBatch = (): Batch => {
    return { lines: [], undos: [], versionBefore: store.changeVersion(), ...outcome() };
  };
  let open_ = newBatch();
  /** One batch acknowledged when both are: `a`'s changes come first. */
  const merge = (a: Batch, b: Batch): Batch => {
    const m = newBatch();
    m.lines = [...a.lines, ...b.lines];
    m.undos = [...a.undos, ...b.undos];
    m.versionBefore = a.versionBefore;
    m.done.then(
      () => {
        a.settle();
        b.settle();
      },
      (err: Error) => {
        a.settle(err);
        b.settle(err);
      },
    );
    return m;
  };

  const rollBack = (failed: Batch[], err: Error) => {
    generation++;
    for (let i = failed.length - 1; i >= 0; i--) store.revert(failed[i].undos, failed[i].versionBefore);
    for (const b of failed) b.settle(err);
  };
  const writeBatch = async (): Promise<void> => {
    scheduled = false;
    if (writing || paused || !open_.lines.length) return;
    const batch = open_;
    open_ = newBatch();
    writing = batch;
    try {
      if (dirty) {
        await handle.truncate(size);
        dirty = false;
      }
      await writeLines(handle, batch.lines);
      if (options.fsync) await handle.datasync();
      size += batch.lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
      records += batch.lines.length;
      copyTo?.push(...batch.lines);
      batch.settle();
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      dirty = true;
      // Changes made after the failed ones may build on them (a reference to a new item): they go back too.
      const failed = [batch, open_];
      open_ = newBatch();
      rollBack(failed, err);
      try {
        await handle.truncate(size);
        dirty = false;
      } catch {
        // Cut again before the next write.
      }
      logger.error(
        { file, err: err.message, changes: failed.reduce((n, b) => n + b.lines.length, 0) },
        'the journal could not be written; the changes of this batch were taken back',
      );
    } finally {
      writing = undefined;
      schedule();
    }
  };
  const schedule = () => {
    if (scheduled || writing || paused || !open_.lines.length) return;
    scheduled = true;
    // setImmediate gathers every change of the current turn of the event loop into the batch.
    setImmediate(() => void writeBatch());
  };
  const enqueue = (line: string, undo: Undo) => {
    open_.lines.push(line);
    open_.undos.push(undo);
    if (!compacting && records + open_.lines.length > 2 * store.size() + 50_000) {
      compacting = compact()
        .catch((err: unknown) => logger.error({ err, file }, 'journal compaction failed; the journal is unchanged'))
        .finally(() => (compacting = undefined));
    }
    schedule();
  };
  store.listen({
    put: (d: StoredDocument, previous) => enqueue(putRecord(d), { id: d.id, previous }),
    delete: (d, tombstone) => enqueue(deleteRecord(tombstone), { id: d.id, previous: d }),
  });
  store.setCommitter(() => (open_.lines.length ? open_.done : writing?.done));
  const flush = async () => {
    for (;;) {
      const pending = open_.lines.length ? open_.done : writing?.done;
      if (!pending) return;
      await pending.catch(() => undefined);
    }
  };

  const compact = async () => {
    const began = Date.now();
    const tmp = `${file}.compacting`;
    const out = await open(tmp, 'w');
    const startedAt = generation;
    copyTo = [];
    let written = 0;
    /** The changes waiting when the swap began: the new file takes them, then they are acknowledged. */
    let held: Batch | undefined;
    try {
      // History first (it only holds what is gone), then live documents in global insertion order, so paging order
      // survives a restart. Slices yield to the event loop (G9).
      const history = store.changes().map((c) => (c.type === 'deleted' ? deleteRecord(c) : changeRecord(c)));
      await writeLines(out, history);
      written += history.length;
      const ids = [...store.ids()];
      for (let i = 0; i < ids.length; i += sliceSize) {
        const slice = ids.slice(i, i + sliceSize).flatMap((id) => {
          const d = store.get(id);
          return d ? [putRecord(d)] : [];
        });
        await writeLines(out, slice);
        written += slice.length;
      }
      // Quiesce: the batch under way finishes, new changes wait in the open batch until the swap is done.
      paused = true;
      while (writing) await writing.done.catch(() => undefined);
      if (generation !== startedAt) throw new Error('changes were taken back while compacting; compaction abandoned');
      // The snapshot may hold versions that were still waiting: they go into the new file with what was written meanwhile.
      held = open_;
      open_ = newBatch();
      const tail = [...copyTo, ...held.lines];
      await writeLines(out, tail);
      written += tail.length;
      await out.sync();
      await out.close();
      // The meta file's count goes down first: a crash between the two leaves a journal with more records, not fewer.
      await writeMeta({ records: written, compactedAt: new Date().toISOString() });
      renameSync(tmp, file);
      if (options.fsync) {
        const dir = await open(dirname(file), 'r');
        await dir.sync().finally(() => dir.close());
      }
      await handle.close();
      handle = await open(file, 'a');
      size = (await handle.stat()).size;
      records = written;
      held.settle();
      held = undefined;
      logger.info({ file, documents: store.size(), records, ms: Date.now() - began }, 'journal compacted');
    } catch (err) {
      await out.close().catch(() => undefined);
      rmSync(tmp, { force: true });
      // Held changes go to the old journal as usual, ahead of anything made since.
      if (held) open_ = merge(held, open_);
      throw err;
    } finally {
      copyTo = undefined;
      paused = false;
      schedule();
    }
  };

  if (scan.format < JOURNAL_FORMAT) {
    // A journal from before checksums is rewritten once in the current format.
    await compact();
    await writeMeta({ format: JOURNAL_FORMAT });
    logger.info({ file, format: JOURNAL_FORMAT }, 'journal rewritten in the current format (with checksums)');
  }
  return {
    kind: 'journal',
    store,
    secret: current.secret!,
    get seeded() {
      return !!current.seeded;
    },
    refresh: () => undefined,
    beginWrite: () => undefined,
    // A write is answered once the batch holding its changes is in the file; a refused write changed nothing.
    endWrite: (keep) => (keep ? store.committed() : undefined),
    markSeeded: async () => {
      // A seed the file did not take must be written again at the next start: the error goes to the caller.
      await store.committed();
      await writeMeta({ seeded: true, records });
    },
    flush,
    compact: async () => {
      await (compacting ??= compact().finally(() => (compacting = undefined)));
    },
    close: async () => {
      await compacting?.catch(() => undefined);
      await flush();
      await handle.sync();
      await handle.close();
      await writeMeta({ records });
    },
  };
}
