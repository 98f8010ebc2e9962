import request from 'supertest';
import type { Client } from '../../src/auth/clients';
import { createApp } from '../../src/http/app';
import { createEnv } from '../../src/pipeline/create-env';
import { createProfileHost } from '../../src/pipeline/host';
import { createLogger } from '../../src/util/logger';
import { SCHEMAS, registry } from '../helpers/api';
import { backendKinds, stopBackends } from '../helpers/backends';
import type { Backend } from '../../src/backend/backend';
import { memoryBackend } from '../../src/backend/memory-backend';
import { withSeedingWrites } from '../../src/pipeline/create-env';

const E = 'uri://ed-fi.org/';
const client = (key: string, extra: Partial<Client>): Client => ({
  key,
  secret: `${key}-secret`,
  name: key,
  namespacePrefixes: [`${E.slice(0, -1)}`],
  ...extra,
});
const CLIENTS = {
  admin: client('admin', {}),
  district: client('district', { educationOrganizationIds: [255901] }),
  school: client('school', { educationOrganizationIds: [255901001], claimSetName: 'SIS Vendor' }),
  schools: client('schools', { educationOrganizationIds: [255901001, 255901002] }),
  other: client('other', { educationOrganizationIds: [255902], claimSetName: 'District Hosted SIS Vendor' }),
  many: client('many', { educationOrganizationIds: [9, 7, 5, 3, 1, 2, 4], claimSetName: 'SIS Vendor' }),
  assessment: client('assessment', { educationOrganizationIds: [255901], claimSetName: 'Assessment Vendor' }),
  reader: client('reader', { educationOrganizationIds: [255901], claimSetName: 'Ed-Fi API Publisher - Reader' }),
  sandbox: client('sandbox', { educationOrganizationIds: [255902], claimSetName: 'Ed-Fi Sandbox' }),
  ownerA: client('ownerA', { ownershipToken: 'vendor-a' }),
  ownerB: client('ownerB', { ownershipToken: 'vendor-b' }),
  auditor: client('auditor', { ownershipToken: 'auditor', ownershipTokens: ['vendor-a'] }),
};

const lea = (id: number) => ({
  localEducationAgencyId: id,
  nameOfInstitution: `LEA ${id}`,
  localEducationAgencyCategoryDescriptor: `${E}LocalEducationAgencyCategoryDescriptor#Independent`,
  categories: [{ educationOrganizationCategoryDescriptor: `${E}EducationOrganizationCategoryDescriptor#Local Education Agency` }],
});
const school = (id: number, leaId: number) => ({
  schoolId: id,
  nameOfInstitution: `School ${id}`,
  localEducationAgencyReference: { localEducationAgencyId: leaId },
  educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: `${E}EducationOrganizationCategoryDescriptor#School` }],
  gradeLevels: [{ gradeLevelDescriptor: `${E}GradeLevelDescriptor#Ninth grade` }],
});
const student = (id: string) => ({ studentUniqueId: id, firstName: 'A', lastSurname: 'B', birthDate: '2010-01-01' });
const enrollment = (studentId: string, schoolId: number) => ({
  studentReference: { studentUniqueId: studentId },
  schoolReference: { schoolId },
  entryDate: '2025-08-20',
  entryGradeLevelDescriptor: `${E}GradeLevelDescriptor#Ninth grade`,
});

/**
 * A server with the clients above over a backend (memory by default): admin (no claims) loads two districts, the
 * others read and write as their claims allow.
 */
