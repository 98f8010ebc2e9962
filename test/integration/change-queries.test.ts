import { PUBLIC_CLIENT, type TestServer, idOf, profileServer, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

const versions = async (s: TestServer) => (await s.http.get('/changeQueries/v1/availableChangeVersions').set('Authorization', `Bearer ${await s.auth()}`)).body;

describe('change queries', () => {
  it('answers availableChangeVersions with the newest change version, which every write moves on (Bearer required)', async () => {
    const s = testServer();
    expect((await s.http.get('/changeQueries/v1/availableChangeVersions')).status).toBe(401);
    const before = await versions(s);
    expect(before).toEqual({ oldestChangeVersion: 0, newestChangeVersion: expect.any(Number) });
    const created = await s.post('/ed-fi/students', district.student);
    const afterInsert = (await versions(s)).newestChangeVersion;
    expect(afterInsert).toBe(before.newestChangeVersion + 1);
    await s.put(`/ed-fi/students/${idOf(created.headers.location)}`, { ...district.student, firstName: 'Changed' });
    await s.del(`/ed-fi/students/${idOf(created.headers.location)}`);
    expect((await versions(s)).newestChangeVersion).toBe(afterInsert + 2);
  });

  it('lists in discovery where change queries are', async () => {
    const s = testServer();
    const res = await s.http.get('/');
    expect(res.body.urls.changeQueries).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/changeQueries\/v1\/$/);
  });

  it('windows a collection by minChangeVersion and maxChangeVersion, inclusive, with filters and Total-Count', async () => {
    const s = testServer();
    const start = (await versions(s)).newestChangeVersion;
    for (let i = 0; i < 4; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `W${i}` });
    // W1 is rewritten last: its current version is outside a window that held its first version.
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'W1', firstName: 'Later' });
    const ids = (res: { body: { studentUniqueId: string }[] }) => res.body.map((x) => x.studentUniqueId);
    expect(ids(await s.get(`/ed-fi/students?minChangeVersion=${start + 3}&maxChangeVersion=${start + 4}`))).toEqual(['W2', 'W3']);
    expect(ids(await s.get(`/ed-fi/students?minChangeVersion=${start + 5}`))).toEqual(['W1']);
    const windowed = await s.get(`/ed-fi/students?maxChangeVersion=${start + 4}&minChangeVersion=${start + 1}&lastSurname=Woods&totalCount=true&limit=1`);
    expect([ids(windowed), windowed.headers['total-count']]).toEqual([['W0'], '3']);
    const bad = await s.get('/ed-fi/students?minChangeVersion=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.validationErrors).toEqual({ '$.minChangeVersion': ["The value 'abc' is not valid for MinChangeVersion."] });
  });

  it('lists deletes with the natural key under query-parameter names, and drops a delete whose key exists again', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'studentSchoolAssociation');
    const start = (await versions(s)).newestChangeVersion;
    const ssa = idOf(loc.studentSchoolAssociation);
    expect((await s.del(`/ed-fi/studentSchoolAssociations/${ssa}`)).status).toBe(204);
    const deleted = await s.get('/ed-fi/studentSchoolAssociations/deletes');
    expect(deleted.body).toEqual([
      { id: ssa, changeVersion: start + 1, keyValues: { entryDate: '2025-08-25', schoolId: 255901001, studentUniqueId: '604822' } },
    ]);
    // A descriptor's key values are its code value and namespace.
    const level = (await s.get('/ed-fi/gradeLevelDescriptors?codeValue=Twelfth grade')).body[0];
    await s.del(`/ed-fi/gradeLevelDescriptors/${level.id}`);
    expect((await s.get('/ed-fi/gradeLevelDescriptors/deletes')).body).toEqual([
      { id: level.id, changeVersion: start + 2, keyValues: { codeValue: 'Twelfth grade', namespace: 'uri://ed-fi.org/GradeLevelDescriptor' } },
    ]);
    // Re-created under the same natural key: the delete leaves the feed.
    expect((await s.post('/ed-fi/studentSchoolAssociations', district.studentSchoolAssociation)).status).toBe(201);
    expect((await s.get('/ed-fi/studentSchoolAssociations/deletes')).body).toEqual([]);
  });

  it('lists key changes once per item, first old key to last new key, cascaded ones included, windowed', async () => {
    const s = testServer();
    const loc = await loadDistrict(s, 'grade');
    const start = (await versions(s)).newestChangeVersion;
    const ssa = idOf(loc.studentSectionAssociation);
    for (const beginDate of ['2025-09-01', '2025-09-02']) {
      expect((await s.put(`/ed-fi/studentSectionAssociations/${ssa}`, { ...district.studentSectionAssociation, beginDate })).status).toBe(204);
    }
    const changes = (await s.get('/ed-fi/studentSectionAssociations/keyChanges')).body;
    expect(changes).toEqual([
      {
        id: ssa,
        changeVersion: expect.any(Number),
        oldKeyValues: expect.objectContaining({ beginDate: '2025-08-25', sectionIdentifier: 'ALG-1-01', studentUniqueId: '604822' }),
        newKeyValues: expect.objectContaining({ beginDate: '2025-09-02', sectionIdentifier: 'ALG-1-01', studentUniqueId: '604822' }),
      },
    ]);
    expect(changes[0].changeVersion).toBeGreaterThan(start);
    const grades = (await s.get('/ed-fi/grades/keyChanges')).body;
    expect(grades).toHaveLength(1);
    expect([grades[0].id, grades[0].oldKeyValues.beginDate, grades[0].newKeyValues.beginDate]).toEqual([idOf(loc.grade), '2025-08-25', '2025-09-02']);
    // A window holding only the second change: its old key is the first change's new one.
    const second = (await s.get(`/ed-fi/studentSectionAssociations/keyChanges?minChangeVersion=${changes[0].changeVersion}`)).body;
    expect([second[0].oldKeyValues.beginDate, second[0].newKeyValues.beginDate]).toEqual(['2025-09-01', '2025-09-02']);
    expect((await s.get('/ed-fi/students/keyChanges')).body).toEqual([]);
  });

  it('pages deletes with offset, limit and Total-Count, and words bad paging as ODS does', async () => {
    const s = testServer();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(idOf((await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `D${i}` })).headers.location));
    for (const id of made) await s.del(`/ed-fi/students/${id}`);
    const page = await s.get('/ed-fi/students/deletes?offset=1&limit=1&totalCount=true');
    expect([page.body.map((x: { id: string }) => x.id), page.headers['total-count']]).toEqual([[made[1]], '3']);
    const bad = await s.get('/ed-fi/students/deletes?limit=0&offset=-1');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      type: 'urn:ed-fi:api:bad-request:parameter-validation-failed',
      errors: ['Limit must be omitted or set to a value between 1 and 500.', 'Offset must be greater than or equal to 0.'],
    });
    expect((await s.get('/ed-fi/nothings/deletes')).status).toBe(404);
  });
});

