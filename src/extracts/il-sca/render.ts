import { COLUMNS } from './fields';
import type { Decision } from './collect';

/** The header record (seed 003 "Header Layout"). */
export interface Header {
  fileType: string;
  totalRecords: number;
  fileName: string;
  /** MM/DD/YYYY */
  fileDate: string;
  rcdts: string;
}

/** A comma-delimited field, quoted only when it holds a comma, a quote or a line break. */
const csv = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
/** A tab-delimited field: tabs and line breaks become spaces. */
const tsv = (v: string): string => v.replace(/[\t\r\n]/g, ' ');
const esc = (v: string): string => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const headerFields = (h: Header): string[] => [h.fileType, String(h.totalRecords), h.fileName, h.fileDate, h.rcdts];

/** State format: the header record, then one comma-delimited line per record (CRLF, as the state's files). */
export function renderState(h: Header, rows: string[][]): string {
  return [headerFields(h), ...rows].map((r) => r.map(csv).join(',')).join('\r\n') + '\r\n';
}

/** Tab-delimited review format: the header record, the column names, then one line per record. */
export function renderTab(h: Header, rows: string[][]): string {
  return [headerFields(h), COLUMNS.map((c) => c.name), ...rows].map((r) => r.map(tsv).join('\t')).join('\r\n') + '\r\n';
}

/** One line per decision: INCLUDED or EXCLUDED, the student, the section, the rule and why. */
export function explainText(decisions: readonly Decision[], warnings: readonly string[]): string {
  const lines = decisions.map(
    (d) =>
      `${d.included ? 'INCLUDED' : 'EXCLUDED'} ${d.student} (${d.name})${d.section ? ` section ${d.section}` : ''}: ${d.rule} ${d.detail}` +
      (d.included ? ` (${d.rows} record${d.rows === 1 ? '' : 's'})` : ''),
  );
  return [...warnings.map((w) => `WARNING ${w}`), ...lines].join('\n') + '\n';
}

/** HTML review format: the header, the records and, for every student and section, the rule that decided it. */
export function renderHtml(h: Header, rows: string[][], decisions: readonly Decision[], warnings: readonly string[], title: string): string {
  const tr = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${esc(h.fileName)}</title>`,
    '<style>body{font-family:sans-serif;font-size:13px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #999;padding:2px 6px;text-align:left}.excluded{color:#8a1c1c}.included{color:#1c5e1c}</style>',
    `</head><body><h1>${esc(title)}</h1>`,
    '<table class="header">',
    tr(['FileType', 'Total Records', 'File Name', 'FileDate', 'RCDTS'], 'th'),
    tr(headerFields(h)),
    '</table>',
    ...(warnings.length ? ['<ul class="warnings">', ...warnings.map((w) => `<li>${esc(w)}</li>`), '</ul>'] : []),
    '<table class="records">',
    tr(
      COLUMNS.map((c) => c.name),
      'th',
    ),
    ...rows.map((r) => tr(r)),
    '</table>',
    '<h2>Why each student and section is in the file or not</h2>',
    '<table class="decisions">',
    tr(['Decision', 'Student', 'Name', 'Section', 'Rule', 'Why', 'Records'], 'th'),
    ...decisions.map(
      (d) =>
        `<tr class="${d.included ? 'included' : 'excluded'}">${[d.included ? 'included' : 'excluded', d.student, d.name, d.section ?? '', d.rule, d.detail, String(d.rows)].map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
    ),
    '</table>',
    '</body></html>',
    '',
  ].join('\n');
}
