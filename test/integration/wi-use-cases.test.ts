import { sectionRef, wiGrade } from '../helpers/wi-fixtures';
import { DPI, STUDENT_A, participation, program, sctepa, ssa, wiYear } from '../helpers/wi-data';

const SSA = '/ed-fi/studentSectionAssociations';

/**
 * The use-case payloads of seeds 000 and 001, and the seeds' contradictions as docs/profiles/wi.md decides them.
 * Each test names the use case and, where the seed is self-contradictory, the decision it exercises.
 */
describe('seed 000 use cases (/studentSectionAssociation)', () => {
  it('UC 1.0: the roster record of the use case is accepted (2022-23)', async () => {
    const y = await wiYear(2023);
    const res = await y.post(SSA, {
      sectionReference: sectionRef(2023),
      studentReference: { studentUniqueId: STUDENT_A },
      beginDate: '2022-08-02',
      attemptStatusDescriptor: 'uri://dpi.wi.gov/AttemptStatusDescriptor#S',
      endDate: '2023-06-05',
    });
    expect(res.status).toBe(201);
  });

  it('UC 2.0: a primary enrollment at one school and a coursework enrollment at another (WI enrollment type, decision W3: one scalar)', async () => {
    const y = await wiYear(2024);
    const enrol = (schoolId: number, primary: boolean, type: string) => ({
      studentReference: { studentUniqueId: STUDENT_A },
      schoolReference: { schoolId },
      entryDate: '2023-08-28',
      entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Eighth grade',
      primarySchool: primary,
      _ext: { wi: { enrollmentTypeDescriptor: DPI('EnrollmentTypeDescriptor', type) } },
    });
    const hs = { schoolId: 1303, nameOfInstitution: 'Sample WI High School 2', localEducationAgencyReference: { localEducationAgencyId: 7525 } };
    const categories = {
      educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School' }],
    };
    expect(
      (await y.post('/ed-fi/schools', { ...hs, ...categories, gradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }] }))
        .status,
    ).toBe(201);
    expect((await y.post('/ed-fi/studentSchoolAssociations', enrol(1302, true, 'P'))).status).toBe(201);
    expect((await y.post('/ed-fi/studentSchoolAssociations', enrol(1303, false, 'C'))).status).toBe(201);
    const [item] = (await y.get('/ed-fi/studentSchoolAssociations?schoolId=1303')).body;
    expect(item._ext.wi.enrollmentTypeDescriptor).toBe('uri://dpi.wi.gov/EnrollmentTypeDescriptor#C');
  });

  it('UC 3.0: a DPI course (48856/10408) offered in Sessions-12194 of 2019-20; the section and roster agree on all five section keys (decision W8)', async () => {
    const y = await wiYear(2023);
    const session = { schoolId: 1302, schoolYear: 2020, sessionName: 'Sessions-12194' };
    await y.post('/ed-fi/sessions', {
      sessionName: 'Sessions-12194',
      schoolReference: { schoolId: 1302 },
      schoolYearTypeReference: { schoolYear: 2020 },
      termDescriptor: DPI('TermDescriptor', 'A'),
      beginDate: '2019-07-01',
      endDate: '2020-06-30',
      totalInstructionalDays: 180,
    });
    const offering = await y.post('/ed-fi/courseOfferings', {
      courseReference: { educationOrganizationId: 48856, courseCode: '10408' },
      schoolReference: { schoolId: 1302 },
      sessionReference: session,
      localCourseCode: 'LCC-12194',
    });
    expect(offering.status).toBe(201);
    expect(
      (await y.post('/ed-fi/sections', { sectionIdentifier: 'Section-121941', courseOfferingReference: { ...session, localCourseCode: 'LCC-12194' } })).status,
    ).toBe(201);
    const roster = await y.post(SSA, {
      sectionReference: { localCourseCode: 'LCC-12194', schoolId: 1302, schoolYear: 2020, sectionIdentifier: 'Section-121941', sessionName: 'Sessions-12194' },
      studentReference: { studentUniqueId: STUDENT_A },
      beginDate: '2019-08-20',
    });
    expect(roster.status).toBe(201);
  });

  it('UC 5.0: the dual-enrollment payload is a studentSectionAssociation (decision W6: "POST on /studentSchoolAssociation" is a seed slip)', async () => {
    const y = await wiYear(2023);
    const body = ssa(2023, { beginDate: '2022-07-02', ...participation('3.3', program('College Course with WI Tribal College', 'Dual')) });
    expect((await y.post(SSA, body)).status).toBe(201);
    const wrong = await y.post('/ed-fi/studentSchoolAssociations', body);
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('EntryDate is required.');
  });

  it('UC 6.6: a student who left and rejoined has two records that differ by beginDate; the graded one is Sufficient', async () => {
    const y = await wiYear(2024);
    expect((await y.post(SSA, ssa(2024, { endDate: '2023-10-01', attemptStatusDescriptor: DPI('AttemptStatusDescriptor', 'I') }))).status).toBe(201);
    expect((await y.post(SSA, ssa(2024, { beginDate: '2023-10-10' }))).status).toBe(201);
    expect((await y.post('/ed-fi/grades', wiGrade('4.0', 2024, STUDENT_A, '2023-10-10'))).status).toBe(201);
    expect((await y.get('/ed-fi/studentSectionAssociations?studentUniqueId=5281033584')).body).toHaveLength(2);
    const report = (await y.validations()).body;
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('WI-SSA-'))).toEqual([]);
  });

  it('UC 7.0: section B of the example sends endDate " ", which ODS refuses; decision W2 sends B without endDate', async () => {
    const y = await wiYear(2025);
    const a = ssa(2025, {
      beginDate: '2024-08-10',
      endDate: '2024-10-01',
      attemptStatusDescriptor: DPI('AttemptStatusDescriptor', 'I'),
      ...participation('4.0', program('Simulated Worksite', 'WBL')),
    });
    expect((await y.post(SSA, a)).status).toBe(201);
    const b = { ...a, beginDate: '2024-10-10', attemptStatusDescriptor: undefined };
    const verbatim = await y.post(SSA, { ...b, endDate: ' ' });
    expect(verbatim.status).toBe(400);
    expect((await y.post(SSA, { ...b, endDate: undefined })).status).toBe(201);
  });

  it.each([
    ['UC 8.0 (2023-24 and prior)', 2023, 'Non Certified'],
    ['UC 9.0 (WBL from 2024-25, decision W1)', 2025, 'WBL'],
  ])('%s: the program reads uri:// (decision W7: "nuri://" is a typo, sent verbatim it does not resolve)', async (_uc, year, type) => {
    const y = await wiYear(year);
    expect((await y.post(SSA, ssa(year, participation(y.ds, program('Internship/Local Co-op', type))))).status).toBe(201);
    const typo = {
      programReference: {
        educationOrganizationId: 48856,
        programName: 'Internship/Local Co-op',
        programTypeDescriptor: `nuri://dpi.wi.gov/ProgramTypeDescriptor#${type}`,
      },
    };
    const res = await y.post(SSA, ssa(year, { beginDate: `${year - 1}-09-01`, ...participation(y.ds, typo) }));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`Unable to resolve value 'nuri://dpi.wi.gov/ProgramTypeDescriptor#${type}' to an existing 'ProgramTypeDescriptor' resource.`);
  });
});

