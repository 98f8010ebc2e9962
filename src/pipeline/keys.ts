import type { Registry, ResourceEntry } from '../model/registry';
import { decodeKey, encodeKey, keyPart } from '../store/key-codec';
import { valueAt } from '../util/paths';

/** The index keys of a body (own natural key first, then one per abstract superclass), or undefined when a key part is missing. */
export function indexKeysOf(registry: Registry, entry: ResourceEntry, body: unknown): string[] | undefined {
  const parts: string[] = [];
  for (let i = 0; i < entry.keyPaths.length; i++) {
    const v = valueAt(body, entry.keyPaths[i]);
    if (v === undefined) return undefined;
    parts.push(keyPart(v, entry.keyDescriptor[i]));
  }
  return indexKeys(registry, entry, parts);
}

/** Index keys of a natural key's parts: own key, then one per abstract superclass (an edorg id for a school). */
export function indexKeys(registry: Registry, entry: ResourceEntry, parts: readonly string[]): string[] {
  const keys = [encodeKey(entry.model.name, parts)];
  const parent = entry.model.superclass && registry.abstracts.get(entry.model.superclass);
  if (parent) {
    const own = new Map(entry.model.keyFields.map((k, i) => [k.name, parts[i]]));
    const sub = parent.subtypes.find((s) => s.resource === entry.model.name);
    if (sub)
      keys.push(
        encodeKey(
          parent.name,
          parent.keyFields.map((f) => own.get(sub.keyMap[f]) ?? ''),
        ),
      );
  }
  return keys;
}

/** The key values of an index key, as the ODS names them in a conflict: `a, b`. */
export const keyValuesText = (key: string): string => decodeKey(key).parts.join(', ');

/** Index key a reference object points at, or undefined when the reference is incomplete. */
export function referenceIndexKey(registry: Registry, target: string, ref: Record<string, unknown>): string | undefined {
  const names = registry.byName.get(target)?.model.keyFields.map((k) => k.name) ?? registry.abstracts.get(target)?.keyFields;
  if (!names) return undefined;
  const parts: string[] = [];
  for (const n of names) {
    const v = ref[n];
    if (v === undefined) return undefined;
    parts.push(keyPart(v, n.endsWith('Descriptor')));
  }
  return encodeKey(target, parts);
}

/** Index key of a descriptor URI (`namespace#codeValue`, split at the first '#', case-insensitive). */
export function descriptorIndexKey(descriptor: string, uri: string): string | undefined {
  const at = uri.indexOf('#');
  if (at < 0) return undefined;
  return encodeKey(descriptor, [uri.slice(0, at).toLowerCase(), uri.slice(at + 1).toLowerCase()]);
}
