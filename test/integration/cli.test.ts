import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const runAsync = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (status) => ok({ status, stdout, stderr }));
  });

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
    [['serve', '--profile', 'xx'], /unknown profile 'xx' \(available: edfi, il, mi, wi\)/],
    [['serve', '--key', 'k'], /--key and --secret go together/],
    [['serve', '--key', 'k', '--secret', 's', '--clients', 'x.json'], /use either --clients <file> or --key\/--secret/],
    [['serve', '--seed', 'missing.yaml'], /--seed: fixture file not found/],
    [['validate', '--key', 'k', '--secret', 's', '--year', '25'], /--year must be a school year such as 2025/],
    [['validate', '--key', 'k', '--secret', 's', '--url', 'http://127.0.0.1:9'], /cannot reach http:\/\/127\.0\.0\.1:9\/oauth\/token/],
  ])('refuses bad input %j with a clear message and no stack trace', (args, message) => {
    const res = run(...args);
    expect(res.status).not.toBe(0);
    expect(`${res.stderr}${res.stdout}`).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  /** Starts `edfi-mock serve` with arguments; resolves with the banner once `until` was printed. */
  async function serve(args: string[], until: string, env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'silent', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
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
      expect(first.banner).toMatch(
        /2025-26 {2}ODS\/API 7\.3, Data Standard 5\.0\.0 \+ wi \(discovery reports 7\.1, the release that shipped 5\.0\.0\): {2}http:\S+\/2026\/data\/v3\//,
      );
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
      // The Public development client carries district 7525 (SIS Vendor): the student is reachable once enrolled there.
      const school = {
        schoolId: 1302,
        nameOfInstitution: 'Sample WI High School',
        localEducationAgencyReference: { localEducationAgencyId: 7525 },
        educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: 'uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School' }],
        gradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Eleventh grade' }],
      };
      expect((await post('/ed-fi/schools', school)).status).toBe(201);
      const enrollment = {
        studentReference: { studentUniqueId: '8660232105' },
        schoolReference: { schoolId: 1302 },
        entryDate: '2024-08-20',
        entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Eleventh grade',
      };
      expect((await post('/ed-fi/studentSchoolAssociations', enrollment)).status).toBe(201);
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

  it('prints its version', () => {
    const res = run('--version');
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe((JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('takes fixed credentials and the seed from EDFI_MOCK_* variables and lists file clients without their secrets', async () => {
    const fixed = await serve([], 'Get a token', { EDFI_MOCK_KEY: 'ci-key', EDFI_MOCK_SECRET: 'ci-secret', EDFI_MOCK_SEED: 'sample' });
    try {
      expect(fixed.banner).toContain('Development client:  key ci-key  secret ci-secret');
      expect(fixed.banner).toContain(`curl -s --user ci-key:ci-secret ${fixed.url}/oauth/token -d grant_type=client_credentials`);
      expect(fixed.banner).toMatch(/Seeded from sample: 20 items/);
      expect(fixed.banner).toContain('students (studentUniqueId): 604822, 604823, 604824');
    } finally {
      await fixed.stop();
    }
    const file = await serve(['--clients', resolve(__dirname, '..', 'fixtures', 'wi-clients.json'), '--profile', 'wi'], 'Get a token');
    try {
      expect(file.banner).toMatch(/key district\n/);
      expect(file.banner).not.toContain('district-secret');
      expect(file.banner).toContain('--user district:SECRET');
    } finally {
      await file.stop();
    }
  });

  it('validate without --year checks every school year: errors only in 2025-26 fail the run', async () => {
    const server = await serve(['--profile', 'wi', '--seed', 'sample', '--key', 'k', '--secret', 's'], 'Get a token');
    try {
      const clean = await runAsync('validate', '--url', server.url, '--key', 'k', '--secret', 's');
      expect(clean.stdout).toContain('Checked school years 2022-23, 2023-24, 2024-25, 2025-26: 0 errors in all.');
      expect(clean.status).toBe(0);
      const token = (await (
        await fetch(`${server.url}/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'k', client_secret: 's' }),
        })
      ).json()) as { access_token: string };
      // A Public roster record without attemptStatusDescriptor and endDate (both REQ'D for Public), in 2025-26 only.
      const posted = await fetch(`${server.url}/2026/data/v3/ed-fi/studentSectionAssociations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          sectionReference: {
            schoolId: 1302,
            schoolYear: 2026,
            sessionName: 'Sessions-121941',
            localCourseCode: 'LCC-121941',
            sectionIdentifier: 'Section-121941',
          },
          studentReference: { studentUniqueId: '8660232105' },
          beginDate: '2026-01-05',
        }),
      });
      expect(posted.status).toBe(201);
      const failing = await runAsync('validate', '--url', server.url, '--key', 'k', '--secret', 's');
      expect(failing.status).toBe(1);
      expect(failing.stdout).toMatch(/Checked school years 2022-23, 2023-24, 2024-25, 2025-26: [1-9]\d* errors? in all\./);
      expect(failing.stdout).toContain('StudentSectionAssociation (beginDate=2026-01-05, localCourseCode=LCC-121941');
      expect(failing.stdout).toContain('studentUniqueId=8660232105');
      const only2025 = await runAsync('validate', '--url', server.url, '--key', 'k', '--secret', 's', '--year', '2025');
      expect(only2025.status).toBe(0);
      expect(only2025.stdout).toContain('Checked school year 2024-25: 0 errors in all.');
      const wrong = await runAsync('validate', '--url', server.url, '--key', 'k', '--secret', 'wrong');
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toContain(`${server.url}/oauth/token refused the key and secret`);
    } finally {
      await server.stop();
    }
  });
  it('extract il-sca writes the Illinois file the server builds, explains it, and says what is missing', async () => {
    const server = await serve(['--profile', 'il', '--seed', 'sample', '--key', 'k', '--secret', 's'], 'Get a token');
    const dir = mkdtempSync(join(tmpdir(), 'edfi-mock-extract-'));
    try {
      const common = ['extract', 'il-sca', '--url', server.url, '--year', '2026', '--key', 'k', '--secret', 's'];
      const made = await runAsync(
        ...common,
        '--start',
        '09/01/2025',
        '--end',
        '06/30/2026',
        '--calendar',
        'all',
        '--file-id',
        '7',
        '--file-date',
        '2026-06-30',
        '--out',
        dir,
        '--explain',
      );
      expect(made.stderr).toContain(`Wrote ${join(dir, 'SCA8_500821040020000_06302026_007.txt')}: 10 records`);
      expect(made.stderr).toContain('EXCLUDED IL-1005 (Lee, Kim): IL-SCA-ENROLLMENT no enrollment active between 2025-09-01 and 2026-06-30');
      expect(made.status).toBe(0);
      const written = readFileSync(join(dir, 'SCA8_500821040020000_06302026_007.txt'), 'utf8');
      expect(written).toBe(readFileSync(resolve(__dirname, '..', '..', 'scenarios', 'il', 'expected', 'IL-SCA-DISTRICT.state.txt'), 'utf8'));
      const missing = await runAsync(...common, '--out', '-');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain(
        'Must Enter A Start Date for Course Assignment.\nMust Enter A End Date for Course Assignment.\nMust Select 1 or More Calendars.',
      );
      expect(missing.stdout).toBe('');
    } finally {
      await server.stop();
    }
  });
});
