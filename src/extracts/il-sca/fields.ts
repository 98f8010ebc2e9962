import type { Source } from '../mapping';
import { type RowSource, type Task, isK8 } from './collect';
import type { IlScaOptions } from './options';
import type { IlScaRuleId } from './rules';

/** The extract's columns in file order (seed 003 "Extract Layout"), with the width the layout gives text fields. */
/** `text`: free text the Strip Apostrophes option cleans (codes, dates and the credit keep their periods). */
export const COLUMNS: { name: string; width?: number; text?: boolean }[] = [
  { name: 'Student ID' },
  { name: 'SAP ID' },
  { name: 'Last Name', width: 50, text: true },
  { name: 'First Name', width: 30, text: true },
  { name: 'Birth Date' },
  { name: 'Home RCDTS' },
  { name: 'Serving School RCDTS Code' },
  { name: 'School Year' },
  { name: 'Term' },
  { name: 'State Course Code', width: 4, text: true },
  { name: 'Local Course ID', width: 4, text: true },
  { name: 'Local Course Title', width: 15, text: true },
  { name: 'Student course Start Date' },
  { name: 'Section Number', width: 4, text: true },
  { name: 'Course Level' },
  { name: 'Course Credit' },
  { name: 'Articulated Credit' },
  { name: 'Dual Credit' },
  { name: 'Course Setting' },
  { name: 'Actual Attendance' },
  { name: 'Total Attendance' },
  { name: 'Single Parent' },
  { name: 'Displaced Homemaker' },
  { name: 'Course Numeric Grade' },
  { name: 'Maximum Numeric Grade' },
  { name: 'Course End Date' },
  { name: 'Course Final Grade' },
  { name: 'Language Code Course was Taught In' },
  { name: 'Competency Based Education' },
];

/** MM/DD/YYYY from an ISO date; empty when absent. */
export const usDate = (iso: unknown): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ''));
  return m ? `${m[2]}/${m[3]}/${m[1]}` : '';
};

const yesNo = (v: unknown): string => (v === true ? '01' : '02');
/** The marks Strip Apostrophes removes: ' , . and the umlaut, tilde, grave, acute and circumflex accents. */
const STRIPPED = /['\u2019,.]|[\u0308\u0303\u0300\u0301\u0302]/g;
/** Removes exactly the seed's marks; a letter keeps its other marks (a cedilla, a ring) and itself. */
export const stripMarks = (text: string): string => text.normalize('NFD').replace(STRIPPED, '').normalize('NFC');

/** The school's RCDTS: its district's RCDT and its state school number (empty when either is missing). */
export function schoolRcdts(src: Record<string, Source>, schoolId: unknown): string {
  const school = src.school.all().find((s) => String(src.school.get(s, 'id')) === String(schoolId));
  const district = school && src.school.follow(school, 'district');
  const rcdt = district && src.district.get(district, 'rcdt');
  const number = school && src.school.get(school, 'number');
  return rcdt && number ? `${String(rcdt)}${String(number)}` : '';
}

/** The values of one row, in column order, before formatting. */
export function rowValues(r: RowSource, src: Record<string, Source>, o: IlScaOptions, year: number, rcdtsOf: (school: unknown) => string): string[] {
  const on = (rule: IlScaRuleId) => !o.disabled?.has(rule);
  const { student: S, enrollment: E, roster: R, section: X, course: K, session: N, gradingPeriod: P } = src;
  const protectedName = (legal: string, plain: string) => {
    const value = o.protectedIdentities && on('IL-SCA-PROTECTED') ? S.get(r.student, legal) : undefined;
    return String(value ?? S.get(r.student, plain) ?? '');
  };
  const school = E.get(r.enrollment, 'school');
  const serving = String(E.get(r.enrollment, 'servingRcdts') ?? rcdtsOf(school));
  const home = String(E.get(r.enrollment, 'homeRcdts') ?? serving);
  const earliestTerm = r.scheduled.map((p) => String(P.get(p, 'beginDate'))).sort()[0] ?? N.get(r.session, 'beginDate');
  const start = on('IL-SCA-F-START') ? (R.get(r.roster, 'scheduleStartDate') ?? R.get(r.roster, 'beginDate') ?? earliestTerm) : R.get(r.roster, 'beginDate');
  const level = String(K.get(r.course, 'level') ?? '');
  const values = [
    String(S.get(r.student, 'stateId') ?? ''),
    String(S.get(r.student, 'sapId') ?? ''),
    protectedName('legalLastName', 'lastName'),
    protectedName('legalFirstName', 'firstName'),
    usDate(S.get(r.student, 'birthDate')),
    home,
    serving,
    String(year),
    r.term,
    String(K.get(r.course, 'stateCode') ?? ''),
    String(K.get(r.course, 'code') ?? ''),
    String(K.get(r.course, 'title') ?? ''),
    usDate(start),
    String(X.get(r.section, 'number') ?? ''),
    level === '05' && on('IL-SCA-F-LEVEL') ? '' : level,
    courseCredit(r, src, o),
    yesNo(K.get(r.course, 'articulatedCredit')),
    yesNo(K.get(r.course, 'dualCredit')),
    String(K.get(r.course, 'setting') ?? (on('IL-SCA-F-SETTING') ? '01' : '')),
    '',
    '',
    yesNo(E.get(r.enrollment, 'singleParent')),
    yesNo(E.get(r.enrollment, 'displacedHomemaker')),
    '',
    '',
    '',
    '',
    String(K.get(r.course, 'language') ?? (on('IL-SCA-F-LANGUAGE') ? '000' : '')),
    K.get(r.course, 'competencyBased') === true ? 'Y' : 'N',
  ];
  return values.map((v, i) => {
    const { width, text: free } = COLUMNS[i];
    const text = free && o.stripApostrophes && on('IL-SCA-STRIP') ? stripMarks(v) : v;
    return width ? text.slice(0, width) : text;
  });
}

/**
 * Potential credit (IL-SCA-F-CREDIT): for each state-reported task with a credit, the credit times the number of its
 * terms the section is scheduled in, summed; without any, 1.00 for K-08 and 0.00 for 09-12 (IL-SCA-F-CREDIT-DEFAULT).
 */
function courseCredit(r: RowSource, src: Record<string, Source>, o: IlScaOptions): string {
  const on = (rule: IlScaRuleId) => !o.disabled?.has(rule);
  const { course: K, gradingPeriod: P } = src;
  const scheduled = new Set(r.scheduled.map((p) => String(P.get(p, 'descriptor')).toLowerCase()));
  const tasks = ((K.get(r.course, 'tasks') as Task[] | undefined) ?? []).filter((t) => t.stateReported === true && t.creditAmount !== undefined);
  let total = 0;
  if (on('IL-SCA-F-CREDIT')) {
    for (const t of tasks) if (scheduled.has(t.gradingPeriodDescriptor.toLowerCase())) total += t.creditAmount!;
  } else {
    const once = new Map(tasks.map((t) => [t.gradeTypeDescriptor.toLowerCase(), t.creditAmount!]));
    for (const c of once.values()) total += c;
  }
  if (total === 0) total = on('IL-SCA-F-CREDIT-DEFAULT') && isK8(r.stateGrade) ? 1 : 0;
  return (Math.round(total * 100) / 100).toFixed(2);
}
