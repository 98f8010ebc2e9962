import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { BIN, childServer, clientsFile } from '../helpers/child-server';
import { district } from '../helpers/fixtures';
import { replay, tempJournal } from '../helpers/journal';

const uniqueIds = (file: string) =>
  new Set([...replay(file).store.all('Student')].map((d) => (JSON.parse(d.body) as { studentUniqueId: string }).studentUniqueId));

describe('acknowledged = durable', () => {
  it('loses no acknowledged write to kill -9 during steady writes, over several kills', async () => {
    const file = tempJournal();
    const acknowledged = new Set<string>();
    let n = 0;
    for (let kill = 0; kill < 3; kill++) {
      const server = await childServer(['--data', file, '--log-level', 'silent']);
      // Counted, not timed: the kill comes once 30 more writes were acknowledged, however slow the machine is.
      let killAt: () => void = () => undefined;
      const enough = new Promise<void>((ok) => (killAt = ok));
      let thisRound = 0;
      const writer = async () => {
        for (;;) {
          const id = `K${n++}`;
          const res = await server.post('/ed-fi/students', { ...district.student, studentUniqueId: id });
          if (!res) return;
          if (res.status === 201) {
            acknowledged.add(id);
            if (++thisRound === 30) killAt();
          }
        }
      };
      const writers = Promise.all([writer(), writer(), writer(), writer()]);
      await enough;
      await server.kill();
      await writers;
      const stored = uniqueIds(file);
      expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
      expect(replay(file).damage).toBeUndefined();
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(90);
  });

  it('survives a full disk: 503 for what the file did not take, reads go on, writes resume, nothing acknowledged is lost', async () => {
    const file = tempJournal();
    const first = await childServer(['--data', file, '--log-level', 'silent']);
    await first.kill('SIGTERM');
    // The process may make its files at most 30 KB larger than the seeded journal (RLIMIT_FSIZE, soft limit only).
    const limit = statSync(file).size + 30_000;
    const server = await childServer(['--data', file, '--log-level', 'error'], ['prlimit', `--fsize=${limit}:unlimited`]);
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let body = '';
    for (let i = 0; refused.length < 5 && i < 10_000; i++) {
      const res = (await server.post('/ed-fi/students', { ...district.student, studentUniqueId: `F${i}`, firstName: 'x'.repeat(60) }))!;
      if (res.status === 201) acknowledged.push(`F${i}`);
      else if (res.status === 503) {
        refused.push(`F${i}`);
        body = res.text;
      } else throw new Error(`unexpected ${res.status}: ${res.text}`);
    }
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(JSON.parse(body)).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail:
        'The data file cannot be written: the file has reached the largest size this process may write. Nothing of this request was saved; try again later.',
    });
    // Reads keep working, and a refused write is not visible: it was taken back.
    expect((await server.get(`/ed-fi/students?studentUniqueId=${acknowledged[0]}`)).body).toHaveLength(1);
    expect((await server.get(`/ed-fi/students?studentUniqueId=${refused[0]}`)).body).toEqual([]);
    // The disk has room again: writes resume without a restart.
    const raised = spawnSync('prlimit', ['--pid', String(server.child.pid), '--fsize=unlimited:unlimited']);
    expect(raised.status).toBe(0);
    const again = (await server.post('/ed-fi/students', { ...district.student, studentUniqueId: refused[0] }))!;
    expect(again.status).toBe(201);
    acknowledged.push(refused.shift()!);
    await server.kill();
    const stored = uniqueIds(file);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(refused.filter((id) => stored.has(id))).toEqual([]);
    expect(replay(file).damage).toBeUndefined();
    expect(server.output()).toMatch(/the journal could not be written; the changes of this batch were taken back/);
  });
});

describe('a damaged journal, from the command line', () => {
  it('serve refuses it with the place and the repair command (no stack trace); repair sets the damage aside; serve starts', async () => {
    const file = tempJournal();
    const first = await childServer(['--data', file, '--log-level', 'silent']);
    expect((await first.post('/ed-fi/students', { ...district.student, studentUniqueId: 'KEEP1' }))!.status).toBe(201);
    expect((await first.post('/ed-fi/students', { ...district.student, studentUniqueId: 'LOSE2' }))!.status).toBe(201);
    await first.kill('SIGTERM');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"LOSE2"', '"L0SE2"'));
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    const refused = cli('serve', '--port', '0', '--data', file, '--clients', clientsFile(), '--log-level', 'silent');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`${file.replace(/[/.]/g, '\\$&')}: record \\d+ \\(line \\d+, byte \\d+\\) is damaged: its checksum does not match its content`),
    );
    expect(refused.stderr).toContain(`edfi-mock repair --data ${file}`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const repaired = cli('repair', '--data', file);
    expect(repaired.status).toBe(0);
    expect(repaired.stdout).toMatch(/set aside 1 line\(s\)/);
    const again = await childServer(['--data', file, '--log-level', 'silent']);
    expect((await again.get('/ed-fi/students?studentUniqueId=KEEP1')).body).toHaveLength(1);
    expect((await again.get('/ed-fi/students?studentUniqueId=LOSE2')).body).toEqual([]);
    await again.kill('SIGTERM');
  });
});
