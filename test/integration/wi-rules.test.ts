import { loadProfile } from '../../src/pipeline/profile';
import { CHOICE_CLIENT, OPT_IN_CLIENT, PUBLIC_CLIENT, SCHEMAS } from '../helpers/api';
import { sectionRef, wiGrade } from '../helpers/wi-fixtures';
import { DPI, STUDENT_A, STUDENT_B, findingsOf, participation, program, sctepa, ssa, wiYear } from '../helpers/wi-data';

const staffSection = (year: number, position: string, extra: Record<string, unknown> = {}) => ({
  sectionReference: sectionRef(year),
  staffReference: { staffUniqueId: '900100' },
  classroomPositionDescriptor: position,
  beginDate: `${year - 1}-08-20`,
  endDate: `${year}-06-05`,
  ...extra,
});
/** A count-date service item of `_ext.wi.receivingServices` (UC 15.3): P, A or N. */
const countDate = (code: string) => ({
  countDateNameDescriptor: DPI('CountDateNameDescriptor', 'September'),
  countDateReceivingServiceDescriptor: DPI('CountDateReceivingServiceDescriptor', code),
});
const enrollment = (extra: Record<string, unknown> = {}) => ({
  studentReference: { studentUniqueId: STUDENT_A },
  schoolReference: { schoolId: 1302 },
  entryDate: '2024-08-20',
  entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Tenth grade',
  ...extra,
});

/**
 * Given a WI district, when it sends data the WISEdata rules are about, then each API-level rule answers with its
 * id and message (fires) and stays silent for correct data.
 */
