import { relative } from 'node:path';
import { SCENARIOS_DIR, loadFixtures, loadScenarios } from '../../src/scenarios/load';
import { failureDetail } from '../../src/scenarios/report/console';
import { runScenario } from '../../src/scenarios/run';
import { inProcessTarget } from '../../src/scenarios/target';

/** `SCENARIOS=wi/WI-SSA-*` narrows the run (a glob over paths relative to scenarios/). */
const glob = process.env.SCENARIOS;
const pattern =
  glob &&
  new RegExp(
    `^${glob
      .replace(/[.+^$()|[\]\\]/g, '\\$&')
      .replace(/\*\*/g, '\uffff')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '.')
      .replace(/\uffff/g, '.*')}(\\.ya?ml)?$`,
  );
const scenarios = loadScenarios().filter((s) => !pattern || pattern.test(relative(SCENARIOS_DIR, s.file)));
const fixtures = loadFixtures();

/** Every scenario file of the catalogue is one test, run by the same runner as `edfi-mock certify run`. */
describe('certification catalogue (in-process)', () => {
  if (!scenarios.length) it(`finds scenarios for SCENARIOS=${glob}`, () => expect(scenarios.length).toBeGreaterThan(0));
  it.each(scenarios.map((s) => [`${s.id} ${s.title}`, s] as const))('%s', async (_name, scenario) => {
    const result = await runScenario(scenario, inProcessTarget(scenario.profile, scenario.schoolYear), fixtures);
    if (result.status !== 'passed') throw new Error(failureDetail(result));
    expect(result.steps.length + result.assertions.length).toBeGreaterThan(0);
  });
});
