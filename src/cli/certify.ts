import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { ApiRequest, ApiResponse } from '../pipeline/types';
import type { RunReport, Scenario, ScenarioResult } from '../scenarios/types';

interface RunOptions {
  id: string[];
  tag: string[];
  profile?: string;
  year?: number;
  baseUrl?: string;
  key?: string;
  secret?: string;
  client: string[];
  junit?: string;
  json?: string;
  html?: string;
  wrong?: boolean;
  dataStandard?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];
const year = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('a school year such as 2025 (for 2024-25)');
  return Number(v);
};

function write(file: string, text: string): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(resolve(file), text);
}

/** Writes the requested report files and says where. */
async function writeReports(report: RunReport, o: { junit?: string; json?: string; html?: string }): Promise<void> {
  const { junitXml } = await import('../scenarios/report/junit');
  const { htmlReport } = await import('../scenarios/report/html');
  if (o.junit) write(o.junit, junitXml(report));
  if (o.json) write(o.json, `${JSON.stringify(report, null, 2)}\n`);
  if (o.html) write(o.html, htmlReport(report));
  for (const [kind, file] of [
    ['JUnit', o.junit],
    ['JSON', o.json],
    ['HTML', o.html],
  ] as const)
    if (file) process.stdout.write(`${kind} report: ${resolve(file)}\n`);
}

/** `--client name=KEY:SECRET` pairs. */
function clientsOf(o: RunOptions): Record<string, { key: string; secret: string }> {
  const out: Record<string, { key: string; secret: string }> = {};
  if (o.key && o.secret) out.default = { key: o.key, secret: o.secret };
  for (const spec of o.client) {
    const m = /^([\w-]+)=([^:]+):(.+)$/.exec(spec);
    if (!m) throw new Error(`--client ${spec}: expected name=KEY:SECRET (e.g. choice=abc:def)`);
    out[m[1]] = { key: m[2], secret: m[3] };
  }
  return out;
}

async function runCommand(paths: string[], o: RunOptions): Promise<void> {
  const { clientsUsed, loadScenarios } = await import('../scenarios/load');
  const { runAll } = await import('../scenarios/run-all');
  const { consoleSummary, progressLine } = await import('../scenarios/report/console');
  const { httpTarget } = await import('../scenarios/target');
  if (o.baseUrl && !(o.key && o.secret)) throw new Error('--base-url needs --key and --secret (a client of that API)');
  if (o.dataStandard && o.baseUrl) throw new Error('--data-standard chooses the in-process server; with --base-url the other API decides');
  if (o.dataStandard) {
    // Refused before any scenario runs, naming the Data Standards there are.
    const { loadProfileOn } = await import('../pipeline/profile');
    const { SCHEMAS_DIR } = await import('../schemas-dir');
    loadProfileOn(SCHEMAS_DIR, 'edfi', o.dataStandard);
  }

  const scenarios = loadScenarios(paths.length ? paths.map((p) => resolve(p)) : undefined, { ids: o.id, tags: o.tag, profile: o.profile, year: o.year });
  if (!scenarios.length) throw new Error('no scenario matches the selection');
  const given = o.baseUrl ? clientsOf(o) : undefined;
  const target = o.baseUrl ? httpTarget(o.baseUrl, given!) : undefined;
  if (given) {
    // Against another API a scenario runs only with the credentials of every client it names: the rest are skipped, saying which.
    const missing = (s: Scenario) => clientsUsed(s).filter((c) => !given[c]);
    for (const s of scenarios.filter((x) => missing(x).length))
      process.stdout.write(
        `Skipped ${s.id}: it needs ${missing(s)
          .map((c) => `--client ${c}=KEY:SECRET`)
          .join(' and ')}\n`,
      );
    scenarios.splice(0, scenarios.length, ...scenarios.filter((x) => !missing(x).length));
    if (!scenarios.length) throw new Error('no scenario of the selection can run with the clients given (see the lines above)');
  }
  const journalChecks = scenarios.filter((s) => s.expect?.some((a) => a.journal)).length;
  if (target && journalChecks && !(await target.journal().catch(() => undefined))) {
    const { NO_JOURNAL_HINT } = await import('../scenarios/assertions');
    process.stdout.write(`Note: ${target.label} keeps no request journal, so the journal checks of ${journalChecks} scenarios will fail: ${NO_JOURNAL_HINT}\n`);
  }
  process.stdout.write(`Running ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} against ${target?.label ?? 'an in-process edfi-mock'}\n`);
  const report = await runAll(scenarios, {
    target,
    wrong: o.wrong,
    dataStandard: o.dataStandard,
    onResult: (r, n, total) => process.stdout.write(`${progressLine(r, n, total)}\n`),
  });
  process.stdout.write(`\n${consoleSummary(report)}`);
  await writeReports(report, o);
  if (report.counts.failed + report.counts.error > 0) process.exitCode = 1;
}

