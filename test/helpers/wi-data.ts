import type { Client } from '../../src/auth/clients';
import { PUBLIC_CLIENT, profileServer } from './api';
import { sectionRef, wiFixtures } from './wi-fixtures';

/** A WI server for one school year with the seeds' fixtures loaded. */
export async function wiYear(year: number, sectionYear = year, client: Client = PUBLIC_CLIENT) {
  const s = profileServer('wi', undefined, [year]);
  const y = s.year(year, client);
  for (const [route, body] of wiFixtures(y.env.registry.dataStandard, sectionYear)) {
    const res = await y.post(route, body);
    if (res.status !== 201) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { ...y, server: s, ds: y.env.registry.dataStandard };
}

/** Student A of the seeds (5281033584) and B (8660232105). */
export const STUDENT_A = '5281033584';
export const STUDENT_B = '8660232105';
export const DPI = (descriptor: string, code: string) => `uri://dpi.wi.gov/${descriptor}#${code}`;

/** A studentSectionAssociation of the seeds' section for one year. */
export const ssa = (year: number, extra: Record<string, unknown> = {}, student = STUDENT_A) => ({
  sectionReference: sectionRef(year),
  studentReference: { studentUniqueId: student },
  beginDate: `${year - 1}-08-20`,
  attemptStatusDescriptor: DPI('AttemptStatusDescriptor', 'S'),
  endDate: `${year}-06-05`,
  ...extra,
});

/** A DPI program reference (edorg 48856). */
export const program = (name: string, type: string) => ({
  programReference: { educationOrganizationId: 48856, programName: name, programTypeDescriptor: DPI('ProgramTypeDescriptor', type) },
});

/** Section participation in the place the year's Data Standard keeps it: `_ext.wi.programs` (DS 3.3/4.0) or core `programs` (DS 5). */
export const participation = (ds: string, ...programs: ReturnType<typeof program>[]) => (ds === '5.0' ? { programs } : { _ext: { wi: { programs } } });

/** A complete studentCTEProgramAssociation for a student and program in the year's Data Standard. */
export const sctepa = (
  ds: string,
  year: number,
  name = 'Career and Technical Education',
  type = 'CTE',
  student = STUDENT_B,
  extra: Record<string, unknown> = {},
) => ({
  educationOrganizationReference: { educationOrganizationId: 7525 },
  ...program(name, type),
  studentReference: { studentUniqueId: student },
  beginDate: `${year - 1}-08-20`,
  endDate: `${year}-06-05`,
  ...(ds === '5.0'
    ? { cteProgramServices: [{ cteProgramServiceDescriptor: DPI('cteProgramServiceDescriptor', '8'), cipCode: '51.0000' }] }
    : { ctePrograms: [{ careerPathwayDescriptor: DPI('CareerPathwayDescriptor', '8'), cipCode: '51.0000' }] }),
  _ext: {
    wi: {
      certificatedProgramStatusDescriptor: DPI('certificatedProgramStatusDescriptor', 'B'),
      cteConcentrationCteProgramAreas: [{ cteProgramAreaDescriptor: DPI('cteProgramAreaDescriptor', 'H') }],
    },
  },
  ...extra,
});

/** Findings of one rule in the year's validation report. */
export async function findingsOf(y: Awaited<ReturnType<typeof wiYear>>, ruleId: string) {
  const res = await y.validations();
  if (res.status !== 200) throw new Error(`validations: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.findings as { ruleId: string; message: string; path: string; resource: string }[]).filter((f) => f.ruleId === ruleId);
}