describe('WI rules at the API (level reject), and the namespace rules (report, decision W10)', () => {
  describe.each([
    ['WI-CHOICE-SSA', '/ed-fi/studentSectionAssociations', (y: number) => ssa(y)],
    ['WI-CHOICE-SCTEPA', '/ed-fi/studentCTEProgramAssociations', (y: number) => sctepa('4.0', y)],
    ['WI-CHOICE-STAFFSECTION', '/ed-fi/staffSectionAssociations', (y: number) => staffSection(y, DPI('ClassroomPositionDescriptor', '05973'))],
  ])('%s', (id, route, body) => {
    it.each([
      ['Choice', CHOICE_CLIENT],
      ['Choice + Private Opt In', OPT_IN_CLIENT],
    ])('fires for a %s client: 403 naming the rule', async (_name, client) => {
      const y = await wiYear(2025);
      const res = await y.server.http
        .post(`${y.data}${route}`)
        .set(await y.server.bearer(client))
        .send(body(2025));
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(new RegExp(`^\\[${id}\\] WISEdata does not accept`));
    });
    it('is silent for a Public client', async () => {
      const y = await wiYear(2025);
      expect((await y.post(route, body(2025))).status).toBe(201);
    });
  });

  it('answers a 7.3 year (2025-26) in problem details: 403 authorization with the rule in errors', async () => {
    const y = await wiYear(2026, 2026, CHOICE_CLIENT);
    const res = await y.post('/ed-fi/studentSectionAssociations', ssa(2026));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: 'urn:ed-fi:api:security:authorization', errors: [expect.stringMatching(/^\[WI-CHOICE-SSA\]/)] });
  });

  // Decision W10: the API accepts a descriptor that exists (as ODS does); the report says DPI expects its own namespace.
  it('WI-NS-ATTEMPT: an Ed-Fi attempt status is accepted and reported; the DPI one is not reported', async () => {
    const y = await wiYear(2024);
    expect(
      (await y.post('/ed-fi/studentSectionAssociations', ssa(2024, { attemptStatusDescriptor: 'uri://ed-fi.org/AttemptStatusDescriptor#Pass' }))).status,
    ).toBe(201);
    expect((await findingsOf(y, 'WI-NS-ATTEMPT')).map((f) => f.message)).toEqual([
      "[WI-NS-ATTEMPT] 'uri://ed-fi.org/AttemptStatusDescriptor#Pass' is not a DPI attempt status: WISEdata accepts uri://dpi.wi.gov/AttemptStatusDescriptor#S (Sufficient) or #I (Insufficient).",
    ]);
    expect((await y.post('/ed-fi/studentSectionAssociations', ssa(2024))).status).toBe(200);
    expect(await findingsOf(y, 'WI-NS-ATTEMPT')).toEqual([]);
  });

  it('WI-NS-PROGRAM: a program of an Ed-Fi program type is accepted and reported (in _ext.wi and, in 2025-26, in core programs)', async () => {
    for (const year of [2024, 2026]) {
      const y = await wiYear(year);
      const edfiType = 'uri://ed-fi.org/ProgramTypeDescriptor#Career and Technical Education';
      await y.post('/ed-fi/programs', {
        educationOrganizationReference: { educationOrganizationId: 7525 },
        programName: 'Local CTE',
        programTypeDescriptor: edfiType,
      });
      const local = { programReference: { educationOrganizationId: 7525, programName: 'Local CTE', programTypeDescriptor: edfiType } };
      expect((await y.post('/ed-fi/studentSectionAssociations', ssa(year, participation(y.ds, local)))).status).toBe(201);
      expect((await findingsOf(y, 'WI-NS-PROGRAM')).map((f) => f.message)).toEqual([
        expect.stringContaining(`[WI-NS-PROGRAM] '${edfiType}' is not a DPI program type`),
      ]);
    }
  });

  it('WI-NS-SCTEPA: an Ed-Fi career pathway is accepted and reported; the DPI one is not', async () => {
    const y = await wiYear(2024);
    const edfi = { ctePrograms: [{ careerPathwayDescriptor: 'uri://ed-fi.org/CareerPathwayDescriptor#Health Science' }] };
    expect((await y.post('/ed-fi/studentCTEProgramAssociations', sctepa('4.0', 2024, undefined, undefined, undefined, edfi))).status).toBe(201);
    expect((await findingsOf(y, 'WI-NS-SCTEPA')).map((f) => f.message)).toEqual([
      "[WI-NS-SCTEPA] 'uri://ed-fi.org/CareerPathwayDescriptor#Health Science' is not a DPI descriptor: WISEdata's CTE descriptors are in the uri://dpi.wi.gov namespaces.",
    ]);
    expect((await y.post('/ed-fi/studentCTEProgramAssociations', sctepa('4.0', 2024))).status).toBe(200);
    expect(await findingsOf(y, 'WI-NS-SCTEPA')).toEqual([]);
  });

  it('WI-NS-ENROLLMENT: an Ed-Fi enrollment type in 2025-26 (core member) is accepted and reported; DPI P is not', async () => {
    const y = await wiYear(2026);
    expect(
      (await y.post('/ed-fi/studentSchoolAssociations', enrollment({ enrollmentTypeDescriptor: 'uri://ed-fi.org/EnrollmentTypeDescriptor#Current' }))).status,
    ).toBe(201);
    expect((await findingsOf(y, 'WI-NS-ENROLLMENT')).map((f) => f.message)).toEqual([
      expect.stringMatching(/^\[WI-NS-ENROLLMENT\] 'uri:\/\/ed-fi.org\/EnrollmentTypeDescriptor#Current'/),
    ]);
    expect((await y.post('/ed-fi/studentSchoolAssociations', enrollment({ enrollmentTypeDescriptor: DPI('EnrollmentTypeDescriptor', 'P') }))).status).toBe(200);
    expect(await findingsOf(y, 'WI-NS-ENROLLMENT')).toEqual([]);
  });

  it('WI-STAFFSECTION-POSITION and WI-NS-CLASSROOM report an Ed-Fi classroom position; the 16 DPI codes pass', async () => {
    const y = await wiYear(2025);
    expect((await y.post('/ed-fi/staffSectionAssociations', staffSection(2025, 'uri://ed-fi.org/ClassroomPositionDescriptor#Teacher of Record'))).status).toBe(
      201,
    );
    expect((await findingsOf(y, 'WI-STAFFSECTION-POSITION')).length).toBe(1);
    expect((await findingsOf(y, 'WI-NS-CLASSROOM')).length).toBe(1);
    expect((await y.post('/ed-fi/staffSectionAssociations', staffSection(2025, DPI('ClassroomPositionDescriptor', '05973')))).status).toBe(200);
    expect(await findingsOf(y, 'WI-STAFFSECTION-POSITION')).toEqual([]);
    expect(await findingsOf(y, 'WI-NS-CLASSROOM')).toEqual([]);
  });

  it('checks references inside the extension like any other: an unknown program is 409, and a referenced program cannot be deleted', async () => {
    const y = await wiYear(2025);
    const missing = await y.post('/ed-fi/studentSectionAssociations', ssa(2025, participation(y.ds, program('No Such Program', 'WBL'))));
    expect(missing.status).toBe(409);
    expect(missing.body).toEqual({ message: "The value supplied for the related 'program' resource does not exist." });
    expect((await y.post('/ed-fi/studentSectionAssociations', ssa(2025, participation(y.ds, program('Simulated Worksite', 'WBL'))))).status).toBe(201);
    const [target] = (await y.get('/ed-fi/programs?programName=Simulated Worksite&programTypeDescriptor=uri://dpi.wi.gov/ProgramTypeDescriptor%23WBL')).body;
    const del = await y.del(`/ed-fi/programs/${target.id}`);
    expect(del.status).toBe(409);
    expect(del.body.message).toContain("dependency of the 'studentSectionAssociationProgram' entity");
  });

  it('drops Certified and Non Certified from 2025-26: the descriptor no longer resolves', async () => {
    const y = await wiYear(2026);
    const res = await y.post('/ed-fi/studentSectionAssociations', ssa(2026, participation(y.ds, program('Youth Apprenticeship', 'Certified'))));
    expect(res.status).toBe(400);
    expect(res.body.validationErrors['$.programs[0].programReference.programTypeDescriptor']).toEqual([
      "ProgramTypeDescriptor value 'uri://dpi.wi.gov/ProgramTypeDescriptor#Certified' does not exist.",
    ]);
  });
});

