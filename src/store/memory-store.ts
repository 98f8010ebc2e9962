import type { DocumentId } from '../util/brand';
import type { DeleteResult, DocumentStore, StoreListener, StoredDocument } from './document-store';

/**
 * Documents of one resource in insertion order (updates keep their place). Deleted ids are left in `order` and
 * swept out lazily, the next time the resource is paged, so neither inserts nor deletes pay for a second map.
 */
interface Table {
  order: DocumentId[];
  count: number;
  /** Deleted ids still listed in `order`. */
  removed: Set<DocumentId>;
}

/** The in-memory DocumentStore: indexes by id, by natural key and by reverse reference. */
export function createMemoryStore(): DocumentStore {
  const byId = new Map<DocumentId, StoredDocument>();
  const byKey = new Map<string, DocumentId>();
  const tables = new Map<string, Table>();
  const referencedBy = new Map<DocumentId, Set<DocumentId>>();
  const descriptorUses = new Map<DocumentId, number>();
  const listeners = new Set<StoreListener>();

  const table = (resource: string): Table => {
    let t = tables.get(resource);
    if (!t) tables.set(resource, (t = { order: [], count: 0, removed: new Set() }));
    return t;
  };
  const live = (resource: string): DocumentId[] => {
    const t = tables.get(resource);
    if (!t) return [];
    if (t.removed.size) {
      t.order = t.order.filter((id) => !t.removed.has(id));
      t.removed.clear();
    }
    return t.order;
  };
  const unlink = (doc: StoredDocument): void => {
    for (const k of doc.keys) if (byKey.get(k) === doc.id) byKey.delete(k);
    for (const target of doc.refs) {
      const set = referencedBy.get(target);
      set?.delete(doc.id);
      if (set?.size === 0) referencedBy.delete(target);
    }
    for (const target of doc.descriptorRefs) {
      const n = (descriptorUses.get(target) ?? 1) - 1;
      if (n > 0) descriptorUses.set(target, n);
      else descriptorUses.delete(target);
    }
  };

  return {
    get: (id) => byId.get(id),
    getByKey: (k) => {
      const id = byKey.get(k);
      return id === undefined ? undefined : byId.get(id);
    },
    page: (resource, offset, limit) =>
      live(resource)
        .slice(offset, offset + limit)
        .map((id) => byId.get(id)!),
    all: function* (resource) {
      for (const id of live(resource)) {
        const doc = byId.get(id);
        if (doc && doc.resource === resource) yield doc;
      }
    },
    count: (resource) => tables.get(resource)?.count ?? 0,
    put: (doc) => {
      const previous = byId.get(doc.id);
      if (previous) unlink(previous);
      byId.set(doc.id, doc);
      for (const k of doc.keys) byKey.set(k, doc.id);
      for (const target of doc.refs) {
        let set = referencedBy.get(target);
        if (!set) referencedBy.set(target, (set = new Set()));
        set.add(doc.id);
      }
      for (const target of doc.descriptorRefs) descriptorUses.set(target, (descriptorUses.get(target) ?? 0) + 1);
      if (!previous) {
        const t = table(doc.resource);
        // An id deleted and stored again (journal replay) keeps its old place instead of being listed twice.
        if (!t.removed.delete(doc.id)) t.order.push(doc.id);
        t.count++;
      }
      for (const l of listeners) l.put(doc);
    },
    referencers: (id) => [...(referencedBy.get(id) ?? [])],
    delete: (id): DeleteResult => {
      const doc = byId.get(id);
      if (!doc) return { type: 'not-found' };
      const by = referencedBy.get(id);
      if (by && by.size) return { type: 'referenced', by: byId.get(by.values().next().value as DocumentId)! };
      const uses = descriptorUses.get(id);
      if (uses) return { type: 'descriptor-in-use', uses };
      unlink(doc);
      byId.delete(id);
      const t = table(doc.resource);
      t.count--;
      t.removed.add(id);
      for (const l of listeners) l.delete(id);
      return { type: 'deleted', doc };
    },
    ids: () => byId.keys(),
    size: () => byId.size,
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
