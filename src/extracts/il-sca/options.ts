import type { IlScaRuleId } from './rules';

/** The extract editor's choices (seed 003 "Report Editor"). */
export interface IlScaOptions {
  /** ISO dates (YYYY-MM-DD). */
  start: string;
  end: string;
  /** Calendar codes (`CODE` or `SCHOOLID/CODE`), or `all` for every calendar of the year. */
  calendars: string[];
  format: 'state' | 'tab' | 'html';
  /** Three digits, the end of the file name. */
  fileId: string;
  /** State grades to report (15, 01-12); empty: all. */
  grades: string[];
  stripApostrophes: boolean;
  protectedIdentities: boolean;
  includeWithoutStateId: boolean;
  explain: boolean;
  /** The file date (ISO); default: today. Fixed in tests and reproducible runs. */
  fileDate?: string;
  /** Rules switched off: only for the test that proves each rule changes a case. */
  disabled?: ReadonlySet<IlScaRuleId>;
}

/** The extract editor's messages (seed 003), word for word, plus ours for values it cannot read. */
export const MESSAGES = {
  start: 'Must Enter A Start Date for Course Assignment.',
  end: 'Must Enter A End Date for Course Assignment.',
  calendar: 'Must Select 1 or More Calendars.',
};

const STATE_GRADES = ['15', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Reads a date as the editor takes it: YYYY-MM-DD, MM/DD/YYYY or mmddyy (mmddyyyy). */
export function parseEditorDate(text: string): string | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, m, d] = [+match[1], +match[2], +match[3]];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [m, d, y] = [+match[1], +match[2], +match[3]];
  else if ((match = /^(\d{2})(\d{2})(\d{2}|\d{4})$/.exec(t))) [m, d, y] = [+match[1], +match[2], match[3].length === 2 ? 2000 + +match[3] : +match[3]];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

const flag = (v: string | undefined): boolean => v !== undefined && /^(|1|true|yes|on)$/i.test(v.trim());
const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Checks the editor's choices (as query parameters or CLI options): the options, or every message that applies. */
export function readOptions(q: Record<string, string | undefined>): { ok: true; options: IlScaOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const date = (name: 'start' | 'end'): string => {
    const raw = q[name];
    if (raw === undefined || raw.trim() === '') {
      errors.push(MESSAGES[name]);
      return '';
    }
    const iso = parseEditorDate(raw);
    if (!iso) errors.push(`${name === 'start' ? 'Start' : 'End'} Date '${raw}' is not a date (use YYYY-MM-DD, MM/DD/YYYY or mmddyy).`);
    return iso ?? '';
  };
  const start = date('start');
  const end = date('end');
  if (start && end && start > end) errors.push(`The Start Date (${start}) is after the End Date (${end}).`);
  const calendars = list(q.calendar);
  if (!calendars.length) errors.push(MESSAGES.calendar);
  const format = (q.format ?? 'state').toLowerCase();
  if (format !== 'state' && format !== 'tab' && format !== 'html') errors.push(`Format '${q.format}' is not one of state, tab, html.`);
  const fileId = (q.fileId ?? '001').trim();
  if (!/^\d{1,3}$/.test(fileId)) errors.push(`File Identifier '${fileId}' must be a number of up to 3 digits.`);
  const grades = list(q.grades).map((g) => (/^\d$/.test(g) ? `0${g}` : /^k$/i.test(g) ? '15' : g));
  const unknown = grades.filter((g) => !STATE_GRADES.includes(g));
  if (unknown.length) errors.push(`Grade ${unknown.join(', ')} is not a state grade (15 for Kindergarten, 01-12).`);
  const fileDate = q.fileDate ? parseEditorDate(q.fileDate) : undefined;
  if (q.fileDate && !fileDate) errors.push(`File date '${q.fileDate}' is not a date.`);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    options: {
      start,
      end,
      calendars,
      format: format as IlScaOptions['format'],
      fileId: fileId.padStart(3, '0'),
      grades,
      stripApostrophes: flag(q.stripApostrophes),
      protectedIdentities: flag(q.protectedIdentities),
      includeWithoutStateId: flag(q.includeWithoutStateId),
      explain: flag(q.explain),
      fileDate,
    },
  };
}
