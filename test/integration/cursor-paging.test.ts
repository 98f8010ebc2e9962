import pino from 'pino';
import { withSeedingWrites } from '../../src/pipeline/create-env';
import { openPersistentStore } from '../../src/store/journal-store';
import { type TestServer, testServer } from '../helpers/api';
import { district } from '../helpers/fixtures';
import { tempJournal } from '../helpers/journal';

const ids = (res: { body: { studentUniqueId: string }[] }) => res.body.map((x) => x.studentUniqueId);
async function students(s: TestServer, n: number) {
  for (let i = 0; i < n; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `P${i}`, lastSurname: i % 2 ? 'Odd' : 'Even' });
}
/** Every page of a cursor walk: follows Next-Page-Token until a page has none (the empty page after the last). */
async function walk(s: TestServer, first: string, size: number) {
  const pages: string[][] = [];
  let res = await s.get(first);
  for (;;) {
    pages.push(ids(res));
    const token = res.headers['next-page-token'];
    if (!token) return pages;
    res = await s.get(`/ed-fi/students?pageToken=${token}&pageSize=${size}${first.includes('lastSurname') ? '&lastSurname=Odd' : ''}`);
  }
}

describe('cursor paging', () => {
  it('puts Next-Page-Token on every non-empty page, and a pageToken walk returns every item once, in order, then an empty page', async () => {
    const s = testServer();
    await students(s, 7);
    const all = ids(await s.get('/ed-fi/students'));
    expect((await s.get('/ed-fi/students')).headers['next-page-token']).toEqual(expect.any(String));
    expect((await s.get('/ed-fi/students?studentUniqueId=nobody')).headers['next-page-token']).toBeUndefined();
    const pages = await walk(s, '/ed-fi/students?limit=3', 3);
    expect(pages).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6), []]);
    // Filters apply through the walk.
    expect(await walk(s, '/ed-fi/students?limit=2&lastSurname=Odd', 2)).toEqual([['P1', 'P3'], ['P5'], []]);
  });

  it('splits the items into partitions whose tokens page through contiguous ranges', async () => {
    const s = testServer();
    await students(s, 6);
    const small = await s.get('/ed-fi/students/partitions?number=200&allowSmallPartitions=true');
    expect(small.body.pageTokens).toHaveLength(6);
    const firsts = await Promise.all(small.body.pageTokens.map(async (t: string) => ids(await s.get(`/ed-fi/students?pageToken=${t}&pageSize=1`))));
    expect(firsts.flat()).toEqual(ids(await s.get('/ed-fi/students')));
    const three = await s.get('/ed-fi/students/partitions?number=3&allowSmallPartitions=true');
    const ranges = await Promise.all(three.body.pageTokens.map(async (t: string) => ids(await s.get(`/ed-fi/students?pageToken=${t}&pageSize=500`))));
    expect(ranges).toEqual([
      ['P0', 'P1'],
      ['P2', 'P3'],
      ['P4', 'P5'],
    ]);
    // Without allowSmallPartitions a partition holds at least 2,500 items: one token here.
    expect((await s.get('/ed-fi/students/partitions')).body.pageTokens).toHaveLength(1);
    const bad = await s.get('/ed-fi/students/partitions?number=0');
    expect([bad.status, bad.body.errors]).toEqual([400, ['Number of partitions must be between 1 and 200.']]);
    expect((await s.get('/ed-fi/nothings/partitions')).status).toBe(404);
  });

  it.each([
    [
      'offset=1&pageToken=TOKEN',
      'Both offset and pageToken parameters were provided, but they support alternative paging approaches and cannot be used together.',
    ],
    ['pageSize=5', 'PageToken is required when pageSize is specified.'],
    ['pageSize=5&offset=1', 'Use limit instead of pageSize when using limit/offset paging.'],
    ['pageToken=TOKEN&limit=5', 'Use pageSize instead of limit when using cursor paging with pageToken.'],
    ['pageToken=TOKEN&pageSize=501', 'PageSize must be a value between 0 and 500.'],
    ['pageToken=forged', 'The page token provided was invalid.'],
    ['pageToken=%20TOKEN', 'The page token provided was invalid.'],
    ['pageToken=TOKEN&totalCount=true', 'Total count cannot be determined while using cursor paging (when pageToken is specified).'],
  ])('answers %s with 400: %s', async (query, error) => {
    const s = testServer();
    await students(s, 3);
    const token = (await s.get('/ed-fi/students?limit=1')).headers['next-page-token'];
    const res = await s.get(`/ed-fi/students?${query.replace('TOKEN', token)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'urn:ed-fi:api:bad-request:parameter-validation-failed',
      title: 'Parameter Validation Failed',
      detail: 'The request construction was invalid.',
    });
    expect(res.body.errors).toContain(error);
  });

  it('accepts pageToken without pageSize, and pageToken with pageSize and limit=0', async () => {
    const s = testServer();
    await students(s, 3);
    const token = (await s.get('/ed-fi/students?limit=1')).headers['next-page-token'];
    expect(ids(await s.get(`/ed-fi/students?pageToken=${token}`))).toEqual(['P1', 'P2']);
    expect((await s.get(`/ed-fi/students?pageToken=${token}&pageSize=1&limit=0`)).status).toBe(200);
  });

  it('keeps tokens good across a restart of a persisted store, and refuses a token of another data set', async () => {
    const file = tempJournal();
    const silent = pino({ level: 'silent' });
    const open = async () => {
      const backend = await openPersistentStore(file, silent);
      return { backend, s: await withSeedingWrites([backend], () => testServer({ backend })) };
    };
    const first = await open();
    await students(first.s, 4);
    const token = (await first.s.get('/ed-fi/students?limit=2')).headers['next-page-token'];
    await first.backend.close();
    const again = await open();
    expect(ids(await again.s.get(`/ed-fi/students?pageToken=${token}&pageSize=2`))).toEqual(['P2', 'P3']);
    await again.backend.close();
    const other = testServer();
    expect((await other.get(`/ed-fi/students?pageToken=${token}`)).status).toBe(400);
  });
});
