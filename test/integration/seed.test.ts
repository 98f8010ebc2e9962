import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/cli/serve';
import { fixtureItems, loadFixtures } from '../../src/scenarios/load';

const base = { profile: 'edfi', port: 0, host: '127.0.0.1', logLevel: 'silent', tokenLimit: 15, bodyLimit: 1 << 20, journalSize: 0 };

async function tokenOf(url: string, key: string, secret: string): Promise<string> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('serve --seed', () => {
  it.each([
    ['wi', 2, ['/data/v3/2023', '/data/v3/2024', '/data/v3/2025', '/2026/data/v3']],
    ['edfi', 2, ['/data/v3']],
  ])('--seed sample --profile %s rosters students in every school year, in each Data Standard', async (profile, rostered, paths) => {
    const server = await startServer({ ...base, profile, seed: 'sample', key: 'k', secret: 's' });
    try {
      const token = await tokenOf(server.url, 'k', 's');
      for (const path of paths) {
        const res = await fetch(`${server.url}${path}/ed-fi/studentSectionAssociations`, { headers: { Authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        expect(((await res.json()) as unknown[]).length).toBe(rostered);
      }
      expect(server.seeded).toHaveLength(paths.length);
      for (const s of server.seeded) expect(s.show.find((x) => x.label.startsWith('students'))?.values.length).toBeGreaterThanOrEqual(2);
    } finally {
      await server.stop();
    }
  });

  it('--seed sample --profile mi loads the discipline incident with its MI extension in both years', async () => {
    const server = await startServer({ ...base, profile: 'mi', seed: 'sample', key: 'k', secret: 's' });
    try {
      const token = await tokenOf(server.url, 'k', 's');
      for (const year of [2025, 2026]) {
        const res = await fetch(`${server.url}/data/v3/${year}/ed-fi/studentDisciplineIncidentAssociations`, { headers: { Authorization: `Bearer ${token}` } });
        const [item] = (await res.json()) as { behaviors: { _ext: { mi: { orderOfBehavior: number } } }[] }[];
        expect(item.behaviors[0]._ext.mi.orderOfBehavior).toBe(1);
      }
    } finally {
      await server.stop();
    }
  });

  it('a fixture file includes catalogue fixtures; a second start over the same data finds the items already present', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(
      file,
      'name: mine\ninclude: [core-district]\nitems:\n  - path: /ed-fi/students\n    body: { studentUniqueId: "X1", firstName: A, lastSurname: B, birthDate: "2010-01-01" }\n',
    );
    const data = join(dir, 'ods.journal');
    const first = await startServer({ ...base, seed: file, data });
    expect(first.seeded[0].created).toBe(9);
    expect(first.seeded[0].byPath.get('/ed-fi/students')).toBe(2);
    await first.stop();
    const second = await startServer({ ...base, seed: file, data });
    expect(second.seeded[0]).toMatchObject({ created: 0, present: 9 });
    await second.stop();
  });

  it('stops the start with the year, the fixture item and the API answer when an item is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seed-')), 'bad.yaml');
    writeFileSync(file, 'name: bad\nitems:\n  - path: /ed-fi/sections\n    body: { sectionIdentifier: S1 }\n');
    await expect(startServer({ ...base, profile: 'wi', seed: file })).rejects.toThrow(
      /--seed \(school year 2023\): fixture bad item 1 \(POST \/ed-fi\/sections\) answered 400/,
    );
  });

  it.each([
    ['nope.yaml', /fixture file not found/],
    ['no-such-set', /use 'sample', a fixture file \(\.yaml\), or one of the fixture sets/],
  ])('refuses --seed %s with a clear message', async (seed, message) => {
    await expect(startServer({ ...base, seed })).rejects.toThrow(message);
  });

  it('expands includes once each, before the including set, and names an include cycle', () => {
    const fixtures = loadFixtures();
    const items = fixtureItems(['sample-wi', 'wi-district'], fixtures);
    expect(items[0].fixture).toBe('wi-district');
    expect(items.filter((i) => i.fixture === 'wi-district')).toHaveLength(fixtures.get('wi-district')!.items.length);
    const cyclic = new Map(fixtures);
    cyclic.set('a', { name: 'a', include: ['b'], items: [], file: 'a.yaml' });
    cyclic.set('b', { name: 'b', include: ['a'], items: [], file: 'b.yaml' });
    expect(() => fixtureItems(['a'], cyclic)).toThrow('fixture include cycle: a -> b -> a');
  });
});
