import type { Registry, ResourceEntry } from '../model/registry';
import { indexKey } from '../store/document-store';
import { valueAt } from '../util/paths';

const SEP = '\u001f';
const part = (v: unknown, descriptor: boolean): string => (descriptor ? String(v).toLowerCase() : String(v));

/** The natural key of a body, or undefined when a key part is missing. */
export function naturalKey(entry: ResourceEntry, body: unknown): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < entry.keyPaths.length; i++) {
    const v = valueAt(body, entry.keyPaths[i]);
    if (v === undefined) return undefined;
    parts.push(part(v, entry.keyDescriptor[i]));
  }
  return parts.join(SEP);
}

/** Index keys of a body: own natural key, then one per abstract superclass (an edorg id for a school). */
export function indexKeys(registry: Registry, entry: ResourceEntry, key: string): string[] {
  const keys = [indexKey(entry.model.name, key)];
  const parent = entry.model.superclass && registry.abstracts.get(entry.model.superclass);
  if (parent) {
    const own = new Map(entry.model.keyFields.map((k, i) => [k.name, key.split(SEP)[i]]));
    const sub = parent.subtypes.find((s) => s.resource === entry.model.name);
    if (sub) keys.push(indexKey(parent.name, parent.keyFields.map((f) => own.get(sub.keyMap[f]) ?? '').join(SEP)));
  }
  return keys;
}

/** Index key a reference object points at, or undefined when the reference is incomplete. */
export function referenceIndexKey(registry: Registry, target: string, ref: Record<string, unknown>): string | undefined {
  const names = registry.byName.get(target)?.model.keyFields.map((k) => k.name) ?? registry.abstracts.get(target)?.keyFields;
  if (!names) return undefined;
  const parts: string[] = [];
  for (const n of names) {
    const v = ref[n];
    if (v === undefined) return undefined;
    parts.push(part(v, n.endsWith('Descriptor')));
  }
  return indexKey(target, parts.join(SEP));
}

/** Index key of a descriptor URI (`namespace#codeValue`, split at the first '#', case-insensitive). */
export function descriptorIndexKey(descriptor: string, uri: string): string | undefined {
  const at = uri.indexOf('#');
  if (at < 0) return undefined;
  return indexKey(descriptor, `${uri.slice(0, at).toLowerCase()}${SEP}${uri.slice(at + 1).toLowerCase()}`);
}
