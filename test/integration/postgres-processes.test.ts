import pg from 'pg';
import { childServer } from '../helpers/child-server';
import { district } from '../helpers/fixtures';
import { type Throwaway, describeWithPostgres, startPostgres } from '../helpers/postgres';

type Server = Awaited<ReturnType<typeof childServer>>;

/** Requests of a child server with a token, as fetch answers them (status and text). */
async function call(server: Server, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = (await (
    await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('k:s').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
  ).json()) as { access_token: string };
  const res = await fetch(`${server.url}/data/v3${path}`, {
    method,
    headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') ?? undefined, etag: res.headers.get('etag') ?? undefined };
}

describeWithPostgres('two edfi-mock processes over one PostgreSQL', () => {
  let postgres: Throwaway;
  let a: Server;
  let b: Server;
  let url: string;
  beforeAll(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('shared');
    // Started together: the schema is created and the defaults seeded once.
    [a, b] = await Promise.all([childServer(['--store', url, '--log-level', 'warn']), childServer(['--store', url, '--log-level', 'warn'])]);
    for (const [route, body] of [
      ['/ed-fi/localEducationAgencies', district.lea],
      ['/ed-fi/schools', district.school],
    ] as const) {
      expect((await call(a, 'POST', route, body)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await a?.kill('SIGTERM');
    await b?.kill('SIGTERM');
    await postgres?.stop();
  });

  const sql = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  it('seeded the default descriptors once although both processes started on an empty database', async () => {
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM edfi_mock.documents WHERE resource = 'GradeLevelDescriptor'`);
    expect(n).toBeGreaterThan(10);
    const [{ dup }] = await sql(`SELECT count(*)::int AS dup FROM (SELECT key FROM edfi_mock.documents GROUP BY resource, key HAVING count(*) > 1) d`);
    expect(dup).toBe(0);
  });

  it('reads on one process what the other acknowledged, at once', async () => {
    const created = await call(a, 'POST', '/ed-fi/students', { ...district.student, studentUniqueId: 'RYW1' });
    expect(created.status).toBe(201);
    const seen = await call(b, 'GET', '/ed-fi/students?studentUniqueId=RYW1');
    expect(JSON.parse(seen.text)).toHaveLength(1);
  });

  it('keeps one document per natural key under concurrent POSTs of the same key on both processes', async () => {
    for (let round = 0; round < 5; round++) {
      const body = { ...district.student, studentUniqueId: `SAME${round}` };
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? a : b, 'POST', '/ed-fi/students', { ...body, firstName: `v${i}` })));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((r) => r.location?.split('/').pop())).size).toBe(1);
      const rows = await sql(`SELECT id FROM edfi_mock.documents WHERE resource = 'Student' AND doc->>'studentUniqueId' = $1`, [body.studentUniqueId]);
      expect(rows).toHaveLength(1);
    }
  });

  it('never leaves a dangling reference when a delete and a referencing insert race on the two processes', async () => {
    for (let round = 0; round < 8; round++) {
      const student = { ...district.student, studentUniqueId: `RACE${round}` };
      const made = await call(a, 'POST', '/ed-fi/students', student);
      const enrollment = { ...district.studentSchoolAssociation, studentReference: { studentUniqueId: student.studentUniqueId } };
      const [deleted, inserted] = await Promise.all([
        call(round % 2 ? a : b, 'DELETE', `/ed-fi/students/${made.location!.split('/').pop()}`),
        call(round % 2 ? b : a, 'POST', '/ed-fi/studentSchoolAssociations', enrollment),
      ]);
      // Exactly one wins: the delete (and the insert finds no student) or the insert (and the delete finds a dependent).
      expect([
        [204, 409],
        [409, 201],
      ]).toContainEqual([deleted.status, inserted.status]);
    }
    const dangling = await sql(`SELECT count(*)::int AS n FROM edfi_mock.refs r LEFT JOIN edfi_mock.documents d ON d.id = r.target_id WHERE d.id IS NULL`);
    expect(dangling[0].n).toBe(0);
  });

  it('lets exactly one of two PUTs with the same If-Match win', async () => {
    for (let round = 0; round < 5; round++) {
      const made = await call(a, 'POST', '/ed-fi/students', { ...district.student, studentUniqueId: `ETAG${round}` });
      const path = `/ed-fi/students/${made.location!.split('/').pop()}`;
      const answers = await Promise.all(
        [a, b].map((s, i) => call(s, 'PUT', path, { ...district.student, studentUniqueId: `ETAG${round}`, firstName: `p${i}` }, { 'If-Match': made.etag! })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([204, 412]);
    }
  });

  it('applies a cascading key change all at once: the other process sees every dependent changed', async () => {
    const chain = [
      ['/ed-fi/sessions', district.session],
      ['/ed-fi/courses', district.course],
      ['/ed-fi/courseOfferings', district.courseOffering],
      ['/ed-fi/sections', district.section],
      ['/ed-fi/students', district.student],
      ['/ed-fi/studentSectionAssociations', district.studentSectionAssociation],
      ['/ed-fi/gradingPeriods', district.gradingPeriod],
      ['/ed-fi/grades', district.grade],
    ] as const;
    const locations: string[] = [];
    for (const [route, body] of chain) {
      const res = await call(a, 'POST', route, body);
      expect([201, 200]).toContain(res.status);
      locations.push(res.location!);
    }
    const ssa = locations[5].split('/').pop();
    const moved = await call(a, 'PUT', `/ed-fi/studentSectionAssociations/${ssa}`, { ...district.studentSectionAssociation, beginDate: '2025-09-02' });
    expect(moved.status).toBe(204);
    const grade = JSON.parse((await call(b, 'GET', `/ed-fi/grades/${locations[7].split('/').pop()}`)).text);
    expect(grade.studentSectionAssociationReference.beginDate).toBe('2025-09-02');
    const [{ versions }] = await sql(
      `SELECT count(DISTINCT cv)::int AS versions FROM edfi_mock.changes WHERE type = 'key-changed' AND resource IN ('StudentSectionAssociation', 'Grade')`,
    );
    expect(versions).toBe(2);
  });
});
