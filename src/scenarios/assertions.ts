import type { JournalEntry } from '../pipeline/request-journal';
import { matchBody } from './match';
import { at, parse, tokenFor } from './session';
import type { Target } from './target';
import { type Vars, fill } from './template';
import type { Assertion, AssertionResult, JournalMatch } from './types';

const matches = (e: JournalEntry, m: JournalMatch): boolean =>
  (!m.method || e.method === m.method) &&
  (!m.resource || e.resource === m.resource) &&
  (m.status === undefined || e.status === m.status) &&
  (!m.statusClass || String(e.status)[0] === m.statusClass[0]);
const describe = (m: JournalMatch) => [m.method ?? 'any request', m.resource ?? '', m.status ?? m.statusClass ?? ''].filter(Boolean).join(' ');

/** How to get a journal, for a target that keeps none. */
export const NO_JOURNAL_HINT = 'start edfi-mock with --journal-size 10000 (GET /admin/journal); other Ed-Fi APIs keep none';

/** Evaluates certification assertions on the target's data and journal (entries after `since`). */
export async function evaluate(assertions: Assertion[], target: Target, base: string, vars: Vars, since: number): Promise<AssertionResult[]> {
  const out: AssertionResult[] = [];
  const entries = assertions.some((a) => a.journal) ? await target.journal() : [];
  const journal = (entries ?? []).filter((e) => e.seq > since);
  for (const a of assertions) {
    const diffs: string[] = [];
    if (a.data) {
      const path = String(fill(a.data.path, vars));
      const sep = path.includes('?') ? '&' : '?';
      const answer = await target.send('GET', `${base}${path}${/[?&]limit=/.test(path) ? '' : `${sep}limit=500`}`, undefined, {
        Authorization: `Bearer ${await tokenFor(target, 'default')}`,
      });
      const items = parse(answer.text);
      if (answer.status !== 200 || !Array.isArray(items)) diffs.push(`GET ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      else {
        if (a.data.count !== undefined && items.length !== a.data.count) diffs.push(`${path}: expected ${a.data.count} items, found ${items.length}`);
        const key = a.data.orderBy;
        const sorted = key ? [...items].sort((x, y) => String(at(x, key)).localeCompare(String(at(y, key)))) : items;
        if (a.data.items) diffs.push(...matchBody('subset', fill(a.data.items, vars), sorted));
      }
    }
    if (a.report) diffs.push(...(await reportDiffs(a.report, target, vars)));
    if (a.journal && !entries) diffs.push(`journal: ${target.label} keeps no request journal: ${NO_JOURNAL_HINT}`);
    else if (a.journal) diffs.push(...journalDiffs(a.journal, journal));
    out.push({ that: a.that, passed: diffs.length === 0, diffs });
  }
  return out;
}

interface ReportFinding {
  ruleId: string;
  resource: string;
  key: string;
  message: string;
}

/** What a report assertion finds: a finding of an excluded rule (named by rule id and record), or a missing one. */
async function reportDiffs(r: NonNullable<Assertion['report']>, target: Target, vars: Vars): Promise<string[]> {
  const path = vars.year === undefined ? '/validations' : `/${String(vars.year)}/validations`;
  const answer = await target.send('GET', path, undefined, { Authorization: `Bearer ${await tokenFor(target, 'default')}` });
  const report = parse(answer.text) as { findings?: ReportFinding[] } | undefined;
  if (answer.status !== 200 || !Array.isArray(report?.findings))
    return [`report: GET ${path} gave no validation report (${answer.status}); report checks need edfi-mock`];
  const diffs: string[] = [];
  for (const f of report.findings.filter((x) => r.excludes?.includes(x.ruleId)))
    diffs.push(`report: ${f.ruleId} finding on ${f.resource} (${f.key}): ${f.message}`);
  for (const id of r.includes ?? []) if (!report.findings.some((x) => x.ruleId === id)) diffs.push(`report: no ${id} finding`);
  return diffs;
}

/** What a journal assertion finds missing or unexpected among the entries. */
function journalDiffs(j: NonNullable<Assertion['journal']>, journal: JournalEntry[]): string[] {
  const diffs: string[] = [];
  if (j.order) {
    let from = 0;
    for (const m of j.order) {
      const i = journal.slice(from).findIndex((e) => matches(e, m));
      if (i < 0) {
        diffs.push(`journal: no ${describe(m)}${from ? ' after the previous match' : ''}`);
        break;
      }
      from += i + 1;
    }
  }
  const hit = j.none && journal.find((e) => matches(e, j.none!));
  if (hit) diffs.push(`journal: #${hit.seq} ${hit.method} ${hit.path} answered ${hit.status}, and none was expected${hit.errors ? ` (${hit.errors[0]})` : ''}`);
  if (j.some && !journal.some((e) => matches(e, j.some!))) diffs.push(`journal: no ${describe(j.some)}`);
  return diffs;
}
