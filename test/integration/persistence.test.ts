import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync, appendFileSync, unlinkSync, existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { repairJournal } from '../../src/cli/repair';
import { JournalRefused, metaFile, openPersistentStore } from '../../src/store/journal-store';
import { createMemoryStore } from '../../src/store/memory-store';
import { storedDocument } from '../../src/store/document-store';
import type { DocumentId } from '../../src/util/brand';
import { idOf } from '../helpers/api';
import { district, loadDistrict } from '../helpers/fixtures';
import { capturingLogger, persistentServer, replay, tempJournal } from '../helpers/journal';

const silent = pino({ level: 'silent' });

describe('journal persistence', () => {
  it('restores everything after a restart: ids, ETags, bodies, order, deletes and change versions', async () => {
    const file = tempJournal();
    const first = await persistentServer(file);
    const loc = await loadDistrict(first.s, 'studentSectionAssociation');
    for (let i = 0; i < 5; i++) await first.s.post('/ed-fi/students', { ...district.student, studentUniqueId: `X${i}` });
    await first.s.del(`/ed-fi/students/${idOf((await first.s.get('/ed-fi/students?studentUniqueId=X2')).body[0].id)}`);
    await first.s.put(`/ed-fi/students/${idOf(loc.student)}`, { ...district.student, firstName: 'Changed' });
    const before = (await first.s.get('/ed-fi/students')).body;
    const section = (await first.s.get(`/ed-fi/sections/${idOf(loc.section)}`)).body;
    const version = first.p.store.changeVersion();
    await first.p.close();

    const second = await persistentServer(file);
    expect((await second.s.get('/ed-fi/students')).body).toEqual(before);
    expect((await second.s.get(`/ed-fi/sections/${idOf(loc.section)}`)).body).toEqual(section);
    expect((await second.s.del(`/ed-fi/sections/${idOf(loc.section)}`)).status).toBe(409);
    expect(second.s.env.store.size()).toBe(first.s.env.store.size());
    expect(second.p.store.changeVersion()).toBe(version);
    expect(second.p.store.changes().filter((c) => c.type === 'deleted')).toHaveLength(1);
    await second.p.close();
  });

  it('answers a write only once its record is in the file', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    const res = await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'DURABLE' });
    expect(res.status).toBe(201);
    // No flush, no close: what the file holds right after the answer is what a kill -9 would leave.
    const { store } = replay(file);
    expect([...store.all('Student')].map((d) => JSON.parse(d.body).studentUniqueId)).toEqual(['DURABLE']);
    await p.close();
  });

  it('cuts off a torn last record with a warning and keeps every whole one', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    await s.post('/ed-fi/students', district.student);
    await p.close();
    const whole = statSync(file).size;
    appendFileSync(file, '0badc0de\t{"o":"p","i":"abc","r":"Student","k":["Stud');
    const log = capturingLogger();
    const again = await persistentServer(file, {}, log.logger);
    expect(statSync(file).size).toBe(whole);
    expect(log.warnings().map((w) => w.msg)).toEqual([expect.stringMatching(/cut off an incomplete last record \(\d+ bytes\)/)]);
    expect((await again.s.get('/ed-fi/students')).body).toHaveLength(1);
    await again.p.close();
  });

  it('replays a journal cut at any byte without damage, never inventing documents', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    await loadDistrict(s, 'grade');
    await p.close();
    const size = statSync(file).size;
    const full = replay(file).store;
    let previous = 0;
    for (let cut = 0; cut <= size; cut += Math.max(1, Math.floor(size / 40))) {
      const copy = `${file}.${cut}`;
      copyFileSync(file, copy);
      truncateSync(copy, cut);
      const { store, damage } = replay(copy);
      expect(damage).toBeUndefined();
      expect(store.size()).toBeGreaterThanOrEqual(previous);
      expect(store.size()).toBeLessThanOrEqual(full.size());
      for (const id of store.ids()) expect(store.get(id)!.body).toBe(full.get(id)!.body);
      previous = store.size();
    }
  });

  it('refuses to start on a damaged record, naming file, record and byte offset, and changes nothing', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    await s.post('/ed-fi/students', district.student);
    await p.close();
    const text = readFileSync(file, 'utf8');
    const at = text.lastIndexOf('"firstName"');
    writeFileSync(file, `${text.slice(0, at)}"firstNamf"${text.slice(at + 11)}`);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const line = text.slice(0, lineStart).split('\n').length;
    const damaged = readFileSync(file);
    await expect(openPersistentStore(file, silent)).rejects.toThrow(
      new JournalRefused(
        `${file}: record ${line} (line ${line}, byte ${Buffer.byteLength(text.slice(0, lineStart))}) is damaged: its checksum does not match its content. Nothing was changed. ` +
          `Restore the file from a backup, or run \`edfi-mock repair --data ${file}\` to keep the ${line - 1} records before it and move the rest aside.`,
      ),
    );
    expect(readFileSync(file)).toEqual(damaged);
  });

  it('finds every changed byte of a small journal: each is refused at start, never served', async () => {
    const file = tempJournal();
    // A small journal written through the store: two items (one referencing the other), an update and a delete.
    const p = await openPersistentStore(file, silent);
    const a = '0123456789abcdef0123456789abcdef' as DocumentId;
    const b = 'fedcba9876543210fedcba9876543210' as DocumentId;
    const c = '00000000000000000000000000000001' as DocumentId;
    const doc = (id: DocumentId, body: object, refs: DocumentId[] = []) =>
      storedDocument({ id, resource: 'Thing', keys: [`Thing\u0000${id.slice(0, 4)}`], body: JSON.stringify(body), stamp: { sec: 1700000000, sub: 1 }, refs });
    p.store.put(doc(a, { name: 'a', n: 1 }));
    p.store.put(doc(b, { name: 'b', at: 'uri://x#Y' }, [a]));
    p.store.put(doc(a, { name: 'a', n: 2 }));
    p.store.put(doc(c, { name: 'c' }));
    expect(p.store.delete(c).type).toBe('deleted');
    await p.close();
    const original = readFileSync(file);
    let refused = 0;
    for (let i = 0; i < original.length; i++) {
      for (const change of [original[i] ^ 0x01, original[i] === 10 ? 0x20 : 10]) {
        const copy = `${file}.flip`;
        const bytes = Buffer.from(original);
        bytes[i] = change;
        writeFileSync(copy, bytes);
        copyFileSync(`${file}.meta.json`, `${copy}.meta.json`);
        const opened = await openPersistentStore(copy, silent).then(
          (q) => q,
          (err: unknown) => {
            expect(err).toBeInstanceOf(JournalRefused);
            return undefined;
          },
        );
        if (opened) {
          await opened.close();
          throw new Error(`byte ${i} changed to ${change} started without a word`);
        }
        refused++;
      }
    }
    expect(refused).toBe(2 * original.length);
  }, 120_000);

  it.each([
    ['emptied', (file: string) => writeFileSync(file, '')],
    ['removed', (file: string) => unlinkSync(file)],
    ['cut by whole records', (file: string) => truncateSync(file, readFileSync(file, 'utf8').lastIndexOf('\n', statSync(file).size - 2) + 1)],
  ])('refuses a journal %s behind its meta file, and repair accepts it', async (_what, damage) => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    await s.post('/ed-fi/students', district.student);
    await p.close();
    damage(file);
    await expect(openPersistentStore(file, silent)).rejects.toThrow(JournalRefused);
    const said = await repairJournal(file);
    expect(said.join('\n')).toMatch(/accepted as it is|is missing: moved its meta file/);
    const again = await openPersistentStore(file, silent);
    await again.close();
  });

  it('repair keeps the whole records before the damage and sets the rest aside, saying how many', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    for (let i = 0; i < 3; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `R${i}` });
    await p.close();
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('"R1"');
    writeFileSync(file, `${text.slice(0, at)}"Q1"${text.slice(at + 4)}`);
    const said = await repairJournal(file, new Date('2026-12-03T10:00:00Z'));
    expect(said).toEqual([expect.stringMatching(/record \d+ \(byte \d+\) was damaged .*Kept the \d+ records before it; set aside 2 line\(s\)/)]);
    expect(existsSync(`${file}.damaged-2026-12-03T10-00-00-000Z`)).toBe(true);
    const again = await persistentServer(file);
    expect((await again.s.get('/ed-fi/students')).body.map((x: { studentUniqueId: string }) => x.studentUniqueId)).toEqual(['R0']);
    expect(await repairJournal(file)).toEqual([expect.stringMatching(/nothing to repair/)]);
    await again.p.close();
  });

  it('seeds the default descriptors once per data set: a deleted one stays deleted after a restart', async () => {
    const file = tempJournal();
    const first = await persistentServer(file);
    const list = await first.s.get('/ed-fi/gradeLevelDescriptors?limit=500');
    const victim = list.body.find((d: { codeValue: string }) => d.codeValue === 'Twelfth grade');
    expect((await first.s.del(`/ed-fi/gradeLevelDescriptors/${victim.id}`)).status).toBe(204);
    await first.p.close();
    const second = await persistentServer(file);
    const after = await second.s.get('/ed-fi/gradeLevelDescriptors?limit=500');
    expect(after.body).toHaveLength(list.body.length - 1);
    expect((await metaFile(file).read())?.seeded).toBe(true);
    await second.p.close();
  });

  it('reads a journal written before checksums and rewrites it in the current format', async () => {
    const file = tempJournal();
    const id = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    writeFileSync(
      file,
      `{"o":"p","i":"${id}","r":"Thing","k":["Thing\\u0000x"],"m":1700000000000,"t":0,"f":[],"u":[]}\t{"name":"x"}\n` +
        `{"o":"p","i":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","r":"Thing","k":["Thing\\u0000y"],"m":1700000000000,"t":1,"f":[],"u":[]}\t{"name":"y"}\n` +
        `{"o":"d","i":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}\n`,
    );
    writeFileSync(`${file}.meta.json`, JSON.stringify({ format: 1, createdAt: '2026-01-01T00:00:00.000Z', documents: 1 }));
    const p = await openPersistentStore(file, silent);
    expect(p.store.get(id as DocumentId)?.body).toBe('{"name":"x"}');
    expect(p.store.size()).toBe(1);
    await p.close();
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{8}\t/);
    expect((await metaFile(file).read())?.format).toBe(2);
    expect(replay(file).store.size()).toBe(1);
  });

  it('compacts to the live documents and the change history, atomically, with the same state after replay', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file);
    for (let i = 0; i < 20; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `C${i}`, firstName: `v${i}` });
    for (let i = 0; i < 20; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `C${i}`, firstName: `w${i}` });
    await s.del(`/ed-fi/students/${(await s.get('/ed-fi/students?studentUniqueId=C19')).body[0].id}`);
    const before = (await s.get('/ed-fi/students')).body;
    const changes = p.store.changes().map((c) => ({ ...c }));
    const version = p.store.changeVersion();
    const big = statSync(file).size;
    await p.compact();
    expect(statSync(file).size).toBeLessThan(big);
    await s.post('/ed-fi/students', { ...district.student, studentUniqueId: 'after' });
    await p.close();
    const again = await persistentServer(file);
    const after = (await again.s.get('/ed-fi/students')).body;
    expect(after.slice(0, 19)).toEqual(before);
    expect(after).toHaveLength(20);
    expect(again.p.store.changes()).toEqual(changes);
    expect(again.p.store.changeVersion()).toBe(version + 1);
    expect(readdirSync(dirname(file)).filter((f) => f.includes('compacting'))).toEqual([]);
    await again.p.close();
  });

  it('keeps writes made while a compaction runs', async () => {
    const file = tempJournal();
    const { p, s } = await persistentServer(file, { sliceSize: 50 });
    for (let i = 0; i < 10; i++) await s.post('/ed-fi/students', { ...district.student, studentUniqueId: `D${i}` });
    const compaction = p.compact();
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.post('/ed-fi/students', { ...district.student, studentUniqueId: `E${i}` })));
    await s.del(`/ed-fi/students/${(await s.get('/ed-fi/students?studentUniqueId=D0')).body[0].id}`);
    await compaction;
    await p.close();
    const ids = [...replay(file).store.all('Student')].map((d) => JSON.parse(d.body).studentUniqueId).sort();
    expect(ids).toEqual([...Array.from({ length: 9 }, (_, i) => `D${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `E${i}`)].sort());
  });
});

describe('change versions', () => {
  it('stamps one increasing version per insert, update and delete, and a record for each key change', () => {
    const store = createMemoryStore();
    const x = 'x'.repeat(32) as DocumentId;
    const version = (key: string, body: string) => storedDocument({ id: x, resource: 'Thing', keys: [`Thing\u0000${key}`], body, stamp: { sec: 1, sub: 0 } });
    store.put(version('a', '{"k":"a"}'));
    const v1 = store.get(x)!.cv;
    store.put(version('a', '{"k":"a","n":1}'));
    store.put(version('b', '{"k":"b","n":1}'));
    store.delete(x);
    expect([v1, store.changeVersion()]).toEqual([1, 4]);
    expect(store.changes()).toEqual([
      { type: 'key-changed', cv: 3, id: x, resource: 'Thing', before: '{"k":"a","n":1}', after: '{"k":"b","n":1}' },
      { type: 'deleted', cv: 4, id: x, resource: 'Thing', before: '{"k":"b","n":1}' },
    ]);
  });
});
