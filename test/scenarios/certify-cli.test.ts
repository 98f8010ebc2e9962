import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadScenarios } from '../../src/scenarios/load';

const BIN = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const out = mkdtempSync(join(tmpdir(), 'certify-'));
/** How many Michigan scenarios the catalogue holds. */
const MI = loadScenarios(undefined, { profile: 'mi' }).length;

describe('edfi-mock certify', () => {
  it('lists the catalogue with the kind of each scenario', () => {
    const res = run('certify', 'list', '--profile', 'mi');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(MI).toBeGreaterThanOrEqual(20);
    expect(lines).toHaveLength(MI + 3);
    expect(lines[0]).toMatch(/^ID +KIND +PROFILE +YEAR +TITLE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^MI-SDIA-ACTIONS-FIRST +vendor +mi +2025 +Deleting an association/));
    expect(lines.at(-1)).toBe(`${MI} scenarios`);
    // Aligned: every row's kind starts in the header's KIND column, whatever the length of the id.
    const column = lines[0].indexOf('KIND');
    for (const line of lines.slice(1, -2)) expect(line.slice(column, column + 6)).toMatch(/^(vendor|replay)$/);
  });

  it('runs the edfi scenarios on another Data Standard, and refuses an unknown one before running anything', () => {
    const ok = run('certify', 'run', '--id', 'CORE-CRUD-CREATE', '--data-standard', '6.1');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/1 scenarios against in-process edfi-mock: 1 passed, 0 failed, 0 errors/);
    const bad = run('certify', 'run', '--profile', 'edfi', '--data-standard', '9.9');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toBe("unknown Data Standard '9.9' for profile edfi (available: 4.0, 5.0, 5.2, 6.0, 6.1)");
  });

  it('lists the catalogue as JSON', () => {
    const res = run('certify', 'list', '--json');
    expect(res.status).toBe(0);
    const rows = JSON.parse(res.stdout) as { id: string; kind: string; profile: string; schoolYear?: number; title: string }[];
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.find((r) => r.id === 'MI-SDIA-ACTIONS-FIRST')).toMatchObject({ kind: 'vendor', profile: 'mi', schoolYear: 2025 });
  });

  it('says how to turn on the journal when a --base-url server keeps none, and its journal checks fail saying so', async () => {
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'silent', '--key', 'k', '--secret', 's'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let text = '';
        server.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /listening on (\S+)/.exec(text);
          if (m) ok(m[1]);
        });
        server.once('exit', () => fail(new Error(text)));
      });
      const res = await new Promise<{ status: number | null; stdout: string }>((ok) => {
        const child = spawn(process.execPath, [BIN, 'certify', 'run', '--id', 'CORE-LOAD-ORDER', '--base-url', url, '--key', 'k', '--secret', 's'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.once('exit', (status) => ok({ status, stdout }));
      });
      expect(res.status).toBe(1);
      expect(res.stdout).toContain(
        `Note: ${url} keeps no request journal, so the journal checks of 1 scenarios will fail: start edfi-mock with --journal-size 10000`,
      );
      expect(res.stdout).toContain('keeps no request journal: start edfi-mock with --journal-size 10000');
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('replays a profile in-process with progress and writes JUnit, JSON and HTML reports', () => {
    const res = run('certify', 'run', '--profile', 'mi', '--junit', join(out, 'mi.xml'), '--json', join(out, 'mi.json'), '--html', join(out, 'mi.html'));
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^Running ${MI} scenarios against an in-process edfi-mock$`, 'm'));
    expect(res.stdout).toMatch(new RegExp(`^PASS {2}\\[ 1/${MI}\\] MI-SDIA-ACTIONS-FIRST`, 'm'));
    expect(res.stdout).toContain(`${MI} scenarios against in-process edfi-mock: ${MI} passed, 0 failed, 0 errors`);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'mi.xml'), 'utf8'));
    expect([xml.testsuites['@_tests'], xml.testsuites['@_failures'], xml.testsuites.testsuite['@_name']]).toEqual([String(MI), '0', 'edfi-mock mi scenarios']);
    expect(JSON.parse(readFileSync(join(out, 'mi.json'), 'utf8')).counts).toEqual({ passed: MI, failed: 0, error: 0 });
    expect(readFileSync(join(out, 'mi.html'), 'utf8')).toContain('<span class="id">MI-SDIA-SCOPE-YEAR</span>');
  });

  it('exits 1 and shows the request, the expected and actual answers and the difference when a scenario fails', () => {
    const file = join(out, 'failing.yaml');
    writeFileSync(
      file,
      [
        'id: CORE-TEST-FAIL',
        'title: expects the wrong status',
        'profile: edfi',
        'source: { document: test }',
        'steps:',
        '  - request: { method: GET, path: /ed-fi/students/0123456789abcdef0123456789abcdef }',
        '    expect: { status: 200 }',
      ].join('\n'),
    );
    const res = run('certify', 'run', file, '--junit', join(out, 'fail.xml'));
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('FAIL  [1/1] CORE-TEST-FAIL');
    expect(res.stdout).toContain('request: GET /data/v3/ed-fi/students/0123456789abcdef0123456789abcdef');
    expect(res.stdout).toContain('- status: expected 200, got 404');
    expect(readFileSync(join(out, 'fail.xml'), 'utf8')).toContain('<failure message="status: expected 200, got 404">');
  });

  it.each([
    [['certify', 'run', '--id', 'NOPE'], /no scenario matches the selection/],
    [['certify', 'run', '--base-url', 'http://127.0.0.1:9'], /--base-url needs --key and --secret/],
    [['certify', 'vendor', '--id', 'CORE-CRUD-CREATE'], /CORE-CRUD-CREATE has no 'expect' block: it is not a vendor-certification scenario/],
  ])('refuses %j with a clear message', (args, message) => {
    const res = run(...args);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs a vendor sandbox: prints the instructions, takes the SIS traffic, and gives the verdict after the idle time', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'certify', 'vendor', '--id', 'WI-STAFF-POST-P1', '--port', '0', '--idle-seconds', '2', '--json', join(out, 'vendor.json')],
      {
        // stdin an open pipe that never closes (a CI step): the command must still end after its verdict.
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    const until = (re: RegExp) =>
      new Promise<RegExpExecArray>((ok, fail) => {
        const t = setInterval(() => {
          const m = re.exec(text);
          if (m) {
            clearInterval(t);
            ok(m);
          }
        }, 50);
        child.once('exit', () => (clearInterval(t), re.exec(text) ? ok(re.exec(text)!) : fail(new Error(text))));
      });
    const [, api] = await until(/API: (\S+)\//);
    expect(text).toContain('What your SIS must do:');
    const [, key, secret] = (await until(/WI Public\): {2}key (\S+) {2}secret (\S+)/)) as unknown as string[];
    const origin = new URL(api).origin;
    const token = (await (
      await fetch(`${origin}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: key, client_secret: secret }),
      })
    ).json()) as { access_token: string };
    const posted = await fetch(`${api}/ed-fi/staffSectionAssociations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sectionReference: {
          localCourseCode: 'LCC-121941',
          schoolId: 1302,
          schoolYear: 2025,
          sectionIdentifier: 'Section-121941',
          sessionName: 'Sessions-121941',
        },
        staffReference: { staffUniqueId: '900100' },
        classroomPositionDescriptor: 'uri://dpi.wi.gov/ClassroomPositionDescriptor#05971',
        beginDate: '2024-08-20',
        endDate: '2025-06-05',
      }),
    });
    expect(posted.status).toBe(201);
    await until(/Verdict: (PASS|FAIL)/);
    if (child.exitCode === null) await new Promise((ok) => child.once('exit', ok));
    expect(child.exitCode).toBe(0);
    expect(text).toMatch(/no request for 2 s; 2 requests received\./);
    expect(text).toContain('MET     1 staffSectionAssociation for staff 900100');
    expect(text).toContain('Verdict: PASS');
    // Each request was echoed as it arrived.
    expect(text).toContain('  -> POST /oauth/token 200');
    expect(text).toContain('  -> POST /data/v3/2025/ed-fi/staffSectionAssociations 201');
    expect(existsSync(join(out, 'vendor.json'))).toBe(true);
  });
});
