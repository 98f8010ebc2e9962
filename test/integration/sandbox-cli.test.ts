import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, childServer } from '../helpers/child-server';

/** Runs the CLI; resolves with its exit status and output. */
const cli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
    const env = { ...process.env };
    delete env.EDFI_MOCK_ADMIN_KEY;
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (status) => ok({ status, stdout, stderr }));
  });

const ADMIN = ['--admin-key', 'cli-admin-key'];
const tokenOf = async (baseUrl: string, key: string, secret: string) =>
  (
    (await (
      await fetch(`${baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string }
  ).access_token;

describe('edfi-mock sandbox and generate against a running server', () => {
  let server: Awaited<ReturnType<typeof childServer>>;
  beforeAll(async () => (server = await childServer([...ADMIN, '--log-level', 'silent'])));
  afterAll(() => server.child.kill());

  it('sandbox create --count 2 --json prints one {id, key, secret, baseUrl} per line, each a working sandbox', async () => {
    const res = await cli('sandbox', 'create', '--template', 'sample', '--count', '2', '--name', 'Trainee', '--json', '--url', server.url, ...ADMIN);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['id', 'key', 'secret', 'baseUrl']);
      expect(l.baseUrl).toBe(server.url);
      const token = await tokenOf(l.baseUrl, l.key, l.secret);
      const students = (await (await fetch(`${l.baseUrl}/data/v3/ed-fi/students`, { headers: { Authorization: `Bearer ${token}` } })).json()) as unknown[];
      expect(students).toHaveLength(3);
    }
    const list = await cli('sandbox', 'list', '--url', server.url, ...ADMIN);
    expect(list.stdout).toContain(`${lines[0].id}  Trainee 1  edfi  sample`);
    expect(list.stdout).toContain(`${lines[1].id}  Trainee 2  edfi  sample`);
  });

  it('sandbox export, import, reset and delete', async () => {
    const created = JSON.parse((await cli('sandbox', 'create', '--template', 'minimal', '--json', '--url', server.url, ...ADMIN)).stdout) as Record<
      string,
      string
    >;
    const file = join(mkdtempSync(join(tmpdir(), 'edfi-mock-')), 'sb.json');
    const exported = await cli('sandbox', 'export', created.id, '--out', file, '--url', server.url, ...ADMIN);
    expect(exported.stdout).toMatch(new RegExp(`^Sandbox ${created.id}: \\d+ documents written to ${file.replace(/[.]/g, '\\.')}\\n$`));
    expect(existsSync(file)).toBe(true);
    const imported = await cli('sandbox', 'import', file, '--name', 'copy', '--url', server.url, ...ADMIN);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^Sandbox \w+ \(copy\) imported: \d+ documents\n {2}key sbx-\w+-\w+ {2}secret \w+\n$/);
    expect((await cli('sandbox', 'reset', created.id, '--url', server.url, ...ADMIN)).stdout).toMatch(
      new RegExp(`^Sandbox ${created.id} reset: \\d+ documents\\n$`),
    );
    expect((await cli('sandbox', 'delete', created.id, '--url', server.url, ...ADMIN)).stdout).toBe(`Sandbox ${created.id} deleted\n`);
  });

  it.each([
    [['sandbox', 'list', '--admin-key', 'wrong-admin-key'], /GET \/admin\/sandboxes: 401 The admin API needs the admin key/],
    [['sandbox', 'list'], /required option '--admin-key <key>' not specified/],
    [['sandbox', 'create', '--template', 'huge', ...ADMIN], /Allowed choices are empty, minimal, sample, generated/],
    [['sandbox', 'create', '--profile', 'wi', '--years', '1999', ...ADMIN], /Profile wi has the school years 2023, 2024, 2025, 2026, not 1999/],
    [['sandbox', 'reset', 'nope', ...ADMIN], /POST \/admin\/sandboxes\/nope\/reset: 404 No sandbox 'nope'/],
  ])('refuses %j in words, without a stack trace', async (args, message) => {
    const res = await cli(...args, '--url', server.url);
    expect(res.status).not.toBe(0);
    expect(`${res.stderr}${res.stdout}`).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('generate --url loads a district into the server with nothing refused', async () => {
    const res = await cli('generate', '--students', '40', '--url', server.url, '--key', 'k', '--secret', 's');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Loaded into http:\S+ in [\d.]+ s: \d+ written, 0 refused\.\n$/);
  });
});

describe('edfi-mock generate on its own', () => {
  it('checks the district in-process: 0 refused, 0 validation errors, exit 0', async () => {
    const res = await cli('generate', '--profile', 'wi', '--year', '2026', '--students', '60', '--seed', '9');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Loaded \d+ documents \(descriptors included\) in [\d.]+ s, 0 refused\./);
    expect(res.stdout).toMatch(/Validation report: 0 errors, \d+ warnings and notes\./);
  });

  it('writes a fixture file that serve --seed loads', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'edfi-mock-')), 'district.yaml');
    expect((await cli('generate', '--students', '30', '--out', file)).status).toBe(0);
    const seeded = await childServer(['--seed', file, '--log-level', 'silent']);
    try {
      expect(seeded.output()).toMatch(/Seeded from .*district\.yaml: \d+ items: 1 localEducationAgencies, 3 schools,/);
      expect(((await seeded.get('/ed-fi/students')) as unknown as { body: unknown[] }).body).toHaveLength(30);
    } finally {
      seeded.child.kill();
    }
  });
});
