import type { CompiledModel, JsonSchema, ResourceModel } from './types';

/** How one member changed between two releases. */
export interface MemberChange {
  member: string;
  change: 'added' | 'removed' | 'renamed' | 'now required' | 'now optional' | 'type' | 'length';
  /** For a rename, the new name; for a type or length change, before -> after. */
  detail?: string;
}

/** What a vendor moving from one Data Standard to another must know, resource by resource. */
export interface ModelDiff {
  from: string;
  to: string;
  resourcesAdded: string[];
  resourcesRemoved: string[];
  descriptorsAdded: string[];
  descriptorsRemoved: string[];
  /** Route (`ed-fi/assessments`) -> its member changes. */
  changed: Record<string, MemberChange[]>;
}

type Props = Record<string, JsonSchema>;

/** Every member of a write schema, nested ones as dotted paths (`scores[].minimumScore`). */
function members(schema: JsonSchema, prefix = '', out = new Map<string, { schema: JsonSchema; required: boolean }>()) {
  const props = (schema.properties ?? {}) as Props;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, p] of Object.entries(props)) {
    const path = prefix + name;
    out.set(path, { schema: p, required: required.has(name) });
    if (p.type === 'array' && p.items) members(p.items as JsonSchema, `${path}[].`, out);
    else if (p.properties) members(p, `${path}.`, out);
  }
  return out;
}

const typeOf = (s: JsonSchema): string => [s.type, s.format].filter(Boolean).join(' ');
/** The scalar facets of a member, for telling a rename (same shape, other name) from a new member. */
const shape = (s: JsonSchema): string =>
  JSON.stringify({ t: s.type, f: s.format, max: s.maxLength, min: s.minLength, p: s.properties ? Object.keys(s.properties as Props).sort() : undefined });
const route = (r: ResourceModel): string => `${r.schema}/${r.plural}`;
const holderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));
const words = (path: string): string[] => (path.slice(path.lastIndexOf('.') + 1).match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? []).map((w) => w.toLowerCase());
/** Whether a member name contains every word of another, plus something (a rename that qualified it). */
const holdsWordsOf = (name: string, old: string): boolean => {
  const mine = words(name);
  return words(old).every((w) => mine.includes(w)) && mine.length > words(old).length;
};

function memberChanges(a: ResourceModel, b: ResourceModel): MemberChange[] {
  const before = members(a.jsonSchema);
  const after = members(b.jsonSchema);
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const out: MemberChange[] = [];
  // A member that left and one that came under the same holder, with the same shape, whose name holds every word of
  // the old one (`lastEvaluationDate` -> `iepLastEvaluationDate`), and is the only such: a rename. Ambiguous pairs stay
  // "removed" and "added".
  for (const r of [...removed]) {
    if (before.get(r)!.schema.properties) continue;
    const twins = added.filter((x) => holderOf(x) === holderOf(r) && shape(after.get(x)!.schema) === shape(before.get(r)!.schema) && holdsWordsOf(x, r));
    if (twins.length === 1) {
      out.push({ member: r, change: 'renamed', detail: twins[0] });
      removed.splice(removed.indexOf(r), 1);
      added.splice(added.indexOf(twins[0]), 1);
    }
  }
  const top = (list: string[]) => list.filter((k) => !list.some((o) => o !== k && (k.startsWith(`${o}.`) || k.startsWith(`${o}[].`))));
  for (const m of top(added)) out.push({ member: m, change: 'added', ...(after.get(m)!.required ? { detail: 'required' } : {}) });
  for (const m of top(removed)) out.push({ member: m, change: 'removed' });
  for (const [m, x] of before) {
    const y = after.get(m);
    // A reference's fields are the referenced resource's key: their facets are that resource's, reported there.
    if (!y || /Reference\./.test(m)) continue;
    if (!x.required && y.required) out.push({ member: m, change: 'now required' });
    if (x.required && !y.required) out.push({ member: m, change: 'now optional' });
    if (typeOf(x.schema) !== typeOf(y.schema)) out.push({ member: m, change: 'type', detail: `${typeOf(x.schema)} -> ${typeOf(y.schema)}` });
    const len = (s: JsonSchema) => `${s.minLength ?? 0}..${s.maxLength ?? '∞'}`;
    if (x.schema.type === 'string' && y.schema.type === 'string' && len(x.schema) !== len(y.schema))
      out.push({ member: m, change: 'length', detail: `${len(x.schema)} -> ${len(y.schema)}` });
  }
  return out.sort((p, q) => p.member.localeCompare(q.member));
}

/** The differences between two compiled Data Standards, for `edfi-mock model diff`. */
export function diffModels(a: CompiledModel, b: CompiledModel): ModelDiff {
  const byRoute = (m: CompiledModel) => new Map(m.resources.map((r) => [route(r), r]));
  const ra = byRoute(a);
  const rb = byRoute(b);
  const only = (x: Map<string, ResourceModel>, y: Map<string, ResourceModel>, descriptor: boolean) =>
    [...x.values()].filter((r) => r.isDescriptor === descriptor && !y.has(route(r))).map(route);
  const changed: ModelDiff['changed'] = {};
  for (const [key, r] of ra) {
    const other = rb.get(key);
    if (!other || r.isDescriptor) continue;
    const changes = memberChanges(r, other);
    if (changes.length) changed[key] = changes;
  }
  return {
    from: a.informationalVersion,
    to: b.informationalVersion,
    resourcesAdded: only(rb, ra, false),
    resourcesRemoved: only(ra, rb, false),
    descriptorsAdded: only(rb, ra, true),
    descriptorsRemoved: only(ra, rb, true),
    changed,
  };
}

/** The diff as text: a section per kind, a line per change. */
export function diffText(d: ModelDiff): string {
  const lines = [`Data Standard ${d.from} -> ${d.to}`, ''];
  const list = (title: string, xs: string[]) => {
    if (!xs.length) return;
    lines.push(`${title} (${xs.length}):`, ...xs.map((x) => `  ${x}`), '');
  };
  list('Resources added', d.resourcesAdded);
  list('Resources removed', d.resourcesRemoved);
  list('Descriptors added', d.descriptorsAdded);
  list('Descriptors removed', d.descriptorsRemoved);
  const routes = Object.keys(d.changed).sort();
  if (routes.length) lines.push(`Resources changed (${routes.length}):`);
  for (const r of routes) {
    lines.push(`  ${r}`);
    for (const c of d.changed[r]) lines.push(`    ${c.change.padEnd(12)} ${c.member}${c.detail ? `  ${c.change === 'renamed' ? '-> ' : ''}${c.detail}` : ''}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
