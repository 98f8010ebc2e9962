import { loadRegistry } from '../../src/model/registry';
import { SCHEMAS, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

const DV = {
  detail: "Data validation failed. See 'validationErrors' for details.",
  type: 'urn:ed-fi:api:bad-request:data-validation-failed',
  title: 'Data Validation Failed',
  status: 400,
};

describe('validation errors (ODS 7.x templates, keyed by JSON path)', () => {
  it('reports every missing required member at once', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/absenceEventCategoryDescriptors', { namespace: 'uri://x.org/AbsenceEventCategoryDescriptor' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      ...DV,
      correlationId: expect.any(String),
      validationErrors: { '$.codeValue': ['CodeValue is required.'], '$.shortDescription': ['ShortDescription is required.'] },
    });
  });

  it.each([
    ['an empty required string', { lastSurname: '' }, '$.lastSurname', 'LastSurname is required and should not be left empty.'],
    // DS 5.1 and later dropped most minimum lengths: ODS/API 7.3 on DS 5.2 says "at most" (5.0: "between 1 and 75").
    ['a too long string', { firstName: 'x'.repeat(80) }, '$.firstName', 'FirstName must be at most 75 characters in length.'],
    ['a date with a time part', { birthDate: '2010-01-13T10:00:00' }, '$.birthDate', 'String was not recognized as a valid date.'],
    ['a non-boolean for a boolean', { multipleBirthStatus: 'truthy' }, '$.multipleBirthStatus', 'Unexpected value for boolean: truthy (type: String)'],
  ])('words %s like ODS', async (_what, patch, key, message) => {
    const s = testServer();
    const res = await s.post('/ed-fi/students', { ...district.student, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ [key]: [message] });
  });

  it('words a too long string on Data Standard 5.0, which has minimum lengths, with both bounds', async () => {
    const s = testServer({ registry: loadRegistry(SCHEMAS, '5.0') });
    const res = await s.post('/ed-fi/students', { ...district.student, firstName: 'x'.repeat(80), lastSurname: '' });
    expect(res.body.validationErrors).toEqual({
      '$.firstName': ['FirstName must be between 1 and 75 characters in length.'],
      '$.lastSurname': ['LastSurname is required and should not be left empty.'],
    });
  });

  it('words a string that cannot become an integer with its path', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/schools', { ...district.school, schoolId: 'abc' });
    expect(res.body.validationErrors).toEqual({ '$.schoolId': ["Could not convert string to integer: abc. Path 'schoolId'."] });
  });

  it('rejects integers beyond the member width cleanly', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/sessions', { ...district.session, totalInstructionalDays: 99999999999 });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors['$.totalInstructionalDays'][0]).toMatch(/^Error converting value 99999999999 to type 'System.Int32'/);
  });

  it('coerces numeric strings and "TRUE"-style booleans where the schema says number/boolean', async () => {
    const s = testServer();
    await loadDistrict(s, 'lea');
    const res = await s.post('/ed-fi/schools', {
      ...district.school,
      schoolId: '255901001',
      localEducationAgencyReference: { localEducationAgencyId: '255901' },
    });
    expect(res.status).toBe(201);
    const st = await s.post('/ed-fi/students', { ...district.student, multipleBirthStatus: 'TRUE' });
    expect(st.status).toBe(201);
    const got = await s.get('/ed-fi/students');
    expect(got.body[0].multipleBirthStatus).toBe(true);
    const school = await s.get('/ed-fi/schools');
    expect(school.body[0].schoolId).toBe(255901001);
  });

  it('matches member names case-insensitively and ignores unknown members (not stored, not returned)', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/students', { StudentUniqueId: '1', FIRSTNAME: 'A', lastsurname: 'B', BirthDate: '2010-01-01', favouriteColour: 'blue' });
    expect(res.status).toBe(201);
    const got = await s.get('/ed-fi/students');
    expect(got.body[0]).toMatchObject({ studentUniqueId: '1', firstName: 'A', lastSurname: 'B' });
    expect(got.body[0].favouriteColour).toBeUndefined();
  });

  it('omits null members on output', async () => {
    const s = testServer();
    await s.post('/ed-fi/students', { ...district.student, middleName: null });
    const got = await s.get('/ed-fi/students');
    expect('middleName' in got.body[0]).toBe(false);
  });

  it('ignores server-managed members sent back (_etag, _lastModifiedDate, link)', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const got = await s.get('/ed-fi/schools');
    const { id: _id, ...again } = got.body[0];
    const res = await s.post('/ed-fi/schools', again);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${got.body[0]._etag}"`);
  });

  it('reports duplicate collection items by ordinal and entity', async () => {
    const s = testServer();
    await loadDistrict(s, 'lea');
    const grade = { gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' };
    const cat = { educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School' };
    const res = await s.post('/ed-fi/schools', { ...district.school, gradeLevels: [grade, grade], educationOrganizationCategories: [cat, cat] });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({
      '$.educationOrganizationCategories': [
        'The 2nd item of the EducationOrganizationCategories has the same identifying values as another item earlier in the list.',
      ],
      '$.gradeLevels': ['The 2nd item of the SchoolGradeLevels has the same identifying values as another item earlier in the list.'],
    });
  });

  it('requires at least one item in a required collection', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/bellSchedules', { bellScheduleName: 'B', schoolReference: { schoolId: 1 }, classPeriods: [] });
    expect(res.body.validationErrors).toEqual({ '$.classPeriods': ['BellScheduleClassPeriods must have at least one item.'] });
  });

  it('refuses leading or trailing spaces in key strings', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/students', { ...district.student, studentUniqueId: ' 604822' });
    expect(res.body.validationErrors).toEqual({ '$.studentUniqueId': ['StudentUniqueId cannot contain leading or trailing spaces.'] });
  });

  it('accepts a begin date after the end date (ODS has no such rule)', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const res = await s.post('/ed-fi/sessions', { ...district.session, beginDate: '2026-01-01', endDate: '2025-01-01' });
    expect(res.status).toBe(201);
  });
});

