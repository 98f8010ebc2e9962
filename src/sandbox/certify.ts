import { loadFixtures, loadScenarios } from '../scenarios/load';
import { runScenario } from '../scenarios/run';
import { hostTarget } from '../scenarios/target';
import type { ScenarioResult } from '../scenarios/types';
import type { Sandbox } from './fleet';

/** The certification scenarios of a profile, as the console lists them. */
export function scenariosFor(profile: string): { id: string; title: string; kind: 'vendor' | 'replay'; schoolYear?: number }[] {
  return loadScenarios()
    .filter((s) => s.profile === profile)
    .map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.instructions ? ('vendor' as const) : ('replay' as const),
      ...(s.schoolYear ? { schoolYear: s.schoolYear } : {}),
    }));
}

/**
 * Replays a scenario against a sandbox, as its own client (a scenario's Choice client is the sandbox's Choice client
 * when it has one), then deletes what the scenario created: the trainee's data stays as it was.
 */
export async function certifyInSandbox(sandbox: Sandbox, id: string): Promise<ScenarioResult | { errors: string[] }> {
  const scenario = loadScenarios().find((s) => s.id === id);
  if (!scenario || scenario.profile !== sandbox.record.profile) return { errors: [`No ${sandbox.record.profile} scenario '${id}'.`] };
  if (scenario.schoolYear !== undefined && !sandbox.host.byYear.has(scenario.schoolYear))
    return { errors: [`Scenario ${id} is for school year ${scenario.schoolYear}, which this sandbox does not have.`] };
  const clients = sandbox.record.clients;
  const byProfile = (p: string) => clients.find((c) => c.attributes?.configurationProfile === p);
  const target = {
    ...hostTarget(sandbox.host, `sandbox ${sandbox.record.id}`),
    credentials: (name: string) => (name === 'choice' ? byProfile('Choice') : name === 'public' ? (byProfile('Public') ?? clients[0]) : clients[0]),
  };
  return runScenario(scenario, target, loadFixtures(), { cleanup: true });
}
