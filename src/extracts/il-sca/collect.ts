import type { Item } from '../../rules/data-view';
import type { ExtractMapping, Source } from '../mapping';
import type { IlScaOptions } from './options';
import type { IlScaRuleId } from './rules';

/** Why a student, or a student's section, is in the file or not. */
export interface Decision {
  student: string;
  /** `Last, First` as stored. */
  name: string;
  /** `course code / section` when the decision is about a section. */
  section?: string;
  included: boolean;
  rule: IlScaRuleId;
  detail: string;
  rows: number;
}

/** One row to write: the student, the roster and its section, the term code and the enrollment it reports from. */
export interface RowSource {
  student: Item;
  roster: Item;
  section: Item;
  course: Item;
  session: Item;
  /** Grading periods the section is scheduled in. */
  scheduled: Item[];
  term: string;
  enrollment: Item;
  stateGrade: string;
}

/** What the rules decided over the data. */
export interface Collected {
  rows: RowSource[];
  decisions: Decision[];
  /** Schools of the selected calendars (the header's RCDTS). */
  schools: Item[];
  warnings: string[];
}

const lc = (v: unknown): string => (v === undefined || v === null ? '' : String(v).toLowerCase());
/** A descriptor URI's code value. */
export const codeValue = (uri: unknown): string => String(uri ?? '').replace(/^.*#/, '');
const K8 = new Set(['15', '01', '02', '03', '04', '05', '06', '07', '08']);
const STATE_GRADES = new Set([...K8, '09', '10', '11', '12']);
/** Whether a state grade is Kindergarten to grade 8. */
export const isK8 = (grade: string): boolean => K8.has(grade);
const REPORTED_SERVICE = new Set(['primary', 'partial', 'special education']);
const overlaps = (from: unknown, to: unknown, o: IlScaOptions): boolean => !!from && String(from) <= o.end && (!to || String(to) >= o.start);

/** Collects the rows of the Student Course Assignment file and the decision for every student and section. */
export function collect(
  src: Record<string, Source>,
  mapping: ExtractMapping,
  o: IlScaOptions,
): { ok: true; value: Collected } | { ok: false; errors: string[] } {
  const on = (rule: IlScaRuleId) => !o.disabled?.has(rule);
  const { student: S, enrollment: E, calendar: C, roster: R, section: X, grade: G, gradingPeriod: P } = src;
  const picked = selectCalendars(C, o.calendars);
  if (!picked.ok) return picked;
  const selected = picked.selected;
  const calendarKey = (school: unknown, code: unknown) => `${lc(school)}|${lc(code)}`;
  const selectedKeys = new Map(selected.map((c) => [calendarKey(C.get(c, 'school'), C.get(c, 'code')), c]));
  const selectedSchools = new Set(selected.map((c) => lc(C.get(c, 'school'))));
  /** The selected calendar an enrollment is in (an enrollment without one is in its school's calendars). */
  const calendarOf = (e: Item): Item | undefined | null => {
    const code = E.get(e, 'calendarCode');
    if (code !== undefined) return selectedKeys.get(calendarKey(E.get(e, 'school'), code));
    return selectedSchools.has(lc(E.get(e, 'school'))) ? null : undefined;
  };
  const isPrimary = (e: Item) => serviceOf(E, e) === 'primary';
  const byRecency = (a: Item, b: Item) => {
    const [x, y] = [String(E.get(a, 'entryDate')), String(E.get(b, 'entryDate'))];
    return x === y ? 0 : x > y ? -1 : 1;
  };
  const mostRecent = (list: Item[]): Item => {
    const sorted = [...list].sort(byRecency);
    return (on('IL-SCA-F-ENROLLMENT') && sorted.find(isPrimary)) || sorted[0];
  };

  const enrollments = groupBy(
    E.all().filter((e) => calendarOf(e) !== undefined),
    (e) => lc(E.get(e, 'student')),
  );
  const rosters = groupBy(R.all(), (r) => lc(R.get(r, 'student')));
  const grades = new Map<string, Item[]>();
  for (const g of G.all()) {
    const roster = G.follow(g, 'roster');
    if (roster?.doc) push(grades, roster.doc.id, g);
  }
  const periods = new Map(P.all().map((p) => [[P.get(p, 'descriptor'), P.get(p, 'name'), P.get(p, 'school'), P.get(p, 'year')].map(lc).join('|'), p]));
  const students = new Map(S.all().map((s) => [lc(S.get(s, 'uniqueId')), s]));
  const out: Collected = { rows: [], decisions: [], schools: [], warnings: [] };
  const scope: SectionScope = { src, o, on, selectedSchools, periods, grades };

  for (const [id, list] of enrollments) {
    const student = students.get(id);
    if (!student) continue;
    const name = `${String(S.get(student, 'lastName') ?? '')}, ${String(S.get(student, 'firstName') ?? '')}`;
    const decide = (d: Omit<Decision, 'student' | 'name'>) => out.decisions.push({ student: String(S.get(student, 'uniqueId')), name, ...d });
    const active = list.filter(
      (e) => !on('IL-SCA-ENROLLMENT') || (overlaps(E.get(e, 'entryDate'), E.get(e, 'exitDate'), o) && REPORTED_SERVICE.has(serviceOf(E, e))),
    );
    if (!active.length) {
      const e = list[0];
      const why = REPORTED_SERVICE.has(serviceOf(E, e))
        ? `no enrollment active between ${o.start} and ${o.end} (entered ${String(E.get(e, 'entryDate'))}${E.get(e, 'exitDate') ? `, left ${String(E.get(e, 'exitDate'))}` : ''})`
        : `the enrollment is a ${String(E.get(e, 'serviceType'))} enrollment`;
      decide({ included: false, rule: 'IL-SCA-ENROLLMENT', detail: why, rows: 0 });
      continue;
    }
    const main = mostRecent(active);
    const level = codeValue(E.get(main, 'gradeLevel'));
    const stateGrade = mapping.stateGrades[level] ?? level;
    if (on('IL-SCA-STATE-GRADE') && !STATE_GRADES.has(stateGrade)) {
      decide({ included: false, rule: 'IL-SCA-STATE-GRADE', detail: `grade level '${level}' is not state grade 15 or 01-12`, rows: 0 });
      continue;
    }
    if (on('IL-SCA-GRADE-FILTER') && o.grades.length && !o.grades.includes(stateGrade)) {
      decide({
        included: false,
        rule: 'IL-SCA-GRADE-FILTER',
        detail: `state grade ${stateGrade} is not among the selected grades ${o.grades.join(', ')}`,
        rows: 0,
      });
      continue;
    }
    if (on('IL-SCA-STATE-ID') && !S.get(student, 'stateId') && !o.includeWithoutStateId) {
      decide({ included: false, rule: 'IL-SCA-STATE-ID', detail: 'no state ID (Students without State IDs is not selected)', rows: 0 });
      continue;
    }
    const combos = enrollmentCombos(E, active, mostRecent, on('IL-SCA-ENROLLMENT-SPLIT'));
    for (const roster of rosters.get(id) ?? []) {
      const c = sectionCase(scope, roster);
      if (!c) continue;
      if ('rule' in c) {
        decide({ section: c.label, included: false, rule: c.rule, detail: c.detail, rows: 0 });
        continue;
      }
      const { label, section, course, session, scheduled, mapped, posted } = c;
      const scheduledTerms = new Set(scheduled.map((p) => lc(P.get(p, 'descriptor'))));
      const terms = splitTerms(mapped, scheduledTerms, posted, G, on('IL-SCA-MULTI-TERM'), on('IL-SCA-GRADE'));
      const termCodes = terms.length
        ? terms.map((t) =>
            twoDigits(
              P.get(
                scheduled.find((p) => lc(P.get(p, 'descriptor')) === t)!,
                'sequence',
              ),
            ),
          )
        : // Once per student and section, however many grades were posted (IL-SCA-ONCE).
          (on('IL-SCA-ONCE') ? [posted[0]] : posted).map(() => String(X.get(section, 'termCode') ?? ''));
      for (const term of termCodes)
        for (const enrollment of combos) {
          const calendar = calendarOf(enrollment);
          const summer = on('IL-SCA-F-TERM') && !!calendar && C.get(calendar, 'summerSchool') === true;
          out.rows.push({ student, roster, section, course, session, scheduled, term: summer ? '05' : term, enrollment, stateGrade });
        }
      const rule: IlScaRuleId = terms.length ? 'IL-SCA-MULTI-TERM' : combos.length > 1 ? 'IL-SCA-ENROLLMENT-SPLIT' : 'IL-SCA-ONCE';
      const why = [
        terms.length ? `the state-reported task is marked in ${terms.length} scheduled terms with grades` : 'once for the student and section',
        ...(combos.length > 1 ? [`${combos.length} enrollments differ in Single Parent, Displaced Homemaker or RCDTS`] : []),
      ].join('; ');
      decide({ section: label, included: true, rule, detail: why, rows: termCodes.length * combos.length });
    }
  }
  const schoolsById = new Map(src.school.all().map((s) => [lc(src.school.get(s, 'id')), s]));
  out.schools = [...selectedSchools].map((s) => schoolsById.get(s)).filter((s): s is Item => !!s);
  return { ok: true, value: out };
}

/** The calendars the editor selected: `all`, a calendar code, or `schoolId/code`; an unknown one lists the known ones. */
function selectCalendars(C: Source, specs: readonly string[]): { ok: true; selected: Item[] } | { ok: false; errors: string[] } {
  const calendars = C.all();
  const names = (cal: Item) => [lc(C.get(cal, 'code')), `${lc(C.get(cal, 'school'))}/${lc(C.get(cal, 'code'))}`];
  if (specs.some((c) => lc(c) === 'all')) return { ok: true, selected: calendars };
  const unknown = specs.filter((spec) => !calendars.some((cal) => names(cal).includes(lc(spec))));
  if (unknown.length) {
    const known = calendars.map((c) => `${String(C.get(c, 'school'))}/${String(C.get(c, 'code'))}`).join(', ') || 'none';
    return { ok: false, errors: [`Unknown calendar ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${known}).`] };
  }
  const selected = calendars.filter((cal) => specs.some((spec) => names(cal).includes(lc(spec))));
  return selected.length ? { ok: true, selected } : { ok: false, errors: ['Must Select 1 or More Calendars.'] };
}

/** What a section decision needs besides the roster. */
interface SectionScope {
  src: Record<string, Source>;
  o: IlScaOptions;
  on: (rule: IlScaRuleId) => boolean;
  /** Schools of the selected calendars (lower case). */
  selectedSchools: Set<string>;
  /** Grading periods by descriptor, name, school and year (lower case). */
  periods: Map<string, Item>;
  /** Posted grades by the id of their roster. */
  grades: Map<string, Item[]>;
}

/** A roster's section that reports, with what its records are built from. */
interface SectionReport {
  label: string;
  section: Item;
  course: Item;
  session: Item;
  scheduled: Item[];
  mapped: Task[];
  posted: Item[];
}

/**
 * The section rules of one roster, in the seed's order (IL-SCA-SECTION to IL-SCA-GRADE): the first one that excludes
 * it, or what its records are built from. Undefined when its references do not resolve.
 */
function sectionCase(sc: SectionScope, roster: Item): SectionReport | { label: string; rule: IlScaRuleId; detail: string } | undefined {
  const { src, o, on } = sc;
  const { roster: R, section: X, offering: F, course: K, session: N, grade: G } = src;
  const section = R.follow(roster, 'section');
  const offering = section && X.follow(section, 'offering');
  const course = offering && F.follow(offering, 'course');
  const session = offering && F.follow(offering, 'session');
  if (!section || !offering || !course || !session) return undefined;
  const label = `${String(K.get(course, 'code'))} / ${String(X.get(section, 'number'))}`;
  const skip = (rule: IlScaRuleId, detail: string) => ({ label, rule, detail });
  const sectionRef = R.get(roster, 'section') as Record<string, unknown>;
  if (on('IL-SCA-SECTION')) {
    if (!sc.selectedSchools.has(lc(sectionRef.schoolId)))
      return skip('IL-SCA-SECTION', `the section's school ${String(sectionRef.schoolId)} has no selected calendar`);
    if (!overlaps(R.get(roster, 'beginDate'), R.get(roster, 'endDate'), o))
      return skip(
        'IL-SCA-SECTION',
        `in the section ${String(R.get(roster, 'beginDate'))} to ${String(R.get(roster, 'endDate') ?? 'open')}, not between ${o.start} and ${o.end}`,
      );
    if (!overlaps(N.get(session, 'beginDate'), N.get(session, 'endDate'), o))
      return skip(
        'IL-SCA-SECTION',
        `the section's session runs ${String(N.get(session, 'beginDate'))} to ${String(N.get(session, 'endDate'))}, outside the dates`,
      );
  }
  if (on('IL-SCA-STATE-CODE') && !K.get(course, 'stateCode')) return skip('IL-SCA-STATE-CODE', 'the course has no State Course Code');
  if (on('IL-SCA-STATE-EXCLUDE') && K.get(course, 'stateExclude') === true) return skip('IL-SCA-STATE-EXCLUDE', 'the course is marked State Exclude');
  if (on('IL-SCA-DUAL-CREDIT') && K.get(course, 'dualCredit') === true) return skip('IL-SCA-DUAL-CREDIT', 'the course is marked Dual Credit');
  const tasks = (K.get(course, 'tasks') as Task[] | undefined) ?? [];
  const reported = on('IL-SCA-TASK') ? tasks.filter((t) => t.stateReported === true) : tasks;
  if (!reported.length) return skip('IL-SCA-TASK', tasks.length ? 'no grading task of the course is marked State Reported' : 'the course has no grading task');
  const mapped = on('IL-SCA-SCORE-GROUP') ? reported.filter((t) => t.scoreGroupMapped === true) : reported;
  if (!mapped.length) return skip('IL-SCA-SCORE-GROUP', "the state-reported task's score group has no grades mapped to state grades");
  const types = new Set(mapped.map((t) => lc(t.gradeTypeDescriptor)));
  const posted = (sc.grades.get(roster.doc!.id) ?? []).filter(
    (g) => types.has(lc(G.get(g, 'type'))) && ((G.get(g, 'letter') ?? '') !== '' || G.get(g, 'numeric') !== undefined),
  );
  if (on('IL-SCA-GRADE') && !posted.length) return skip('IL-SCA-GRADE', 'no grade is posted to the state-reported grading task');
  return { label, section, course, session, scheduled: scheduledPeriods(session, N, sc.periods), mapped, posted };
}

/** A grading task item of a course (one task in one term of its term mask). */
export interface Task {
  gradeTypeDescriptor: string;
  gradingPeriodDescriptor: string;
  stateReported?: boolean;
  creditAmount?: number;
  scoreGroupMapped?: boolean;
}

/** An enrollment's service type, lower case (Primary when only primarySchool says so). */
function serviceOf(E: Source, e: Item): string {
  const t = E.get(e, 'serviceType');
  if (t !== undefined) return lc(t);
  return E.get(e, 'primary') === false ? 'partial' : 'primary';
}

/** The enrollments a student reports from: one per distinct Single Parent, Displaced Homemaker and RCDTS values. */
function enrollmentCombos(E: Source, active: Item[], mostRecent: (l: Item[]) => Item, split: boolean): Item[] {
  if (!split) return [mostRecent(active)];
  const groups = groupBy(active, (e) => ['singleParent', 'displacedHomemaker', 'homeRcdts', 'servingRcdts'].map((m) => lc(E.get(e, m) ?? '')).join('|'));
  return [...groups.values()].map(mostRecent);
}

/** The grading periods of a session, in the order the session lists them. */
function scheduledPeriods(session: Item, N: Source, periods: Map<string, Item>): Item[] {
  const refs = (N.get(session, 'gradingPeriods') as { gradingPeriodReference?: Record<string, unknown> }[] | undefined) ?? [];
  return refs
    .map((r) => r.gradingPeriodReference)
    .filter((r): r is Record<string, unknown> => !!r)
    .map((r) => periods.get([r.gradingPeriodDescriptor, r.gradingPeriodName, r.schoolId, r.schoolYear].map(lc).join('|')))
    .filter((p): p is Item => !!p);
}

/**
 * The terms a section reports in, one row each (IL-SCA-MULTI-TERM): those of a state-reported task marked in more than
 * one term the section is scheduled in, where the student has a grade for that task. Empty: the section reports once.
 */
function splitTerms(mapped: Task[], scheduled: Set<string>, posted: Item[], G: Source, split: boolean, needGrade: boolean): string[] {
  if (!split) return [];
  const terms = new Set<string>();
  for (const type of new Set(mapped.map((t) => lc(t.gradeTypeDescriptor)))) {
    const marked = new Set(
      mapped.filter((t) => lc(t.gradeTypeDescriptor) === type && scheduled.has(lc(t.gradingPeriodDescriptor))).map((t) => lc(t.gradingPeriodDescriptor)),
    );
    if (marked.size < 2) continue;
    for (const term of marked) if (!needGrade || posted.some((g) => lc(G.get(g, 'type')) === type && lc(G.get(g, 'period')) === term)) terms.add(term);
  }
  return [...scheduled].filter((t) => terms.has(t));
}

const twoDigits = (v: unknown): string => (v === undefined || v === null ? '' : String(v).padStart(2, '0'));

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) push(m, key(it), it);
  return m;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