interface VendorOptions {
  id: string;
  port: number;
  host: string;
  idleSeconds?: number;
  junit?: string;
  json?: string;
  html?: string;
}

/** Resolves when the vendor presses Enter, or after `idle` seconds without a request (once at least one came). */
function waitForVendor(idle: number | undefined, lastSeq: () => number): Promise<string> {
  return new Promise((ok) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (why: string) => {
      if (timer) clearInterval(timer);
      // Destroyed, not paused: an open pipe on stdin would otherwise keep the process alive after the verdict.
      process.stdin.destroy();
      ok(why);
    };
    if (idle !== undefined) {
      let seen = lastSeq();
      let quietSince = Date.now();
      timer = setInterval(() => {
        const now = lastSeq();
        if (now !== seen) [seen, quietSince] = [now, Date.now()];
        else if (Date.now() - quietSince >= idle * 1000) done(`no request for ${idle} s`);
      }, 200);
    }
    if (process.stdin.isTTY || idle === undefined) {
      process.stdin.resume();
      process.stdin.once('data', () => done('Enter pressed'));
      process.stdin.once('end', () => done('input closed'));
    }
  });
}

async function vendorCommand(o: VendorOptions): Promise<void> {
  const { clientsUsed, loadScenarios } = await import('../scenarios/load');
  const { startSandbox } = await import('../scenarios/vendor');
  const { SCENARIO_CLIENTS } = await import('../scenarios/target');
  const [scenario] = loadScenarios(undefined, { ids: [o.id] });
  if (!scenario) throw new Error(`no scenario with id ${o.id} (edfi-mock certify list shows them)`);
  const started = Date.now();
  const sandbox = await startSandbox(scenario, { port: o.port, host: o.host });
  sandbox.host.onAnswer = (req, res) => process.stdout.write(`${echoLine(req, res)}\n`);
  const creds = scenario.profile === 'wi' ? ['public', 'choice'] : clientsUsed(scenario);
  const lines = [
    `Vendor certification: ${scenario.id} ${scenario.title}`,
    `Source: ${scenario.source.document}${scenario.source.useCase ? ` use case ${scenario.source.useCase}` : ''}`,
    '',
    'What your SIS must do:',
    ...(scenario.instructions ?? '')
      .trim()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    `API: ${sandbox.dataUrl}/   (token: ${sandbox.url}${sandbox.host.root.urls.oauth})`,
    ...creds.map((c) => `Client ${SCENARIO_CLIENTS[c].name}:  key ${SCENARIO_CLIENTS[c].key}  secret ${SCENARIO_CLIENTS[c].secret}`),
    '',
    o.idleSeconds !== undefined
      ? `Waiting for your SIS; the verdict comes ${o.idleSeconds} s after its last request (or press Enter).`
      : 'Press Enter when your SIS has sent everything.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const why = await waitForVendor(o.idleSeconds, () => sandbox.host.journal.last());
  const requests = sandbox.host.journal.last() - sandbox.since;
  const assertions = await sandbox.verdict();
  await sandbox.close();
  const passed = assertions.every((a) => a.passed);
  process.stdout.write(`\n${why}; ${requests} requests received.\n`);
  for (const a of assertions) process.stdout.write(`${a.passed ? 'MET    ' : 'NOT MET'} ${a.that}\n${a.diffs.map((d) => `          - ${d}\n`).join('')}`);
  process.stdout.write(`\nVerdict: ${passed ? 'PASS' : 'FAIL'}\n`);
  const { emptyResult } = await import('../scenarios/run');
  const result: ScenarioResult = { ...emptyResult(scenario), status: passed ? 'passed' : 'failed', assertions, ms: Date.now() - started };
  const counts = { passed: passed ? 1 : 0, failed: passed ? 0 : 1, error: 0 };
  await writeReports({ target: `vendor sandbox ${sandbox.url}`, startedAt: new Date(started).toISOString(), ms: result.ms, results: [result], counts }, o);
  process.exitCode = passed ? 0 : 1;
}

/** One request the vendor's SIS sent, as the sandbox echoes it: method, path, status and, for a refusal, why. */
export function echoLine(req: ApiRequest, res: ApiResponse): string {
  const body = (res.body ?? {}) as { detail?: string; message?: string; validationErrors?: Record<string, string[]>; errors?: string[] };
  const first = Object.entries(body.validationErrors ?? {})[0];
  const why = res.status >= 400 ? (first ? `${first[0]} ${first[1][0]}` : (body.errors?.[0] ?? body.message ?? body.detail)) : undefined;
  return `  -> ${req.method} ${req.path} ${res.status}${why ? `  ${why}` : ''}`;
}

/** Rows of the catalogue listing. */
const listRows = (scenarios: Scenario[]) =>
  scenarios.map((s) => ({
    id: s.id,
    kind: s.instructions && s.expect?.length ? 'vendor' : 'replay',
    profile: s.profile,
    schoolYear: s.schoolYear,
    title: s.title,
  }));

async function listCommand(o: { profile?: string; tag: string[]; json?: boolean }): Promise<void> {
  const { loadScenarios } = await import('../scenarios/load');
  const rows = listRows(loadScenarios(undefined, { profile: o.profile, tags: o.tag }));
  if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  const table = [['ID', 'KIND', 'PROFILE', 'YEAR', 'TITLE'], ...rows.map((r) => [r.id, r.kind, r.profile, r.schoolYear ? String(r.schoolYear) : '-', r.title])];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) process.stdout.write(`${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}\n`);
  process.stdout.write(`\n${rows.length} scenario${rows.length === 1 ? '' : 's'}\n`);
}

