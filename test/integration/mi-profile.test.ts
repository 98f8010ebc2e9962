import { PUBLIC_CLIENT, profileServer } from '../helpers/api';

const E = (name: string, code: string) => `uri://ed-fi.org/${name}#${code}`;
const MI = (code: string) => `uri://michigan.gov/BehaviorDescriptor#${code}`;

/** The MI seed's fixtures: a district, a school, a student and a discipline incident dated inside 2024-25. */
const fixtures = (incidentDate = '2024-10-15'): [string, Record<string, unknown>][] => [
  [
    '/ed-fi/localEducationAgencies',
    {
      localEducationAgencyId: 82010,
      nameOfInstitution: 'Sample MI District',
      localEducationAgencyCategoryDescriptor: E('LocalEducationAgencyCategoryDescriptor', 'Independent'),
      categories: [{ educationOrganizationCategoryDescriptor: E('EducationOrganizationCategoryDescriptor', 'Local Education Agency') }],
    },
  ],
  [
    '/ed-fi/schools',
    {
      schoolId: 8201001,
      nameOfInstitution: 'Sample MI Middle School',
      localEducationAgencyReference: { localEducationAgencyId: 82010 },
      educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: E('EducationOrganizationCategoryDescriptor', 'School') }],
      gradeLevels: [{ gradeLevelDescriptor: E('GradeLevelDescriptor', 'Seventh grade') }],
    },
  ],
  ['/ed-fi/students', { studentUniqueId: 'MI-1001', firstName: 'Noah', lastSurname: 'Kowalski', birthDate: '2012-04-02' }],
  ['/ed-fi/disciplineIncidents', { incidentIdentifier: 'INC-1', schoolReference: { schoolId: 8201001 }, incidentDate }],
  ['/mi/followUpDescriptors', { namespace: 'uri://michigan.gov/FollowUpDescriptor', codeValue: 'PC', shortDescription: 'Parent contact' }],
];

/** A studentDisciplineIncidentAssociation as the IC trigger rules of seed 004 build it. */
const sdia = (behaviors: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  disciplineIncidentReference: { incidentIdentifier: 'INC-1', schoolId: 8201001 },
  studentReference: { studentUniqueId: 'MI-1001' },
  studentParticipationCodeDescriptor: E('StudentParticipationCodeDescriptor', 'Perpetrator'),
  behaviors,
  _ext: { mi: { followUps: [{ followUpDescriptor: 'uri://michigan.gov/FollowUpDescriptor#PC' }] } },
  ...extra,
});
const behavior = (code: string, order?: number) => ({
  behaviorDescriptor: MI(code),
  ...(order === undefined ? {} : { _ext: { mi: { orderOfBehavior: order } } }),
});

