import type { Client } from '../auth/clients';
import type { Registry } from '../model/registry';
import type { Env } from '../pipeline/context';
import { type Host, createProfileHost } from '../pipeline/host';
import { type Profile, instancesOf, loadProfileOn } from '../pipeline/profile';
import { loadFixtures } from '../scenarios/load';
import { seedHost } from '../scenarios/seed-host';
import { hostTarget } from '../scenarios/target';
import type { Logger } from '../util/logger';
import { type GenerateOptions, generateDistrict, loadGenerated } from './generate';

/** What a sandbox starts from: a built-in template, or (`import`) the data of an imported sandbox file. */
export type TemplateName = 'empty' | 'minimal' | 'sample' | 'generated' | 'import';
/** The templates a sandbox can be created from. */
export const TEMPLATE_NAMES: readonly TemplateName[] = ['empty', 'minimal', 'sample', 'generated'];

/** A template: the profile, its school years (all when absent), and for `generated` the district's size and seed. */
export interface TemplateSpec {
  name: TemplateName;
  profile: string;
  years?: number[];
  students?: number;
  seed?: number;
  /** Another Data Standard for a profile without school years (edfi): 4.0, 5.0, 5.2, 6.0, 6.1. */
  dataStandard?: string;
}

/** A built template: an in-memory host whose data is never written again; sandboxes clone its stores. */
export interface Template {
  spec: TemplateSpec;
  profile: Profile;
  host: Host;
  /** Documents in all its school years. */
  documents: number;
  /** How long it took to build, in ms. */
  buildMs: number;
}

/** The fixture set of the `minimal` template: the profile's district (education organizations, a session, a course). */
const MINIMAL: Record<string, string> = { edfi: 'core-district', wi: 'wi-district', mi: 'mi-district', il: 'il-district' };

/** The cache key of a template. */
export const templateKey = (s: TemplateSpec): string =>
  [s.profile, s.dataStandard ?? '', s.name, s.years?.join('+') ?? 'all', s.name === 'generated' ? `${s.students ?? 0}/${s.seed ?? 1}` : ''].join(':');

/** The client templates are loaded as: never in a clients list, so nobody outside this process has its credentials. */
const TEMPLATE_CLIENT: Client = { key: 'edfi-mock-template', secret: '', name: 'edfi-mock template' };

/** The documents of every instance of a host. */
export const documentsOf = (envs: readonly Env[]): number => envs.reduce((n, e) => n + e.store.size(), 0);

/** Builds a template through the API's own write path (validation, references, descriptors and state rules). */
export async function buildTemplate(
  schemasDir: string,
  spec: TemplateSpec,
  logger: Logger,
  registries?: Map<string, Registry>,
  progress?: (line: string) => void,
): Promise<Template> {
  const started = Date.now();
  const profile = loadProfileOn(schemasDir, spec.profile, spec.dataStandard);
  const known = instancesOf(profile).map((i) => i.schoolYear);
  const unknown = (spec.years ?? []).filter((y) => !known.includes(y));
  if (unknown.length) {
    const offered = known.every((y) => y === undefined) ? 'it has no school years' : `it has ${known.join(', ')}`;
    throw new Error(`profile ${profile.name} has no school year ${unknown.join(', ')} (${offered})`);
  }
  const host = createProfileHost({
    schemasDir,
    profileData: profile,
    clients: [TEMPLATE_CLIENT],
    logger,
    tokenLimit: 0,
    years: spec.years,
    journalSize: 0,
    registries,
  });
  if (spec.name === 'minimal' || spec.name === 'sample') {
    const fixtures = loadFixtures();
    const set = spec.name === 'sample' ? `sample-${profile.name}` : MINIMAL[profile.name];
    if (!set || !fixtures.has(set)) throw new Error(`profile ${profile.name} has no ${spec.name} template`);
    await seedHost(host, [set], fixtures);
  } else if (spec.name === 'generated') {
    const options: GenerateOptions = { students: spec.students ?? 500, seed: spec.seed ?? 1 };
    for (const env of host.envs) {
      const district = generateDistrict(profile, env, options);
      const loaded = await loadGenerated(hostTarget(host, 'template'), env, district, TEMPLATE_CLIENT, progress);
      // A refusal is a bug of the generator: say which document and why, rather than hand out a partial district.
      if (loaded.rejected.length) {
        const r = loaded.rejected[0];
        throw new Error(
          `the generated district was refused ${loaded.rejected.length} times; first: POST ${r.path} ${r.status} ${r.answer} for ${JSON.stringify(r.body)}`,
        );
      }
    }
  }
  return { spec, profile, host, documents: documentsOf(host.envs), buildMs: Date.now() - started };
}

/** Templates built once and shared: concurrent requests for one template wait for the same build. */
export interface TemplateCache {
  get(spec: TemplateSpec): Promise<Template>;
  /** Templates built so far. */
  built(): Template[];
}

export function createTemplateCache(schemasDir: string, logger: Logger, registries?: Map<string, Registry>): TemplateCache {
  const cache = new Map<string, Promise<Template>>();
  const done: Template[] = [];
  return {
    get(spec) {
      const key = templateKey(spec);
      let t = cache.get(key);
      if (!t) {
        t = buildTemplate(schemasDir, spec, logger, registries).then((built) => {
          done.push(built);
          return built;
        });
        // A failed build is not kept: the next request tries again (and says why again).
        t.catch(() => cache.delete(key));
        cache.set(key, t);
      }
      return t;
    },
    built: () => [...done],
  };
}
