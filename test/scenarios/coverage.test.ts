import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS_DIR, loadScenarios } from '../../src/scenarios/load';

/** The seed index of scenarios/README.md: per document, rows of (use case or rule, scenario ids). */
function seedIndex(): Map<string, { label: string; ids: string[] }[]> {
  const text = readFileSync(join(SCENARIOS_DIR, 'README.md'), 'utf8');
  const index = new Map<string, { label: string; ids: string[] }[]>();
  let doc: string | undefined;
  for (const line of text.slice(text.indexOf('## Seed index')).split('\n')) {
    const heading = /^### (\S+)/.exec(line);
    if (heading) index.set((doc = heading[1]), []);
    const row = /^\| ([^|]+) \| ([A-Z][^|]+) \|$/.exec(line);
    if (doc && row && row[2].trim() !== 'Scenarios') index.get(doc)!.push({ label: row[1].trim(), ids: row[2].split(',').map((s) => s.trim()) });
  }
  return index;
}

const range = (from: number, to: number, suffix = '.0') => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}${suffix}`);
/** The use-case numbers issue 4 requires per seed. */
const REQUIRED: Record<string, string[]> = {
  '000_e92aa85afb992122.txt': [...range(1, 9), '6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '6.7'],
  '001_c3ce380d4d23b608.txt': [
    ...range(1, 18),
    ...['15.1', '15.2', '15.3', '15.4', '15.5', '15.6'].map((u) => `${u} (attendance)`),
    '15.1 (delete)',
    '15.2 (delete)',
    '16.1',
    '17.1',
    '17.2',
    '17.3',
    '18.1',
    '18.2',
    '18.3',
  ],
};
const RULE_ROWS: Record<string, RegExp[]> = {
  '000_e92aa85afb992122.txt': [/conditionally required/],
  '001_c3ce380d4d23b608.txt': [/^Coursework enrollment/],
  '003_5d6c697e9ce94451.txt': [
    /^Report Logic: active .*enrollment/,
    /^Report Logic: active in the course section/,
    /^Report Logic: State Reported grading task/,
    /^Once per student/,
    /^Exception: the task's term mask/,
    /^Exception: enrollments differing/,
    /State exclude and Dual Credit/,
    /^State grades/,
    /^Report Editor: Start Date, End Date/,
    /^Report Editor: grade levels/,
    /^Formats:/,
    /^Header layout/,
    /^Extract layout/,
  ],
  '002_c40a49d8bb90e7a7.txt': [
    /^POST: staff type/,
    /^POST: role mapped/,
    /^POST: staff must have an Ed-Fi ID/,
    /^POST: calendar, course, school exclude/,
    /^POST: district assignment/,
    /^POST: 0 students/,
    /^POST: configuration profile/,
    /^POST: term overlaps/,
    /^POST: mapped role added/,
    /^POST: students added/,
    /^PUT:/,
    /^POST\/DELETE:/,
    /^DELETE: staff deleted/,
    /^DELETE: role removed/,
    /^DELETE: end date/,
    /^DELETE: role changed to XX/,
    /^beginDate/,
    /^endDate/,
    /^Resource toggled OFF/,
    /^Resync: an ODS record/,
    /^Resync: an identity-map/,
    /natural key changes/,
    /^Scope year/,
  ],
  '004_695ab3be0c39d306.txt': [
    /Complete/,
    /^Put when behaviors/,
    /^Put when followUps/,
    /role changes/,
    /event type changes/,
    /In Progress/,
    /discipline actions first/,
    /Order of behaviors/,
    /Scope year/,
    /In Progress changes to Completed/,
    /^Do not send: calendar or school Exclude/,
    /all non-excluded enrollments/,
    /^Role not mapped/,
    /last one to sync wins/,
    /^Event not mapped/,
    /^Follow-up codes/,
    /^Incident deleted/,
    /Ed-Fi ID change/,
    /^Resource toggled OFF/,
    /^Resync: an ODS record/,
    /^Resync: identity-map/,
  ],
};

describe('catalogue coverage (seed index of scenarios/README.md)', () => {
  const index = seedIndex();
  const byId = new Map(loadScenarios().map((s) => [s.id, s]));

  it('indexes every seed document and the core conformance checks', () => {
    expect([...index.keys()].sort()).toEqual([
      '000_e92aa85afb992122.txt',
      '001_c3ce380d4d23b608.txt',
      '002_c40a49d8bb90e7a7.txt',
      '003_5d6c697e9ce94451.txt',
      '004_695ab3be0c39d306.txt',
      'edfi-api-behavior.md',
    ]);
  });

  it.each(Object.entries(REQUIRED))('%s: every use case number has a row', (doc, required) => {
    const labels = index.get(doc)!.map((r) => r.label);
    expect(required.filter((u) => !labels.includes(u))).toEqual([]);
  });

  it.each(Object.entries(RULE_ROWS))('%s: every kind of rule has a row', (doc, kinds) => {
    const labels = index.get(doc)!.map((r) => r.label);
    expect(kinds.filter((k) => !labels.some((l) => k.test(l))).map(String)).toEqual([]);
  });

  it('names only scenarios that exist and cite that document (and, for numbered use cases, that number)', () => {
    const problems: string[] = [];
    for (const [doc, rows] of index) {
      for (const { label, ids } of rows) {
        for (const id of ids) {
          const s = byId.get(id);
          if (!s) problems.push(`${doc} ${label}: no scenario ${id}`);
          else if (s.source.document !== doc) problems.push(`${id} cites ${s.source.document}, indexed under ${doc}`);
          else if (/^\d+\.\d/.test(label)) {
            const uc = label.replace(/ \(.*\)$/, '');
            const cited = s.source.useCase ?? '';
            const header = uc.endsWith('.0') && cited.startsWith(`${uc.split('.')[0]}.`);
            if (cited !== uc && !header) problems.push(`${id} cites use case ${cited}, indexed as ${label}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('indexes every scenario of the catalogue', () => {
    const indexed = new Set([...index.values()].flatMap((rows) => rows.flatMap((r) => r.ids)));
    expect([...byId.keys()].filter((id) => !indexed.has(id))).toEqual([]);
  });
});
