import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');

interface Workflow {
  jobs: Record<string, { env: Record<string, string>; steps: { name?: string; run?: string; uses?: string }[] }>;
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/**
 * The GitHub Actions example of docs/ runs here as written: every `run` step of the job except the install (this
 * checkout is installed already), in one shell with the job's environment, on a free port; then the JUnit file exists.
 */
describe('docs/github-actions.yml', () => {
  it('starts the server with the sample district, runs certify and writes JUnit results', async () => {
    const workflow = parse(readFileSync(join(ROOT, 'docs', 'github-actions.yml'), 'utf8')) as Workflow;
    const job = Object.values(workflow.jobs)[0];
    const steps = job.steps.filter((s) => s.run && s.name !== 'Install edfi-mock');
    expect(steps.map((s) => s.name)).toEqual(['Start edfi-mock with the sample district', 'Run the Ed-Fi certification scenarios']);
    const results = join(ROOT, 'results');
    const hadResults = existsSync(results);
    const script = ['set -euo pipefail', ...steps.map((s) => s.run!)].join('\n');
    const env = { ...process.env, ...job.env, EDFI_MOCK_PORT: String(await freePort()), PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}` };
    try {
      const res = await new Promise<{ status: number | null; out: string }>((ok) => {
        const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (status) => {
          // The server the first step left running in the background: the whole process group goes.
          try {
            process.kill(-child.pid!, 'SIGTERM');
          } catch {
            /* already gone */
          }
          ok({ status, out });
        });
      });
      const [, total, passed] = /(\d+) scenarios against http:\/\/127\.0\.0\.1:\d+: (\d+) passed, 0 failed, 0 errors/.exec(res.out) ?? [];
      expect(Number(total)).toBeGreaterThan(20);
      // A scenario whose client the job does not give is skipped, saying what it needs.
      expect(res.out).toContain('Skipped CORE-AUTH-OUT-OF-DISTRICT: it needs --client district=KEY:SECRET');
      expect(passed).toBe(total);
      expect(res.status).toBe(0);
      const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(results, 'edfi-mock.xml'), 'utf8'));
      expect([xml.testsuites['@_tests'], xml.testsuites['@_failures']]).toEqual([total, '0']);
      expect(readFileSync(join(ROOT, 'edfi-mock.log'), 'utf8')).toContain('Seeded from sample');
    } finally {
      rmSync(join(ROOT, 'edfi-mock.log'), { force: true });
      if (!hadResults) rmSync(results, { recursive: true, force: true });
    }
  });
});
