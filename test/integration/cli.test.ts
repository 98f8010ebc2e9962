import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('edfi-mock CLI', () => {
  it('explains itself with --help', () => {
    const res = run('serve', '--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('--port <port>');
    expect(res.stdout).toContain('--clients <file>');
  });

  it.each([
    [['serve', '--port', 'abc'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--clients', '/nonexistent/clients.json'], /clients file not found/],
    [['nonsense'], /too many arguments|unknown command/],
    [['serve', '--profile', 'xx'], /unknown profile 'xx' \(available: edfi, mi, wi\)/],
    [['validate', '--key', 'k', '--secret', 's', '--year', '25'], /--year must be a school year such as 2025/],
    [['validate', '--key', 'k', '--secret', 's', '--url', 'http://127.0.0.1:9'], /cannot reach http:\/\/127\.0\.0\.1:9\/oauth\/token/],
  ])('refuses bad input %j with a clear message and no stack trace', (args, message) => {
    const res = run(...args);
    expect(res.status).not.toBe(0);
    expect(`${res.stderr}${res.stdout}`).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  /** Starts `edfi-mock serve` with arguments; resolves with the banner once `until` was printed. */
  async function serve(args: string[], until: string) {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'silent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const banner = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(until)) ok(out);
      });
      child.once('exit', () => fail(new Error(out)));
    });
    const stop = () => new Promise<void>((ok) => (child.exitCode !== null ? ok() : (child.once('exit', () => ok()), child.kill('SIGTERM'))));
    return { banner, url: /listening on (\S+)/.exec(banner)![1], stop };
  }

  it('serves every WI school year, persists each to its own journal, and validate reports the findings', async () => {
    const data = mkdtempSync(join(tmpdir(), 'wi-data-'));
    const first = await serve(['--profile', 'wi', '--data', data], 'Get a token');
    try {
      expect(first.banner).toMatch(/2022-23 {2}ODS\/API 5\.3, Data Standard 3\.3\.1-b \+ wi: {2}http:\S+\/data\/v3\/2023\//);
      expect(first.banner).toMatch(/2025-26 {2}ODS\/API 7\.3, Data Standard 5\.0\.0 \+ wi: {2}http:\S+\/2026\/data\/v3\//);
      expect(first.banner).toContain('WI Choice school (development):');
      const [, key, secret] = /WI Public district \(development\): {2}key (\S+) {2}secret (\S+)/.exec(first.banner)!;
      const token = (await (
        await fetch(`${first.url}/oauth/token`, {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials',
        })
      ).json()) as { access_token: string };
      const post = (path: string, body: unknown) =>
        fetch(`${first.url}/data/v3/2025${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const lea = {
        localEducationAgencyId: 7525,
        nameOfInstitution: 'Sample WI District',
        localEducationAgencyCategoryDescriptor: 'uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent',
        categories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency' }],
      };
      expect((await post('/ed-fi/localEducationAgencies', lea)).status).toBe(201);
      expect((await post('/ed-fi/students', { studentUniqueId: '8660232105', firstName: 'Liam', lastSurname: 'Olson', birthDate: '2006-11-02' })).status).toBe(
        201,
      );
      const sctepa = {
        educationOrganizationReference: { educationOrganizationId: 7525 },
        programReference: {
          educationOrganizationId: 48856,
          programName: 'Career and Technical Education',
          programTypeDescriptor: 'uri://dpi.wi.gov/ProgramTypeDescriptor#CTE',
        },
        studentReference: { studentUniqueId: '8660232105' },
        beginDate: '2024-08-20',
      };
      expect((await post('/ed-fi/studentCTEProgramAssociations', sctepa)).status).toBe(201);
      const report = run('validate', '--url', first.url, '--year', '2025', '--key', key, '--secret', secret);
      expect(report.status).toBe(1);
      expect(report.stdout).toContain('Validation report for school year 2024-25:');
      expect(report.stdout).toMatch(/WI-SCTEPA-REQUIRED \(error\) .* - 3 findings/);
      const clean = run('validate', '--url', first.url, '--year', '2024', '--key', key, '--secret', secret, '--json');
      expect(clean.status).toBe(0);
      expect(JSON.parse(clean.stdout).counts).toEqual({ error: 0, warning: 0, info: 0 });
    } finally {
      await first.stop();
    }
    expect(
      readdirSync(data)
        .filter((f) => f.endsWith('.journal'))
        .sort(),
    ).toEqual(['2023.journal', '2024.journal', '2025.journal', '2026.journal']);
    const second = await serve(['--profile', 'wi', '--data', data, '--clients', resolve(__dirname, '..', 'fixtures', 'wi-clients.json')], 'listening');
    try {
      const token = (await (
        await fetch(`${second.url}/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'district', client_secret: 'district-secret' }),
        })
      ).json()) as { access_token: string };
      const got = await fetch(`${second.url}/data/v3/2025/ed-fi/students?studentUniqueId=8660232105`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
      });
      expect(((await got.json()) as unknown[]).length).toBe(1);
      const other = await fetch(`${second.url}/data/v3/2024/ed-fi/students?studentUniqueId=8660232105`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
      });
      expect(await other.json()).toEqual([]);
    } finally {
      await second.stop();
    }
    expect(existsSync(join(data, '2025.journal'))).toBe(true);
  });

  it('starts on an embedded default and prints a working development client', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('secret')) ok(out);
        });
        child.once('exit', () => fail(new Error(out)));
      });
      const url = /listening on (\S+)/.exec(banner)![1];
      const [, key, secret] = /key (\S+)\s+secret (\S+)/.exec(banner)!;
      const res = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { access_token: string };
      const students = await fetch(`${url}/data/v3/ed-fi/gradeLevelDescriptors?limit=1`, { headers: { Authorization: `Bearer ${body.access_token}` } });
      expect(students.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
