import { loadFixtures } from './load';
import { runScenario } from './run';
import { type Target, inProcessTarget } from './target';
import type { Fixture, RunReport, Scenario, ScenarioResult } from './types';
import { runWrong, wrongResult } from './wrong';

/** How to run a catalogue: a fresh in-process server per scenario, or one shared target (cleaned up after each scenario). */
export interface RunOptions {
  target?: Target;
  fixtures?: Map<string, Fixture>;
  onResult?: (r: ScenarioResult, n: number, total: number) => void;
  /** Also replay each scenario's wrong SIS and check that its checks catch it. */
  wrong?: boolean;
  /** The Data Standard of the in-process server for edfi-profile scenarios (state scenarios keep their year's). */
  dataStandard?: string;
}

/** Runs scenarios one after the other and returns the report the reporters print. */
export async function runAll(scenarios: Scenario[], o: RunOptions = {}): Promise<RunReport> {
  const started = Date.now();
  const fixtures = o.fixtures ?? loadFixtures();
  const results: ScenarioResult[] = [];
  for (const [i, s] of scenarios.entries()) {
    const own = () => inProcessTarget(s.profile, s.schoolYear, s.profile === 'edfi' ? o.dataStandard : undefined);
    const target = o.target ?? own();
    const r = await runScenario(s, target, fixtures, { cleanup: !!o.target });
    results.push(r);
    o.onResult?.(r, i + 1, scenarios.length);
    for (const [n, w] of (o.wrong ? (s.wrong ?? []) : []).entries()) {
      const verdict = await runWrong(s, w, o.target ?? own(), fixtures, { cleanup: !!o.target });
      results.push(wrongResult(verdict, n + 1));
      o.onResult?.(results[results.length - 1], i + 1, scenarios.length);
    }
  }
  const counts = { passed: 0, failed: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  return { target: o.target?.label ?? 'in-process edfi-mock', startedAt: new Date(started).toISOString(), ms: Date.now() - started, results, counts };
}
