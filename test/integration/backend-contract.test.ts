import type { Backend } from '../../src/backend/backend';
import { storedDocument } from '../../src/store/document-store';
import type { DocumentId } from '../../src/util/brand';
import { idOf } from '../helpers/api';
import { backendKinds, serverOver, stopBackends } from '../helpers/backends';
import { district, loadDistrict } from '../helpers/fixtures';

const kinds = backendKinds('contract');

afterAll(stopBackends);

describe.each(kinds)('backend contract: $name', (kind) => {
  let opened: Backend[] = [];
  const fresh = async () => {
    const f = await kind.fresh();
    opened.push(f.backend);
    return { ...f, s: await serverOver(f.backend) };
  };
  afterEach(async () => {
    for (const b of opened) await b.close();
    opened = [];
  });

  it('upserts on the natural key: 201 with a new id, 200 with the same id, the same ETag when nothing changed', async () => {
    const { s } = await fresh();
    const created = await s.post('/ed-fi/students', district.student);
    expect(created.status).toBe(201);
    const again = await s.post('/ed-fi/students', district.student);
    expect([again.status, idOf(again.headers.location), again.headers.etag]).toEqual([200, idOf(created.headers.location), created.headers.etag]);
    const changed = await s.post('/ed-fi/students', { ...district.student, firstName: 'Changed' });
    expect([changed.status, idOf(changed.headers.location)]).toEqual([200, idOf(created.headers.location)]);
    expect(changed.headers.etag).not.toBe(created.headers.etag);
    expect((await s.get('/ed-fi/students')).body.map((x: { firstName: string }) => x.firstName)).toEqual(['Changed']);
  });

  it('answers 412 to a PUT with a stale If-Match and 204 with the current one', async () => {
    const { s } = await fresh();
    const created = await s.post('/ed-fi/students', district.student);
    const url = `/data/v3/ed-fi/students/${idOf(created.headers.location)}`;
    const token = await s.auth();
    const put = (etag: string) =>
      s.http
        .put(url)
        .set({ Authorization: `Bearer ${token}`, 'If-Match': etag })
        .send({ ...district.student, firstName: 'Once' });
    expect((await put('"1"')).status).toBe(412);
    expect((await put(created.headers.etag)).status).toBe(204);
    expect((await put(created.headers.etag)).status).toBe(412);
  });

  it('keeps references whole: 409 for a missing target, 409 deleting what others reference, deletes in order', async () => {
    const { s } = await fresh();
    const loc = await loadDistrict(s, 'grade');
    expect(
      (await s.post('/ed-fi/studentSchoolAssociations', { ...district.studentSchoolAssociation, studentReference: { studentUniqueId: 'nobody' } })).status,
    ).toBe(409);
    expect((await s.del(`/ed-fi/studentSectionAssociations/${idOf(loc.studentSectionAssociation)}`)).status).toBe(409);
    expect((await s.del(`/ed-fi/grades/${idOf(loc.grade)}`)).status).toBe(204);
    expect((await s.del(`/ed-fi/studentSectionAssociations/${idOf(loc.studentSectionAssociation)}`)).status).toBe(204);
  });

  it('cascades a key change in one write and records each key change and each delete with a change version', async () => {
    const { backend, s } = await fresh();
    const loc = await loadDistrict(s, 'grade');
    const before = backend.store.changeVersion();
    const res = await s.put(`/ed-fi/studentSectionAssociations/${idOf(loc.studentSectionAssociation)}`, {
      ...district.studentSectionAssociation,
      beginDate: '2025-09-01',
    });
    expect(res.status).toBe(204);
    const grade = (await s.get(`/ed-fi/grades/${idOf(loc.grade)}`)).body;
    expect(grade.studentSectionAssociationReference.beginDate).toBe('2025-09-01');
    const keyChanges = backend.store.changes().filter((c) => c.type === 'key-changed');
    expect(keyChanges.map((c) => c.resource).sort()).toEqual(['Grade', 'StudentSectionAssociation']);
    expect(keyChanges.every((c) => c.cv > before && c.before.includes('2025-08-25') && c.after!.includes('2025-09-01'))).toBe(true);
    expect((await s.del(`/ed-fi/grades/${idOf(loc.grade)}`)).status).toBe(204);
    const [tombstone] = backend.store.changes().filter((c) => c.type === 'deleted');
    expect(tombstone).toMatchObject({ resource: 'Grade', id: idOf(loc.grade), cv: backend.store.changeVersion() });
    expect(JSON.parse(tombstone.before).letterGradeEarned).toBe('B');
  });

  it('keeps concurrent writes apart: a refused one takes back only its own changes, the others stay (after a reopen too)', async () => {
    const { backend, s, reopen } = await fresh();
    await loadDistrict(s, 'school');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i === 5
          ? s.post('/ed-fi/studentSchoolAssociations', { ...district.studentSchoolAssociation, studentReference: { studentUniqueId: 'nobody' } })
          : s.post('/ed-fi/students', { ...district.student, studentUniqueId: `C${i}` }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 409, 201, 201, 201, 201, 201, 201]);
    const ids = async (server: Awaited<ReturnType<typeof serverOver>>) =>
      (await server.get('/ed-fi/students')).body.map((x: { studentUniqueId: string }) => x.studentUniqueId).sort();
    const expected = Array.from({ length: 12 }, (_, i) => `C${i}`)
      .filter((x) => x !== 'C5')
      .sort();
    expect(await ids(s)).toEqual(expected);
    if (!reopen) return;
    await backend.close();
    opened = opened.filter((b) => b !== backend);
    const again = await reopen();
    opened.push(again);
    expect(await ids(await serverOver(again))).toEqual(expected);
  });

  it('answers filtered GETs from its indexes, in paging order', async () => {
    const { s } = await fresh();
    for (let i = 0; i < 5; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `F${i}` });
    expect((await s.get('/ed-fi/students?studentUniqueId=F3')).body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['F3']);
    expect((await s.get('/ed-fi/students?lastSurname=Woods&limit=2&offset=1')).body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual([
      'F1',
      'F2',
    ]);
  });

  it('opens the same data set again with every document, ETag, change version and tombstone (persistent backends)', async () => {
    const { backend, s, reopen } = await fresh();
    if (!reopen) return expect(kind.name).toBe('memory');
    const loc = await loadDistrict(s, 'grade');
    await s.del(`/ed-fi/grades/${idOf(loc.grade)}`);
    const students = (await s.get('/ed-fi/students')).body;
    const deleted = await s.get('/ed-fi/gradeLevelDescriptors?limit=500');
    const ninth = deleted.body.find((d: { codeValue: string }) => d.codeValue === 'Ninth grade');
    const twelfth = deleted.body.find((d: { codeValue: string }) => d.codeValue === 'Twelfth grade');
    expect((await s.del(`/ed-fi/gradeLevelDescriptors/${twelfth.id}`)).status).toBe(204);
    const version = backend.store.changeVersion();
    const changes = backend.store.changes().map((c) => ({ ...c }));
    await backend.close();
    opened = opened.filter((b) => b !== backend);
    const again = await reopen();
    opened.push(again);
    const s2 = await serverOver(again);
    expect((await s2.get('/ed-fi/students')).body).toEqual(students);
    expect((await s2.get(`/ed-fi/gradeLevelDescriptors/${ninth.id}`)).body).toEqual(ninth);
    // Seeded once per data set: the deleted default stays deleted.
    expect((await s2.get(`/ed-fi/gradeLevelDescriptors/${twelfth.id}`)).status).toBe(404);
    expect(again.store.changeVersion()).toBe(version);
    expect(again.store.changes()).toEqual(changes);
  });

  it("keeps a document's owner (ownership-based authorization) through its updates and a reopen", async () => {
    const { backend, reopen } = await fresh();
    const version = (body: string) =>
      storedDocument({ id: 'a'.repeat(32) as DocumentId, resource: 'Student', keys: ['Student\u0000O-1'], body, stamp: { sec: 1, sub: 0 }, owner: 'vendor-a' });
    for (const body of ['{"studentUniqueId":"O-1"}', '{"studentUniqueId":"O-1","firstName":"B"}']) {
      await backend.beginWrite();
      backend.store.put(version(body));
      await backend.endWrite(true);
    }
    expect(backend.store.get('a'.repeat(32) as DocumentId)?.owner).toBe('vendor-a');
    if (!reopen) return;
    await backend.close();
    opened = opened.filter((b) => b !== backend);
    const again = await reopen();
    opened.push(again);
    expect(again.store.get('a'.repeat(32) as DocumentId)).toMatchObject({ owner: 'vendor-a', body: '{"studentUniqueId":"O-1","firstName":"B"}' });
  });
});
