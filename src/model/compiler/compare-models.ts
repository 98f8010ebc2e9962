import type { CompiledModel, ResourceModel } from '../types';

/** One difference between two compiled models, under a stable key an allow-list can name. */
export interface ModelDifference {
  /** `Resource` or `Resource:aspect:path`, e.g. `Assessment:member:contentStandard.version`. */
  key: string;
  derived: unknown;
  official: unknown;
}

type Json = Record<string, unknown>;
const show = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v));

/** Walks two write schemas member by member; a difference is reported at the deepest member where they part. */
function diffSchemas(resource: string, path: string, a: Json | undefined, b: Json | undefined, out: ModelDifference[]): void {
  if (!a || !b) {
    if (a !== b) out.push({ key: `${resource}:member:${path}`, derived: a, official: b });
    return;
  }
  const own = (s: Json) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'properties' && k !== 'items' && k !== 'required'));
  if (show(own(a)) !== show(own(b))) out.push({ key: `${resource}:facets:${path || '$'}`, derived: own(a), official: own(b) });
  const req = (s: Json) => [...((s.required as string[] | undefined) ?? [])].sort();
  if (show(req(a)) !== show(req(b))) out.push({ key: `${resource}:required:${path || '$'}`, derived: req(a), official: req(b) });
  if (a.items || b.items) diffSchemas(resource, `${path}[]`, a.items as Json, b.items as Json, out);
  const pa = (a.properties ?? {}) as Record<string, Json>;
  const pb = (b.properties ?? {}) as Record<string, Json>;
  for (const k of [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort()) diffSchemas(resource, path ? `${path}.${k}` : k, pa[k], pb[k], out);
}

/** The parts of a resource model other than its write schema, each in a canonical (sorted) form. */
function aspects(r: ResourceModel): Record<string, unknown> {
  const sorted = <T>(xs: T[], by: (x: T) => string) => [...xs].sort((x, y) => by(x).localeCompare(by(y)));
  return {
    identity: sorted(r.keyFields, (k) => k.name),
    references: sorted(r.references, (x) => x.path),
    descriptors: sorted(r.descriptors, (d) => d.path),
    collections: sorted(r.collections, (c) => c.path).map((c) => ({ ...c, itemKey: [...c.itemKey].sort() })),
    unifications: sorted(
      r.unifications.map((u) => ({ field: u.field, paths: [...u.paths].sort() })),
      (u) => u.field + u.paths.join(),
    ),
    queryFields: sorted(r.queryFields, (q) => q.name),
    endpoint: { schema: r.schema, plural: r.plural, isDescriptor: r.isDescriptor, keyUpdatable: r.keyUpdatable, superclass: r.superclass },
  };
}

/** Every difference between a derived model and the official one, resource by resource. */
export function compareModels(derived: CompiledModel, official: CompiledModel): ModelDifference[] {
  const out: ModelDifference[] = [];
  const a = new Map(derived.resources.map((r) => [r.name, r]));
  const b = new Map(official.resources.map((r) => [r.name, r]));
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(name);
    const y = b.get(name);
    if (!x || !y) {
      out.push({ key: name, derived: x ? 'present' : undefined, official: y ? 'present' : undefined });
      continue;
    }
    const ax = aspects(x);
    const ay = aspects(y);
    for (const k of Object.keys(ax)) if (show(ax[k]) !== show(ay[k])) out.push({ key: `${name}:${k}`, derived: ax[k], official: ay[k] });
    diffSchemas(name, '', x.jsonSchema, y.jsonSchema, out);
  }
  return out;
}
