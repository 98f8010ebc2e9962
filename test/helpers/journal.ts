import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { applyRecord, scanJournal } from '../../src/store/journal-format';
import { type JournalOptions, openPersistentStore } from '../../src/store/journal-store';
import { type MemoryStore, createMemoryStore } from '../../src/store/memory-store';
import { withSeedingWrites } from '../../src/pipeline/create-env';
import { testServer } from './api';

/** A journal path in a fresh temporary folder. */
export const tempJournal = () => join(mkdtempSync(join(tmpdir(), 'edfi-mock-')), 'ods.journal');

/** A logger that keeps what it was told (level name and message), for checking what a start-up said. */
export function capturingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const logger = pino(
    { level: 'debug', base: undefined },
    {
      write: (s: string) => {
        const o = JSON.parse(s) as { level: number; msg: string };
        lines.push({ level: pino.levels.labels[o.level], msg: o.msg });
      },
    },
  );
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 'warn' || l.level === 'error') };
}

/** A test server over a journal, seeded once per data set as `serve` does. */
export async function persistentServer(file: string, options: JournalOptions = {}, logger = pino({ level: 'silent' })) {
  const p = await openPersistentStore(file, logger, options);
  return { p, s: await withSeedingWrites([p], () => testServer({ backend: p })) };
}

/** What a journal replays to, read the way a start reads it (without changing the file). */
export function replay(file: string): { store: MemoryStore } & ReturnType<typeof scanJournal> {
  const store = createMemoryStore();
  return { store, ...scanJournal(file, (r) => applyRecord(store, r)) };
}
