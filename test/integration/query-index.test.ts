import { testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

const D = (descriptor: string, code: string) => `uri://ed-fi.org/${descriptor}#${code}`;
const GRADES = ['Ninth grade', 'Tenth grade', 'Eleventh grade'];

/** A district with 40 students, each enrolled once or twice, some enrollments rewritten so reverse indexes are out of paging order. */
async function enrolledDistrict() {
  const s = testServer();
  await loadDistrict(s, 'section');
  await s.post('/ed-fi/schools', { ...district.school, schoolId: 255901002, nameOfInstitution: 'Grand Bend Middle School' });
  for (let i = 0; i < 40; i++) {
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `S${i}`, lastSurname: i % 3 ? 'Woods' : 'Diaz' });
    const enrollment = (schoolId: number, day: number) => ({
      entryDate: `2025-08-${String(day).padStart(2, '0')}`,
      schoolReference: { schoolId },
      studentReference: { studentUniqueId: `S${i}` },
      entryGradeLevelDescriptor: D('GradeLevelDescriptor', GRADES[i % 3]),
    });
    await s.post('/ed-fi/studentSchoolAssociations', enrollment(255901001, 20 + (i % 5)));
    if (i % 4 === 0) await s.post('/ed-fi/studentSchoolAssociations', enrollment(255901002, 10));
  }
  // Rewrite a few early enrollments: each moves to the end of its school's and student's reverse index.
  for (const i of [0, 5, 7]) {
    const [item] = (await s.get(`/ed-fi/studentSchoolAssociations?studentUniqueId=S${i}&schoolId=255901001`)).body;
    const { id, _etag, _lastModifiedDate, ...body } = item;
    await s.put(`/ed-fi/studentSchoolAssociations/${id}`, { ...body, exitWithdrawDate: '2026-01-15', studentReference: { studentUniqueId: `S${i}` } });
  }
  return s;
}

type Item = Record<string, unknown>;
/** Every item of a collection, in paging order. */
async function everything(s: ReturnType<typeof testServer>, route: string): Promise<Item[]> {
  return (await s.get(`${route}?limit=500`)).body as Item[];
}
/** The value a flat query name addresses: a root member or a member of one of the item's references. */
function valueOf(item: Item, name: string): unknown {
  if (name in item) return item[name];
  for (const v of Object.values(item)) if (v && typeof v === 'object' && !Array.isArray(v) && name in v) return (v as Item)[name];
  return undefined;
}