async function server(backend: Backend = memoryBackend()) {
  const env = await withSeedingWrites([backend], () =>
    createEnv({ schemasDir: SCHEMAS, registry: registry(), clients: Object.values(CLIENTS), logger: createLogger('silent'), tokenLimit: 0, backend }),
  );
  const http = request(createApp(env));
  const tokens = new Map<string, string>();
  const token = async (name: keyof typeof CLIENTS, scope?: string) => {
    const key = `${name}|${scope ?? ''}`;
    if (!tokens.has(key)) {
      const c = CLIENTS[name];
      const res = await http
        .post('/oauth/token')
        .auth(c.key, c.secret)
        .type('form')
        .send({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
      tokens.set(key, res.body.access_token as string);
    }
    return tokens.get(key)!;
  };
  const as = (name: keyof typeof CLIENTS, scope?: string) => ({
    post: async (path: string, body: unknown) =>
      http
        .post(`/data/v3/ed-fi/${path}`)
        .set('Authorization', `Bearer ${await token(name, scope)}`)
        .send(body as object),
    put: async (path: string, body: unknown) =>
      http
        .put(`/data/v3/ed-fi/${path}`)
        .set('Authorization', `Bearer ${await token(name, scope)}`)
        .send(body as object),
    get: async (path: string) => http.get(`/data/v3/ed-fi/${path}`).set('Authorization', `Bearer ${await token(name, scope)}`),
    del: async (path: string) => http.delete(`/data/v3/ed-fi/${path}`).set('Authorization', `Bearer ${await token(name, scope)}`),
  });
  return { env, http, as, close: () => backend.close() };
}
type Server = Awaited<ReturnType<typeof server>>;

const kinds = backendKinds('authorization');
afterAll(stopBackends);

const idOf = (res: { headers: Record<string, string> }) => res.headers.location.split('/').pop()!;
const relationship = (error: string, hint?: string) => ({
  detail: `Access to the requested data could not be authorized.${hint ? ` Hint: ${hint}` : ''}`,
  type: 'urn:ed-fi:api:security:authorization',
  title: 'Authorization Denied',
  status: 403,
  correlationId: expect.any(String),
  errors: [error],
});
const STUDENT_HINT = "You may need to create a corresponding 'StudentSchoolAssociation' item.";

// The filters run where the backend answers queries: each backend gets the same checks.
describe.each(kinds)('authorization as ODS/API 7.3 enforces it ($name)', (kind) => {
  let s: Server;
  beforeAll(async () => {
    s = await server((await kind.fresh()).backend);
  });
  afterAll(async () => s.close());
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const admin = s.as('admin');
    for (const body of [lea(255901), lea(255902)]) expect((await admin.post('localEducationAgencies', body)).status).toBe(201);
    for (const [id, l] of [
      [255901001, 255901],
      [255901002, 255901],
      [255902001, 255902],
    ])
      expect((await admin.post('schools', school(id, l))).status).toBe(201);
    for (const [id, at] of [
      ['S-1', 255901001],
      ['S-2', 255901002],
      ['S-3', 255902001],
    ] as const) {
      ids[id] = idOf(await admin.post('students', student(id)));
      ids[`${id}-ssa`] = idOf(await admin.post('studentSchoolAssociations', enrollment(id, at)));
    }
    ids['S-4'] = idOf(await admin.post('students', student('S-4')));
  });

  it('a client without claims reads and writes everything, as before', async () => {
    expect((await s.as('admin').get('students')).body).toHaveLength(4);
    expect((await s.as('sandbox').get('students')).body).toHaveLength(4);
  });

  describe('relationship-based reads', () => {
    it('collections hold only related items, with Total-Count and paging over them', async () => {
      const res = await s.as('district').get('students?totalCount=true');
      expect(res.headers['total-count']).toBe('2');
      expect(res.body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S-1', 'S-2']);
      const page2 = await s.as('district').get('students?limit=1&offset=1');
      expect(page2.body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S-2']);
      expect((await s.as('school').get('students?totalCount=true')).headers['total-count']).toBe('1');
      expect(
        (await s.as('other').get('studentSchoolAssociations')).body.map((x: { schoolReference: { schoolId: number } }) => x.schoolReference.schoolId),
      ).toEqual([255902001]);
    });

    it('cursor paging walks only the related items', async () => {
      const seen: string[] = [];
      let res = await s.as('district').get('students?limit=1');
      seen.push(...res.body.map((x: { studentUniqueId: string }) => x.studentUniqueId));
      while (res.headers['next-page-token']) {
        res = await s.as('district').get(`students?pageSize=1&pageToken=${encodeURIComponent(res.headers['next-page-token'])}`);
        seen.push(...res.body.map((x: { studentUniqueId: string }) => x.studentUniqueId));
      }
      expect(seen).toEqual(['S-1', 'S-2']);
    });

    it("a token scoped to one of the client's schools narrows the claims to it", async () => {
      expect((await s.as('schools').get('students')).body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S-1', 'S-2']);
      expect((await s.as('schools', '255901002').get('students')).body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['S-2']);
    });

    it('GET by id of an unrelated student: 403 with the StudentSchoolAssociation hint', async () => {
      const res = await s.as('district').get(`students/${ids['S-3']}`);
      expect(res.status).toBe(403);
      expect(res.body).toEqual(
        relationship(
          "No relationships have been established between the caller's education organization id claim (255901) and the resource item's 'StudentUniqueId' value.",
          STUDENT_HINT,
        ),
      );
      expect((await s.as('district').get(`students/${ids['S-1']}`)).status).toBe(200);
    });

    it('education organizations are readable by every client; descriptors too', async () => {
      expect((await s.as('school').get('schools')).body).toHaveLength(3);
      expect((await s.as('school').get('sexDescriptors?limit=1')).body).toHaveLength(1);
    });

    it('claims are listed ascending, at most five, then ...', async () => {
      const res = await s.as('many').get(`studentSchoolAssociations/${ids['S-1-ssa']}`);
      expect(res.body.errors).toEqual([
        "No relationships have been established between the caller's education organization id claims (1, 2, 3, 4, 5, ...) and the resource item's 'SchoolId' value.",
      ]);
    });
  });

  describe('relationship-based writes', () => {
    it('an enrollment at a school outside the district: 403 before the write', async () => {
      await s.as('district').post('students', student('N-1'));
      const res = await s.as('district').post('studentSchoolAssociations', enrollment('N-1', 255902001));
      expect(res.status).toBe(403);
      expect(res.body).toEqual(
        relationship(
          "No relationships have been established between the caller's education organization id claim (255901) and the resource item's 'SchoolId' value.",
        ),
      );
      expect((await s.as('admin').get('studentSchoolAssociations?studentUniqueId=N-1')).body).toEqual([]);
    });

    it('a person may be created unrelated, then is out of reach until associated', async () => {
      const created = await s.as('district').post('students', student('N-2'));
      expect(created.status).toBe(201);
      const again = await s.as('district').post('students', { ...student('N-2'), firstName: 'Changed' });
      expect(again.status).toBe(403);
      expect(again.body.detail).toBe(`Access to the requested data could not be authorized. Hint: ${STUDENT_HINT}`);
      expect((await s.as('district').post('studentSchoolAssociations', enrollment('N-2', 255901001))).status).toBe(201);
      expect((await s.as('district').post('students', { ...student('N-2'), firstName: 'Changed' })).status).toBe(200);
      expect((await s.as('district').get(`students/${idOf(created)}`)).body.firstName).toBe('Changed');
    });

    it('a roster whose student is not enrolled names the student; PUT and DELETE of an unrelated item: 403', async () => {
      const offering = {
        localCourseCode: 'C-1',
        courseReference: { courseCode: 'C-1', educationOrganizationId: 255901 },
        schoolReference: { schoolId: 255901001 },
        sessionReference: { schoolId: 255901001, schoolYear: 2026, sessionName: 'Y' },
      };
      const admin = s.as('admin');
      await admin.post('sessions', {
        sessionName: 'Y',
        schoolReference: { schoolId: 255901001 },
        schoolYearTypeReference: { schoolYear: 2026 },
        termDescriptor: `${E}TermDescriptor#Year Round`,
        beginDate: '2025-07-01',
        endDate: '2026-06-30',
        totalInstructionalDays: 180,
      });
      await admin.post('courses', {
        courseCode: 'C-1',
        courseTitle: 'C',
        numberOfParts: 1,
        educationOrganizationReference: { educationOrganizationId: 255901 },
        identificationCodes: [{ courseIdentificationSystemDescriptor: `${E}CourseIdentificationSystemDescriptor#LEA course code`, identificationCode: 'C-1' }],
      });
      await admin.post('courseOfferings', offering);
      await admin.post('sections', {
        sectionIdentifier: 'X-1',
        courseOfferingReference: { localCourseCode: 'C-1', schoolId: 255901001, schoolYear: 2026, sessionName: 'Y' },
      });
      const roster = (id: string) => ({
        sectionReference: { localCourseCode: 'C-1', schoolId: 255901001, schoolYear: 2026, sectionIdentifier: 'X-1', sessionName: 'Y' },
        studentReference: { studentUniqueId: id },
        beginDate: '2025-08-20',
      });
      const res = await s.as('district').post('studentSectionAssociations', roster('S-3'));
      expect(res.body).toEqual(
        relationship(
          "No relationships have been established between the caller's education organization id claim (255901) and the resource item's 'StudentUniqueId' value.",
          STUDENT_HINT,
        ),
      );
      expect((await s.as('other').post('studentSectionAssociations', roster('S-3'))).body.errors).toEqual([
        "No relationships have been established between the caller's education organization id claim (255902) and the resource item's 'SchoolId' value.",
      ]);
      expect((await s.as('other').post('studentSectionAssociations', roster('S-1'))).body.errors).toEqual([
        "No relationships have been established between the caller's education organization id claim (255902) and one or more of the following properties of the resource item: 'SchoolId', 'StudentUniqueId'.",
      ]);
      expect((await s.as('district').put(`studentSchoolAssociations/${ids['S-3-ssa']}`, enrollment('S-3', 255902001))).status).toBe(403);
      expect((await s.as('district').del(`studentSchoolAssociations/${ids['S-3-ssa']}`)).status).toBe(403);
      expect((await s.as('admin').get(`studentSchoolAssociations/${ids['S-3-ssa']}`)).status).toBe(200);
    });

    it("what an organization above the claims owns is readable, not writable (a school's key and its district's course)", async () => {
      const courses = (await s.as('school').get('courses')).body as { courseCode: string; id: string }[];
      expect(courses.map((c) => c.courseCode)).toEqual(['C-1']);
      expect((await s.as('school').get(`courses/${courses[0].id}`)).status).toBe(200);
      expect((await s.as('other').get('courses')).body).toEqual([]);
      const res = await s.as('school').put(`courses/${courses[0].id}`, {
        courseCode: 'C-1',
        courseTitle: 'Changed',
        numberOfParts: 1,
        educationOrganizationReference: { educationOrganizationId: 255901 },
        identificationCodes: [{ courseIdentificationSystemDescriptor: `${E}CourseIdentificationSystemDescriptor#LEA course code`, identificationCode: 'C-1' }],
      });
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([
        "No relationships have been established between the caller's education organization id claim (255901001) and the resource item's 'EducationOrganizationId' value.",
      ]);
    });

    it("a district creates its own school (authorized by the LEA above it), not another district's", async () => {
      expect((await s.as('district').post('schools', school(255901003, 255901))).status).toBe(201);
      const res = await s.as('district').post('schools', school(255902003, 255902));
      expect(res.body.errors).toEqual([
        "No relationships have been established between the caller's education organization id claim (255901) and the resource item's 'SchoolId' value.",
      ]);
    });

    it('change queries: deletes of unrelated items are not shown', async () => {
      const admin = s.as('admin');
      const gone = idOf(await admin.post('studentSchoolAssociations', { ...enrollment('S-4', 255902001), entryDate: '2025-09-01' }));
      await admin.del(`studentSchoolAssociations/${gone}`);
      const mine = idOf(await admin.post('studentSchoolAssociations', { ...enrollment('S-4', 255901002), entryDate: '2025-09-02' }));
      await admin.del(`studentSchoolAssociations/${mine}`);
      const deletes = (await s.as('district').get('studentSchoolAssociations/deletes')).body as { id: string }[];
      expect(deletes.map((d) => d.id)).toEqual([mine]);
      expect(((await s.as('admin').get('studentSchoolAssociations/deletes')).body as { id: string }[]).map((d) => d.id)).toEqual([gone, mine]);
    });
  });

  describe('namespace-based and claim-set authorization', () => {
    const descriptor = (namespace: string) => ({ codeValue: 'X', shortDescription: 'X', description: 'X', namespace });
    it("a descriptor outside the client's namespace prefixes: 403 namespace mismatch", async () => {
      const res = await s.as('district').post('sexDescriptors', descriptor('uri://other.org/SexDescriptor'));
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        detail:
          "Access to the requested data could not be authorized. The 'Namespace' value of the data does not start with any of the caller's associated namespace prefixes ('uri://ed-fi.org').",
        type: 'urn:ed-fi:api:security:authorization:namespace:access-denied:namespace-mismatch',
        title: 'Authorization Denied',
        status: 403,
        correlationId: expect.any(String),
      });
      expect((await s.as('district').post('sexDescriptors', descriptor('uri://ed-fi.org/SexDescriptor'))).status).toBe(201);
    });

    it('an Assessment Vendor may not write students: 403 action denied', async () => {
      const res = await s.as('assessment').post('students', student('A-1'));
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        detail: 'Access to the requested data could not be authorized. You do not have permissions to perform the requested operation on the data.',
        type: 'urn:ed-fi:api:security:authorization:access-denied:action',
        title: 'Authorization Denied',
        status: 403,
        correlationId: expect.any(String),
        errors: [
          "The API client's assigned claim set (currently 'Assessment Vendor') must grant permission of the 'http://ed-fi.org/odsapi/actions/create' action on one of the following resource claims: 'http://ed-fi.org/ods/identity/claims/ed-fi/student', 'http://ed-fi.org/ods/identity/claims/domains/people'.",
        ],
      });
    });

    it('a read-only claim set reads everything and writes nothing', async () => {
      expect((await s.as('reader').get('students')).body.length).toBeGreaterThanOrEqual(4);
      const res = await s.as('reader').del(`students/${ids['S-1']}`);
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('urn:ed-fi:api:security:authorization:access-denied:action');
    });

    it('contacts: reachable through a student of the district, with the hint naming both associations', async () => {
      const created = await s.as('district').post('contacts', { contactUniqueId: 'P-1', firstName: 'P', lastSurname: 'Q' });
      expect(created.status).toBe(201);
      const res = await s.as('district').get(`contacts/${idOf(created)}`);
      expect(res.body.detail).toBe(
        "Access to the requested data could not be authorized. Hint: Ensure that the corresponding 'StudentSchoolAssociation' and 'StudentContactAssociation' resource items have been created.",
      );
      expect(
        (
          await s
            .as('district')
            .post('studentContactAssociations', { studentReference: { studentUniqueId: 'S-1' }, contactReference: { contactUniqueId: 'P-1' } })
        ).status,
      ).toBe(201);
      expect((await s.as('district').get(`contacts/${idOf(created)}`)).status).toBe(200);
      expect((await s.as('other').get(`contacts/${idOf(created)}`)).status).toBe(403);
    });

    it('staff: the hint names the assignment and employment associations', async () => {
      const created = await s.as('district').post('staffs', { staffUniqueId: 'T-1', firstName: 'T', lastSurname: 'T' });
      const res = await s.as('district').get(`staffs/${idOf(created)}`);
      expect(res.body.detail).toBe(
        "Access to the requested data could not be authorized. Hint: Ensure that a corresponding 'StaffEducationOrganizationEmploymentAssociation' or 'StaffEducationOrganizationAssignmentAssociation' resource item has been created.",
      );
      await s.as('district').post('staffEducationOrganizationAssignmentAssociations', {
        staffReference: { staffUniqueId: 'T-1' },
        educationOrganizationReference: { educationOrganizationId: 255901001 },
        staffClassificationDescriptor: `${E}StaffClassificationDescriptor#Teacher`,
        beginDate: '2025-08-01',
      });
      expect((await s.as('district').get(`staffs/${idOf(created)}`)).status).toBe(200);
    });
  });
});

