import { type StoredDocument, descriptorRefsOf, keysOf, refsOf, storedDocument } from '../store/document-store';
import { valueAt } from '../util/paths';
import type { Env } from './context';
import { indexKeysOf } from './keys';
import { forEachResolvedReference } from './resolved-references';

/**
 * ODS parity: a natural-key change on a key-updatable resource (ON UPDATE CASCADE) rewrites the references of every
 * item that points at the old key; when that changes a dependent's own key, the change cascades further.
 */
export function cascadeKeyChange(env: Env, before: StoredDocument, after: StoredDocument): void {
  const { registry, store } = env;
  const entry = registry.byName.get(after.resource)!;
  const newBody = JSON.parse(after.body) as unknown;
  const values = new Map(entry.model.keyFields.map((k, i) => [k.name, valueAt(newBody, entry.keyPaths[i])]));
  const parent = entry.model.superclass ? registry.abstracts.get(entry.model.superclass) : undefined;
  const keyMap = parent?.subtypes.find((s) => s.resource === after.resource)?.keyMap ?? {};
  for (const id of store.referencers(before.id)) {
    const dependent = store.get(id);
    const depEntry = dependent && registry.byName.get(dependent.resource);
    if (!dependent || !depEntry) continue;
    const body = JSON.parse(dependent.body) as Record<string, unknown>;
    forEachResolvedReference(depEntry, body, dependent.links, (r, ref, target) => {
      if (target !== before.id) return;
      for (const f of r.fields) ref[f] = values.get(r.target === after.resource ? f : keyMap[f]) ?? ref[f];
    });
    const keys = indexKeysOf(registry, depEntry, body);
    const next = storedDocument({
      id: dependent.id,
      resource: dependent.resource,
      keys: keys ?? keysOf(dependent),
      body: JSON.stringify(body),
      stamp: env.stamp(),
      refs: refsOf(dependent),
      descriptorRefs: descriptorRefsOf(dependent),
    });
    if (next.key !== dependent.key) cascadeKeyChange(env, dependent, next);
    store.put(next);
  }
}
