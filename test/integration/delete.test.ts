import { idOf, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

describe('DELETE', () => {
  it('answers 204 with no body, then the item is gone (404)', async () => {
    const s = testServer();
    const id = idOf((await s.post('/ed-fi/students', district.student)).headers.location);
    const res = await s.del(`/ed-fi/students/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await s.get(`/ed-fi/students/${id}`)).status).toBe(404);
  });

  it('answers 404 "Resource to delete was not found." for an unknown id', async () => {
    const s = testServer();
    const res = await s.del('/ed-fi/students/00000000000000000000000000000001');
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Resource to delete was not found.');
  });

  it('answers 400 on $.id for a malformed id', async () => {
    const s = testServer();
    const res = await s.del('/ed-fi/students/xyz');
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.id': ["The value 'xyz' is not valid."] });
  });

  it('honors If-Match (412 on mismatch)', async () => {
    const s = testServer();
    const id = idOf((await s.post('/ed-fi/students', district.student)).headers.location);
    const res = await s.http
      .delete(`/data/v3/ed-fi/students/${id}`)
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('If-Match', '"1"');
    expect(res.status).toBe(412);
  });

  it('refuses to delete a studentSectionAssociation while a grade references it (409 naming Grade)', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'grade');
    const res = await s.del(`/ed-fi/studentSectionAssociations/${idOf(loc.studentSectionAssociation)}`);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      detail: "The requested action cannot be performed because this item is referenced by an existing 'Grade' item.",
      type: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
      title: 'Dependent Item Exists',
      status: 409,
      correlationId: expect.any(String),
    });
    expect((await s.del(`/ed-fi/grades/${idOf(loc.grade)}`)).status).toBe(204);
    expect((await s.del(`/ed-fi/studentSectionAssociations/${idOf(loc.studentSectionAssociation)}`)).status).toBe(204);
  });

  it('names the collection item entity when the reference sits in a child collection', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'school');
    const classPeriod = await s.post('/ed-fi/classPeriods', { classPeriodName: 'P1', schoolReference: { schoolId: 255901001 } });
    await s.post('/ed-fi/bellSchedules', {
      bellScheduleName: 'Normal',
      schoolReference: { schoolId: 255901001 },
      classPeriods: [{ classPeriodReference: { classPeriodName: 'P1', schoolId: 255901001 } }],
    });
    const res = await s.del(`/ed-fi/classPeriods/${idOf(classPeriod.headers.location)}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe(
      "The requested action cannot be performed because this item is referenced by an existing 'BellScheduleClassPeriod' item contained within an 'BellSchedule' resource item.",
    );
    expect(loc.school).toBeDefined();
  });

  it('refuses to delete a descriptor in use', async () => {
    const s = testServer();
    await loadDistrict(s, 'school');
    const found = await s.get(`/ed-fi/gradeLevelDescriptors?codeValue=${encodeURIComponent('Ninth grade')}`);
    const res = await s.del(`/ed-fi/gradeLevelDescriptors/${found.body[0].id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain("'SchoolGradeLevel' item contained within an 'School' resource item");
  });

  it('answers 405 to DELETE on a collection', async () => {
    const s = testServer();
    const res = await s.del('/ed-fi/students');
    expect(res.status).toBe(405);
    expect(res.body.errors).toEqual(['Resource collections cannot be deleted. To delete a specific item, use DELETE and include the "id" in the route.']);
  });

  it('gives a new id when the same natural key is posted again after a delete', async () => {
    const s = testServer();
    const first = idOf((await s.post('/ed-fi/students', district.student)).headers.location);
    await s.del(`/ed-fi/students/${first}`);
    const again = await s.post('/ed-fi/students', district.student);
    expect(again.status).toBe(201);
    expect(idOf(again.headers.location)).not.toBe(first);
  });
});
