import { evaluate } from './assertions';
import { matchBody } from './match';
import { at, headerOf, parse, tokenFor } from './session';
import type { Answer, Target } from './target';
import { type Vars, fill, unfilled } from './template';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS_DIR, fixtureItems } from './load';
import type { Fixture, Scenario, ScenarioResult, Step, StepResult } from './types';

function capture(spec: string, answer: Answer, body: unknown): unknown {
  if (spec === 'location.id') return headerOf(answer, 'Location')?.split('/').pop();
  if (spec.startsWith('header.')) return headerOf(answer, spec.slice(7));
  if (spec === 'body' || spec.startsWith('body.') || spec.startsWith('body[')) return at(body, spec.slice(4));
  throw new Error(`unknown capture '${spec}' (use location.id, header.<name>, body.<path> or body[0].<path>)`);
}

function headerDiffs(expected: Record<string, string> | undefined, answer: Answer): string[] {
  const diffs: string[] = [];
  for (const [name, want] of Object.entries(expected ?? {})) {
    const got = headerOf(answer, name);
    if (
      want === 'present'
        ? got === undefined
        : want === 'absent'
          ? got !== undefined
          : want.startsWith('/') && want.endsWith('/')
            ? !new RegExp(want.slice(1, -1)).test(got ?? '')
            : got !== want
    ) {
      diffs.push(`header ${name}: expected ${want}, got ${got ?? 'nothing'}`);
    }
  }
  return diffs;
}

/**
 * Whether a fixture item's `dataStandards` list names a release: `5.0` that one, `6.0+` that one and every later one.
 */
export function appliesTo(list: readonly string[], dataStandard: string): boolean {
  return list.some((v) => (v.endsWith('+') ? Number(dataStandard) >= Number(v.slice(0, -1)) : v === dataStandard));
}

/** Where a body differs from an expected file: the first differing line of each, numbered. */
export function fileDiffs(file: string, text: string): string[] {
  const path = join(SCENARIOS_DIR, file);
  if (!existsSync(path)) return [`file: ${file} does not exist (the body was ${text.length} characters)`];
  const want = readFileSync(path, 'utf8');
  if (want === text) return [];
  const a = want.split('\n');
  const b = text.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i < 0 ? a.length : i;
  return [`file ${file}: line ${at + 1} differs: expected ${JSON.stringify(a[at] ?? '(end of file)')}, got ${JSON.stringify(b[at] ?? '(end of body)')}`];
}

/** Sends one step's request and compares the answer. */
async function runStep(step: Step, index: number, target: Target, base: string, vars: Vars, created: string[]): Promise<StepResult> {
  const path = String(fill(step.request.path, vars));
  const body = step.request.body === undefined ? undefined : fill(step.request.body, vars);
  const missing = unfilled([path, body]);
  if (missing.length) throw new Error(`step ${index + 1}: unknown variable ${missing.map((m) => `\${${m}}`).join(', ')}`);
  const headers: Record<string, string> = { ...(step.request.headers ? (fill(step.request.headers, vars) as Record<string, string>) : {}) };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  const auth = step.request.auth ?? 'token';
  if (auth === 'token') headers.Authorization = `Bearer ${await tokenFor(target, step.request.client ?? 'default')}`;
  if (auth === 'invalid') headers.Authorization = 'Bearer 00000000000000000000000000000000';
  const url = path.startsWith('~') ? path.slice(1) : `${base}${path}`;
  const answer = await target.send(step.request.method, url, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers);
  const actual = parse(answer.text);
  const diffs: string[] = [];
  if (answer.status !== step.expect.status) diffs.push(`status: expected ${step.expect.status}, got ${answer.status}`);
  diffs.push(...headerDiffs(fill(step.expect.headers, vars) as Record<string, string> | undefined, answer));
  if (step.expect.body) diffs.push(...matchBody(step.expect.body.match, fill(step.expect.body.value, vars), actual));
  if (step.expect.count !== undefined && (!Array.isArray(actual) || actual.length !== step.expect.count)) {
    diffs.push(`count: expected ${step.expect.count} items, got ${Array.isArray(actual) ? actual.length : 'no array'}`);
  }
  for (const t of (fill(step.expect.text?.contains, vars) as string[] | undefined) ?? [])
    if (!answer.text.includes(t)) diffs.push(`body: expected to contain ${JSON.stringify(t)}`);
  for (const t of (fill(step.expect.text?.excludes, vars) as string[] | undefined) ?? [])
    if (answer.text.includes(t)) diffs.push(`body: expected not to contain ${JSON.stringify(t)}`);
  if (step.expect.file) diffs.push(...fileDiffs(step.expect.file, answer.text));
  const location = headerOf(answer, 'Location');
  if (answer.status === 201 && location) created.push(location);
  for (const [name, spec] of Object.entries(step.capture ?? {})) vars[name] = capture(spec, answer, actual);
  return {
    name: step.name ?? `${step.request.method} ${step.request.path}`,
    request: { method: step.request.method, path: url, body },
    expected: step.expect,
    actual: { status: answer.status, headers: answer.headers, body: actual },
    passed: diffs.length === 0,
    diffs,
  };
}