describe('seed 001 use cases (/studentCTEProgramAssociation)', () => {
  it('UC 1.0 / 7.0: course-level IRC participation on the section and its certificated status on a studentCTEProgramAssociation (2024-25)', async () => {
    const y = await wiYear(2025);
    expect((await y.post(SSA, ssa(2025, participation(y.ds, program('IRC State Approved Business & Industry', 'IRC'))))).status).toBe(201);
    expect((await y.post('/ed-fi/studentCTEProgramAssociations', sctepa(y.ds, 2025, 'IRC State Approved Business & Industry', 'IRC', STUDENT_A))).status).toBe(
      201,
    );
    expect((await y.validations()).body.findings.filter((f: { ruleId: string }) => f.ruleId === 'WI-DQ-16.1')).toEqual([]);
  });

  it('UC 9.0 / 11.0 / 12.0 write #CE; decision W4 reads CTE, the only code of the table, and #CE does not resolve', async () => {
    const y = await wiYear(2024);
    const ce = await y.post('/ed-fi/studentCTEProgramAssociations', sctepa(y.ds, 2024, 'Career and Technical Education', 'CE'));
    expect(ce.status).toBe(400);
    expect(ce.body.message).toBe("Unable to resolve value 'uri://dpi.wi.gov/ProgramTypeDescriptor#CE' to an existing 'ProgramTypeDescriptor' resource.");
    expect((await y.post('/ed-fi/studentCTEProgramAssociations', sctepa(y.ds, 2024))).status).toBe(201);
  });

  it('descriptor namespaces match whatever their casing (decision W9): the table writes certificatedProgramStatusDescriptor, the sample CertificatedProgramStatusDescriptor#b', async () => {
    const y = await wiYear(2024);
    const ext = (status: string) => ({
      _ext: {
        wi: {
          certificatedProgramStatusDescriptor: status,
          cteConcentrationCteProgramAreas: [{ cteProgramAreaDescriptor: 'URI://DPI.WI.GOV/CTEPROGRAMAREADESCRIPTOR#h' }],
        },
      },
    });
    expect(
      (
        await y.post(
          '/ed-fi/studentCTEProgramAssociations',
          sctepa(y.ds, 2024, undefined, undefined, undefined, ext('uri://dpi.wi.gov/certificatedProgramStatusDescriptor#A')),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await y.post(
          '/ed-fi/studentCTEProgramAssociations',
          sctepa(y.ds, 2024, undefined, undefined, undefined, ext('uri://dpi.wi.gov/CertificatedProgramStatusDescriptor#b')),
        )
      ).status,
    ).toBe(200);
  });

  it('UC 15.2 (delete): the grade goes before its studentSectionAssociation; the other order is 409', async () => {
    const y = await wiYear(2023);
    const ssaId = String((await y.post(SSA, ssa(2023))).headers.location)
      .split('/')
      .pop();
    const gradeId = String((await y.post('/ed-fi/grades', wiGrade('3.3', 2023, STUDENT_A, '2022-08-20'))).headers.location)
      .split('/')
      .pop();
    const blocked = await y.del(`${SSA}/${ssaId}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toEqual({
      message: "The resource (or a subordinate entity of the resource) cannot be deleted because it is a dependency of the 'grade' entity.",
    });
    expect((await y.del(`/ed-fi/grades/${gradeId}`)).status).toBe(204);
    expect((await y.del(`${SSA}/${ssaId}`)).status).toBe(204);
  });

  it('UC 15.1 (delete): a studentCTEProgramAssociation sent by mistake is deleted (204)', async () => {
    const y = await wiYear(2026);
    const id = String((await y.post('/ed-fi/studentCTEProgramAssociations', sctepa(y.ds, 2026))).headers.location)
      .split('/')
      .pop();
    expect((await y.del(`/ed-fi/studentCTEProgramAssociations/${id}`)).status).toBe(204);
  });
});
