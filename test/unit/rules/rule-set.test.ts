import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PUBLIC_CLIENT, CHOICE_CLIENT, SCHEMAS } from '../../helpers/api';

const INTEGRATION = resolve(__dirname, '..', '..', 'integration');
import { loadRegistry } from '../../../src/model/registry';
import { instancesOf, loadProfile } from '../../../src/pipeline/profile';
import { PREDICATES } from '../../../src/rules/predicates';
import { type RuleDef, appliesTo, compileRules, ruleMessage } from '../../../src/rules/rule-set';
import { splitPath } from '../../../src/util/paths';

const rule = (over: Partial<RuleDef> = {}): RuleDef => ({
  id: 'X-1',
  title: 't',
  source: 's',
  level: 'reject',
  resource: 'Student',
  check: 'required',
  message: 'm {value}',
  ...over,
});

describe('state rule set', () => {
  it('refuses an unknown predicate and a duplicate id with clear messages', () => {
    expect(() => compileRules([rule({ check: 'nope' })], undefined)).toThrow(/rule X-1: unknown check 'nope' \(known: forbidden-for-clients, /);
    expect(() => compileRules([rule(), rule()], undefined)).toThrow('rule X-1: duplicate id');
  });

  it('keeps a year-scoped rule only in its years and sorts rules by level', () => {
    const defs = [rule({ years: [2025] }), rule({ id: 'X-2', level: 'report' }), rule({ id: 'X-3', check: 'forbidden-for-clients' })];
    expect(compileRules(defs, 2024).onWrite.size).toBe(0);
    const set = compileRules(defs, 2025);
    expect(set.onWrite.get('Student')!.map((r) => r.def.id)).toEqual(['X-1']);
    expect(set.report.map((r) => r.def.id)).toEqual(['X-2']);
    expect(set.access.get('Student')!.map((r) => r.def.id)).toEqual(['X-3']);
  });

  it('matches clients by attribute, with the profile default for clients that have none', () => {
    const set = compileRules([], undefined, { configurationProfile: 'Public' });
    const publicOnly = rule({ clients: { configurationProfile: ['Public'] } });
    expect(appliesTo(set, publicOnly, PUBLIC_CLIENT)).toBe(true);
    expect(appliesTo(set, publicOnly, CHOICE_CLIENT)).toBe(false);
    expect(appliesTo(set, publicOnly, { key: 'k', secret: 's', name: 'n' })).toBe(true);
  });

  it('fills the message and prefixes the rule id', () => {
    expect(ruleMessage(rule({ message: "'{value}' ({detail})" }), { value: 'a', detail: 'b' })).toBe("[X-1] 'a' (b)");
  });
});

/** The profiles are data: every rule, descriptor set and document must make sense in every year it applies to. */
describe.each(['edfi', 'wi', 'mi'])('profile %s', (name) => {
  const profile = loadProfile(SCHEMAS, name);
  const instances = instancesOf(profile);
  const registries = new Map(instances.map((i) => [i.schoolYear, loadRegistry(SCHEMAS, i.dataStandard, i.extensions)]));

  it('names only resources, descriptors and predicates that exist in the years it applies to', () => {
    const problems: string[] = [];
    for (const i of instances) {
      const reg = registries.get(i.schoolYear)!;
      const applies = (years?: number[]) => !years || i.schoolYear === undefined || years.includes(i.schoolYear);
      for (const r of (profile.rules ?? []).filter((x) => applies(x.years))) {
        if (!reg.byName.has(r.resource)) problems.push(`${i.schoolYear}: rule ${r.id} names ${r.resource}`);
        if (!PREDICATES[r.check]) problems.push(`rule ${r.id}: check ${r.check}`);
        if (!r.source || !r.message) problems.push(`rule ${r.id}: source and message are required`);
      }
      for (const d of (profile.descriptors ?? []).filter((x) => applies(x.years)))
        if (!reg.byName.get(d.descriptor)?.model.isDescriptor) problems.push(`${i.schoolYear}: ${d.descriptor}`);
      for (const d of (profile.documents ?? []).filter((x) => applies(x.years)))
        if (!reg.byName.has(d.resource)) problems.push(`${i.schoolYear}: ${d.resource}`);
    }
    expect(problems).toEqual([]);
  });

  it('has a test naming each of its rules (each rule is shown firing and silent there)', () => {
    const tests = readdirSync(INTEGRATION)
      .map((f) => readFileSync(join(INTEGRATION, f), 'utf8'))
      .join('\n');
    expect((profile.rules ?? []).map((r) => r.id).filter((id) => !tests.includes(id))).toEqual([]);
  });

  it('gives every rule path a member that exists in at least one year of the rule', () => {
    const missing: string[] = [];
    for (const r of profile.rules ?? []) {
      const p = r.params ?? {};
      const relative = [p.paths, p.path, p.member].flat().filter((x): x is string => typeof x === 'string');
      const eaches = [p.each].flat().filter((x): x is string => typeof x === 'string');
      // `each` makes paths relative to its items; `via` makes them paths of the referenced resource (the reference itself is checked).
      const paths = p.via ? [String(p.via)] : eaches.length ? eaches.flatMap((e) => [e, ...relative.map((r) => `${e}[].${r}`)]) : relative;
      for (const path of paths) {
        const found = instances.some((i) => {
          const entry = registries.get(i.schoolYear)!.byName.get(r.resource);
          let node: Record<string, unknown> | undefined = entry?.model.jsonSchema;
          for (const seg of splitPath(path)) {
            if (!node) return false;
            node =
              seg === '[]'
                ? (node.items as Record<string, unknown>)
                : ((node.properties as Record<string, Record<string, unknown>> | undefined)?.[seg] ?? undefined);
          }
          return !!node;
        });
        if (!found) missing.push(`${r.id}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
