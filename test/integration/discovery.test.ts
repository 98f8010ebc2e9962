import { testServer } from '../helpers/api';

describe('discovery and metadata (anonymous)', () => {
  it('GET / describes ODS/API 7.3.2 on Data Standard 5.2.0 (with TPDM, as 7.3 ships it for DS 5) with absolute urls', async () => {
    const s = testServer();
    const res = await s.http.get('/').set('Host', 'ods.local:8080');
    expect(res.status).toBe(200);
    const root = 'http://ods.local:8080';
    expect(res.body).toMatchObject({
      version: '7.3',
      applicationName: 'Ed-Fi Alliance ODS/API',
      dataModels: [
        { name: 'Ed-Fi', version: '5.2.0', informationalVersion: 'The Ed-Fi Data Standard v5.2.0' },
        { name: 'TPDM', version: '1.1.0', informationalVersion: 'TPDM-Core' },
      ],
      urls: {
        dependencies: `${root}/metadata/data/v3/dependencies`,
        openApiMetadata: `${root}/metadata/`,
        oauth: `${root}/oauth/token`,
        oauthTokenIntrospection: `${root}/oauth/token_info`,
        dataManagementApi: `${root}/data/v3/`,
      },
    });
    expect(Object.keys(res.body)).toEqual(['version', 'applicationName', 'informationalVersion', 'suite', 'build', 'dataModels', 'urls']);
  });

  it('GET /metadata/ lists the OpenAPI sections with an ETag that answers 304', async () => {
    const s = testServer();
    const res = await s.http.get('/metadata/').set('Host', 'ods.local:8080');
    expect(res.status).toBe(200);
    expect(res.body.map((x: { name: string }) => x.name)).toEqual(['Descriptors', 'Resources']);
    expect(res.body[1].endpointUri).toMatch(/^http:\/\/.*\/metadata\/data\/v3\/resources\/swagger\.json$/);
    const again = await s.http.get('/metadata').set('Host', 'ods.local:8080').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it.each([
    ['resources', '/ed-fi/studentSchoolAssociations', 153],
    ['descriptors', '/ed-fi/gradeLevelDescriptors', 229],
  ])('serves the %s OpenAPI document from the model, pointing at this host', async (kind, path, count) => {
    const s = testServer();
    const res = await s.http.get(`/metadata/data/v3/${kind}/swagger.json`);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.0\.\d$/);
    expect(res.body.paths[path]).toBeDefined();
    const collections = Object.keys(res.body.paths).filter((p) => !p.includes('{') && !/\/(deletes|keyChanges|partitions)$/.test(p));
    expect(collections).toHaveLength(count);
    expect(res.body.servers[0].url).toMatch(/^http:\/\/.*\/data\/v3$/);
    expect(res.body.components.securitySchemes.oauth2_client_credentials.flows.clientCredentials.tokenUrl).toMatch(/\/oauth\/token$/);
  });

  it('documents /deletes and /keyChanges (with their tracked-change schemas) and /partitions, as ODS/API 7.3 does', async () => {
    const doc = (await testServer().http.get('/metadata/data/v3/resources/swagger.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/ed-fi/students/deletes', '/ed-fi/students/keyChanges', '/ed-fi/students/partitions']));
    expect(doc.paths['/ed-fi/students/deletes'].get.responses['200'].content['application/json'].schema.items).toEqual({
      $ref: '#/components/schemas/trackedChanges_edFi_studentDelete',
    });
    expect(doc.components.schemas.trackedChanges_edFi_studentKey).toEqual({
      type: 'object',
      properties: { studentUniqueId: { type: 'string', maxLength: 32 } },
    });
    expect(Object.keys(doc.components.schemas.trackedChanges_edFi_sessionKeyChange.properties)).toEqual([
      'id',
      'changeVersion',
      'oldKeyValues',
      'newKeyValues',
    ]);
    expect(doc.paths['/ed-fi/schoolYearTypes/deletes']).toBeUndefined();
    const off = (await testServer({ api: { changeQueries: false } }).http.get('/metadata/data/v3/resources/swagger.json')).body;
    expect(off.paths['/ed-fi/students/deletes']).toBeUndefined();
    expect(off.paths['/ed-fi/students/partitions']).toBeDefined();
  });

  it('serves every collection route that the OpenAPI documents list', async () => {
    const s = testServer();
    const token = await s.auth();
    for (const kind of ['resources', 'descriptors']) {
      const doc = (await s.http.get(`/metadata/data/v3/${kind}/swagger.json`)).body;
      const routes = Object.keys(doc.paths).filter((p: string) => !p.includes('{') && !/\/(deletes|keyChanges|partitions)$/.test(p));
      for (const r of routes) {
        const res = await s.http.get(`/data/v3${r}?limit=1`).set('Authorization', `Bearer ${token}`);
        expect([r, res.status]).toEqual([r, 200]);
      }
    }
  });

  it('GET /metadata/data/v3/dependencies gives a topological order with operations', async () => {
    const s = testServer();
    const res = await s.http.get('/metadata/data/v3/dependencies');
    expect(res.status).toBe(200);
    const order = (r: string, op = 'Create') =>
      res.body.find((x: { resource: string; operations: string[] }) => x.resource === r && x.operations.includes(op)).order;
    expect(order('/ed-fi/absenceEventCategoryDescriptors')).toBe(1);
    expect(order('/ed-fi/schools')).toBeGreaterThan(order('/ed-fi/localEducationAgencies'));
    expect(order('/ed-fi/grades')).toBeGreaterThan(order('/ed-fi/studentSectionAssociations'));
    expect(order('/ed-fi/studentSectionAssociations')).toBeGreaterThan(order('/ed-fi/sections'));
    const students = res.body.filter((x: { resource: string }) => x.resource === '/ed-fi/students');
    expect(students.map((x: { operations: string[] }) => x.operations)).toEqual([['Create'], ['Update']]);
    expect(order('/ed-fi/students', 'Update')).toBe(order('/ed-fi/studentSchoolAssociations') + 1);
    for (const entry of res.body) expect(entry).toEqual({ resource: expect.any(String), order: expect.any(Number), operations: expect.any(Array) });
  });

  it('GET /health answers 200', async () => {
    const s = testServer();
    const res = await s.http.get('/health');
    expect(res.status).toBe(200);
  });
});
