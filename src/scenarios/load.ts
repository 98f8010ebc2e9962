import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { Fixture, Scenario } from './types';

/** The scenarios folder shipped with the package. */
export const SCENARIOS_DIR = resolve(__dirname, '..', '..', 'scenarios');

/** A scenario or fixture file that cannot be used: names the file and the line. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
  }
}

let validateScenario: ReturnType<Ajv['compile']> | undefined;
const schema = () =>
  (validateScenario ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(SCENARIOS_DIR, 'scenario.schema.json'), 'utf8'))));

/** Parses YAML keeping positions, so schema errors can name a line. */
function parseYaml(file: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ScenarioFileError(file, lineCounter.linePos(e.pos[0]).line, e.message.split('\n')[0]);
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { value: doc.toJS() as unknown, lineOf };
}

/** Where an error is in the document; an unknown member points at that member. */
const pointer = (e: ErrorObject): (string | number)[] => [
  ...e.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~'))),
  ...(e.keyword === 'additionalProperties' ? [String(e.params.additionalProperty)] : []),
];

function describe(e: ErrorObject): string {
  const at = e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, '.')}: ` : '';
  if (e.keyword === 'additionalProperties') return `${at}unknown member '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum') return `${at}must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}${e.message ?? 'is invalid'}`;
}

/** Loads and checks one scenario file. */
export function loadScenario(file: string): Scenario {
  const { value, lineOf } = parseYaml(file);
  const validate = schema();
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const first = errors.find((e) => e.keyword !== 'if') ?? errors[0];
    throw new ScenarioFileError(file, lineOf(pointer(first)), errors.map(describe).slice(0, 3).join('; '));
  }
  return { ...(value as Omit<Scenario, 'file'>), file };
}

/** Loads a fixture set. */
export function loadFixture(file: string): Fixture {
  const { value, lineOf } = parseYaml(file);
  const f = value as Partial<Fixture> | null;
  if (!f || typeof f !== 'object' || typeof f.name !== 'string' || !Array.isArray(f.items)) {
    throw new ScenarioFileError(file, lineOf([]), "a fixture needs 'name' and a list of 'items' ({path, body})");
  }
  f.items.forEach((item, i) => {
    if (!item || typeof item.path !== 'string' || item.body === undefined)
      throw new ScenarioFileError(file, lineOf(['items', i]), `items.${i}: needs 'path' and 'body'`);
  });
  if (f.include !== undefined && !(Array.isArray(f.include) && f.include.every((x) => typeof x === 'string')))
    throw new ScenarioFileError(file, lineOf(['include']), "'include' must be a list of fixture names");
  (f.show ?? []).forEach((x, i) => {
    if (!x || typeof x.label !== 'string' || typeof x.path !== 'string' || !Array.isArray(x.members))
      throw new ScenarioFileError(file, lineOf(['show', i]), `show.${i}: needs 'label', 'path' and a list of 'members'`);
  });
  if (f.name !== basename(file).replace(/\.ya?ml$/, '')) throw new ScenarioFileError(file, lineOf(['name']), `name '${f.name}' must match the file name`);
  return { ...(f as Omit<Fixture, 'file'>), file };
}

/** Every .yaml file under a folder (or the file itself), sorted. */
export function yamlFiles(path: string): string[] {
  if (!existsSync(path)) throw new ScenarioFileError(path, undefined, 'no such file or folder');
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(path, f))
    .sort();
}

/** Which scenarios to run. */
export interface Selection {
  ids?: string[];
  tags?: string[];
  profile?: string;
  year?: number;
}

/** Loads scenarios from paths (default: the catalogue, fixtures excluded), checks ids are unique, applies the selection. */
export function loadScenarios(paths: string[] = [SCENARIOS_DIR], sel: Selection = {}): Scenario[] {
  const files = paths.flatMap(yamlFiles).filter((f) => !relative(SCENARIOS_DIR, f).startsWith('fixtures'));
  const all = files.map(loadScenario);
  const seen = new Map<string, string>();
  for (const s of all) {
    const other = seen.get(s.id);
    if (other) throw new ScenarioFileError(s.file, undefined, `duplicate id ${s.id} (also in ${other})`);
    seen.set(s.id, s.file);
  }
  return all.filter(
    (s) =>
      (!sel.ids?.length || sel.ids.includes(s.id)) &&
      (!sel.tags?.length || sel.tags.some((t) => s.tags?.includes(t))) &&
      (!sel.profile || s.profile === sel.profile) &&
      (sel.year === undefined || s.schoolYear === sel.year),
  );
}

/**
 * The items of fixture sets in load order: each set's includes first (once each), then its own items.
 * An unknown name or an include cycle is an error naming the sets involved.
 */
export function fixtureItems(names: readonly string[], fixtures: Map<string, Fixture>): (Fixture['items'][number] & { fixture: string })[] {
  const out: (Fixture['items'][number] & { fixture: string })[] = [];
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (done.has(name)) return;
    if (trail.includes(name)) throw new Error(`fixture include cycle: ${[...trail, name].join(' -> ')}`);
    const f = fixtures.get(name);
    if (!f) throw new Error(`unknown fixture '${name}' (known: ${[...fixtures.keys()].join(', ')})`);
    for (const inc of f.include ?? []) visit(inc, [...trail, name]);
    done.add(name);
    out.push(...f.items.map((item) => ({ ...item, fixture: name })));
  };
  for (const n of names) visit(n, []);
  return out;
}

/** The fixture sets of scenarios/fixtures/, by name. */
export function loadFixtures(dir = join(SCENARIOS_DIR, 'fixtures')): Map<string, Fixture> {
  return new Map(
    existsSync(dir)
      ? yamlFiles(dir).map((f) => {
          const x = loadFixture(f);
          return [x.name, x] as const;
        })
      : [],
  );
}

/** The scenario clients a scenario's requests use (its steps and its wrong SIS), `default` where a step names none. */
export function clientsUsed(s: Scenario): string[] {
  const steps = [...s.steps, ...(s.wrong ?? []).flatMap((w) => w.steps)];
  return [...new Set(steps.map((st) => st.request.client ?? 'default'))];
}