describe('request format', () => {
  it.each([
    ['a missing Content-Type', undefined, "The 'Content-Type' header is missing."],
    ['an unsupported Content-Type', 'text/plain', "The value specified in the 'Content-Type' header is not supported by this host."],
  ])('answers 415 for %s', async (_what, type, message) => {
    const s = testServer();
    let req = s.http.post('/data/v3/ed-fi/students').set('Authorization', `Bearer ${await s.auth()}`);
    if (type) req = req.set('Content-Type', type);
    const res = await req.send(type ? 'x' : undefined);
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:ed-fi:api:unsupported-media-type', title: 'Unsupported Media Type', errors: [message] });
  });

  it('answers 400 for an empty body', async () => {
    const s = testServer();
    const res = await s.http
      .post('/data/v3/ed-fi/students')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('Content-Type', 'application/json')
      .send('');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'urn:ed-fi:api:bad-request', title: 'Bad Request', errors: ['A non-empty request body is required.'] });
  });

  it('answers 400 for malformed JSON with the parser message', async () => {
    const s = testServer();
    const res = await s.http
      .post('/data/v3/ed-fi/students')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('Content-Type', 'application/json')
      .send('{"studentUniqueId": ');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:ed-fi:api:bad-request:data-validation-failed');
    expect(Object.keys(res.body.validationErrors)).toEqual(['$']);
  });

  it.each(['PATCH', 'OPTIONS'])('answers 405 to %s on resource routes', async (method) => {
    const s = testServer();
    const res = await s.http[method.toLowerCase() as 'patch' | 'options']('/data/v3/ed-fi/students').set('Authorization', `Bearer ${await s.auth()}`);
    expect(res.status).toBe(405);
    expect(res.body.errors).toEqual([`The endpoint of the request does not support the '${method}' method.`]);
  });

  it('answers 404 problem+json for unknown routes and resources', async () => {
    const s = testServer();
    for (const path of ['/nope', '/data/v3/ed-fi/unicorns']) {
      const res = await s.http.get(path).set('Authorization', `Bearer ${await s.auth()}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toMatchObject({ detail: 'The specified data could not be found.', type: 'urn:ed-fi:api:not-found' });
    }
  });

  it('takes the correlationId from the correlation-id header, else the query', async () => {
    const s = testServer();
    const a = await s.http
      .get('/data/v3/ed-fi/students/x?correlationId=from-query')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('correlation-id', 'from-header');
    expect(a.body.correlationId).toBe('from-header');
    const b = await s.http.get('/data/v3/ed-fi/students/x?correlationId=from-query').set('Authorization', `Bearer ${await s.auth()}`);
    expect(b.body.correlationId).toBe('from-query');
  });
});
