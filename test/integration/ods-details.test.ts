import type { Response } from 'supertest';
import { loadRegistry } from '../../src/model/registry';
import { SCHEMAS, testServer } from '../helpers/api';

/**
 * The wire details Ed-Fi's own ODS/API 7.3.2 suites check (values treated as not supplied, number and JSON parsing,
 * embedded objects, key unification, small endpoints). Each answer is compared byte for byte: the expected text is
 * built here member by member, in ODS's order, with only the request's correlation id taken from the answer.
 */
const VALIDATION = {
  detail: "Data validation failed. See 'validationErrors' for details.",
  type: 'urn:ed-fi:api:bad-request:data-validation-failed',
  title: 'Data Validation Failed',
  status: 400,
};

/** The exact bytes of a problem body: its members in order, the correlation id after `status`. */
function problemText(res: Response, head: Record<string, unknown>, tail: Record<string, unknown>): string {
  return JSON.stringify({ ...head, correlationId: res.body.correlationId, ...tail }, null, 2);
}

/** A POST of a body as the client wrote it (not re-serialized). */
const postText = async (s: ReturnType<typeof testServer>, path: string, text: string) =>
  s.http
    .post(path)
    .set('Authorization', `Bearer ${await s.auth()}`)
    .set('Content-Type', 'application/json')
    .send(text);

const expectValidation = (res: Response, validationErrors: Record<string, string[]>) => {
  expect(res.status).toBe(400);
  expect(res.text).toBe(problemText(res, VALIDATION, { validationErrors }));
};

const school = (id: unknown, extra: Record<string, unknown> = {}) => ({
  schoolId: id,
  nameOfInstitution: 'Grand Bend High School',
  educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School' }],
  gradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }],
  ...extra,
});
const learningStandard = (id: string, extra: Record<string, unknown> = {}) => ({
  learningStandardId: id,
  description: 'Numbers',
  namespace: 'uri://ed-fi.org/LearningStandard',
  academicSubjects: [{ academicSubjectDescriptor: 'uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics' }],
  gradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }],
  ...extra,
});
const session = (beginDate: unknown) => ({
  sessionName: '2021-2022 Fall Semester',
  schoolReference: { schoolId: 255901001 },
  schoolYearTypeReference: { schoolYear: 2022 },
  beginDate,
  endDate: '2021-12-17',
  termDescriptor: 'uri://ed-fi.org/TermDescriptor#Fall Semester',
  totalInstructionalDays: 80,
});

describe('query by example on identification codes (§14.3, DS 4 and 5)', () => {
  const s = testServer();
  const system = (code: string) => `uri://ed-fi.org/EducationOrganizationIdentificationSystemDescriptor#${code}`;
  const codes = (pairs: [string, string][]) => ({
    identificationCodes: pairs.map(([sys, code]) => ({ educationOrganizationIdentificationSystemDescriptor: system(sys), identificationCode: code })),
  });
  const ids = async (query: string) => ((await s.get(`/ed-fi/schools?${query}`)).body as { schoolId: number }[]).map((x) => x.schoolId);

  beforeAll(async () => {
    expect(
      (
        await s.post(
          '/ed-fi/schools',
          school(
            1,
            codes([
              ['NCES', '480000100001'],
              ['SEA', 'TX-1'],
            ]),
          ),
        )
      ).status,
    ).toBe(201);
    expect((await s.post('/ed-fi/schools', school(2, codes([['NCES', '480000100002']])))).status).toBe(201);
    expect((await s.post('/ed-fi/schools', school(3))).status).toBe(201);
  });

  it('identificationCode matches any item of the collection', async () => {
    expect(await ids('identificationCode=TX-1')).toEqual([1]);
    expect(await ids('identificationCode=480000100002')).toEqual([2]);
    expect(await ids('identificationCode=none')).toEqual([]);
  });

  it('the system descriptor filters too, case-insensitively, and both must hold for one item', async () => {
    expect(await ids(`educationOrganizationIdentificationSystemDescriptor=${encodeURIComponent(system('nces'))}`)).toEqual([1, 2]);
    expect(await ids(`identificationCode=TX-1&educationOrganizationIdentificationSystemDescriptor=${encodeURIComponent(system('SEA'))}`)).toEqual([1]);
    expect(await ids(`identificationCode=TX-1&educationOrganizationIdentificationSystemDescriptor=${encodeURIComponent(system('NCES'))}`)).toEqual([]);
  });
});