async function miYear(year = 2025, incidentDate?: string) {
  const s = profileServer('mi', [PUBLIC_CLIENT]);
  const y = s.year(year);
  for (const [route, body] of fixtures(incidentDate)) {
    const res = await y.post(route, body);
    if (res.status !== 201) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { ...y, server: s };
}

/** Given a Michigan district on MiDataHub (Ed-Fi v3.1 discipline), when it sends student discipline incident associations. */
describe('Michigan profile', () => {
  it('serves each year inside data/v3 in the ODS/API 3.x/5.x flavor with the MI extension', async () => {
    const s = profileServer('mi', [PUBLIC_CLIENT]);
    const d = (await s.http.get('/')).body;
    expect(d.apiMode).toBe('YearSpecific');
    expect(d.dataModels.map((m: { name: string }) => m.name)).toEqual(['Ed-Fi', 'MI', 'TPDM']);
    expect(d.urls.dataManagementApi).toMatch(/\/data\/v3\/2026\/$/);
    const codes = (await s.year(2025).get('/ed-fi/behaviorDescriptors?namespace=uri://michigan.gov/BehaviorDescriptor&limit=100')).body.map(
      (b: { codeValue: string }) => b.codeValue,
    );
    expect(codes.sort()).toEqual(['01', '02', '03', '04', '06', '09', '20', '21', '22', '23', '30', '31', '44', '55', '56', '60', '61']);
  });

  it('accepts an association with ordered behaviors, a subtype and follow-ups (seed 004), and returns the extension', async () => {
    const y = await miYear();
    await y.post('/mi/disciplineIncidentBehaviorSubTypeDescriptors', {
      namespace: 'uri://michigan.gov/DisciplineIncidentBehaviorSubTypeDescriptor',
      codeValue: 'F',
      shortDescription: 'Fight',
    });
    const withSubtype = {
      ...behavior('60', 2),
      _ext: { mi: { orderOfBehavior: 2, disciplineIncidentBehaviorSubTypeDescriptor: 'uri://michigan.gov/DisciplineIncidentBehaviorSubTypeDescriptor#F' } },
    };
    const res = await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1), withSubtype]));
    expect(res.status).toBe(201);
    const [item] = (await y.get('/ed-fi/studentDisciplineIncidentAssociations')).body;
    expect(item.behaviors[1]._ext.mi).toEqual({
      orderOfBehavior: 2,
      disciplineIncidentBehaviorSubTypeDescriptor: 'uri://michigan.gov/DisciplineIncidentBehaviorSubTypeDescriptor#F',
    });
    expect(item._ext.mi.followUps).toEqual([{ followUpDescriptor: 'uri://michigan.gov/FollowUpDescriptor#PC' }]);
  });

  it('MI-SDIA-ORDER-REQUIRED fires when a behavior has no order, and is silent when every behavior has one', async () => {
    const y = await miYear();
    const res = await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1), behavior('31')]));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message:
        "Validation of 'StudentDisciplineIncidentAssociation' failed.\n\t[MI-SDIA-ORDER-REQUIRED] OrderOfBehavior is required on every behavior (_ext.mi.orderOfBehavior: the earliest behavior event of the incident is 1, the next 2, ...).\n",
    });
    expect((await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1), behavior('31', 2)]))).status).toBe(201);
  });

  it('MI-SDIA-ORDER-UNIQUE fires when two behaviors share an order', async () => {
    const y = await miYear();
    const res = await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1), behavior('31', 1)]));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('[MI-SDIA-ORDER-UNIQUE] OrderOfBehavior 1 is used by more than one behavior');
  });

  it('rejects an order below 1 and a non-integer order like any typed member', async () => {
    const y = await miYear();
    expect((await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 0)]))).status).toBe(400);
    const text = await y.post(
      '/ed-fi/studentDisciplineIncidentAssociations',
      sdia([{ behaviorDescriptor: MI('02'), _ext: { mi: { orderOfBehavior: 'first' } } }]),
    );
    expect(text.status).toBe(400);
    expect(text.body).toEqual({
      message: 'The request is invalid.',
      modelState: { 'request.behaviors[0]._ext.mi.orderOfBehavior': ['The supplied value is invalid.'] },
    });
  });

  it('rejects an unknown follow-up code (400) and an incident that does not exist (409)', async () => {
    const y = await miYear();
    const bad = await y.post(
      '/ed-fi/studentDisciplineIncidentAssociations',
      sdia([behavior('02', 1)], { _ext: { mi: { followUps: [{ followUpDescriptor: 'uri://michigan.gov/FollowUpDescriptor#ZZ' }] } } }),
    );
    expect(bad.body).toEqual({ message: "Unable to resolve value 'uri://michigan.gov/FollowUpDescriptor#ZZ' to an existing 'FollowUpDescriptor' resource." });
    const missing = await y.post(
      '/ed-fi/studentDisciplineIncidentAssociations',
      sdia([behavior('02', 1)], { disciplineIncidentReference: { incidentIdentifier: 'NOPE', schoolId: 8201001 } }),
    );
    expect(missing.status).toBe(409);
    expect(missing.body).toEqual({ message: "The value supplied for the related 'disciplineIncident' resource does not exist." });
  });

  it('PUT replaces behaviors and follow-ups (IC: "Put when a change is made to behaviors, followUps")', async () => {
    const y = await miYear();
    const id = String((await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1)]))).headers.location)
      .split('/')
      .pop();
    const put = await y.put(
      `/ed-fi/studentDisciplineIncidentAssociations/${id}`,
      sdia([behavior('02', 1), behavior('44', 2)], { _ext: { mi: { followUps: [] } } }),
    );
    expect(put.status).toBe(204);
    const item = (await y.get(`/ed-fi/studentDisciplineIncidentAssociations/${id}`)).body;
    expect(item.behaviors.map((b: { _ext: { mi: { orderOfBehavior: number } } }) => b._ext.mi.orderOfBehavior)).toEqual([1, 2]);
  });

  it('blocks deleting an association a discipline action references (409), until the action is deleted first', async () => {
    const y = await miYear();
    const sdiaId = String((await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1)]))).headers.location)
      .split('/')
      .pop();
    const action = await y.post('/ed-fi/disciplineActions', {
      disciplineActionIdentifier: 'DA-1',
      disciplineDate: '2024-10-16',
      disciplines: [{ disciplineDescriptor: E('DisciplineDescriptor', 'In School Suspension') }],
      responsibilitySchoolReference: { schoolId: 8201001 },
      studentReference: { studentUniqueId: 'MI-1001' },
      studentDisciplineIncidentAssociations: [
        { studentDisciplineIncidentAssociationReference: { incidentIdentifier: 'INC-1', schoolId: 8201001, studentUniqueId: 'MI-1001' } },
      ],
    });
    expect(action.status).toBe(201);
    const blocked = await y.del(`/ed-fi/studentDisciplineIncidentAssociations/${sdiaId}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toEqual({
      message:
        "The resource (or a subordinate entity of the resource) cannot be deleted because it is a dependency of the 'disciplineActionStudentDisciplineIncidentAssociation' entity.",
    });
    expect((await y.del(`/ed-fi/disciplineActions/${String(action.headers.location).split('/').pop()}`)).status).toBe(204);
    expect((await y.del(`/ed-fi/studentDisciplineIncidentAssociations/${sdiaId}`)).status).toBe(204);
  });

  it.each([
    ['2024-06-30', 1],
    ['2024-07-01', 0],
    ['2025-06-30', 0],
    ['2025-07-01', 1],
  ])('MI-SCOPE-YEAR: an incident dated %s in the 2024-25 ODS gives %i finding(s) per rule', async (date, n) => {
    const y = await miYear(2025, date);
    await y.post('/ed-fi/studentDisciplineIncidentAssociations', sdia([behavior('02', 1)]));
    const report = (await y.validations()).body;
    const count = (id: string) => report.findings.filter((f: { ruleId: string }) => f.ruleId === id).length;
    expect([count('MI-SCOPE-YEAR-INCIDENT'), count('MI-SCOPE-YEAR-SDIA')]).toEqual([n, n]);
    if (n) expect(report.findings[0].message).toContain('(2024-07-01 to 2025-06-30)');
  });
});
