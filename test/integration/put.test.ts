import { idOf, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

describe('PUT (by id)', () => {
  it('replaces the item: 204, same Location, new ETag, no content type', async () => {
    const s = testServer();
    const created = await s.post('/ed-fi/students', district.student);
    const id = idOf(created.headers.location);
    const res = await s.put(`/ed-fi/students/${id}`, { ...district.student, firstName: 'Elisa' });
    expect(res.status).toBe(204);
    expect(res.headers['content-type']).toBeUndefined();
    expect(new URL(res.headers.location).pathname).toBe(new URL(created.headers.location).pathname);
    expect(res.headers.etag).not.toBe(created.headers.etag);
    expect((await s.get(`/ed-fi/students/${id}`)).body.firstName).toBe('Elisa');
  });

  it('ignores an id in the body (ODS overwrites it with the route id)', async () => {
    const s = testServer();
    const id = idOf((await s.post('/ed-fi/students', district.student)).headers.location);
    const res = await s.put(`/ed-fi/students/${id}`, { ...district.student, id: 'ffffffffffffffffffffffffffffffff', firstName: 'Z' });
    expect(res.status).toBe(204);
    expect((await s.get(`/ed-fi/students/${id}`)).body.id).toBe(id);
  });

  it('answers 404 "Resource to update was not found." for an unknown id, before If-Match (404 beats 412)', async () => {
    const s = testServer();
    const res = await s.http
      .put('/data/v3/ed-fi/students/00000000000000000000000000000001')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('If-Match', '"InvalidETAG"')
      .send(district.student);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      detail: 'Resource to update was not found.',
      type: 'urn:ed-fi:api:not-found',
      title: 'Not Found',
      status: 404,
      correlationId: expect.any(String),
    });
  });

  it('answers 412 when If-Match does not match the current ETag, and 204 when it does', async () => {
    const s = testServer();
    const created = await s.post('/ed-fi/students', district.student);
    const id = idOf(created.headers.location);
    const token = await s.auth();
    const stale = await s.http
      .put(`/data/v3/ed-fi/students/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', '"5250093105232954695"')
      .send(district.student);
    expect(stale.status).toBe(412);
    expect(stale.body.errors[0]).toContain("does not match what was specified in the 'If-Match' request header");
    const fresh = await s.http
      .put(`/data/v3/ed-fi/students/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', created.headers.etag)
      .send({ ...district.student, firstName: 'Q' });
    expect(fresh.status).toBe(204);
  });

  it('answers 400 on $.id for a malformed id', async () => {
    const s = testServer();
    const res = await s.put('/ed-fi/students/abc', district.student);
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.id': ["The value 'abc' is not valid."] });
  });

  it('refuses a natural-key change on a resource that is not key-updatable (400 key-change-not-supported)', async () => {
    const s = testServer();
    const id = idOf((await s.post('/ed-fi/students', district.student)).headers.location);
    const res = await s.put(`/ed-fi/students/${id}`, { ...district.student, studentUniqueId: '999' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      detail: 'Identifying values for the Student data cannot be changed. Delete and recreate the item instead.',
      type: 'urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported',
      title: 'Key Change Not Supported',
      status: 400,
      correlationId: expect.any(String),
    });
  });

  it('cascades a key change of a key-updatable resource to the items that reference it', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'grade');
    const ssaId = idOf(loc.studentSectionAssociation);
    const res = await s.put(`/ed-fi/studentSectionAssociations/${ssaId}`, { ...district.studentSectionAssociation, beginDate: '2025-09-01' });
    expect(res.status).toBe(204);
    const grade = await s.get(`/ed-fi/grades/${idOf(loc.grade)}`);
    expect(grade.body.studentSectionAssociationReference.beginDate).toBe('2025-09-01');
    expect(grade.body.studentSectionAssociationReference.link.href).toBe(`/ed-fi/studentSectionAssociations/${ssaId}`);
    const old = await s.get('/ed-fi/grades?beginDate=2025-08-25');
    expect(old.body).toEqual([]);
  });

  it('answers 409 non-unique-identity when a key change collides with another item', async () => {
    const s = testServer();
    await loadDistrict(s, 'studentSectionAssociation');
    const second = await s.post('/ed-fi/studentSectionAssociations', { ...district.studentSectionAssociation, beginDate: '2025-10-01' });
    const res = await s.put(`/ed-fi/studentSectionAssociations/${idOf(second.headers.location)}`, district.studentSectionAssociation);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:ed-fi:api:data-conflict:non-unique-identity');
    expect(res.body.title).toBe('Identifying Values Are Not Unique');
  });

  it('answers 405 to PUT on a collection', async () => {
    const s = testServer();
    const res = await s.put('/ed-fi/students', district.student);
    expect(res.status).toBe(405);
    expect(res.body.errors[0]).toMatch(/^Resource collections cannot be replaced/);
  });
});
