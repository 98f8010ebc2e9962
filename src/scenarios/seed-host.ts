import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '../auth/clients';
import type { Host } from '../pipeline/host';
import { loadFixture, loadFixtures } from './load';
import { postFixtures } from './run';
import { at, parse } from './session';
import { hostTarget, shortDs } from './target';
import type { Fixture } from './types';
import { schoolYearLabel } from '../util/school-year';

/** What `--seed` loaded into one ODS instance, and the ready keys its fixtures ask to show. */
export interface SeedSummary {
  schoolYear?: number;
  /** Items created (201) and items that were already there (200, e.g. a persisted store seeded again). */
  created: number;
  present: number;
  /** Items written per resource path, in load order. */
  byPath: Map<string, number>;
  show: { label: string; values: string[] }[];
}

/** The client the seed writes as: not in the clients list, so no credentials exist for it outside this process. */
const SEED_CLIENT: Client = { key: 'edfi-mock-seed', secret: '', name: 'edfi-mock --seed' };

/**
 * Resolves a `--seed` value: `sample` is the profile's sample district (`fixtures/sample-<profile>.yaml`), a path is a
 * fixture file (its `include`s name fixture sets of the catalogue), anything else a fixture set of the catalogue.
 */
export function seedFixtures(seed: string, profile: string): { names: string[]; fixtures: Map<string, Fixture> } {
  const fixtures = loadFixtures();
  if (seed === 'sample') {
    const name = `sample-${profile}`;
    if (!fixtures.has(name)) throw new Error(`--seed sample: profile ${profile} has no sample data set`);
    return { names: [name], fixtures };
  }
  const file = resolve(seed);
  if (/\.ya?ml$/i.test(seed) || existsSync(file)) {
    if (!existsSync(file)) throw new Error(`--seed: fixture file not found: ${file}`);
    const own = loadFixture(file);
    fixtures.set(own.name, own);
    return { names: [own.name], fixtures };
  }
  if (fixtures.has(seed)) return { names: [seed], fixtures };
  throw new Error(`--seed ${seed}: use 'sample', a fixture file (.yaml), or one of the fixture sets ${[...fixtures.keys()].join(', ')}`);
}

/**
 * Loads fixture sets into every instance of a host through the API's own write path (validation, references,
 * descriptors, state rules), each year in its Data Standard's shapes, then reads back the keys the fixtures show.
 */
export async function seedHost(host: Host, names: readonly string[], fixtures: Map<string, Fixture>): Promise<SeedSummary[]> {
  const target = hostTarget(host, 'seed');
  const token = host.root.tokens.issue(SEED_CLIENT)?.value;
  if (!token) throw new Error('--seed: no token could be issued for the seed client');
  const shows = [...new Set(names)].flatMap((n) => fixtures.get(n)?.show ?? []);
  const summaries: SeedSummary[] = [];
  for (const env of host.envs) {
    const vars = env.schoolYear === undefined ? {} : { year: env.schoolYear, prevYear: env.schoolYear - 1 };
    const base = env.urls.data;
    const dataStandard = shortDs(env.registry.informationalVersion);
    let loaded;
    try {
      loaded = (await postFixtures(names, fixtures, { target, base, dataStandard, token, vars })).loaded;
    } catch (err) {
      const year = env.schoolYear === undefined ? '' : ` (school year ${env.schoolYear})`;
      throw new Error(`--seed${year}: ${(err as Error).message}`, { cause: err });
    }
    const byPath = new Map<string, number>();
    for (const item of loaded) byPath.set(item.path, (byPath.get(item.path) ?? 0) + 1);
    const show = [];
    for (const s of shows) {
      const answer = await target.send('GET', `${base}${s.path}`, undefined, { Authorization: `Bearer ${token}` });
      const items = parse(answer.text);
      const values = Array.isArray(items) ? items.map((it) => s.members.map((m) => String(at(it, m) ?? '')).join(' / ')) : [];
      show.push({ label: s.label, values });
    }
    summaries.push({
      schoolYear: env.schoolYear,
      created: loaded.filter((l) => l.status === 201).length,
      present: loaded.filter((l) => l.status === 200).length,
      byPath,
      show,
    });
  }
  return summaries;
}

/** Banner lines for what was seeded: per year, the counts and a few ready keys. */
export function seedBanner(summaries: readonly SeedSummary[], seed: string): string[] {
  const lines: string[] = [];
  for (const s of summaries) {
    const year = s.schoolYear === undefined ? '' : `${schoolYearLabel(s.schoolYear)} `;
    const counts = [...s.byPath].map(([path, n]) => `${n} ${path.split('/').pop()}`).join(', ');
    const again = s.present ? ` (${s.present} already present)` : '';
    lines.push(`Seeded ${year}from ${seed}: ${s.created + s.present} items${again}: ${counts}`);
    for (const x of s.show) {
      const shown = x.values.slice(0, 4).join(', ') + (x.values.length > 4 ? `, ... (${x.values.length} in all)` : '');
      lines.push(`  ${x.label}: ${shown || 'none'}`);
    }
  }
  return lines;
}
