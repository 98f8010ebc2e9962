import request from 'supertest';
import { createApp } from '../../src/http/app';
import { createProfileHost } from '../../src/pipeline/host';
import { loadProfile } from '../../src/pipeline/profile';
import { createLogger } from '../../src/util/logger';
import { CHOICE_CLIENT, PUBLIC_CLIENT, SCHEMAS, profileServer } from '../helpers/api';

/**
 * Given the Wisconsin profile, when a client calls each school year, then each year answers as its own ODS/API
 * release: routes in that release's placement, its Data Standard, its error flavor and paging, isolated data.
 */
describe('year-specific profile (wi)', () => {
  const s = profileServer('wi');
  const student = { studentUniqueId: 'Y-1', firstName: 'Ana', lastSurname: 'Diaz', birthDate: '2010-01-01' };

  it.each([
    ['/', '6.1', '4.0.0', 'YearSpecific'],
    ['/2026/', '7.1', '5.0.0', undefined],
  ])('discovery at %s shows release %s on Data Standard %s with the WI extension', async (path, version, ds, apiMode) => {
    const res = await s.http.get(path);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(version);
    expect(res.body.apiMode).toBe(apiMode);
    expect(res.body.dataModels.slice(0, 2)).toEqual([
      { name: 'Ed-Fi', version: ds, informationalVersion: `The Ed-Fi Data Standard v${ds}` },
      { name: 'WI', version: '1.0.0', informationalVersion: 'Wisconsin DPI (WISEdata)' },
    ]);
  });

  it('places 5.x/6.x years inside data/v3 and 7.x years before it, each with its own token and metadata urls', async () => {
    const old = (await s.http.get('/')).body.urls;
    expect(old.dataManagementApi).toMatch(/\/data\/v3\/2025\/$/);
    expect(old.dependencies).toMatch(/\/metadata\/data\/v3\/2025\/dependencies$/);
    const modern = (await s.http.get('/2026/')).body.urls;
    expect(modern.dataManagementApi).toMatch(/\/2026\/data\/v3\/$/);
    expect(modern.oauth).toMatch(/\/2026\/oauth\/token$/);
    const token = await s.http.post('/2026/oauth/token').auth(PUBLIC_CLIENT.key, PUBLIC_CLIENT.secret).type('form').send({ grant_type: 'client_credentials' });
    expect(token.status).toBe(200);
    const deps = await s.http.get('/2026/metadata/data/v3/dependencies');
    expect(deps.body.some((d: { resource: string }) => d.resource === '/wi/certificatedProgramStatusDescriptors')).toBe(true);
    expect(
      (await s.http.get('/metadata/data/v3/2023/dependencies')).body.some((d: { resource: string }) => d.resource === '/wi/enrollmentTypeDescriptors'),
    ).toBe(true);
  });

  it.each([
    ['/data/v3/2019/ed-fi/students', undefined],
    ['/2019/data/v3/ed-fi/students', 'urn:ed-fi:api:not-found'],
    ['/data/v3/ed-fi/students', undefined],
    ['/2024/data/v3/ed-fi/students', 'urn:ed-fi:api:not-found'],
  ])('answers %s (a year the profile does not have, or the wrong placement) with the real API 404', async (path, type) => {
    const res = await s.http.get(path).set(await s.bearer(PUBLIC_CLIENT));
    expect(res.status).toBe(404);
    if (type) expect(res.body.type).toBe(type);
    else expect(res.text).toBe('');
  });

  it('keeps each year isolated', async () => {
    expect((await s.year(2024).post('/ed-fi/students', student)).status).toBe(201);
    expect((await s.year(2024).get('/ed-fi/students?studentUniqueId=Y-1')).body).toHaveLength(1);
    expect((await s.year(2025).get('/ed-fi/students?studentUniqueId=Y-1')).body).toEqual([]);
  });

  it('pages 25 items by default on 5.3 and 500 on 6.1 and 7.3', async () => {
    expect((await s.year(2023).get('/ed-fi/countryDescriptors')).body).toHaveLength(25);
    expect((await s.year(2024).get('/ed-fi/countryDescriptors')).body.length).toBeGreaterThan(25);
    expect((await s.year(2026).get('/ed-fi/countryDescriptors')).body.length).toBeGreaterThan(25);
  });

  it('omits _lastModifiedDate on 5.3 items and shows it from 6.1', async () => {
    const [old] = (await s.year(2023).get('/ed-fi/programs?limit=1')).body;
    expect(old._etag).toBeDefined();
    expect(old._lastModifiedDate).toBeUndefined();
    const [newer] = (await s.year(2024).get('/ed-fi/programs?limit=1')).body;
    expect(newer._lastModifiedDate).toBeDefined();
  });

  describe('ods5 flavor (2023-24, ODS/API 6.1) against ods7 (2025-26)', () => {
    it('words validation failures as one message string', async () => {
      const res = await s.year(2024).post('/ed-fi/students', { studentUniqueId: 'Y-2' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: "Validation of 'Student' failed.\n\tBirthDate is required.\n\tFirstName is required.\n\tLastSurname is required.\n",
      });
      const modern = await s.year(2026).post('/ed-fi/students', { studentUniqueId: 'Y-2' });
      expect(modern.body.type).toBe('urn:ed-fi:api:bad-request:data-validation-failed');
    });

    it('reports an unknown descriptor with the descriptor cache wording', async () => {
      const res = await s.year(2024).post('/ed-fi/sexDescriptors', { codeValue: 'X', shortDescription: 'X', namespace: 'uri://x' });
      expect(res.status).toBe(201);
      const bad = await s.year(2024).post('/ed-fi/students', { ...student, studentUniqueId: 'Y-3', birthSexDescriptor: 'uri://ed-fi.org/SexDescriptor#Nope' });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ message: "Unable to resolve value 'uri://ed-fi.org/SexDescriptor#Nope' to an existing 'SexDescriptor' resource." });
    });

    it('reports an unresolved reference and a blocked delete with the SQL translator wording', async () => {
      const ssa = {
        studentReference: { studentUniqueId: 'NOPE' },
        schoolReference: { schoolId: 1 },
        entryDate: '2023-08-01',
        entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade',
      };
      const res = await s.year(2024).post('/ed-fi/studentSchoolAssociations', ssa);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/^The value supplied for the related '(school|student|educationOrganization)' resource does not exist\.$/);
      const [sea] = (await s.year(2024).get('/ed-fi/stateEducationAgencies')).body;
      const del = await s.year(2024).del(`/ed-fi/stateEducationAgencies/${sea.id}`);
      expect(del.status).toBe(409);
      expect(del.body).toEqual({
        message: "The resource (or a subordinate entity of the resource) cannot be deleted because it is a dependency of the 'program' entity.",
      });
    });

    it('answers 401 with an empty body and bad client credentials with 400 invalid_client', async () => {
      const res = await s.http.get('/data/v3/2024/ed-fi/students');
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
      const token = await s.http.post('/oauth/token').auth(PUBLIC_CLIENT.key, 'wrong').type('form').send({ grant_type: 'client_credentials' });
      expect(token.status).toBe(400);
      expect(token.body).toEqual({ error: 'invalid_client' });
      const modern = await s.http.post('/2026/oauth/token').auth(PUBLIC_CLIENT.key, 'wrong').type('form').send({ grant_type: 'client_credentials' });
      expect(modern.status).toBe(401);
    });

    it('ignores a key change on PUT (204, key kept) where 7.3 answers 400', async () => {
      const loc = (await s.year(2025).post('/ed-fi/students', { ...student, studentUniqueId: 'K-1' })).headers.location as string;
      const id = loc.split('/').pop();
      const put = await s.year(2025).put(`/ed-fi/students/${id}`, { ...student, studentUniqueId: 'K-2', firstName: 'Changed' });
      expect(put.status).toBe(204);
      const got = (await s.year(2025).get(`/ed-fi/students/${id}`)).body;
      expect([got.studentUniqueId, got.firstName]).toEqual(['K-1', 'Changed']);
      const loc7 = (await s.year(2026).post('/ed-fi/students', { ...student, studentUniqueId: 'K-1' })).headers.location as string;
      const put7 = await s.year(2026).put(`/ed-fi/students/${loc7.split('/').pop()}`, { ...student, studentUniqueId: 'K-2' });
      expect(put7.status).toBe(400);
      expect(put7.body.type).toBe('urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported');
    });
  });

  describe('WI extension in the served OpenAPI documents', () => {
    it('adds _ext.wi.programs to studentSectionAssociation up to 2024-25 and not in 2025-26', async () => {
      const old = (await s.http.get('/metadata/data/v3/2025/resources/swagger.json')).body.components.schemas;
      expect(old.edFi_studentSectionAssociation.properties._ext.properties.wi).toEqual({ $ref: '#/components/schemas/wi_studentSectionAssociationExtension' });
      expect(Object.keys(old.wi_studentSectionAssociationExtension.properties)).toEqual(['programs']);
      const modern = (await s.http.get('/2026/metadata/data/v3/resources/swagger.json')).body.components.schemas;
      expect(modern.edFi_studentSectionAssociation.properties._ext).toBeUndefined();
      expect(modern.edFi_studentSectionAssociation.properties.programs).toBeDefined();
      expect(Object.keys(modern.wi_studentCTEProgramAssociationExtension.properties)).toEqual([
        'certificatedProgramStatusDescriptor',
        'cteConcentrationCteProgramAreas',
      ]);
    });

    it('serves the WI descriptor endpoints in the descriptors document', async () => {
      const doc = (await s.http.get('/metadata/data/v3/2023/descriptors/swagger.json')).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/wi/certificatedProgramStatusDescriptors', '/wi/cteProgramAreaDescriptors/{id}', '/wi/enrollmentTypeDescriptors']),
      );
      const list = await s.year(2023).get('/wi/certificatedProgramStatusDescriptors');
      expect(list.body.map((d: { codeValue: string }) => d.codeValue)).toEqual(['A', 'B', 'C', 'D']);
    });
  });

  it('lets a Choice client read but not write the roster (WI-CHOICE-SSA)', async () => {
    const choice = s.year(2024, CHOICE_CLIENT);
    expect((await choice.get('/ed-fi/studentSectionAssociations')).status).toBe(200);
    const res = await choice.post('/ed-fi/studentSectionAssociations', {});
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/^\[WI-CHOICE-SSA\] WISEdata does not accept \/studentSectionAssociations from Choice schools/);
  });
});

