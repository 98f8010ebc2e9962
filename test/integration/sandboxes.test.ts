import { startServer } from '../../src/cli/serve';
import { tempJournal } from '../helpers/journal';
import { POSTGRES_AVAILABLE, POSTGRES_REQUIRED, type Throwaway, startPostgres } from '../helpers/postgres';
import { ADMIN_KEY, sandboxServer } from '../helpers/sandbox-server';

const student = (id: string) => ({ studentUniqueId: id, firstName: 'Ada', lastSurname: 'King', birthDate: '2010-02-01' });
const enrollment = (id: string) => ({
  studentReference: { studentUniqueId: id },
  schoolReference: { schoolId: 255901001 },
  entryDate: '2025-08-20',
  entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade',
});

let postgres: Throwaway | undefined;
let databases = 0;
const withPostgres = POSTGRES_AVAILABLE || POSTGRES_REQUIRED;
/** The storage kinds a server keeps its sandboxes in: each gets the same isolation, reset and limit checks. */
const kinds: { name: string; storage: () => Promise<{ data?: string; store?: string }>; persistent: boolean }[] = [
  { name: 'memory', storage: async () => ({}), persistent: false },
  { name: 'journal', storage: async () => ({ data: tempJournal() }), persistent: true },
  ...(withPostgres
    ? [
        {
          name: 'postgres',
          storage: async () => {
            postgres ??= await startPostgres();
            return { store: await postgres.createDatabase(`sandboxes_${++databases}`) };
          },
          persistent: true,
        },
      ]
    : []),
];
if (!withPostgres) console.warn('sandboxes: PostgreSQL not installed here, its column is skipped (CI requires it)');
afterAll(async () => postgres?.stop());

