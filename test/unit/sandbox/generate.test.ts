import { loadRegistry } from '../../../src/model/registry';
import { loadProfile } from '../../../src/pipeline/profile';
import { validationReport } from '../../../src/rules/report';
import { generateDistrict } from '../../../src/sandbox/generate';
import { buildTemplate } from '../../../src/sandbox/templates';
import { createLogger } from '../../../src/util/logger';
import { SCHEMAS } from '../../helpers/api';

const edfi = loadProfile(SCHEMAS, 'edfi');
const ds5 = loadRegistry(SCHEMAS, '5.0');

/** The resources the issue names: the whole dependency graph of a district. */
const GRAPH = [
  'localEducationAgencies',
  'schools',
  'calendars',
  'calendarDates',
  'sessions',
  'gradingPeriods',
  'classPeriods',
  'courses',
  'courseOfferings',
  'sections',
  'staffs',
  'staffEducationOrganizationAssignmentAssociations',
  'staffSchoolAssociations',
  'staffSectionAssociations',
  'students',
  'studentEducationOrganizationAssociations',
  'studentSchoolAssociations',
  'studentSectionAssociations',
  'grades',
  'programs',
  'studentProgramAssociations',
  'studentCTEProgramAssociations',
  'studentSchoolAttendanceEvents',
  'disciplineIncidents',
  'studentDisciplineIncidentBehaviorAssociations',
  'disciplineActions',
].map((r) => `/ed-fi/${r}`);

describe('the district generator', () => {
  it('is deterministic for a seed, and another seed gives another district', () => {
    const a = generateDistrict(edfi, { registry: ds5 }, { students: 300, seed: 42 });
    const b = generateDistrict(edfi, { registry: ds5 }, { students: 300, seed: 42 });
    const c = generateDistrict(edfi, { registry: ds5 }, { students: 300, seed: 43 });
    expect(JSON.stringify(b.items)).toBe(JSON.stringify(a.items));
    expect(JSON.stringify(c.items)).not.toBe(JSON.stringify(a.items));
  });

  it('covers the whole dependency graph, with one enrollment per student and realistic proportions', () => {
    const d = generateDistrict(edfi, { registry: ds5 }, { students: 1300, seed: 7 });
    expect(GRAPH.filter((p) => !d.counts.get(p))).toEqual([]);
    expect(d.counts.get('/ed-fi/students')).toBe(1300);
    expect(d.counts.get('/ed-fi/studentSchoolAssociations')).toBe(1300);
    // K-5 take four courses, 6-12 six: 6 grades x 100 x 4 + 7 grades x 100 x 6.
    expect(d.counts.get('/ed-fi/studentSectionAssociations')).toBe(600 * 4 + 700 * 6);
    expect(d.counts.get('/ed-fi/grades')).toBe(d.counts.get('/ed-fi/studentSectionAssociations'));
    const incidents = d.counts.get('/ed-fi/disciplineIncidents')!;
    expect(incidents).toBeGreaterThan(700 / 60);
    expect(incidents).toBeLessThan(700 / 15);
    // Sections hold at most 28 students.
    expect(d.counts.get('/ed-fi/sections')! * 28).toBeGreaterThanOrEqual(d.counts.get('/ed-fi/studentSectionAssociations')!);
  });

  // Every profile and Data Standard: loaded through the write path with no refusal, and no error in the state report.
  it.each([
    ['edfi', undefined],
    ['wi', 2023],
    ['wi', 2024],
    ['wi', 2026],
    ['mi', 2026],
    ['il', 2026],
  ])('%s %s: loads with 0 refusals and 0 validation errors', async (profile, year) => {
    const template = await buildTemplate(
      SCHEMAS,
      { name: 'generated', profile, ...(year ? { years: [year] } : {}), students: 80, seed: 3 },
      createLogger('silent'),
    );
    const env = template.host.envs[0];
    expect(env.store.count('Student')).toBe(80);
    const attributes = template.profile.devClients?.[0]?.attributes;
    const report = validationReport(env, { key: 'k', secret: '', name: 'k', ...(attributes ? { attributes } : {}) });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
