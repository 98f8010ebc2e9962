import { loadFixtures, loadScenarios } from '../../src/scenarios/load';
import { runScenario } from '../../src/scenarios/run';
import { inProcessTarget } from '../../src/scenarios/target';
import { runWrong } from '../../src/scenarios/wrong';
import { nullTarget } from '../helpers/null-target';

const scenarios = loadScenarios();
const fixtures = loadFixtures();
/** A vendor-certification scenario: its `expect` block judges what a SIS sent. */
const isVendor = (s: (typeof scenarios)[number]) => !!s.instructions && !!s.expect?.length;
/** A report check: the validation report must have no finding of some rule. */
const reportExcludes = (s: (typeof scenarios)[number]) => (s.expect ?? []).filter((a) => a.report?.excludes?.length);

/** Given the whole catalogue, every check in it can fail: a wrong SIS fails it, and so does an API that does nothing. */
describe('every certification check can fail', () => {
  it('no scenario passes against an API that answers 200 [] to everything', async () => {
    const passing: string[] = [];
    for (const s of scenarios) if ((await runScenario(s, nullTarget(), fixtures)).status === 'passed') passing.push(s.id);
    expect(passing).toEqual([]);
  });

  it('no step checks a validation report with excludes alone (report checks are expect blocks with a wrong twin)', () => {
    const steps = scenarios.filter((s) => s.steps.some((st) => /validations/.test(st.request.path) && st.expect.text?.excludes && !st.expect.text.contains));
    expect(steps.map((s) => s.id)).toEqual([]);
  });

  it('every vendor scenario has a wrong-SIS twin, and every report check a twin that violates it with its rule id', () => {
    const missing = scenarios.filter((s) => isVendor(s) && !s.wrong?.length).map((s) => `${s.id}: no wrong SIS`);
    for (const s of scenarios)
      for (const a of reportExcludes(s))
        if (!s.wrong?.some((w) => w.fails.some((f) => f.that === a.that && f.finding && a.report!.excludes!.includes(f.finding))))
          missing.push(`${s.id}: '${a.that}' has no twin that names one of ${a.report!.excludes!.join(', ')}`);
    expect(missing).toEqual([]);
  });

  const twins = scenarios.flatMap((s) => (s.wrong ?? []).map((w) => [`${s.id}: ${w.mistake}`, s, w] as const));
  it.each(twins)('%s: judged FAIL', async (_name, scenario, wrong) => {
    const verdict = await runWrong(scenario, wrong, inProcessTarget(scenario.profile, scenario.schoolYear), fixtures);
    expect(verdict.problems).toEqual([]);
    expect(verdict.caught).toBe(true);
  });
});
