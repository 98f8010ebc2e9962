import type { Registry, ResourceEntry } from '../model/registry';
import { normalize } from '../model/shape';
import { indexKeysOf } from '../pipeline/keys';
import type { Stamp } from '../util/etag';
import { newDocumentId } from '../util/ids';
import { type DocumentStore, storedDocument } from './document-store';

/** Stores one body unless an item with its natural key exists; returns whether it was added. */
function seedOne(registry: Registry, store: DocumentStore, entry: ResourceEntry, raw: Record<string, unknown>, stamp: () => Stamp): boolean {
  const body = normalize(raw, entry.shape) as Record<string, unknown>;
  const keys = indexKeysOf(registry, entry, body);
  if (keys === undefined) return false;
  if (store.getByKey(keys[0])) return false;
  store.put(storedDocument({ id: newDocumentId(), resource: entry.model.name, keys, body: JSON.stringify(body), stamp: stamp() }));
  return true;
}

/** Items generated over a numeric range, e.g. the school years 1991-2050 every ODS is populated with. */
export interface SeedRange {
  resource: string;
  member: string;
  from: number;
  to: number;
  /** Other members; in strings `{value}` and `{previous}` stand for the number and the one before it. */
  template: Record<string, unknown>;
}

const fill = (template: Record<string, unknown>, value: number): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(template).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.replace(/\{value\}/g, String(value)).replace(/\{previous\}/g, String(value - 1)) : v,
    ]),
  );

/**
 * Seeds what a fresh ODS has: the Data Standard's default descriptors and the configured ranges (school years).
 * Existing items (reloaded from disk) are left alone. Returns the number of items added.
 */
export function seedDefaults(registry: Registry, store: DocumentStore, stamp: () => Stamp, ranges: readonly SeedRange[]): number {
  let added = 0;
  for (const [descriptor, rows] of Object.entries(registry.descriptorDefaults)) {
    const entry = registry.byName.get(descriptor);
    if (!entry) continue;
    for (const [codeValue, shortDescription, description, namespace] of rows) {
      if (seedOne(registry, store, entry, { codeValue, shortDescription, description, namespace }, stamp)) added++;
    }
  }
  for (const range of ranges) {
    const entry = registry.byName.get(range.resource);
    for (let v = range.from; entry && v <= range.to; v++) {
      if (seedOne(registry, store, entry, { ...fill(range.template, v), [range.member]: v }, stamp)) added++;
    }
  }
  return added;
}

/** A profile's descriptor values (state namespaces): same rules as the defaults, existing items left alone. */
export function seedDescriptorSets(
  registry: Registry,
  store: DocumentStore,
  stamp: () => Stamp,
  sets: readonly { descriptor: string; namespace: string; values: [string, string, string?][] }[],
): number {
  let added = 0;
  for (const set of sets) {
    const entry = registry.byName.get(set.descriptor);
    if (!entry) throw new Error(`profile descriptor set: ${set.descriptor} is not a descriptor of Data Standard ${registry.dataStandard}`);
    for (const [codeValue, shortDescription, description] of set.values) {
      if (seedOne(registry, store, entry, { codeValue, shortDescription, description: description ?? shortDescription, namespace: set.namespace }, stamp))
        added++;
    }
  }
  return added;
}
