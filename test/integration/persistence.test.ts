import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMemoryStore } from '../../src/store/memory-store';
import { openPersistentStore, replayJournal } from '../../src/store/journal-store';
import { createLogger } from '../../src/util/logger';
import { idOf, testServer } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';

const silent = createLogger('silent');
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'edfi-mock-')), 'ods.journal');

async function persistentServer(file: string) {
  const p = await openPersistentStore(file, silent);
  return { p, s: testServer({ store: p.store }) };
}

describe('journal persistence', () => {
  it('restores everything after a restart: ids, ETags, bodies, order and deletes', async () => {
    const file = tempFile();
    const first = await persistentServer(file);
    const loc = await loadDistrict(first.s, 'studentSectionAssociation');
    for (let i = 0; i < 5; i++) await first.s.post('/ed-fi/students', { ...district.student, studentUniqueId: `X${i}` });
    await first.s.del(`/ed-fi/students/${idOf((await first.s.get('/ed-fi/students?studentUniqueId=X2')).body[0].id)}`);
    await first.s.put(`/ed-fi/students/${idOf(loc.student)}`, { ...district.student, firstName: 'Changed' });
    const before = (await first.s.get('/ed-fi/students')).body;
    const section = (await first.s.get(`/ed-fi/sections/${idOf(loc.section)}`)).body;
    await first.p.close();

    const second = await persistentServer(file);
    expect((await second.s.get('/ed-fi/students')).body).toEqual(before);
    expect((await second.s.get(`/ed-fi/sections/${idOf(loc.section)}`)).body).toEqual(section);
    const blocked = await second.s.del(`/ed-fi/sections/${idOf(loc.section)}`);
    expect(blocked.status).toBe(409);
    expect(second.s.env.store.size()).toBe(first.s.env.store.size());
    await second.p.close();
  });

  it('cuts off a torn last line and keeps every complete one', async () => {
    const file = tempFile();
    const { p, s } = await persistentServer(file);
    await s.post('/ed-fi/students', district.student);
    await p.close();
    const whole = statSync(file).size;
    appendFileSync(file, '{"o":"p","i":"abc","r":"Student","k":["Stud');
    const again = await persistentServer(file);
    expect(statSync(file).size).toBe(whole);
    expect((await again.s.get('/ed-fi/students')).body).toHaveLength(1);
    await again.p.close();
  });

  it('replays a journal cut at any byte without error, never inventing documents', async () => {
    const file = tempFile();
    const { p, s } = await persistentServer(file);
    await loadDistrict(s, 'grade');
    await p.close();
    const size = statSync(file).size;
    const full = createMemoryStore();
    replayJournal(file, full);
    let previous = 0;
    for (let cut = 0; cut <= size; cut += Math.max(1, Math.floor(size / 40))) {
      const copy = `${file}.${cut}`;
      copyFileSync(file, copy);
      truncateSync(copy, cut);
      const store = createMemoryStore();
      expect(() => replayJournal(copy, store)).not.toThrow();
      expect(store.size()).toBeGreaterThanOrEqual(previous);
      expect(store.size()).toBeLessThanOrEqual(full.size());
      for (const id of store.ids()) expect(store.get(id)!.body).toBe(full.get(id)!.body);
      previous = store.size();
    }
  });

  it('refuses to start on a journal damaged before its end, naming the line', async () => {
    const file = tempFile();
    writeFileSync(file, '{"o":"d","i":"x"}\nnot json\n{"o":"d","i":"y"}\n');
    await expect(openPersistentStore(file, silent)).rejects.toThrow(/line 2 is not a journal line/);
    expect(readFileSync(file, 'utf8')).toContain('not json');
  });

  it('compacts to the live documents only, atomically, with the same state after replay', async () => {
    const file = tempFile();
    const { p, s } = await persistentServer(file);
    for (let i = 0; i < 20; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `C${i}`, firstName: `v${i}` });
    for (let i = 0; i < 20; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `C${i}`, firstName: `w${i}` });
    const before = (await s.get('/ed-fi/students')).body;
    await p.flush();
    const big = statSync(file).size;
    await p.compact();
    expect(statSync(file).size).toBeLessThan(big);
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'after' });
    await p.close();
    const again = await persistentServer(file);
    const after = (await again.s.get('/ed-fi/students')).body;
    expect(after.slice(0, 20)).toEqual(before);
    expect(after).toHaveLength(21);
    await again.p.close();
  });

  it('keeps writes made while a compaction runs', async () => {
    const file = tempFile();
    const { p, s } = await persistentServer(file);
    for (let i = 0; i < 10; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `D${i}` });
    const compaction = p.compact();
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.post('/ed-fi/students', { ...district.student, studentUniqueId: `E${i}` })));
    await s.del(`/ed-fi/students/${(await s.get('/ed-fi/students?studentUniqueId=D0')).body[0].id}`);
    await compaction;
    await p.close();
    const replayed = createMemoryStore();
    replayJournal(file, replayed);
    const ids = [...replayed.all('Student')].map((d) => JSON.parse(d.body).studentUniqueId).sort();
    expect(ids).toEqual([...Array.from({ length: 9 }, (_, i) => `D${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `E${i}`)].sort());
  });

  it('survives kill -9 of a writing server process: the journal replays cleanly', async () => {
    const file = tempFile();
    const bin = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');
    const clients = join(mkdtempSync(join(tmpdir(), 'edfi-mock-')), 'clients.json');
    writeFileSync(clients, JSON.stringify([{ key: 'k', secret: 's', name: 'n' }]));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', file, '--clients', clients, '--log-level', 'silent', '--token-limit', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /listening on (\S+)/.exec(d.toString());
        if (m) ok(m[1]);
      });
      child.once('exit', () => fail(new Error('server exited early')));
    });
    const tok = (await (
      await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('k:s').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    // Counted, not timed: the kill comes once 50 writes were acknowledged, however slow the machine is.
    let acknowledged = 0;
    let killAt: () => void = () => undefined;
    const enough = new Promise<void>((ok) => (killAt = ok));
    const writer = (async () => {
      for (let i = 0; i < 100000; i++) {
        const res = await fetch(`${url}/data/v3/ed-fi/students`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${tok.access_token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...district.student, studentUniqueId: `K${i}` }),
        }).catch(() => undefined);
        if (!res) return;
        if (res.status === 201 && ++acknowledged === 50) killAt();
      }
    })();
    await enough;
    child.kill('SIGKILL');
    await writer;
    const store = createMemoryStore();
    replayJournal(file, store);
    const students = [...store.all('Student')].length;
    expect(acknowledged).toBeGreaterThanOrEqual(50);
    expect(students).toBeGreaterThan(0);
    expect(students).toBeLessThanOrEqual(acknowledged + 1);
    expect(() => replayJournal(file, createMemoryStore())).not.toThrow();
  }, 180_000);
});
