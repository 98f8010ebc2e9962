import request from 'supertest';
import type { Client } from '../../src/auth/clients';
import { createApp } from '../../src/http/app';
import { loadRegistry } from '../../src/model/registry';
import { createEnv } from '../../src/pipeline/create-env';
import { loadScenarios } from '../../src/scenarios/load';
import { runAll } from '../../src/scenarios/run-all';
import { inProcessTarget } from '../../src/scenarios/target';
import { createLogger } from '../../src/util/logger';
import { SCHEMAS, testServer } from '../helpers/api';

const RELEASES = ['4.0', '5.0', '5.2', '6.0', '6.1'] as const;
const server = (ds: string) => testServer({ registry: loadRegistry(SCHEMAS, ds) });

const LEA = {
  localEducationAgencyId: 255901,
  nameOfInstitution: 'Grand Bend ISD',
  localEducationAgencyCategoryDescriptor: 'uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent',
  categories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency' }],
};
const STUDENT = { studentUniqueId: 'S1', firstName: 'Ana', lastSurname: 'Diaz', birthDate: '2010-01-01' };

describe('Data Standards served', () => {
  describe.each(RELEASES)('given Data Standard %s', (ds) => {
    it('discovery reports ODS/API 7.3 (7.1 for 5.0.0, which 7.3 never shipped) with the release as data model', async () => {
      const res = await server(ds).http.get('/');
      expect(res.status).toBe(200);
      expect(res.body.dataModels[0]).toMatchObject({ name: 'Ed-Fi', version: `${ds}.0` });
      expect(res.body.version).toBe(ds === '5.0' ? '7.1' : '7.3');
    });

    it('serves its resources OpenAPI document, its dependencies and its change-query versions', async () => {
      const s = server(ds);
      const doc = await s.http.get('/metadata/data/v3/resources/swagger.json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toContain('/ed-fi/students');
      expect((await s.http.get('/metadata/data/v3/dependencies')).status).toBe(200);
      const versions = await s.http.get('/changeQueries/v1/availableChangeVersions').set({ Authorization: `Bearer ${await s.auth()}` });
      expect(versions.status).toBe(200);
    });

    it('pages a collection with a cursor (Next-Page-Token)', async () => {
      const s = server(ds);
      expect((await s.post('/ed-fi/students', STUDENT)).status).toBe(201);
      expect((await s.post('/ed-fi/students', { ...STUDENT, studentUniqueId: 'S2' })).status).toBe(201);
      const page = await s.get('/ed-fi/students?limit=1');
      expect(page.status).toBe(200);
      expect(page.body).toHaveLength(1);
      expect(page.headers['next-page-token']).toBeTruthy();
    });
  });

  it('on 5.2 a student demographic lives on the education organization association; /studentDemographics does not exist', async () => {
    const s = server('5.2');
    await s.post('/ed-fi/localEducationAgencies', LEA);
    await s.post('/ed-fi/students', STUDENT);
    const seoa = await s.post('/ed-fi/studentEducationOrganizationAssociations', {
      studentReference: { studentUniqueId: 'S1' },
      educationOrganizationReference: { educationOrganizationId: 255901 },
      races: [{ raceDescriptor: 'uri://ed-fi.org/RaceDescriptor#Middle Eastern or North African' }],
    });
    expect(seoa.status).toBe(201);
    expect((await s.get('/ed-fi/studentDemographics')).status).toBe(404);
  });

  it('on 6.1 a /studentDemographics item for a student and an education organization is accepted and read back', async () => {
    const s = server('6.1');
    await s.post('/ed-fi/localEducationAgencies', LEA);
    await s.post('/ed-fi/students', STUDENT);
    const body = {
      studentReference: { studentUniqueId: 'S1' },
      educationOrganizationReference: { educationOrganizationId: 255901 },
      sexDescriptor: 'uri://ed-fi.org/SexDescriptor#Female',
      races: [{ raceDescriptor: 'uri://ed-fi.org/RaceDescriptor#Middle Eastern or North African' }],
    };
    expect((await s.post('/ed-fi/studentDemographics', body)).status).toBe(201);
    const read = await s.get('/ed-fi/studentDemographics?studentUniqueId=S1');
    expect(read.body).toHaveLength(1);
    expect(read.body[0]).toMatchObject({ sexDescriptor: body.sexDescriptor, races: body.races, studentReference: { studentUniqueId: 'S1' } });
  });

  it('on 6.1 an assessment without its academicSubjectDescriptor is refused', async () => {
    const res = await server('6.1').post('/ed-fi/assessments', { assessmentIdentifier: 'A1', namespace: 'uri://ed-fi.org/Assessment', assessmentTitle: 'T' });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.academicSubjectDescriptor': ['AcademicSubjectDescriptor is required.'] });
  });

  it('on 5.2 academicSubjects stays a required collection', async () => {
    const res = await server('5.2').post('/ed-fi/assessments', { assessmentIdentifier: 'A1', namespace: 'uri://ed-fi.org/Assessment', assessmentTitle: 'T' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.validationErrors)).toEqual(['$.academicSubjects']);
  });

  // Ed-Fi's ODS/API 7.3 Postman suite branches here: DS 4 "between 1 and 75", DS 5 (5.1.0 dropped the minimum) "at most
  // 75", DS 6 "at most 100".
  it.each([
    ['5.0', 76, 'Title must be between 1 and 75 characters in length.'],
    ['5.2', 76, 'Title must be at most 75 characters in length.'],
    ['6.1', 101, 'Title must be at most 100 characters in length.'],
  ])('on %s a title of %i characters answers %p', async (ds, length, text) => {
    const subject = ds.startsWith('6')
      ? { academicSubjectDescriptor: 'uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics' }
      : { academicSubjects: [{ academicSubjectDescriptor: 'uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics' }] };
    const res = await server(ds).post('/ed-fi/assessments', {
      assessmentIdentifier: 'A1',
      namespace: 'uri://ed-fi.org/Assessment',
      assessmentTitle: 'T',
      ...subject,
      contentStandard: { title: 'x'.repeat(length) },
    });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual({ '$.contentStandard.title': [text] });
  });

  it.each([
    ['5.0', 'Black - African American', 'Black or African American'],
    ['5.2', 'Black or African American', 'Black - African American'],
    ['6.1', 'Middle Eastern or North African', 'Black - African American'],
  ])('on %s the default RaceDescriptor set has %p and not %p', async (ds, present, absent) => {
    const res = await server(ds).get('/ed-fi/raceDescriptors?limit=100');
    const codes = (res.body as { codeValue: string }[]).map((d) => d.codeValue);
    expect(codes).toContain(present);
    expect(codes).not.toContain(absent);
  });
});

describe('authorization on a Data Standard 6.1 resource', () => {
  const vendor = (key: string, educationOrganizationIds: number[]): Client => ({
    key,
    secret: `${key}-s`,
    name: key,
    educationOrganizationIds,
    claimSetName: 'SIS Vendor',
  });
  const CLIENTS = [{ key: 'admin', secret: 'admin-s', name: 'admin' }, vendor('a', [255901]), vendor('b', [255902])];
  const env = createEnv({ schemasDir: SCHEMAS, registry: loadRegistry(SCHEMAS, '6.1'), clients: CLIENTS, logger: createLogger('silent'), tokenLimit: 0 });
  const http = request(createApp(env));
  const as = async (key: string) => {
    const c = CLIENTS.find((x) => x.key === key)!;
    const token = (await http.post('/oauth/token').auth(c.key, c.secret).type('form').send({ grant_type: 'client_credentials' })).body.access_token as string;
    return {
      post: (path: string, body: object) => http.post(`/data/v3/ed-fi/${path}`).set('Authorization', `Bearer ${token}`).send(body),
      get: (path: string) => http.get(`/data/v3/ed-fi/${path}`).set('Authorization', `Bearer ${token}`),
    };
  };
  const demographic = (educationOrganizationId: number) => ({
    studentReference: { studentUniqueId: 'S1' },
    educationOrganizationReference: { educationOrganizationId },
    sexDescriptor: 'uri://ed-fi.org/SexDescriptor#Male',
  });

  beforeAll(async () => {
    const admin = await as('admin');
    for (const id of [255901, 255902]) expect((await admin.post('localEducationAgencies', { ...LEA, localEducationAgencyId: id })).status).toBe(201);
    const school = {
      schoolId: 255901001,
      nameOfInstitution: 'Grand Bend High School',
      localEducationAgencyReference: { localEducationAgencyId: 255901 },
      educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School' }],
      gradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }],
    };
    expect((await admin.post('schools', school)).status).toBe(201);
    expect((await admin.post('students', STUDENT)).status).toBe(201);
    const enrollment = {
      studentReference: { studentUniqueId: 'S1' },
      schoolReference: { schoolId: 255901001 },
      entryDate: '2025-08-20',
      entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade',
    };
    expect((await admin.post('studentSchoolAssociations', enrollment)).status).toBe(201);
  });

  it('the district that enrolls the student writes and reads its demographics; another district gets 403 and an empty list', async () => {
    const a = await as('a');
    const b = await as('b');
    expect((await a.post('studentDemographics', demographic(255901))).status).toBe(201);
    const refused = await b.post('studentDemographics', demographic(255902));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:ed-fi:api:security:authorization');
    expect((await a.get('studentDemographics')).body).toHaveLength(1);
    expect((await b.get('studentDemographics')).body).toEqual([]);
  });
});

describe('the core scenarios on other Data Standards (certify run --data-standard)', () => {
  it('an edfi scenario target serves the Data Standard asked for', async () => {
    expect(await inProcessTarget('edfi', undefined, '6.1').dataStandard()).toBe('6.1');
    expect(await inProcessTarget('edfi').dataStandard()).toBe('5.2');
  });

  it.each(['5.0', '6.1'])('all pass on %s', async (ds) => {
    const scenarios = loadScenarios(undefined, { profile: 'edfi' });
    const report = await runAll(scenarios, { dataStandard: ds });
    expect(report.results.filter((r) => r.status !== 'passed').map((r) => r.id)).toEqual([]);
    expect(report.counts.passed).toBe(scenarios.length);
  });
});