describe('profiles are data', () => {
  it('serves a school year and enforces a rule added to the profile data alone', async () => {
    const base = loadProfile(SCHEMAS, 'wi');
    const profileData = {
      ...base,
      years: [...base.years!, { schoolYear: 2027, apiVersion: '7.3', dataStandard: '5.0', extensions: ['wi'] }],
      rules: [
        ...base.rules!,
        {
          id: 'TEST-NAME',
          title: 'Students have a middle name',
          source: 'this test',
          level: 'reject' as const,
          years: [2027],
          resource: 'Student',
          check: 'required',
          params: { paths: ['middleName'] },
          message: 'A middle name is required.',
        },
      ],
    };
    const host = createProfileHost({ schemasDir: SCHEMAS, profileData, clients: [PUBLIC_CLIENT], logger: createLogger('silent'), tokenLimit: 0 });
    const http = request(createApp(host));
    const token = (await http.post('/2027/oauth/token').auth(PUBLIC_CLIENT.key, PUBLIC_CLIENT.secret).type('form').send({ grant_type: 'client_credentials' }))
      .body.access_token;
    const student = { studentUniqueId: 'N-1', firstName: 'A', lastSurname: 'B', birthDate: '2010-01-01' };
    const bad = await http.post('/2027/data/v3/ed-fi/students').set('Authorization', `Bearer ${token}`).send(student);
    expect(bad.status).toBe(400);
    expect(bad.body.validationErrors).toEqual({ '$.middleName': ['[TEST-NAME] A middle name is required.'] });
    expect(
      (
        await http
          .post('/2027/data/v3/ed-fi/students')
          .set('Authorization', `Bearer ${token}`)
          .send({ ...student, middleName: 'C' })
      ).status,
    ).toBe(201);
    expect((await http.post('/2026/data/v3/ed-fi/students').set('Authorization', `Bearer ${token}`).send(student)).status).toBe(201);
  });
});
