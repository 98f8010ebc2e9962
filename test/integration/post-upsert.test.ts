import { idOf, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

describe('POST (upsert by natural key)', () => {
  describe('given a new natural key', () => {
    it('answers 201 with an empty body, an absolute Location and a quoted ETag', async () => {
      const s = testServer();
      const res = await s.post('/ed-fi/students', district.student);
      expect(res.status).toBe(201);
      expect(res.text).toBe('');
      expect(res.headers['content-type']).toBeUndefined();
      expect(res.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/data\/v3\/ed-fi\/students\/[0-9a-f]{32}$/);
      expect(res.headers.etag).toMatch(/^"\d{19}"$/);
    });

    it('keeps the request path casing in Location (routes are case-insensitive)', async () => {
      const s = testServer();
      const res = await s.post('/ed-fi/Students', district.student);
      expect(res.status).toBe(201);
      expect(res.headers.location).toContain('/data/v3/ed-fi/Students/');
    });
  });

  describe('given the natural key exists', () => {
    it('answers 200 with the same id and replaces the values', async () => {
      const s = testServer();
      const first = await s.post('/ed-fi/students', district.student);
      const second = await s.post('/ed-fi/students', { ...district.student, firstName: 'Elisa' });
      expect(second.status).toBe(200);
      expect(idOf(second.headers.location)).toBe(idOf(first.headers.location));
      expect(second.headers.etag).not.toBe(first.headers.etag);
      const got = await s.get(`/ed-fi/students/${idOf(first.headers.location)}`);
      expect(got.body.firstName).toBe('Elisa');
    });

    it('leaves an unchanged item untouched: same ETag and _lastModifiedDate', async () => {
      const s = testServer();
      const first = await s.post('/ed-fi/students', district.student);
      const before = await s.get(`/ed-fi/students/${idOf(first.headers.location)}`);
      const second = await s.post('/ed-fi/students', district.student);
      expect(second.status).toBe(200);
      expect(second.headers.etag).toBe(first.headers.etag);
      const after = await s.get(`/ed-fi/students/${idOf(first.headers.location)}`);
      expect(after.body._lastModifiedDate).toBe(before.body._lastModifiedDate);
    });

    it('honors If-Match on an existing item (412 on mismatch)', async () => {
      const s = testServer();
      await s.post('/ed-fi/students', district.student);
      const res = await s.http
        .post('/data/v3/ed-fi/students')
        .set('Authorization', `Bearer ${await s.auth()}`)
        .set('If-Match', '"123"')
        .send({ ...district.student, firstName: 'X' });
      expect(res.status).toBe(412);
      expect(res.body.type).toBe('urn:ed-fi:api:optimistic-lock-failed');
    });
  });

  it('rejects an id in the body before anything else (400)', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/students', { id: 'abc', studentUniqueId: '1' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      detail: 'The request data was constructed incorrectly.',
      type: 'urn:ed-fi:api:bad-request:data-validation-failed',
      title: 'Data Validation Failed',
      status: 400,
      correlationId: expect.any(String),
      errors: ["Resource identifiers cannot be assigned by the client. The 'id' property should not be included in the request body."],
    });
  });

  it('answers 405 to POST on an item route', async () => {
    const s = testServer();
    const res = await s.post('/ed-fi/students/6a5ec3c0e1a54b8f8d4b43d0d5d6a1a1', district.student);
    expect(res.status).toBe(405);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.errors).toEqual([
      'Resource items can only be updated using PUT. To "upsert" an item in the resource collection using POST, remove the "id" from the route.',
    ]);
  });

  it('stores one document for two concurrent POSTs of the same natural key (one 201, one 200)', async () => {
    const s = testServer();
    await s.auth();
    const [a, b] = await Promise.all([s.post('/ed-fi/students', district.student), s.post('/ed-fi/students', { ...district.student, firstName: 'Other' })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const all = await s.http.get('/data/v3/ed-fi/students?totalCount=true').set('Authorization', `Bearer ${await s.auth()}`);
    expect(all.headers['total-count']).toBe('1');
  });

  it('loads a whole district in dependency order', async () => {
    const s = testServer();
    const locations = await loadDistrict(s);
    expect(Object.keys(locations)).toHaveLength(11);
  });
});