/** One fixture item that was written, and how the API answered it. */
export interface LoadedItem {
  fixture: string;
  path: string;
  status: number;
}

/**
 * POSTs the items of fixture sets (includes first) with a token, skipping items meant for other Data Standards. Each
 * item must answer 201 or 200; otherwise the error names the set, the item and the API's answer.
 */
export async function postFixtures(
  names: readonly string[],
  fixtures: Map<string, Fixture>,
  o: { target: Target; base: string; dataStandard: string; token: string; vars: Vars },
): Promise<{ loaded: LoadedItem[]; created: string[] }> {
  const loaded: LoadedItem[] = [];
  const created: string[] = [];
  const positions = new Map<string, number>();
  for (const item of fixtureItems(names, fixtures)) {
    const i = (positions.get(item.fixture) ?? 0) + 1;
    positions.set(item.fixture, i);
    if (item.dataStandards && !appliesTo(item.dataStandards, o.dataStandard)) continue;
    const body = JSON.stringify(fill(item.body, o.vars));
    const headers = { Authorization: `Bearer ${o.token}`, 'Content-Type': 'application/json' };
    const answer = await o.target.send('POST', `${o.base}${item.path}`, body, headers);
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`fixture ${item.fixture} item ${i} (POST ${item.path}) answered ${answer.status}: ${answer.text.slice(0, 600)}`);
    const location = headerOf(answer, 'Location');
    if (answer.status === 201 && location) created.push(location);
    loaded.push({ fixture: item.fixture, path: item.path, status: answer.status });
  }
  return { loaded, created };
}

/** Loads a scenario's fixtures with the default client (each item must answer 201 or 200). */
export async function loadGiven(
  scenario: Scenario,
  fixtures: Map<string, Fixture>,
  target: Target,
  base: string,
  vars: Vars,
  created: string[],
): Promise<void> {
  if (!scenario.given?.length) return;
  const dataStandard = await target.dataStandard(scenario.schoolYear);
  const token = await tokenFor(target, 'default');
  const out = await postFixtures(scenario.given, fixtures, { target, base, dataStandard, token, vars });
  created.push(...out.created);
}

/** The variables every scenario starts with. */
export const scenarioVars = (s: Scenario): Vars => ({ ...(s.schoolYear ? { year: s.schoolYear, prevYear: s.schoolYear - 1 } : {}), ...s.vars });

/** A scenario's result before anything ran: passed, no steps, no assertions. */
export const emptyResult = (scenario: Scenario): ScenarioResult => ({
  id: scenario.id,
  title: scenario.title,
  profile: scenario.profile,
  schoolYear: scenario.schoolYear,
  source: scenario.source,
  reading: scenario.reading,
  file: scenario.file,
  status: 'passed',
  steps: [],
  assertions: [],
  ms: 0,
});

/** Runs one scenario: fixtures, steps, then its certification assertions against the traffic the steps produced. */
export async function runScenario(
  scenario: Scenario,
  target: Target,
  fixtures: Map<string, Fixture>,
  opts: { cleanup?: boolean; steps?: Step[] } = {},
): Promise<ScenarioResult> {
  const started = Date.now();
  const result = emptyResult(scenario);
  const created: string[] = [];
  try {
    const base = await target.dataBase(scenario.schoolYear);
    const vars = scenarioVars(scenario);
    const creds = target.credentials('default');
    if (creds) Object.assign(vars, { clientKey: creds.key, clientSecret: creds.secret });
    await loadGiven(scenario, fixtures, target, base, vars, created);
    // Assertions judge the SIS's traffic: the steps, not the fixtures.
    const since = ((await target.journal()) ?? []).reduce((m, e) => Math.max(m, e.seq), 0);
    for (const [i, step] of (opts.steps ?? scenario.steps).entries()) result.steps.push(await runStep(step, i, target, base, vars, created));
    if (scenario.expect?.length) result.assertions = await evaluate(scenario.expect, target, base, vars, since);
    if (result.steps.some((s) => !s.passed) || result.assertions.some((a) => !a.passed)) result.status = 'failed';
  } catch (err) {
    result.status = 'error';
    result.error = (err as Error).message;
  } finally {
    if (opts.cleanup) await cleanup(target, created);
  }
  result.ms = Date.now() - started;
  return result;
}

/** Deletes what a scenario created, newest first, so the next scenario on a shared server starts from the same data. */
async function cleanup(target: Target, created: string[]): Promise<void> {
  const token = await tokenFor(target, 'default').catch(() => undefined);
  if (!token) return;
  for (const location of [...created].reverse()) {
    const path = location.replace(/^https?:\/\/[^/]+/, '');
    await target.send('DELETE', path, undefined, { Authorization: `Bearer ${token}` }).catch(() => undefined);
  }
}