describe.each(kinds)('training sandboxes on $name storage', ({ storage, persistent }) => {
  let server: Awaited<ReturnType<typeof sandboxServer>>;
  let options: { data?: string; store?: string };
  let mainToken: string;
  beforeAll(async () => {
    options = await storage();
    server = await sandboxServer(options);
    mainToken = (await server.token('main-key', 'main-secret'))!;
  });
  afterAll(async () => server.stop());

  describe("given two sandboxes from the minimal template and the server's own data set", () => {
    let a: Awaited<ReturnType<typeof server.sandbox>>;
    let b: Awaited<ReturnType<typeof server.sandbox>>;
    let created: string;
    beforeAll(async () => {
      a = await server.sandbox({ template: 'minimal', name: 'A' });
      b = await server.sandbox({ template: 'minimal', name: 'B' });
      const res = await server.call('POST', '/data/v3/ed-fi/students', { token: a.token, body: student('A-1') });
      expect(res.status).toBe(201);
      created = res.headers.get('location')!.split('/').pop()!;
    });

    it("each starts from its template: the district is there in both, the server's own data set stays empty", async () => {
      for (const t of [a.token, b.token]) expect((await server.call('GET', '/data/v3/ed-fi/schools', { token: t })).body).toHaveLength(1);
      expect((await server.call('GET', '/data/v3/ed-fi/schools', { token: mainToken })).body).toEqual([]);
    });

    it('what A wrote is not visible from B or the main data set, by query or by id', async () => {
      for (const t of [b.token, mainToken]) {
        expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=A-1', { token: t })).body).toEqual([]);
        expect((await server.call('GET', `/data/v3/ed-fi/students/${created}`, { token: t })).status).toBe(404);
      }
      expect((await server.call('GET', `/data/v3/ed-fi/students/${created}`, { token: a.token })).status).toBe(200);
    });

    it('B cannot reference what A wrote (409) nor delete it (404)', async () => {
      const ref = await server.call('POST', '/data/v3/ed-fi/studentSchoolAssociations', { token: b.token, body: enrollment('A-1') });
      expect(ref.status).toBe(409);
      expect(ref.body.detail).toBe("The referenced 'Student' item does not exist.");
      expect((await server.call('DELETE', `/data/v3/ed-fi/students/${created}`, { token: b.token })).status).toBe(404);
      expect((await server.call('DELETE', `/data/v3/ed-fi/students/${created}`, { token: mainToken })).status).toBe(404);
      expect((await server.call('POST', '/data/v3/ed-fi/studentSchoolAssociations', { token: a.token, body: enrollment('A-1') })).status).toBe(201);
    });

    it('counts are per sandbox, and B has its own key space for the same natural key', async () => {
      const count = async (t: string) => Number((await server.call('GET', '/data/v3/ed-fi/students?totalCount=true', { token: t })).headers.get('total-count'));
      const before = await count(b.token);
      expect(await count(a.token)).toBe(before + 1);
      expect(await count(mainToken)).toBe(0);
      expect((await server.call('POST', '/data/v3/ed-fi/students', { token: b.token, body: student('A-1') })).status).toBe(201);
      expect(await count(b.token)).toBe(before + 1);
      expect((await server.call('GET', `/data/v3/ed-fi/students/${created}`, { token: b.token })).status).toBe(404);
    });

    it("the journal shows a client its own sandbox's requests only; the admin key sees any sandbox's", async () => {
      const clients = (body: { entries: { client?: string }[] }) => new Set(body.entries.map((e) => e.client).filter(Boolean));
      const ownA = (await server.call('GET', '/admin/journal', { token: a.token })).body as unknown as { entries: { client?: string; path: string }[] };
      expect([...clients(ownA)]).toEqual([a.key]);
      expect(ownA.entries.some((e) => e.path === '/data/v3/ed-fi/students')).toBe(true);
      const ownB = (await server.call('GET', '/admin/me/journal', { token: b.token })).body as unknown as { entries: { client?: string }[] };
      expect(clients(ownB).has(a.key)).toBe(false);
      const main = (await server.call('GET', '/admin/journal', { token: mainToken })).body as unknown as { entries: { client?: string }[] };
      expect(clients(main).has(a.key) || clients(main).has(b.key)).toBe(false);
      const admin = (await server.call('GET', `/admin/journal?sandbox=${a.id}`, { admin: true })).body as unknown as { entries: { client?: string }[] };
      expect([...clients(admin)]).toEqual([a.key]);
      const all = (await server.call('GET', '/admin/journal?sandbox=all', { admin: true })).body as unknown as {
        entries: { client?: string; sandbox: string }[];
      };
      expect(new Set(all.entries.filter((e) => e.client === a.key).map((e) => e.sandbox))).toEqual(new Set([a.id]));
      expect(new Set(all.entries.filter((e) => e.client === b.key).map((e) => e.sandbox))).toEqual(new Set([b.id]));
      expect(all.entries.some((e) => e.sandbox === 'main' && e.client === 'main-key')).toBe(true);
    });

    it('a refusal in the journal is explained: what happened, the JSON path, and what to do next', async () => {
      await server.call('POST', '/data/v3/ed-fi/sections', {
        token: b.token,
        body: { sectionIdentifier: 'X-1', courseOfferingReference: { localCourseCode: 'NOPE', schoolId: 255901001, schoolYear: 2026, sessionName: 'S' } },
      });
      const journal = (await server.call('GET', '/admin/me/journal', { token: b.token })).body as unknown as { entries: Record<string, unknown>[] };
      expect(journal.entries.at(-1)).toMatchObject({
        status: 409,
        resource: 'Section',
        explanation: {
          summary: 'Section refers to a CourseOffering that does not exist in this data set.',
          path: '$.courseOfferingReference',
          next: expect.stringMatching(/^Create the CourseOffering first \(POST \/ed-fi\/courseOfferings\): Section depends on CourseOffering\./),
        },
      });
    });

    it('reset returns A to its template: its writes are gone, its key, token and journal stay', async () => {
      const last = ((await server.call('GET', '/admin/me/journal', { token: a.token })).body as unknown as { last: number }).last;
      const reset = await server.call('POST', `/admin/sandboxes/${a.id}/reset`, { admin: true });
      expect(reset.status).toBe(200);
      expect(reset.body.documents).toBe(a.documents);
      expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=A-1', { token: a.token })).body).toEqual([]);
      expect((await server.call('GET', '/data/v3/ed-fi/schools', { token: a.token })).body).toHaveLength(1);
      const journal = (await server.call('GET', `/admin/me/journal?since=${last}`, { token: a.token })).body as unknown as { entries: unknown[] };
      expect(journal.entries.length).toBeGreaterThan(0);
      // B was not touched.
      expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=A-1', { token: b.token })).body).toHaveLength(1);
    });

    it('a trainee can reset their own sandbox through /admin/me/reset', async () => {
      await server.call('POST', '/data/v3/ed-fi/students', { token: b.token, body: student('B-2') });
      expect((await server.call('POST', '/admin/me/reset', { token: b.token })).status).toBe(200);
      expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=B-2', { token: b.token })).body).toEqual([]);
    });
  });

  it('limits: a POST adding a document past the limit is refused with 403, an update is not; tokens past the limit 429', async () => {
    const s = await server.sandbox({ template: 'empty', limits: { documents: 0, tokens: 2 } });
    const full = await server.call('POST', '/data/v3/ed-fi/students', { token: s.token, body: student('L-1') });
    expect(full.status).toBe(403);
    expect(full.body).toMatchObject({
      type: 'urn:edfi-mock:sandbox:limit-reached',
      title: 'Sandbox Limit Reached',
      status: 403,
      detail: expect.stringMatching(
        /^This sandbox holds \d+ documents, its limit of 0: delete some, or ask the trainer to reset the sandbox or raise its limit\.$/,
      ),
    });
    // A descriptor the template holds is updated, not added: allowed.
    const existing = (
      (await server.call('GET', '/data/v3/ed-fi/sexDescriptors?codeValue=Female', { token: s.token })).body as unknown as Record<string, unknown>[]
    )[0];
    const { id: _id, _etag, _lastModifiedDate, ...body } = existing;
    expect((await server.call('POST', '/data/v3/ed-fi/sexDescriptors', { token: s.token, body: { ...body, description: 'Female (changed)' } })).status).toBe(
      200,
    );
    expect(await server.token(s.key, s.secret)).toBeDefined();
    const third = await server.call('POST', '/oauth/token', { basic: `${s.key}:${s.secret}`, body: 'grant_type=client_credentials' });
    expect(third.status).toBe(429);
    expect(third.body.detail).toBe("This sandbox's clients hold 2 active tokens, its limit of 2: reuse a token until it expires.");
  });

  it('clients: an added client reaches the same sandbox; rotating ends the old secret and tokens; a deleted client is refused', async () => {
    const s = await server.sandbox({ template: 'minimal' });
    const added = await server.call('POST', `/admin/sandboxes/${s.id}/clients`, { admin: true, body: { name: 'second' } });
    expect(added.status).toBe(201);
    const second = (await server.token(added.body.key as string, added.body.secret as string))!;
    expect((await server.call('GET', '/data/v3/ed-fi/schools', { token: second })).body).toHaveLength(1);
    const rotated = await server.call('POST', `/admin/sandboxes/${s.id}/clients/${s.key}/rotate`, { admin: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(s.secret);
    expect((await server.call('GET', '/data/v3/ed-fi/schools', { token: s.token })).status).toBe(401);
    expect(await server.token(s.key, s.secret)).toBeUndefined();
    expect(await server.token(s.key, rotated.body.secret as string)).toBeDefined();
    expect((await server.call('DELETE', `/admin/sandboxes/${s.id}/clients/${added.body.key as string}`, { admin: true })).status).toBe(204);
    expect((await server.call('GET', '/data/v3/ed-fi/schools', { token: second })).status).toBe(401);
  });

  it('export and import: the imported sandbox holds the same items, ids and ETags; a reset returns to them', async () => {
    const s = await server.sandbox({ template: 'minimal' });
    await server.call('POST', '/data/v3/ed-fi/students', { token: s.token, body: student('E-1') });
    const before = (
      (await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=E-1', { token: s.token })).body as unknown as Record<string, unknown>[]
    )[0];
    const file = (await server.call('GET', `/admin/sandboxes/${s.id}/export`, { admin: true })).body;
    const imported = await server.call('POST', '/admin/sandboxes/import', { admin: true, body: file });
    expect(imported.status).toBe(201);
    const token = (await server.token(imported.body.key as string, imported.body.secret as string))!;
    const after = ((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=E-1', { token })).body as unknown as Record<string, unknown>[])[0];
    expect(after).toEqual(before);
    await server.call('DELETE', `/data/v3/ed-fi/students/${String(after.id)}`, { token });
    expect((await server.call('POST', `/admin/sandboxes/${String(imported.body.id)}/reset`, { admin: true })).status).toBe(200);
    expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=E-1', { token })).body).toEqual([before]);
  });

  it('a deleted sandbox is gone: its token is refused and the admin API answers 404', async () => {
    const s = await server.sandbox({ template: 'empty' });
    expect((await server.call('DELETE', `/admin/sandboxes/${s.id}`, { admin: true })).status).toBe(204);
    expect((await server.call('GET', '/data/v3/ed-fi/students', { token: s.token })).status).toBe(401);
    expect((await server.call('GET', `/admin/sandboxes/${s.id}`, { admin: true })).status).toBe(404);
  });

  (persistent ? it : it.skip)('a restart brings every sandbox back with its data and its keys', async () => {
    const s = await server.sandbox({ template: 'minimal', name: 'kept' });
    await server.call('POST', '/data/v3/ed-fi/students', { token: s.token, body: student('K-1') });
    const listed = ((await server.call('GET', '/admin/sandboxes', { admin: true })).body as unknown as { id: string }[]).map((x) => x.id);
    await server.stop();
    server = await sandboxServer(options);
    expect(server.restored).toBe(listed.length);
    const token = (await server.token(s.key, s.secret))!;
    expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=K-1', { token })).body).toHaveLength(1);
    expect(((await server.call('GET', '/admin/sandboxes', { admin: true })).body as unknown as { id: string }[]).map((x) => x.id)).toEqual(listed);
  });
});

describe('the admin API refuses what it should', () => {
  let server: Awaited<ReturnType<typeof sandboxServer>>;
  beforeAll(async () => (server = await sandboxServer()));
  afterAll(async () => server.stop());

  it.each([
    ['no key', {}, 401],
    ['a wrong key', { token: 'not-the-admin-key' }, 401],
  ])('%s: 401', async (_what, o, status) => {
    const res = await server.call('GET', '/admin/sandboxes', o);
    expect(res.status).toBe(status);
    expect(res.body.detail).toBe('The admin API needs the admin key: send Authorization: Bearer <admin key>.');
  });

  it('a request with unknown members, profile, years or template: 400 naming each', async () => {
    const res = await server.call('POST', '/admin/sandboxes', { admin: true, body: { profil: 'wi', template: 'big', years: [1999] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      "Unknown member 'profil' (known: name, profile, dataStandard, years, template, students, seed, limits, attributes, educationOrganizationIds, claimSetName, namespacePrefixes, ownershipToken).",
      "'template' must be one of empty, minimal, sample, generated.",
      'Profile edfi has the school years (none: it has no years), not 1999.',
    ]);
  });

  it('a sandbox of another Data Standard serves that release: DS 6.1 has /studentDemographics and its sample demographics there', async () => {
    const s = await server.sandbox({ template: 'sample', dataStandard: '6.1' });
    const res = await server.call('GET', '/data/v3/ed-fi/studentDemographics', { token: s.token });
    expect(res.status).toBe(200);
    expect((res.body as unknown as { studentReference: { studentUniqueId: string } }[]).map((x) => x.studentReference.studentUniqueId)).toEqual(['604822']);
    const plain = await server.sandbox({ template: 'sample' });
    expect((await server.call('GET', '/data/v3/ed-fi/studentDemographics', { token: plain.token })).status).toBe(404);
  });

  it('an unknown Data Standard, or one for a state profile: 400 saying why', async () => {
    const bad = await server.call('POST', '/admin/sandboxes', { admin: true, body: { dataStandard: '7.0' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(["'dataStandard': unknown Data Standard '7.0' for profile edfi (available: 4.0, 5.0, 5.2, 6.0, 6.1)."]);
    const old = await server.call('POST', '/admin/sandboxes', { admin: true, body: { dataStandard: '3.3' } });
    expect(old.body.errors).toEqual(["'dataStandard': unknown Data Standard '3.3' for profile edfi (available: 4.0, 5.0, 5.2, 6.0, 6.1)."]);
    const wi = await server.call('POST', '/admin/sandboxes', { admin: true, body: { profile: 'wi', dataStandard: '6.1' } });
    expect(wi.body.errors).toEqual([
      "'dataStandard': a Data Standard can be chosen for the edfi profile only; profile wi serves the one of each school year (2023: 3.3, 2024: 4.0, 2025: 4.0, 2026: 5.0).",
    ]);
  });

  it("a sandbox client with claims is authorized as ODS would: an SIS Vendor of another district sees none of the sample's students", async () => {
    const s = await server.sandbox({ template: 'sample', educationOrganizationIds: [255902], claimSetName: 'SIS Vendor' });
    expect((await server.call('GET', '/data/v3/ed-fi/students', { token: s.token })).body).toEqual([]);
    const own = await server.sandbox({ template: 'sample', educationOrganizationIds: [255901] });
    // The sample enrolls two of its three students: the third is out of reach until enrolled.
    const seen = (await server.call('GET', '/data/v3/ed-fi/students', { token: own.token })).body as unknown as { studentUniqueId: string }[];
    expect(seen.map((x) => x.studentUniqueId)).toEqual(['604823', '604824']);
    const added = await server.call('POST', `/admin/sandboxes/${own.id}/clients`, { admin: true, body: { claimSetName: 'Ed-Fi Sandbox' } });
    expect(added.status).toBe(201);
    expect((await server.call('POST', `/admin/sandboxes/${own.id}/clients`, { admin: true, body: { claimSetName: 'Root' } })).body.errors).toEqual([
      "'claimSetName' must be one of SIS Vendor, District Hosted SIS Vendor, Assessment Vendor, Ed-Fi API Publisher - Reader, Ed-Fi Sandbox.",
    ]);
  });

  it('only the admin may send an import larger than the body limit: anyone else gets 413 before the body is read', async () => {
    const big = JSON.stringify({ format: 'edfi-mock-sandbox', version: 1, padding: 'x'.repeat(2 << 20) });
    expect((await server.call('POST', '/admin/sandboxes/import', { body: big, token: 'not-the-admin' })).status).toBe(413);
    const admin = await server.call('POST', '/admin/sandboxes/import', { body: big, admin: true });
    expect(admin.status).toBe(400);
    expect(admin.body.errors).toEqual(['"sandbox.profile" and "instances" are required']);
  });

  it('a JSON null body is an empty request, never a 500', async () => {
    const s = await server.sandbox({ template: 'empty' });
    expect((await server.call('POST', `/admin/sandboxes/${s.id}/clients`, { admin: true, body: 'null' })).status).toBe(201);
    const certify = await server.call('POST', '/admin/me/certify', { token: s.token, body: 'null' });
    expect(certify.status).toBe(400);
    expect(certify.body.detail).toBe('Name the scenario: {"id": "CORE-CRUD-CREATE"}.');
  });

  it("a body that is not JSON: 400 with the parser's reason; an unknown sandbox: 404", async () => {
    const res = await server.call('POST', '/admin/sandboxes', { admin: true, body: '{"template": ' });
    expect(res.status).toBe(400);
    expect(String(res.body.detail)).toMatch(/^The request body is not valid JSON: /);
    expect((await server.call('POST', '/admin/sandboxes/nope/reset', { admin: true })).status).toBe(404);
  });

  it('an import of something that is not a sandbox file, or with a dangling reference: 400 with the reason', async () => {
    expect((await server.call('POST', '/admin/sandboxes/import', { admin: true, body: { hello: 1 } })).body.errors).toEqual([
      'not an edfi-mock sandbox file (its "format" must be "edfi-mock-sandbox")',
    ]);
    const s = await server.sandbox({ template: 'empty' });
    const file = (await server.call('GET', `/admin/sandboxes/${s.id}/export`, { admin: true })).body as unknown as {
      instances: { documents: { refs: string[]; descriptorRefs: string[] }[] }[];
    };
    file.instances[0].documents[0].descriptorRefs = ['0'.repeat(32)];
    const res = await server.call('POST', '/admin/sandboxes/import', { admin: true, body: file });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([`the data set, document 1: "descriptorRefs" names "${'0'.repeat(32)}", which is not a document of the file`]);
  });

  it('the admin API is documented: an OpenAPI 3 document with every route', async () => {
    const doc = await server.call('GET', '/metadata/admin/swagger.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.0.3');
    expect(Object.keys(doc.body.paths as object)).toEqual(
      expect.arrayContaining(['/admin/sandboxes', '/admin/sandboxes/{id}/reset', '/admin/sandboxes/{id}/clients/{key}/rotate', '/admin/me/certify']),
    );
  });

  it('without --admin-key the admin API is off (404 saying how to turn it on), and the data API works as ever', async () => {
    const plain = await startServer({ profile: 'edfi', port: 0, host: '127.0.0.1', logLevel: 'silent', tokenLimit: 0, bodyLimit: 1 << 20, journalSize: 0 });
    try {
      expect((await fetch(`${plain.url}/metadata/admin/swagger.json`)).status).toBe(404);
      expect((await fetch(`${plain.url}/console/`)).status).toBe(404);
      const res = await fetch(`${plain.url}/admin/sandboxes`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toBe('The admin API is off: start the server with --admin-key <key> (or EDFI_MOCK_ADMIN_KEY).');
    } finally {
      await plain.stop();
    }
  });
});