/** Given data WISEdata checks after submission, the validation report lists one finding per violation, and none for correct data. */
describe('WI validation report (level report)', () => {
  type Year = Awaited<ReturnType<typeof wiYear>>;
  const post = async (y: Year, route: string, body: unknown) => {
    const res = await y.post(route, body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const SSA = '/ed-fi/studentSectionAssociations';
  const SCTEPA = '/ed-fi/studentCTEProgramAssociations';
  const GRADES = '/ed-fi/grades';
  const cases: [string, number, (y: Year) => Promise<void>, (y: Year) => Promise<void>][] = [
    [
      'WI-PGM-CERTIFIED-2025',
      2025,
      (y) => post(y, SSA, ssa(2025, participation(y.ds, program('Youth Apprenticeship', 'Certified')))),
      (y) => post(y, SSA, ssa(2025, participation(y.ds, program('Youth Apprenticeship', 'WBL')))),
    ],
    [
      'WI-PGM-NONCERTIFIED-2025',
      2025,
      (y) => post(y, SSA, ssa(2025, participation(y.ds, program('Simulated Worksite', 'Non Certified')))),
      (y) => post(y, SSA, ssa(2025, participation(y.ds, program('Simulated Worksite', 'WBL')))),
    ],
    [
      'WI-GRADE-CERTSTATUS',
      2024,
      async (y) => {
        await post(y, SSA, ssa(2024));
        await post(y, GRADES, {
          ...wiGrade(y.ds, 2024, STUDENT_A, '2023-08-20'),
          _ext: { wi: { certificatedProgramStatusDescriptor: DPI('certificatedProgramStatusDescriptor', 'A') } },
        });
      },
      async (y) => {
        await post(y, SSA, ssa(2024));
        await post(y, GRADES, wiGrade(y.ds, 2024, STUDENT_A, '2023-08-20'));
      },
    ],
    [
      'WI-GRADE-TYPE',
      2026,
      async (y) => {
        await post(y, SSA, ssa(2026));
        await post(y, GRADES, { ...wiGrade(y.ds, 2026, STUDENT_A, '2025-08-20'), gradeTypeDescriptor: 'uri://ed-fi.org/GradeTypeDescriptor#Semester' });
      },
      async (y) => {
        await post(y, SSA, ssa(2026));
        await post(y, GRADES, wiGrade(y.ds, 2026, STUDENT_A, '2025-08-20'));
      },
    ],
    [
      'WI-DQ-15.3',
      2025,
      (y) => post(y, '/ed-fi/studentSchoolAssociations', enrollment({ _ext: { wi: { receivingServices: [countDate('N')] } } })),
      (y) => post(y, '/ed-fi/studentSchoolAssociations', enrollment({ _ext: { wi: { receivingServices: [countDate('A')] } } })),
    ],
    [
      'WI-CTE-SINGLE-PARENT',
      2026,
      (y) => post(y, '/ed-fi/studentSchoolAssociations', enrollment({ entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Twelfth grade' })),
      async (y) => {
        await post(y, '/ed-fi/studentSchoolAssociations', enrollment({ entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Twelfth grade' }));
        await post(y, '/ed-fi/studentEducationOrganizationAssociations', {
          studentReference: { studentUniqueId: STUDENT_A },
          educationOrganizationReference: { educationOrganizationId: 7525 },
          studentCharacteristics: [{ studentCharacteristicDescriptor: 'uri://ed-fi.org/StudentCharacteristicDescriptor#Single Parent' }],
        });
      },
    ],
    ['WI-SSA-REQUIRED', 2023, (y) => post(y, SSA, ssa(2023, { endDate: undefined, attemptStatusDescriptor: undefined })), (y) => post(y, SSA, ssa(2023))],
    [
      'WI-SCTEPA-REQUIRED',
      2024,
      (y) => post(y, SCTEPA, sctepa(y.ds, 2024, undefined, undefined, undefined, { _ext: undefined })),
      (y) => post(y, SCTEPA, sctepa(y.ds, 2024)),
    ],
    [
      'WI-SCTEPA-PATHWAY',
      2025,
      (y) => post(y, SCTEPA, sctepa(y.ds, 2025, undefined, undefined, undefined, { ctePrograms: undefined })),
      (y) => post(y, SCTEPA, sctepa(y.ds, 2025)),
    ],
    [
      'WI-SCTEPA-SERVICE',
      2026,
      (y) => post(y, SCTEPA, sctepa(y.ds, 2026, undefined, undefined, undefined, { cteProgramServices: undefined })),
      (y) => post(y, SCTEPA, sctepa(y.ds, 2026)),
    ],
    [
      'WI-STAFFSECTION-DATES',
      2025,
      (y) => post(y, '/ed-fi/staffSectionAssociations', staffSection(2025, DPI('ClassroomPositionDescriptor', '05971'), { endDate: undefined })),
      (y) => post(y, '/ed-fi/staffSectionAssociations', staffSection(2025, DPI('ClassroomPositionDescriptor', '05971'))),
    ],
    [
      'WI-DQ-16.1',
      2025,
      (y) => post(y, SSA, ssa(2025, participation(y.ds, program('Simulated Worksite', 'WBL')))),
      async (y) => {
        await post(y, SSA, ssa(2025, participation(y.ds, program('Simulated Worksite', 'WBL'))));
        await post(y, SCTEPA, sctepa(y.ds, 2025, 'Simulated Worksite', 'WBL', STUDENT_A));
      },
    ],
    [
      'WI-SSA-ATTEMPT-GRADED',
      2024,
      async (y) => {
        await post(y, SSA, ssa(2024, { attemptStatusDescriptor: DPI('AttemptStatusDescriptor', 'I') }));
        await post(y, GRADES, wiGrade(y.ds, 2024, STUDENT_A, '2023-08-20'));
      },
      async (y) => {
        await post(y, SSA, ssa(2024));
        await post(y, GRADES, wiGrade(y.ds, 2024, STUDENT_A, '2023-08-20'));
      },
    ],
    [
      'WI-SSA-ATTEMPT-UNGRADED',
      2024,
      (y) => post(y, SSA, ssa(2024)),
      (y) => post(y, SSA, ssa(2024, { attemptStatusDescriptor: DPI('AttemptStatusDescriptor', 'I') })),
    ],
    [
      'WI-SSA-REJOIN',
      2025,
      async (y) => {
        await post(y, SSA, ssa(2025, { endDate: undefined }));
        await post(y, SSA, ssa(2025, { beginDate: '2024-10-10', endDate: undefined }));
      },
      async (y) => {
        await post(y, SSA, ssa(2025, { endDate: '2024-10-01', attemptStatusDescriptor: DPI('AttemptStatusDescriptor', 'I') }));
        await post(y, SSA, ssa(2025, { beginDate: '2024-10-10' }));
      },
    ],
    [
      'WI-SSA-REJOIN-PROGRAMS',
      2025,
      async (y) => {
        await post(y, SSA, ssa(2025, { endDate: '2024-10-01', ...participation(y.ds, program('Simulated Worksite', 'WBL')) }));
        await post(y, SSA, ssa(2025, { beginDate: '2024-10-10' }));
      },
      async (y) => {
        await post(y, SSA, ssa(2025, { endDate: '2024-10-01', ...participation(y.ds, program('Simulated Worksite', 'WBL')) }));
        await post(y, SSA, ssa(2025, { beginDate: '2024-10-10', ...participation(y.ds, program('Simulated Worksite', 'WBL')) }));
      },
    ],
    [
      'WI-CTE-PARTICIPANT',
      2025,
      async (y) => {
        await post(y, '/ed-fi/studentSchoolAssociations', enrollment());
        await post(y, SSA, ssa(2025));
        await post(y, GRADES, wiGrade(y.ds, 2025, STUDENT_A, '2024-08-20', 'Pass'));
      },
      async (y) => {
        await post(y, '/ed-fi/studentSchoolAssociations', enrollment());
        await post(y, SSA, ssa(2025));
        await post(y, GRADES, wiGrade(y.ds, 2025, STUDENT_A, '2024-08-20', 'Fail'));
      },
    ],
  ];

  it.each(cases)('%s (school year %s) fires on violating data and is silent on correct data', async (id, year, violate, comply) => {
    const bad = await wiYear(year);
    await violate(bad);
    const found = await findingsOf(bad, id);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].message.startsWith(`[${id}] `)).toBe(true);
    const good = await wiYear(year);
    await comply(good);
    expect(await findingsOf(good, id)).toEqual([]);
  });

  it('scopes year rules to their years: Certified in 2023-24 is not deprecated yet', async () => {
    const y = await wiYear(2024);
    await post(y, SSA, ssa(2024, participation(y.ds, program('Youth Apprenticeship', 'Certified'))));
    const report = (await y.validations()).body;
    expect(report.rules.map((r: { id: string }) => r.id)).not.toContain('WI-PGM-CERTIFIED-2025');
  });

  it('applies Public-only requirements to Public clients: a Choice client gets no WI-SSA-REQUIRED findings', async () => {
    const y = await wiYear(2023);
    await post(y, SSA, ssa(2023, { endDate: undefined }));
    expect((await findingsOf(y, 'WI-SSA-REQUIRED')).length).toBe(1);
    const choice = await y.server.http.get('/2023/validations').set(await y.server.bearer(CHOICE_CLIENT));
    expect(choice.body.findings.filter((f: { ruleId: string }) => f.ruleId === 'WI-SSA-REQUIRED')).toEqual([]);
  });

  it('lists every finding of a data set that violates each reported rule, with rule, item and path', async () => {
    const y = await wiYear(2025);
    await post(y, SSA, ssa(2025, { endDate: undefined, ...participation(y.ds, program('Youth Apprenticeship', 'Certified')) }));
    await post(y, SSA, ssa(2025, { beginDate: '2024-11-01', attemptStatusDescriptor: undefined }));
    const report = (await y.validations()).body;
    const ids = new Set(report.findings.map((f: { ruleId: string }) => f.ruleId));
    expect([...ids].sort()).toEqual(['WI-DQ-16.1', 'WI-PGM-CERTIFIED-2025', 'WI-SSA-REJOIN', 'WI-SSA-REJOIN-PROGRAMS', 'WI-SSA-REQUIRED'].sort());
    expect(report.counts.error).toBeGreaterThan(0);
    for (const f of report.findings)
      expect(f).toEqual({
        ruleId: expect.any(String),
        severity: expect.any(String),
        resource: 'StudentSectionAssociation',
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        key: expect.stringMatching(/^beginDate=\d{4}-\d\d-\d\d, localCourseCode=LCC-121941, .*studentUniqueId=\d+$/),
        path: expect.stringMatching(/^\$/),
        message: expect.stringMatching(/^\[WI-/),
      });
  });

  it('lists a finding of every report rule of 2024-25 for a data set that violates them all', async () => {
    const y = await wiYear(2025);
    await post(
      y,
      SSA,
      ssa(2025, {
        endDate: '2024-10-01',
        ...participation(y.ds, program('Youth Apprenticeship', 'Certified'), program('Simulated Worksite', 'Non Certified')),
      }),
    );
    await post(y, SSA, ssa(2025, { beginDate: '2024-10-10', endDate: undefined, attemptStatusDescriptor: undefined }));
    await post(y, GRADES, {
      ...wiGrade(y.ds, 2025, STUDENT_A, '2024-10-10'),
      gradeTypeDescriptor: 'uri://ed-fi.org/GradeTypeDescriptor#Semester',
      _ext: { wi: { certificatedProgramStatusDescriptor: DPI('certificatedProgramStatusDescriptor', 'A') } },
    });
    await post(
      y,
      '/ed-fi/studentSchoolAssociations',
      enrollment({
        studentReference: { studentUniqueId: STUDENT_B },
        entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Eleventh grade',
        _ext: {
          wi: {
            receivingServices: [
              {
                countDateNameDescriptor: DPI('CountDateNameDescriptor', 'September'),
                countDateReceivingServiceDescriptor: DPI('CountDateReceivingServiceDescriptor', 'N'),
              },
            ],
          },
        },
      }),
    );
    await post(y, SSA, ssa(2025, { beginDate: '2025-01-12', attemptStatusDescriptor: 'uri://ed-fi.org/AttemptStatusDescriptor#Pass' }, STUDENT_B));
    await post(
      y,
      SCTEPA,
      sctepa(y.ds, 2025, undefined, undefined, STUDENT_A, {
        ctePrograms: [{ careerPathwayDescriptor: 'uri://ed-fi.org/CareerPathwayDescriptor#Health Science' }],
      }),
    );
    const edfiType = 'uri://ed-fi.org/ProgramTypeDescriptor#Career and Technical Education';
    await post(y, '/ed-fi/programs', {
      educationOrganizationReference: { educationOrganizationId: 7525 },
      programName: 'Local CTE',
      programTypeDescriptor: edfiType,
    });
    await post(
      y,
      SSA,
      ssa(
        2025,
        {
          beginDate: '2025-02-02',
          ...participation(y.ds, { programReference: { educationOrganizationId: 7525, programName: 'Local CTE', programTypeDescriptor: edfiType } }),
        },
        STUDENT_B,
      ),
    );
    await post(y, SSA, ssa(2025, {}, STUDENT_B));
    await post(y, GRADES, wiGrade(y.ds, 2025, STUDENT_B, '2024-08-20', 'Pass'));
    await post(y, SCTEPA, sctepa(y.ds, 2025, undefined, undefined, STUDENT_B, { _ext: undefined, ctePrograms: undefined }));
    await post(
      y,
      '/ed-fi/staffSectionAssociations',
      staffSection(2025, 'uri://ed-fi.org/ClassroomPositionDescriptor#Teacher of Record', { endDate: undefined }),
    );
    const report = (await y.validations()).body;
    // No Ed-Fi enrollment type exists before DS 5 (2025-26), so WI-NS-ENROLLMENT cannot fire in 2024-25.
    const expected = loadProfile(SCHEMAS, 'wi')
      .rules!.filter((r) => r.level === 'report' && (!r.years || r.years.includes(2025)) && r.id !== 'WI-NS-ENROLLMENT')
      .map((r) => r.id);
    expect(expected.length).toBe(21);
    expect([...new Set(report.findings.map((f: { ruleId: string }) => f.ruleId))].sort()).toEqual(expected.sort());
    expect(report.rules.map((r: { id: string }) => r.id).sort()).toEqual([...expected, 'WI-NS-ENROLLMENT'].sort());
  });

  it('requires a token like any data route', async () => {
    const y = await wiYear(2025);
    expect((await y.server.http.get('/2025/validations')).status).toBe(401);
    expect(STUDENT_B).not.toBe(STUDENT_A);
    expect(PUBLIC_CLIENT.attributes).toEqual({ configurationProfile: 'Public' });
  });
});