/** `edfi-mock certify run | vendor | list`. */
export function registerCertify(program: Command): void {
  const certify = program.command('certify').description('certification scenarios: replay them, certify a vendor SIS, list them');
  certify
    .command('run [paths...]')
    .description('replay scenarios (default: the whole catalogue) against an in-process edfi-mock or any Ed-Fi API')
    .option('--id <id>', 'only this scenario (repeatable)', collect, [])
    .option('--tag <tag>', 'only scenarios with this tag (repeatable)', collect, [])
    .option('--profile <name>', 'only scenarios of this profile (edfi, wi, mi, il)')
    .option('--year <year>', 'only scenarios of this school year', year)
    .option('--data-standard <version>', 'Data Standard of the in-process server for the edfi scenarios: 4.0, 5.0, 5.2 (default), 6.0 or 6.1')
    .option('--base-url <url>', 'run against this API instead of an in-process edfi-mock (scenarios clean up after themselves)')
    .option('--key <key>', 'client key for --base-url')
    .option('--secret <secret>', 'client secret for --base-url')
    .option('--client <name=KEY:SECRET>', 'credentials of a named scenario client for --base-url (e.g. choice=KEY:SECRET)', collect, [])
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--wrong', "also replay each scenario's wrong SIS (the mistake it exists to catch): passes when the checks judge it FAIL")
    .addHelpText(
      'after',
      '\nExit status: 0 when every scenario passes, 1 otherwise.\n\nExamples:\n  edfi-mock certify run --profile wi --junit results.xml --html report.html\n  edfi-mock certify run scenarios/core --base-url https://api.example.org --key K --secret S',
    )
    .action((paths: string[], o: RunOptions) => runCommand(paths, o));
  certify
    .command('vendor')
    .description('start a sandbox for one vendor-certification scenario, wait for your SIS, then give the verdict')
    .requiredOption('--id <id>', 'the scenario (edfi-mock certify list)')
    .option('-p, --port <port>', 'port of the sandbox', (v) => Number(v), 54747)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--idle-seconds <n>', 'give the verdict after this many seconds without a request (instead of waiting for Enter)', (v) => Number(v))
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .option('--html <file>', 'write a self-contained HTML report')
    .action((o: VendorOptions) => vendorCommand(o));
  certify
    .command('list')
    .description('list the scenarios of the catalogue')
    .option('--profile <name>', 'only this profile')
    .option('--tag <tag>', 'only this tag (repeatable)', collect, [])
    .option('--json', 'print the list as JSON (id, kind, profile, schoolYear, title)')
    .action((o: { profile?: string; tag: string[]; json?: boolean }) => listCommand(o));
}
