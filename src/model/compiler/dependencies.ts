import type { AbstractModel, DependencyEntry, ResourceModel } from '../types';

/** A person resource listed twice: Create early, Update after the associations that authorize it (ODS parity). */
export interface PersonSplit {
  resource: string;
  updateAfter: string[];
}

/**
 * Topological load order: level 1 has no dependencies, otherwise 1 + the deepest dependency. Edges come from every
 * reference and descriptor member; abstract targets stand for all their subtypes; cycles are broken where found.
 * Within a level entries are alphabetical by route, as ODS lists them.
 */
export function computeDependencies(resources: ResourceModel[], abstracts: AbstractModel[], splits: PersonSplit[]): DependencyEntry[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const expand = (t: string): string[] => abstracts.find((a) => a.name === t)?.subtypes.map((s) => s.resource) ?? [t];
  const deps = new Map<string, Set<string>>();
  for (const r of resources) {
    const targets = [...r.references.flatMap((ref) => expand(ref.target)), ...r.descriptors.map((d) => d.descriptor)];
    deps.set(r.name, new Set(targets.filter((t) => t !== r.name && byName.has(t))));
  }
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (name: string): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0;
    visiting.add(name);
    let lv = 1;
    for (const d of deps.get(name) ?? []) lv = Math.max(lv, visit(d) + 1);
    visiting.delete(name);
    level.set(name, lv);
    return lv;
  };
  const route = (r: ResourceModel) => `/${r.schema}/${r.plural}`;
  const entries: DependencyEntry[] = resources.map((r) => ({ resource: route(r), order: visit(r.name), operations: ['Create', 'Update'] }));
  for (const split of splits) {
    const person = byName.get(split.resource);
    const entry = person && entries.find((e) => e.resource === route(person));
    if (!person || !entry) continue;
    const after = Math.max(...split.updateAfter.map((n) => level.get(n) ?? 0));
    entry.operations = ['Create'];
    entries.push({ resource: route(person), order: after + 1, operations: ['Update'] });
  }
  return entries.sort((a, b) => a.order - b.order || a.resource.localeCompare(b.resource) || a.operations.length - b.operations.length);
}
