import { runScenario } from './run';
import type { Target } from './target';
import type { Fixture, Scenario, ScenarioResult, WrongSis } from './types';

/** Whether a scenario's checks caught one wrong SIS, and what did not go as the scenario says. */
export interface WrongVerdict {
  id: string;
  mistake: string;
  /** The wrong SIS's requests got the answers it expects, and exactly the checks it names failed as it says. */
  caught: boolean;
  problems: string[];
  result: ScenarioResult;
}

/**
 * Replays a wrong SIS in place of the scenario's steps (same fixtures), then judges it with the scenario's checks: each
 * check the twin names must fail (naming its rule id when it gives one). A twin whose checks all pass is a check that
 * cannot fail.
 */
export async function runWrong(
  scenario: Scenario,
  wrong: WrongSis,
  target: Target,
  fixtures: Map<string, Fixture>,
  opts: { cleanup?: boolean } = {},
): Promise<WrongVerdict> {
  const result = await runScenario(scenario, target, fixtures, { steps: wrong.steps, cleanup: opts.cleanup });
  const problems: string[] = [];
  if (result.error) problems.push(`could not run: ${result.error}`);
  for (const step of result.steps.filter((s) => !s.passed)) problems.push(`step '${step.name}': ${step.diffs.join('; ')}`);
  const byThat = new Map(result.assertions.map((a) => [a.that, a]));
  for (const f of wrong.fails) {
    const a = byThat.get(f.that);
    if (!a) problems.push(`names a check the scenario does not have: '${f.that}'`);
    else if (a.passed) problems.push(`'${f.that}' passed on the wrong SIS`);
    else if (f.finding && !a.diffs.some((d) => d.includes(f.finding!))) problems.push(`'${f.that}' failed without naming ${f.finding}: ${a.diffs.join('; ')}`);
  }
  if (!result.assertions.some((a) => !a.passed)) problems.push('every check passed on the wrong SIS');
  return { id: scenario.id, mistake: wrong.mistake, caught: problems.length === 0, problems, result };
}

/** A wrong-SIS replay as a result of the run report: passed when the scenario's checks caught the mistake. */
export function wrongResult(v: WrongVerdict, n: number): ScenarioResult {
  return {
    ...v.result,
    id: `${v.id}~wrong-${n}`,
    title: `wrong SIS: ${v.mistake}`,
    status: v.result.status === 'error' ? 'error' : v.caught ? 'passed' : 'failed',
    assertions: [{ that: "the scenario's checks judge this SIS FAIL", passed: v.caught, diffs: v.problems }],
  };
}