describe('ownership-based authorization (clients with ownership tokens)', () => {
  let s: Server;
  beforeAll(async () => {
    s = await server();
  });
  let created: string;
  beforeAll(async () => {
    const res = await s.as('ownerA').post('students', student('O-1'));
    expect(res.status).toBe(201);
    created = idOf(res);
    await s.as('admin').post('students', student('O-unowned'));
  });

  it('an item created by another owner: 403 ownership mismatch, on read and on write', async () => {
    const res = await s.as('ownerB').get(`students/${created}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      detail: 'Access to the requested data could not be authorized. The item is not owned by the caller.',
      type: 'urn:ed-fi:api:security:authorization:ownership:access-denied:ownership-mismatch',
      title: 'Authorization Denied',
      status: 403,
      correlationId: expect.any(String),
    });
    expect((await s.as('ownerB').post('students', { ...student('O-1'), firstName: 'Other' })).status).toBe(403);
    expect((await s.as('ownerB').del(`students/${created}`)).status).toBe(403);
  });

  it("collections hold the items of the client's tokens only (not unowned ones); descriptors stay shared", async () => {
    const ids = async (who: 'ownerA' | 'ownerB' | 'auditor') =>
      ((await s.as(who).get('students')).body as { studentUniqueId: string }[]).map((x) => x.studentUniqueId);
    expect(await ids('ownerA')).toEqual(['O-1']);
    expect(await ids('ownerB')).toEqual([]);
    expect(await ids('auditor')).toEqual(['O-1']);
    expect((await s.as('ownerB').get('sexDescriptors?limit=1')).body).toHaveLength(1);
  });

  it('the owner keeps its item through updates; another token with access to it may change it', async () => {
    expect((await s.as('ownerA').post('students', { ...student('O-1'), firstName: 'Again' })).status).toBe(200);
    expect((await s.as('auditor').get(`students/${created}`)).body.firstName).toBe('Again');
    expect(s.env.store.get(created as never)?.owner).toBe('vendor-a');
  });
});

describe('on an ODS/API 5.x/6.x year (a state profile)', () => {
  it('a refusal is one message, as 5.x/6.x answer', async () => {
    const clients = [client('wi-admin', {}), client('wi-district', { educationOrganizationIds: [7525], claimSetName: 'SIS Vendor' })];
    const host = createProfileHost({ schemasDir: SCHEMAS, profile: 'wi', clients, logger: createLogger('silent'), tokenLimit: 0, years: [2024] });
    const http = request(createApp(host));
    const tokenOf = async (c: Client) =>
      (await http.post('/oauth/token').auth(c.key, c.secret).type('form').send({ grant_type: 'client_credentials' })).body.access_token as string;
    const post = async (c: Client, path: string, body: unknown) =>
      http
        .post(`/data/v3/2024/ed-fi/${path}`)
        .set('Authorization', `Bearer ${await tokenOf(c)}`)
        .send(body as object);
    for (const [path, body] of [
      ['localEducationAgencies', lea(7525)],
      ['localEducationAgencies', lea(7526)],
      ['schools', school(7526001, 7526)],
      ['students', student('W-1')],
    ] as const)
      expect((await post(clients[0], path, body)).status).toBe(201);
    const res = await post(clients[1], 'studentSchoolAssociations', enrollment('W-1', 7526001));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      message:
        "Authorization denied. No relationships have been established between the caller's education organization id claim (7525) and the resource item's 'SchoolId' value.",
    });
  });
});
