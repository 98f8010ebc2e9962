import { closeSync, existsSync, openSync, readSync, readdirSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { scanJournal } from '../store/journal-format';
import { metaFile } from '../store/journal-store';

/** Copies bytes [from, end) of a file to another file; returns how many lines they hold. */
function copyTail(file: string, from: number, to: string): number {
  const fd = openSync(file, 'r');
  const size = statSync(file).size;
  const buf = Buffer.alloc(size - from);
  try {
    readSync(fd, buf, 0, buf.length, from);
  } finally {
    closeSync(fd);
  }
  writeFileSync(to, buf);
  let lines = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
  return lines + (buf.length && buf[buf.length - 1] !== 10 ? 1 : 0);
}

const stampOf = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/** Repairs one journal; returns what it did, in sentences. */
export async function repairJournal(file: string, now = new Date()): Promise<string[]> {
  const said: string[] = [];
  const meta = metaFile(file);
  const known = await meta.read();
  if (!existsSync(file)) {
    if (!known) return [`${file}: no journal and no meta file here; nothing to repair.`];
    const aside = `${file}.meta.json.orphaned-${stampOf(now)}`;
    renameSync(`${file}.meta.json`, aside);
    return [`${file} is missing: moved its meta file to ${aside}. The next start begins a fresh data set (default descriptors included).`];
  }
  const scan = scanJournal(file, () => undefined);
  let records = scan.records;
  if (scan.damage) {
    const aside = `${file}.damaged-${stampOf(now)}`;
    const lines = copyTail(file, scan.damage.offset, aside);
    truncateSync(file, scan.damage.offset);
    said.push(
      `${file}: record ${scan.damage.line} (byte ${scan.damage.offset}) was damaged (${scan.damage.reason}). ` +
        `Kept the ${records} records before it; set aside ${lines} line(s) (${scan.size - scan.damage.offset} bytes) in ${aside}.`,
    );
  } else if (scan.tornBytes) {
    truncateSync(file, scan.goodBytes);
    said.push(`${file}: cut off an incomplete last record (${scan.tornBytes} bytes); it was never acknowledged.`);
  }
  const expected = known?.records ?? 0;
  if (!scan.damage && records < expected) {
    said.push(
      `${file}: holds ${records} records where its meta file counted at least ${expected}; accepted as it is (${expected - records} record(s) are gone).`,
    );
  }
  if (!said.length) return [`${file}: ${records} records, all whole; nothing to repair.`];
  records = Math.max(0, records);
  await meta.write({ ...(known ?? { format: scan.format, createdAt: now.toISOString() }), records, seeded: known?.seeded ?? records > 0 });
  return said;
}

/** The journals under a --data path: the file itself, or every `*.journal` of a folder (wi/mi). */
function journalsAt(path: string): string[] {
  if (existsSync(path) && statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((f) => f.endsWith('.journal'))
      .sort()
      .map((f) => join(path, f));
  }
  return [path];
}

/** `edfi-mock repair --data <path>`. */
export function registerRepair(program: Command): void {
  program
    .command('repair')
    .description('repair a damaged --data journal: keep the whole records before the damage, move the rest aside, accept a shortened journal')
    .requiredOption('--data <path>', 'the journal file (or the folder of <year>.journal files) that serve refused to start on')
    .addHelpText(
      'after',
      '\nRun it only when `serve` refuses to start and names the damage. Nothing is deleted: damaged records are moved to\n<journal>.damaged-<time> so they can be inspected. Stop the server first.\n\nExample:\n  edfi-mock repair --data ./ods.journal',
    )
    .action(async (o: { data: string }) => {
      const files = journalsAt(resolve(o.data));
      for (const file of files) for (const line of await repairJournal(file)) console.log(line);
    });
}