describe('filtered GET answered from indexes', () => {
  let s: Awaited<ReturnType<typeof enrolledDistrict>>;
  beforeAll(async () => {
    s = await enrolledDistrict();
  });

  it.each([
    ['/ed-fi/students', { studentUniqueId: 'S3' }],
    ['/ed-fi/students', { studentUniqueId: 'nobody' }],
    ['/ed-fi/students', { lastSurname: 'Diaz' }],
    ['/ed-fi/students', { lastSurname: 'Diaz', firstName: 'Lisa', studentUniqueId: 'S9' }],
    ['/ed-fi/studentSchoolAssociations', { studentUniqueId: 'S8' }],
    ['/ed-fi/studentSchoolAssociations', { studentUniqueId: 'S0' }],
    ['/ed-fi/studentSchoolAssociations', { schoolId: '255901001' }],
    ['/ed-fi/studentSchoolAssociations', { schoolId: '255901002' }],
    ['/ed-fi/studentSchoolAssociations', { schoolId: '255901003' }],
    ['/ed-fi/studentSchoolAssociations', { schoolId: '255901001', entryDate: '2025-08-22' }],
    ['/ed-fi/studentSchoolAssociations', { schoolId: '255901001', entryDate: '2025-08-22', studentUniqueId: 'S7' }],
    ['/ed-fi/studentSchoolAssociations', { schoolId: '255901001', entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'TENTH GRADE') }],
    ['/ed-fi/studentSchoolAssociations', { exitWithdrawDate: '2026-01-15' }],
    ['/ed-fi/studentSchoolAssociations', { entryDate: '2025-08-21' }],
    ['/ed-fi/studentSchoolAssociations', { entryDate: '2025-08-21', studentUniqueId: 'S16' }],
    ['/ed-fi/studentSchoolAssociations', { entryDate: '1999-01-01' }],
    ['/ed-fi/gradeLevelDescriptors', { codeValue: 'Ninth grade' }],
  ])('GET %s with %j answers what filtering every item would', async (route, where) => {
    const all = await everything(s, route);
    const expected = all.filter((item) =>
      Object.entries(where).every(([name, value]) => {
        const v = valueOf(item, name);
        return v !== undefined && (name.endsWith('Descriptor') ? String(v).toLowerCase() === value.toLowerCase() : String(v) === value);
      }),
    );
    const query = new URLSearchParams(where).toString();
    expect((await s.get(`${route}?${query}`)).body).toEqual(expected);
    // Paging over the matches: offset, limit and the total count.
    const paged = await s.get(`${route}?${query}&offset=1&limit=2&totalCount=true`);
    expect(paged.body).toEqual(expected.slice(1, 3));
    expect(paged.headers['total-count']).toBe(String(expected.length));
  });

  it('keeps a key member index current through inserts and deletes after it was made', async () => {
    const route = '/ed-fi/studentSchoolAssociations';
    const matching = async () => (await everything(s, route)).filter((item) => item.entryDate === '2025-08-24');
    expect((await s.get(`${route}?entryDate=2025-08-24`)).body).toEqual(await matching());
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'LATE' });
    await s.post(route, { ...district.studentSchoolAssociation, entryDate: '2025-08-24', studentReference: { studentUniqueId: 'LATE' } });
    const [gone] = (await s.get(`${route}?entryDate=2025-08-24&studentUniqueId=S4`)).body;
    expect((await s.del(`${route}/${gone.id}`)).status).toBe(204);
    const now = await matching();
    expect(now.map((x) => (x.studentReference as { studentUniqueId: string }).studentUniqueId)).toContain('LATE');
    expect((await s.get(`${route}?entryDate=2025-08-24`)).body).toEqual(now);
  });

  it.each([
    ['the natural key', '/ed-fi/students?studentUniqueId=S31', false],
    ['a reference', '/ed-fi/studentSchoolAssociations?studentUniqueId=S31', false],
    ['the id', '', false],
    ['one member of the natural key', '/ed-fi/studentSchoolAssociations?entryDate=2025-08-23', false],
    ['a value no body holds', '/ed-fi/students?lastSurname=Nobody', true],
  ])('filtering by %s reads no stored body but the matches (scans: %s)', async (_what, path, scans) => {
    const url = path || `/ed-fi/students?id=${(await s.get('/ed-fi/students?studentUniqueId=S31')).body[0].id}`;
    await s.get(url);
    const parse = jest.spyOn(JSON, 'parse');
    const scan = jest.spyOn(s.env.store, 'all');
    try {
      const res = await s.get(url);
      expect(res.status).toBe(200);
      expect(scan.mock.calls.length > 0).toBe(scans);
      // Supertest parses the response array; the store parses at most the matches (their rendering is cached).
      const parsed = parse.mock.calls.filter(([text]) => typeof text === 'string' && !text.startsWith('[')).length;
      expect(parsed).toBeLessThanOrEqual(Math.max(1, res.body.length));
    } finally {
      parse.mockRestore();
      scan.mockRestore();
    }
  });
});

describe('a filtered offset walk resumes where its last page ended', () => {
  it('gives the same items as one page, in order, and stays right when the data changes between pages', async () => {
    const s = testServer();
    for (let i = 0; i < 30; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `W${i}`, lastSurname: i % 2 ? 'Woods' : 'Diaz' });
    const ids = async (query: string) => ((await s.get(`/ed-fi/students?${query}`)).body as { studentUniqueId: string }[]).map((x) => x.studentUniqueId);
    const all = await ids('lastSurname=Woods&limit=500');
    expect(all).toHaveLength(15);
    const walked: string[] = [];
    for (let offset = 0; offset < 15; offset += 4) walked.push(...(await ids(`lastSurname=Woods&limit=4&offset=${offset}`)));
    expect(walked).toEqual(all);
    // A page, then a change before the next one: an earlier Woods is deleted, so every later item moves up by one.
    expect(await ids('lastSurname=Woods&limit=4&offset=0')).toEqual(all.slice(0, 4));
    const [first] = (await s.get('/ed-fi/students?studentUniqueId=W1')).body;
    expect((await s.del(`/ed-fi/students/${first.id as string}`)).status).toBe(204);
    expect(await ids('lastSurname=Woods&limit=4&offset=4')).toEqual(all.slice(5, 9));
    // Jumping back, or to an offset no page ended at, counts from the start.
    expect(await ids('lastSurname=Woods&limit=3&offset=1')).toEqual(all.slice(2, 5));
  });
});
