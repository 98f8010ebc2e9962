import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { clientToken, fetchText } from './http-client';
import type { Decision } from '../extracts/il-sca/collect';
import { explainText } from '../extracts/il-sca/render';

interface ExtractOptions {
  start?: string;
  end?: string;
  calendar?: string[];
  format: string;
  fileId: string;
  grades?: string;
  stripApostrophes?: boolean;
  protectedIdentities?: boolean;
  includeWithoutStateId?: boolean;
  explain?: boolean;
  fileDate?: string;
  url: string;
  year: string;
  key: string;
  secret: string;
  out: string;
}

/** The problem body of a 400: its errors, one per line. */
function refusal(err: Error): Error {
  const m = /answered 400: (.*)$/s.exec(err.message);
  if (!m) return err;
  try {
    const body = JSON.parse(m[1]) as { errors?: string[]; detail?: string };
    return new Error((body.errors ?? [body.detail ?? m[1]]).join('\n'));
  } catch {
    return err;
  }
}

/** `edfi-mock extract il-sca`: builds the Illinois Student Course Assignment file from a running server's data. */
export function registerExtract(program: Command): void {
  const extract = program
    .command('extract')
    .description('build a state extract file from the data of a running edfi-mock (il-sca: Illinois Student Course Assignment)');
  extract
    .command('il-sca')
    .description('the Illinois K-12 In Progress V2 Student Course Assignment file (SCA8_<RCDTS>_<mmddyyyy>_<id>.txt) of one school year')
    .option('--start <date>', 'Start Date: enrollments and sections active from this date (YYYY-MM-DD, MM/DD/YYYY or mmddyy); required')
    .option('--end <date>', 'End Date (same forms); required')
    .option('--calendar <code...>', "calendars to report: CODE, SCHOOLID/CODE, or 'all'; at least one")
    .option('--format <format>', 'state (comma delimited, for submission), tab or html (for review)', 'state')
    .option('--file-id <nnn>', 'File Identifier: the 3 digits that end the file name', '001')
    .option('--grades <list>', 'only these state grades, e.g. 09,10,11,12 (15 or K is Kindergarten); default: all')
    .option('--strip-apostrophes', "remove ' , . and the umlaut, tilde, grave, acute and circumflex marks from names and text")
    .option('--protected-identities', 'report the legal names (_ext.il.legalFirstName/legalLastName) when populated')
    .option('--include-without-state-id', 'also report students without a state ID')
    .option('--explain', 'print, for every student and section, the rule that included or excluded it (to stderr)')
    .option('--file-date <date>', 'the FileDate of the header (default: today), for reproducible files')
    .option('--url <url>', 'base URL of the server', 'http://127.0.0.1:54746')
    .option('--year <year>', 'school year (ending year: 2026 for 2025-26)', String(new Date().getUTCFullYear()))
    .requiredOption('--key <key>', 'API client key')
    .requiredOption('--secret <secret>', 'API client secret')
    .option('--out <path>', "where to write: a file, a folder (the file keeps the state's name), or - for stdout", '.')
    .addHelpText(
      'after',
      '\nThe server must run the il profile (edfi-mock serve --profile il). The same file is served at\n' +
        'GET /{year}/extracts/il-sca?start=...&end=...&calendar=...&format=state|tab|html&fileId=...\n\n' +
        'Example:\n  edfi-mock extract il-sca --start 2025-08-15 --end 2026-06-05 --calendar all --year 2026 --key KEY --secret SECRET',
    )
    .action(async (o: ExtractOptions) => {
      const base = o.url.replace(/\/+$/, '');
      if (!/^\d{4}$/.test(o.year)) throw new Error(`--year must be a school year such as 2026, not '${o.year}'`);
      const query = new URLSearchParams();
      const set = (name: string, value: string | boolean | undefined) => value !== undefined && value !== false && query.set(name, String(value));
      set('start', o.start);
      set('end', o.end);
      if (o.calendar?.length) query.set('calendar', o.calendar.join(','));
      set('format', o.format);
      set('fileId', o.fileId);
      set('grades', o.grades);
      set('stripApostrophes', o.stripApostrophes);
      set('protectedIdentities', o.protectedIdentities);
      set('includeWithoutStateId', o.includeWithoutStateId);
      set('fileDate', o.fileDate);
      query.set('explain', 'true');
      const token = await clientToken(base, o.key, o.secret);
      const answer = await fetchText(`${base}/${o.year}/extracts/il-sca?${query.toString()}`, { headers: { Authorization: `Bearer ${token}` } }).catch(
        (err: Error) => {
          throw refusal(err);
        },
      );
      const file = JSON.parse(answer.text) as { fileName: string; text: string; header: { totalRecords: number }; decisions: Decision[]; warnings: string[] };
      if (o.explain) process.stderr.write(explainText(file.decisions, file.warnings));
      else for (const w of file.warnings) process.stderr.write(`warning: ${w}\n`);
      if (o.out === '-') {
        process.stdout.write(file.text);
        return;
      }
      const path =
        existsSync(o.out) && statSync(o.out).isDirectory()
          ? join(o.out, o.format === 'html' ? file.fileName.replace(/\.txt$/, '.html') : file.fileName)
          : o.out;
      writeFileSync(path, file.text);
      const excluded = file.decisions.filter((d) => !d.included).length;
      process.stderr.write(
        `Wrote ${path}: ${file.header.totalRecords} records (${excluded} students or sections left out${o.explain ? '' : '; --explain says why'}).\n`,
      );
    });
}