describe('values ODS treats as not supplied (§14.4)', () => {
  const s = testServer();

  it('an empty optional text is absent: 201, and the item has no middleName', async () => {
    const res = await s.post('/ed-fi/students', { studentUniqueId: 'E-1', firstName: 'Ana', middleName: '', lastSurname: 'Diaz', birthDate: '2010-01-01' });
    expect(res.status).toBe(201);
    const item = await s.get('/ed-fi/students?studentUniqueId=E-1');
    expect(item.body).toHaveLength(1);
    expect(Object.keys(item.body[0])).not.toContain('middleName');
  });

  it('an empty required text is still refused', async () => {
    const res = await s.post('/ed-fi/students', { studentUniqueId: 'E-2', firstName: 'Ana', lastSurname: '', birthDate: '2010-01-01' });
    expectValidation(res, { '$.lastSurname': ['LastSurname is required and should not be left empty.'] });
  });

  it('the default of an integer key (0) is refused', async () => {
    const res = await s.post('/ed-fi/localEducationAgencies', {
      localEducationAgencyId: 0,
      nameOfInstitution: 'Zero ISD',
      categories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency' }],
      localEducationAgencyCategoryDescriptor: 'uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent',
    });
    expectValidation(res, { '$.localEducationAgencyId': ['LocalEducationAgencyId value must be different than 0.'] });
  });

  it('a required date of 1/1/0001 counts as missing', async () => {
    expectValidation(await s.post('/ed-fi/sessions', session('1/1/0001')), { '$.beginDate': ['BeginDate is required.'] });
    expectValidation(await s.post('/ed-fi/sessions', session('0001-01-01')), { '$.beginDate': ['BeginDate is required.'] });
  });

  it('an empty date is an invalid value, not a date format error', async () => {
    expectValidation(await s.post('/ed-fi/sessions', session('')), { '$.beginDate': ['The supplied value is invalid.'] });
  });

  it('a US short date is read as a date', async () => {
    expect((await s.post('/ed-fi/students', { studentUniqueId: 'E-3', firstName: 'Ana', lastSurname: 'Diaz', birthDate: '5/1/2009' })).status).toBe(201);
    expect((await s.get('/ed-fi/students?studentUniqueId=E-3')).body[0].birthDate).toBe('2009-05-01');
  });

  it('a missing required embedded object is named by its entity', async () => {
    const res = await s.post('/ed-fi/learningStandards', learningStandard('LS-1'));
    expectValidation(res, { '$.contentStandard': ['LearningStandardContentStandard is required.'] });
  });
});

