import { idOf, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

describe('GET by id', () => {
  it('returns the item with id first, links on references, _etag and _lastModifiedDate; nulls omitted', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'school');
    const res = await s.get(`/ed-fi/schools/${idOf(loc.school)}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)[0]).toBe('id');
    expect(res.body.localEducationAgencyReference).toEqual({
      localEducationAgencyId: 255901,
      link: { rel: 'LocalEducationAgency', href: `/ed-fi/localEducationAgencies/${idOf(loc.lea)}` },
    });
    expect(res.headers.etag).toBe(`"${res.body._etag}"`);
    expect(res.body._lastModifiedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/);
    expect(Object.keys(res.body).slice(-2)).toEqual(['_etag', '_lastModifiedDate']);
  });

  it('resolves links of abstract references to the concrete resource', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'course');
    const res = await s.get(`/ed-fi/courses/${idOf(loc.course)}`);
    expect(res.body.educationOrganizationReference.link).toEqual({ rel: 'LocalEducationAgency', href: `/ed-fi/localEducationAgencies/${idOf(loc.lea)}` });
  });

  it('answers 304 to If-None-Match with the current ETag (quoted or not)', async () => {
    const s = testServer();
    const created = await s.post('/ed-fi/students', district.student);
    const token = await s.auth();
    const url = `/data/v3/ed-fi/students/${idOf(created.headers.location)}`;
    for (const tag of [created.headers.etag, created.headers.etag.replace(/"/g, '')]) {
      const res = await s.http.get(url).set('Authorization', `Bearer ${token}`).set('If-None-Match', tag);
      expect(res.status).toBe(304);
      expect(res.text).toBe('');
    }
  });

  it.each([
    ['an unknown id', '00000000000000000000000000000001', 'The specified item could not be found.'],
    ['a non-GUID id', 'not-a-guid', 'The specified data could not be found.'],
  ])('answers 404 for %s', async (_what, id, detail) => {
    const s = testServer();
    const res = await s.get(`/ed-fi/students/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ detail, type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404 });
  });

  it('accepts a dashed GUID for an undashed id', async () => {
    const s = testServer();
    const id = idOf((await s.post('/ed-fi/students', district.student)).headers.location);
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    expect((await s.get(`/ed-fi/students/${dashed.toUpperCase()}`)).status).toBe(200);
  });
});

describe('GET collection', () => {
  async function students(n: number) {
    const s = testServer();
    for (let i = 0; i < n; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `S${i}`, lastSurname: i % 2 ? 'Odd' : 'Even' });
    return s;
  }

  it('returns [] with 200 and no ETag when empty', async () => {
    const s = testServer();
    const res = await s.get('/ed-fi/students');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(res.headers.etag).toBeUndefined();
  });

  it('pages in insertion order with offset and limit; Total-Count only when totalCount=true', async () => {
    const s = await students(7);
    const page = await s.get('/ed-fi/students?offset=2&limit=3&totalCount=true');
    expect(page.body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S2', 'S3', 'S4']);
    expect(page.headers['total-count']).toBe('7');
    const plain = await s.get('/ed-fi/students?limit=2');
    expect(plain.headers['total-count']).toBeUndefined();
  });

  it('returns [] for limit=0 (with Total-Count when asked)', async () => {
    const s = await students(2);
    const res = await s.get('/ed-fi/students?limit=0&totalCount=true');
    expect(res.body).toEqual([]);
    expect(res.headers['total-count']).toBe('2');
  });

  it('defaults to 500 items per page (ODS 6.x/7.x)', async () => {
    const s = testServer({ api: { defaultPageSize: 500, maxPageSize: 500 } });
    const res = await s.get('/ed-fi/gradeLevelDescriptors?totalCount=true');
    expect(res.body.length).toBe(Number(res.headers['total-count']));
    expect(res.body.length).toBeGreaterThan(10);
  });

  it.each([
    ['limit=501', 'Limit must be a value between 0 and 500.'],
    ['limit=-1', 'Limit must be a value between 0 and 500.'],
    ['offset=-1', 'Offset cannot be a negative value.'],
  ])('answers 400 parameter-validation-failed for %s', async (q, message) => {
    const s = testServer();
    const res = await s.get(`/ed-fi/students?${q}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      detail: 'The request construction was invalid.',
      type: 'urn:ed-fi:api:bad-request:parameter-validation-failed',
      title: 'Parameter Validation Failed',
      status: 400,
      correlationId: expect.any(String),
      errors: [message],
    });
  });

  it('answers 400 data-validation-failed for a non-numeric limit', async () => {
    const s = testServer();
    const res = await s.get('/ed-fi/students?limit=abc');
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.limit': ["The value 'abc' is not valid for Limit."] });
  });

  it('filters on root scalars with case-insensitive parameter names, ANDed, unknown parameters ignored', async () => {
    const s = await students(6);
    const res = await s.get('/ed-fi/students?LastSurname=Odd&studentuniqueid=S3&notAField=1');
    expect(res.body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S3']);
    expect((await s.get('/ed-fi/students?lastSurname=Nobody')).body).toEqual([]);
  });

  it('filters on reference key fields without the reference prefix, and on descriptors by URI', async () => {
    const s = testServer();
    await loadDistrict(s, 'studentSchoolAssociation');
    const bySchool = await s.get('/ed-fi/studentSchoolAssociations?schoolId=255901001&studentUniqueId=604822');
    expect(bySchool.body).toHaveLength(1);
    const byDescriptor = await s.get(
      `/ed-fi/studentSchoolAssociations?entryGradeLevelDescriptor=${encodeURIComponent('uri://ed-fi.org/GradeLevelDescriptor#Ninth grade')}`,
    );
    expect(byDescriptor.body).toHaveLength(1);
    expect((await s.get('/ed-fi/studentSchoolAssociations?schoolId=1')).body).toEqual([]);
  });

  it.each([
    ['nameOfInstitution', 'Grand Bend Middle School'],
    ['shortNameOfInstitution', 'GBMS'],
    ['webSite', 'https://gbms.example.org'],
    ['operationalStatusDescriptor', 'uri://ed-fi.org/OperationalStatusDescriptor#Active'],
  ])('filters on %s, a member schools inherit from education organizations', async (name, value) => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const middle = {
      ...district.school,
      schoolId: 255901002,
      nameOfInstitution: 'Grand Bend Middle School',
      shortNameOfInstitution: 'GBMS',
      webSite: 'https://gbms.example.org',
      operationalStatusDescriptor: 'uri://ed-fi.org/OperationalStatusDescriptor#Active',
    };
    expect((await s.post('/ed-fi/schools', middle)).status).toBe(201);
    const res = await s.get(`/ed-fi/schools?${name}=${encodeURIComponent(value)}`);
    expect(res.body.map((x: { schoolId: number }) => x.schoolId)).toEqual([255901002]);
  });

  it('filters by id', async () => {
    const s = await students(3);
    const all = await s.get('/ed-fi/students');
    const res = await s.get(`/ed-fi/students?id=${all.body[1].id}`);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].id).toBe(all.body[1].id);
  });

  it('answers 400 for a filter value of the wrong type', async () => {
    const s = testServer();
    const res = await s.get('/ed-fi/schools?schoolId=abc');
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.schoolId': ["The value 'abc' is not valid for SchoolId."] });
  });

  it('keeps an updated item in its original place', async () => {
    const s = await students(3);
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'S0', firstName: 'Updated' });
    const res = await s.get('/ed-fi/students');
    expect(res.body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S0', 'S1', 'S2']);
  });
});