describe('change queries of a year-specific profile (wi)', () => {
  const s = profileServer('wi');
  it('answer under each year in its release placement, each year with its own change versions; none without a year', async () => {
    const token = (await s.http.post('/oauth/token').auth(PUBLIC_CLIENT.key, PUBLIC_CLIENT.secret).type('form').send({ grant_type: 'client_credentials' })).body
      .access_token;
    const get = (path: string) => s.http.get(path).set('Authorization', `Bearer ${token}`);
    const modern = await get('/2026/changeQueries/v1/availableChangeVersions');
    const old = await get('/changeQueries/v1/2024/availableChangeVersions');
    expect([modern.status, old.status]).toEqual([200, 200]);
    const student = { studentUniqueId: 'CQ-1', firstName: 'Ana', lastSurname: 'Diaz', birthDate: '2010-01-01' };
    expect((await s.http.post('/2026/data/v3/ed-fi/students').set('Authorization', `Bearer ${token}`).send(student)).status).toBe(201);
    expect((await get('/2026/changeQueries/v1/availableChangeVersions')).body.newestChangeVersion).toBe(modern.body.newestChangeVersion + 1);
    expect((await get('/changeQueries/v1/2024/availableChangeVersions')).body).toEqual(old.body);
    expect((await get('/2026/')).body.urls.changeQueries).toMatch(/\/2026\/changeQueries\/v1\/$/);
    expect((await get('/changeQueries/v1/availableChangeVersions')).status).toBe(404);
  });
});
