import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadScenarios } from '../../src/scenarios/load';
import { runAll } from '../../src/scenarios/run-all';
import { SCENARIO_CLIENTS, httpTarget } from '../../src/scenarios/target';
import type { RunReport } from '../../src/scenarios/types';

const BIN = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');
const dir = mkdtempSync(join(tmpdir(), 'remote-'));
const clientsFile = join(dir, 'clients.json');
writeFileSync(clientsFile, JSON.stringify(Object.values(SCENARIO_CLIENTS)));

/** A second edfi-mock process for one profile, as any Ed-Fi API the runner reaches over HTTP. */
async function serve(profile: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--profile', profile, '--port', '0', '--clients', clientsFile, '--log-level', 'silent', '--token-limit', '0', '--journal-size', '10000'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', () => fail(new Error(out)));
  });
  return { url, child };
}

/** Scenario id -> its verdict and the status of each step, for comparing two runs. */
const outcome = (r: RunReport) =>
  Object.fromEntries(r.results.map((x) => [x.id, `${x.status} ${x.steps.map((s) => s.actual.status).join(',')}${x.error ? ` ${x.error}` : ''}`]));

/** Given a second edfi-mock process, the catalogue run with --base-url gives the same results as in-process. */
describe('the catalogue against another process over HTTP', () => {
  it.each(['edfi', 'wi', 'mi'])(
    'profile %s: same verdicts and step statuses as in-process',
    async (profile) => {
      const scenarios = loadScenarios(undefined, { profile });
      const server = await serve(profile);
      try {
        const creds = Object.fromEntries(Object.entries(SCENARIO_CLIENTS).map(([name, c]) => [name, { key: c.key, secret: c.secret }]));
        const remote = await runAll(scenarios, { target: httpTarget(server.url, creds) });
        const local = await runAll(scenarios);
        expect(outcome(remote)).toEqual(outcome(local));
        expect(local.counts).toEqual({ passed: scenarios.length, failed: 0, error: 0 });
      } finally {
        server.child.kill('SIGTERM');
      }
    },
    300_000,
  );
});