describe('number, string and JSON parsing (§14.5)', () => {
  const s = testServer();

  it('a decimal carries its precision and scale: decimal(5,2) is -999.99..999.99', async () => {
    const staff = (years: number) => ({ staffUniqueId: 'T-1', firstName: 'Jo', lastSurname: 'Lee', yearsOfPriorProfessionalExperience: years });
    expectValidation(await s.post('/ed-fi/staffs', staff(1000)), {
      '$.yearsOfPriorProfessionalExperience': ['YearsOfPriorProfessionalExperience must be between -999.99 and 999.99.'],
    });
    expect((await s.post('/ed-fi/staffs', staff(999.99))).status).toBe(201);
  });

  it('a non-integer in an integer key is refused with JSON.NET conversion text', async () => {
    const res = await s.post('/ed-fi/schools', school(166.109));
    expect(res.status).toBe(400);
    expect(res.body.validationErrors['$.schoolId'][0]).toMatch(/^Input string '166\.109' is not/);
    expectValidation(res, { '$.schoolId': ["Input string '166.109' is not a valid integer. Path 'schoolId'."] });
  });

  it('a boolean is not an integer: "schoolId": true is refused, nothing is stored', async () => {
    expectValidation(await s.post('/ed-fi/schools', school(true)), { '$.schoolId': ["Error converting value True to type 'System.Int64'. Path 'schoolId'."] });
    expect((await s.get('/ed-fi/schools?schoolId=1')).body).toEqual([]);
  });

  it('numeric text still binds to an integer (lenient as ODS)', async () => {
    expect((await s.post('/ed-fi/schools', school('255901001'))).status).toBe(201);
    expect((await s.get('/ed-fi/schools?schoolId=255901001')).body[0].schoolId).toBe(255901001);
  });

  it('comments and trailing commas are read; the request then fails on its content', async () => {
    const body = `{
      // a comment, as JSON.NET allows
      "studentUniqueId": "C-1",
      "firstName": "Ana", /* and another */
      "lastSurname": "Diaz",
      "birthDate": "2010-01-01",
    }`;
    const ok = await postText(s, '/data/v3/ed-fi/students', body);
    expect(ok.status).toBe(201);
    const partial = `{"studentReference": {"studentUniqueId": "C-1",}, "courseOfferingReference": {"localCourseCode": "ALG-1", "sessionName": "Fall", "schoolIdd": 1, "schoolYearr": 2022,},
      "sectionIdentifier": "S-1", }`;
    const res = await postText(s, '/data/v3/ed-fi/sections', partial);
    expect(res.body.validationErrors['$.courseOfferingReference']).toEqual([
      'CourseOfferingReference is missing the following properties: SchoolId, SchoolYear',
    ]);
  });

  it('text that is not JSON even leniently is still a parse error', async () => {
    const res = await postText(s, '/data/v3/ed-fi/students', '{"a": }');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.validationErrors)).toEqual(['$']);
  });

  it('lengths are checked inside embedded objects and their collections (DS 5.1 and later word them "at most")', async () => {
    const res = await s.post(
      '/ed-fi/learningStandards',
      learningStandard('LS-2', { contentStandard: { title: 'x'.repeat(76), authors: [{ author: 'y'.repeat(101) }] } }),
    );
    expectValidation(res, {
      '$.contentStandard.title': ['Title must be at most 75 characters in length.'],
      '$.contentStandard.authors[0].author': ['Author must be at most 100 characters in length.'],
    });
  });

  it('a key member of a child collection item may not carry leading or trailing spaces', async () => {
    const res = await s.post(
      '/ed-fi/schools',
      school(255901002, {
        addresses: [
          {
            addressTypeDescriptor: 'uri://ed-fi.org/AddressTypeDescriptor#Physical',
            city: ' Grand Bend',
            postalCode: '78834',
            stateAbbreviationDescriptor: 'uri://ed-fi.org/StateAbbreviationDescriptor#TX',
            streetNumberName: '1 Main St',
          },
        ],
      }),
    );
    expectValidation(res, { '$.addresses[0].city': ['City cannot contain leading or trailing spaces.'] });
  });

  it('a child collection reference must carry the school of the bell schedule (400 before any reference is resolved)', async () => {
    const res = await s.post('/ed-fi/bellSchedules', {
      bellScheduleName: 'Normal',
      schoolReference: { schoolId: 255901001 },
      classPeriods: [
        { classPeriodReference: { classPeriodName: '01 - Traditional', schoolId: 255901001 } },
        { classPeriodReference: { classPeriodName: '02 - Traditional', schoolId: 255901107 } },
      ],
    });
    expectValidation(res, {
      '$.classPeriods[1].classPeriodReference.schoolId': [
        "All values supplied for 'schoolId' must match. Review all references (including those higher up in the resource's data) and align the following conflicting values: '255901001', '255901107'",
      ],
    });
  });

  it('unification is reported on every unified path, also when one value is out of range', async () => {
    const res = await s.post('/ed-fi/localAccounts', {
      accountIdentifier: '1000-100',
      fiscalYear: 2022,
      educationOrganizationReference: { educationOrganizationId: 255901 },
      chartOfAccountReference: { accountIdentifier: '1000', educationOrganizationId: 255901, fiscalYear: 2019 },
    });
    const unified = "All values supplied for 'fiscalYear' must match. Review all references and align the following conflicting values: '2022', '2019'";
    expectValidation(res, {
      '$.chartOfAccountReference.fiscalYear': ['FiscalYear must be between 2020 and 2040.', unified],
      '$.fiscalYear': [unified],
    });
  });
});

