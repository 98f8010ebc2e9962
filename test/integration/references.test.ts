import { testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

describe('references', () => {
  it('answers 409 naming the referenced entity when a reference does not resolve', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const res = await s.post('/ed-fi/studentSchoolAssociations', district.studentSchoolAssociation);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      detail: "The referenced 'Student' item does not exist.",
      type: 'urn:ed-fi:api:data-conflict:unresolved-reference',
      title: 'Unresolved Reference',
      status: 409,
      correlationId: expect.any(String),
    });
  });

  it('resolves an abstract educationOrganizationReference against any concrete edorg', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const onSchool = await s.post('/ed-fi/courses', { ...district.course, educationOrganizationReference: { educationOrganizationId: 255901001 } });
    expect(onSchool.status).toBe(201);
    const nowhere = await s.post('/ed-fi/courses', { ...district.course, courseCode: 'X', educationOrganizationReference: { educationOrganizationId: 1 } });
    expect(nowhere.status).toBe(409);
    expect(nowhere.body.detail).toBe("The referenced 'EducationOrganization' item does not exist.");
  });

  it('checks references inside collections', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const res = await s.post('/ed-fi/bellSchedules', {
      bellScheduleName: 'B',
      schoolReference: { schoolId: 255901001 },
      classPeriods: [{ classPeriodReference: { classPeriodName: 'nope', schoolId: 255901001 } }],
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe("The referenced 'ClassPeriod' item does not exist.");
  });

  it('treats school years outside the seeded 1991-2050 as unresolved SchoolYearType', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const res = await s.post('/ed-fi/sessions', { ...district.session, schoolYearTypeReference: { schoolYear: 2051 } });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe("The referenced 'SchoolYearType' item does not exist.");
  });

  it('answers 400 listing every mismatch when references disagree on a unified key', async () => {
    const s = testServer();
    await loadDistrict(s, 'course');
    const res = await s.post('/ed-fi/courseOfferings', { ...district.courseOffering, schoolReference: { schoolId: 255901107 } });
    expect(res.status).toBe(400);
    const msg = "All values supplied for 'schoolId' must match. Review all references and align the following conflicting values: '255901107', '255901001'";
    expect(res.body.validationErrors).toEqual({ '$.schoolReference.schoolId': [msg], '$.sessionReference.schoolId': [msg] });
  });

  it('reports a partially populated reference', async () => {
    const s = testServer();
    await loadDistrict(s, 'student');
    const res = await s.post('/ed-fi/studentSchoolAssociations', { ...district.studentSchoolAssociation, calendarReference: { calendarCode: 'C' } });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.calendarReference': ['CalendarReference is missing the following properties: SchoolId, SchoolYear'] });
  });

  it('treats an empty optional reference object as absent', async () => {
    const s = testServer();
    await loadDistrict(s, 'student');
    const res = await s.post('/ed-fi/studentSchoolAssociations', { ...district.studentSchoolAssociation, calendarReference: {} });
    expect(res.status).toBe(201);
  });
});

describe('descriptors', () => {
  it('answers 400 with every unknown descriptor keyed by JSON path', async () => {
    const s = testServer();
    await loadDistrict(s, 'lea');
    const res = await s.post('/ed-fi/schools', {
      ...district.school,
      gradeLevels: [
        { gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' },
        { gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Thirteenth' },
      ],
      schoolTypeDescriptor: 'uri://ed-fi.org/SchoolTypeDescriptor#Nope',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      detail: "Data validation failed. See 'validationErrors' for details.",
      type: 'urn:ed-fi:api:bad-request:data-validation-failed',
      title: 'Data Validation Failed',
      status: 400,
      correlationId: expect.any(String),
      validationErrors: {
        '$.gradeLevels[1].gradeLevelDescriptor': ["GradeLevelDescriptor value 'uri://ed-fi.org/GradeLevelDescriptor#Thirteenth' does not exist."],
        '$.schoolTypeDescriptor': ["SchoolTypeDescriptor value 'uri://ed-fi.org/SchoolTypeDescriptor#Nope' does not exist."],
      },
    });
  });

  it('explains a value without #', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/students', { ...district.student, birthCountryDescriptor: '00' });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors['$.birthCountryDescriptor']).toEqual([
      "CountryDescriptor value '00' is not a valid value for use as a descriptor (a '#' is expected to delineate the namespace and code value portions).",
    ]);
  });

  it('matches descriptor URIs case-insensitively', async () => {
    const s = testServer();
    await loadDistrict(s, 'lea');
    const res = await s.post('/ed-fi/schools', {
      ...district.school,
      gradeLevels: [{ gradeLevelDescriptor: 'URI://ED-FI.ORG/gradeLevelDescriptor#ninth GRADE' }],
    });
    expect(res.status).toBe(201);
  });

  it('serves every descriptor endpoint with the default values and accepts new ones by upsert', async () => {
    const s = testServer();
    const before = await s.get('/ed-fi/termDescriptors?totalCount=true');
    expect(Number(before.headers['total-count'])).toBeGreaterThan(0);
    expect(before.body[0]).toEqual(
      expect.objectContaining({ namespace: 'uri://ed-fi.org/TermDescriptor', codeValue: expect.any(String), shortDescription: expect.any(String) }),
    );
    const created = await s.post('/ed-fi/termDescriptors', {
      namespace: 'uri://district.org/TermDescriptor',
      codeValue: 'Quinmester',
      shortDescription: 'Quinmester',
    });
    expect(created.status).toBe(201);
    const session = await s.post('/ed-fi/sessions', { ...district.session, termDescriptor: 'uri://district.org/TermDescriptor#Quinmester' });
    expect(session.status).toBe(409);
  });

  it('seeds school years 1991-2050', async () => {
    const s = testServer();
    const res = await s.get('/ed-fi/schoolYearTypes?totalCount=true&limit=1');
    expect(res.headers['total-count']).toBe('60');
    expect(res.body[0]).toMatchObject({ schoolYear: 1991, schoolYearDescription: '1990-1991', currentSchoolYear: false });
  });
});

describe('key unification of optional references (hand-written rules)', () => {
  it('rejects a calendar of another school on a studentSchoolAssociation', async () => {
    const s = testServer();
    await loadDistrict(s, 'student');
    const res = await s.post('/ed-fi/studentSchoolAssociations', {
      ...district.studentSchoolAssociation,
      calendarReference: { calendarCode: 'C1', schoolId: 255901107, schoolYear: 2026 },
    });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors['$.calendarReference.schoolId']).toEqual([
      "All values supplied for 'schoolId' must match. Review all references and align the following conflicting values: '255901001', '255901107'",
    ]);
  });
});
