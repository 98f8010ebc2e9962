import type { DocumentId } from '../util/brand';
import type { DeleteResult, DocumentStore, StoreListener, StoredDocument } from './document-store';

/** Documents of one resource: membership in insertion order, plus an id array rebuilt lazily after deletes. */
interface Table {
  docs: Map<DocumentId, StoredDocument>;
  order: DocumentId[] | undefined;
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
    if (!t) tables.set(resource, (t = { docs: new Map(), order: [] }));
    return t;
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
  const order = (t: Table): DocumentId[] => (t.order ??= [...t.docs.keys()]);

  return {
    get: (id) => byId.get(id),
    getByKey: (k) => {
      const id = byKey.get(k);
      return id === undefined ? undefined : byId.get(id);
    },
    page: (resource, offset, limit) => {
      const t = tables.get(resource);
      if (!t) return [];
      return order(t)
        .slice(offset, offset + limit)
        .map((id) => t.docs.get(id)!);
    },
    all: (resource) => (tables.get(resource)?.docs.values() ?? new Map<DocumentId, StoredDocument>().values()),
    count: (resource) => tables.get(resource)?.docs.size ?? 0,
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
      const t = table(doc.resource);
      const isNew = !t.docs.has(doc.id);
      t.docs.set(doc.id, doc);
      if (isNew) t.order?.push(doc.id);
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
      t.docs.delete(id);
      t.order = undefined;
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