describe('small endpoints (§14.6)', () => {
  const s = testServer();

  it('GET /health answers the plain text Healthy', async () => {
    const res = await s.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('Healthy');
  });

  it('token_info: a token that is not a GUID, and a token other than the caller own', async () => {
    const bearer = `Bearer ${await s.auth()}`;
    const bad = await s.http.post('/oauth/token_info').set('Authorization', bearer).send({ token: 'not-a-guid' });
    expect(bad.status).toBe(400);
    expect(bad.text).toBe(
      problemText(
        bad,
        { detail: 'An invalid token was provided', type: 'urn:ed-fi:api:bad-request', title: 'Bad Request', status: 400 },
        { errors: ['The token was not present, or was not processable as a GUID value.'] },
      ),
    );
    const other = await s.http.post('/oauth/token_info').set('Authorization', bearer).send({ token: '0123456789abcdef0123456789abcdef' });
    expect(other.text).toBe(
      problemText(
        other,
        { detail: 'The authentication token and the token to inspect must match.', type: 'urn:ed-fi:api:bad-request', title: 'Bad Request', status: 400 },
        { errors: ['The authentication token (header) and the token to inspect in the body must match.'] },
      ),
    );
  });

  it('PUT without a body: $ is reported, and $.id too when the id is malformed', async () => {
    const bearer = `Bearer ${await s.auth()}`;
    const put = (id: string) => s.http.put(`/data/v3/ed-fi/schools/${id}`).set('Authorization', bearer).set('Content-Type', 'application/json');
    expectValidation(await put('0123456789abcdef0123456789abcdef'), { $: ['A non-empty request body is required.'] });
    expectValidation(await put('5'), { $: ['A non-empty request body is required.'], '$.id': ["The value '5' is not valid."] });
  });
});

describe('Data Standard per ODS/API release (§14.8)', () => {
  const on50 = () => testServer({ registry: loadRegistry(SCHEMAS, '5.0') });

  it('a 7.x instance on Data Standard 5.2.0 (the default) presents 7.3.2, as ODS/API 7.3.2 does', async () => {
    const res = await testServer().http.get('/');
    expect(res.body.dataModels[0]).toEqual({ name: 'Ed-Fi', version: '5.2.0', informationalVersion: 'The Ed-Fi Data Standard v5.2.0' });
    expect([res.body.version, res.body.informationalVersion, res.body.build]).toEqual(['7.3', '7.3.2', '7.3.2.0']);
  });

  it('a 7.x instance on Data Standard 5.0.0 presents 7.1, the release that shipped it, never 7.3 with 5.0.0', async () => {
    const res = await on50().http.get('/');
    expect(res.body.dataModels[0]).toEqual({ name: 'Ed-Fi', version: '5.0.0', informationalVersion: 'The Ed-Fi Data Standard v5.0.0' });
    expect([res.body.version, res.body.informationalVersion, res.body.build]).toEqual(['7.1', '7.1', '7.1.0.0']);
  });

  it.each([
    ['5.0', 'Black - African American', 'Black or African American'],
    ['5.2', 'Black or African American', 'Black - African American'],
  ])('loads the Data Standard %s descriptors: %p exists, %p does not', async (ds, present, absent) => {
    const s = testServer({ registry: loadRegistry(SCHEMAS, ds) });
    const race = async (code: string) => (await s.get(`/ed-fi/raceDescriptors?codeValue=${encodeURIComponent(code)}`)).body.length;
    expect(await race(present)).toBe(1);
    expect(await race(absent)).toBe(0);
  });
});
