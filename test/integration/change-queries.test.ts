import { spawnSync } from 'node:child_process';
import { BIN, childServer } from '../helpers/child-server';
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

describe('snapshots', () => {
  it('answers Use-Snapshot: true with 404 until a snapshot exists, then reads the frozen copy while writes go on', async () => {
    const s = testServer();
    const token = await s.auth();
    const snap = (path: string) => s.http.get(`/data/v3${path}`).set({ Authorization: `Bearer ${token}`, 'Use-Snapshot': 'true' });
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'BEFORE' });
    const missing = await snap('/ed-fi/students');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      detail: 'Snapshot not found.',
      type: 'urn:ed-fi:api:not-found',
      title: 'Not Found',
      status: 404,
      correlationId: expect.any(String),
      errors: ['The snapshot connection for the ODS has not been configured.'],
    });
    const made = await s.http.post('/admin/snapshots').set('Authorization', `Bearer ${token}`);
    expect(made.status).toBe(201);
    expect(made.body.snapshots).toEqual([
      { snapshotIdentifier: expect.stringMatching(/^edfi-mock-\d{8}T\d{6}$/), snapshotDateTime: expect.any(String), documents: expect.any(Number) },
    ]);
    const before = await s.get('/ed-fi/students?studentUniqueId=BEFORE');
    await s.del(`/ed-fi/students/${before.body[0].id}`);
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'AFTER' });
    const ids = (res: { body: { studentUniqueId: string }[] }) => res.body.map((x) => x.studentUniqueId);
    expect(ids(await snap('/ed-fi/students'))).toEqual(['BEFORE']);
    expect(ids(await s.get('/ed-fi/students'))).toEqual(['AFTER']);
    expect((await snap('/ed-fi/students/deletes')).body).toEqual([]);
    expect((await s.get('/ed-fi/students/deletes')).body).toHaveLength(1);
    // Use-Snapshot: false reads the live data.
    const live = await s.http.get('/data/v3/ed-fi/students').set({ Authorization: `Bearer ${token}`, 'Use-Snapshot': 'false' });
    expect(ids(live)).toEqual(['AFTER']);
  });

  it('refuses a write that carries Use-Snapshot with 405, Allow: GET, after authentication', async () => {
    const s = testServer();
    const token = await s.auth();
    expect((await s.http.post('/data/v3/ed-fi/students').set('Use-Snapshot', 'true').send(district.student)).status).toBe(401);
    const res = await s.http
      .post('/data/v3/ed-fi/students')
      .set({ Authorization: `Bearer ${token}`, 'Use-Snapshot': 'true' })
      .send(district.student);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(res.body).toEqual({
      detail: 'An attempt was made to modify data in a Snapshot, but this data is read-only.',
      type: 'urn:ed-fi:api:snapshots:method-not-allowed',
      title: 'Method Not Allowed with Snapshots',
      status: 405,
      correlationId: expect.any(String),
    });
    expect((await s.get('/ed-fi/students')).body).toEqual([]);
  });

  it('lets 5.x/6.x years name their snapshot with Snapshot-Identifier, listed at /changeQueries/v1/{year}/snapshots', async () => {
    const s = profileServer('wi');
    const token = (await s.http.post('/oauth/token').auth(PUBLIC_CLIENT.key, PUBLIC_CLIENT.secret).type('form').send({ grant_type: 'client_credentials' })).body
      .access_token;
    const auth = { Authorization: `Bearer ${token}` };
    expect((await s.http.get('/changeQueries/v1/2024/snapshots').set(auth)).body).toEqual([]);
    const made = await s.http.post('/admin/snapshots').set(auth);
    const identifier = made.body.snapshots.find((x: { schoolYear: number }) => x.schoolYear === 2024).snapshotIdentifier;
    const [listed] = (await s.http.get('/changeQueries/v1/2024/snapshots').set(auth)).body;
    expect(listed).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), snapshotIdentifier: identifier, snapshotDateTime: expect.any(String) });
    const student = { studentUniqueId: 'SN-1', firstName: 'Ana', lastSurname: 'Diaz', birthDate: '2010-01-01' };
    expect((await s.http.post('/data/v3/2024/ed-fi/students').set(auth).send(student)).status).toBe(201);
    const frozen = await s.http.get('/data/v3/2024/ed-fi/students?studentUniqueId=SN-1').set({ ...auth, 'Snapshot-Identifier': identifier });
    expect([frozen.status, frozen.body]).toEqual([200, []]);
    const unknown = await s.http.get('/data/v3/2024/ed-fi/students').set({ ...auth, 'Snapshot-Identifier': 'nope' });
    expect([unknown.status, unknown.body]).toEqual([404, { message: 'Snapshot not found.' }]);
    expect((await s.http.get('/2026/changeQueries/v1/snapshots').set(auth)).status).toBe(404);
  });
});

describe('edfi-mock snapshot create', () => {
  it('freezes a running server and says what it took', async () => {
    const server = await childServer(['--log-level', 'silent']);
    try {
      const res = spawnSync(process.execPath, [BIN, 'snapshot', 'create', '--url', server.url, '--key', 'k', '--secret', 's'], { encoding: 'utf8' });
      expect(res.status).toBe(0);
      expect(res.stdout).toMatch(/^snapshot edfi-mock-\d{8}T\d{6} taken \S+ \(\d+ documents\)\n$/);
      const bad = spawnSync(process.execPath, [BIN, 'snapshot', 'create', '--url', server.url, '--key', 'k', '--secret', 'wrong'], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/refused the key and secret/);
    } finally {
      await server.kill('SIGTERM');
    }
  });
});

describe('change queries switched off (--no-change-queries)', () => {
  it('answers 404 feature-disabled on their routes and parameters, and discovery drops their url', async () => {
    const s = testServer({ api: { changeQueries: false } });
    const bearer = { Authorization: `Bearer ${await s.auth()}` };
    for (const path of [
      '/changeQueries/v1/availableChangeVersions',
      '/data/v3/ed-fi/students/deletes',
      '/data/v3/ed-fi/students/keyChanges',
      '/data/v3/ed-fi/students?minChangeVersion=1',
    ]) {
      const res = await s.http.get(path).set(bearer);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.text).toBe(
        JSON.stringify(
          {
            detail: "The 'ChangeQueries' feature is disabled.",
            type: 'urn:ed-fi:api:system:configuration:feature-disabled',
            title: 'Feature Disabled',
            status: 404,
            correlationId: res.body.correlationId,
          },
          null,
          2,
        ),
      );
    }
    expect((await s.http.get('/data/v3/ed-fi/students').set(bearer)).status).toBe(200);
    expect((await s.http.get('/data/v3/ed-fi/students/partitions').set(bearer)).status).toBe(200);
    expect(Object.keys((await s.http.get('/')).body.urls)).not.toContain('changeQueries');
    expect(Object.keys((await testServer().http.get('/')).body.urls)).toContain('changeQueries');
  });
});
