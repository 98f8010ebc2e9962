import type { DocumentId } from '../util/brand';
import { type ChangeRecord, type DeleteResult, type DocumentStore, type StoreListener, type StoredDocument, DESCRIPTORS_FOLLOW } from './document-store';
import { keyParts, splitKey } from './key-codec';

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

/** One change to take back: the document's id and the version it had before (none: it did not exist). */
export interface Undo {
  id: DocumentId;
  previous: StoredDocument | undefined;
}

/** The memory store plus what persistence needs: replay without new change versions, rollback, a commit hook. */
export interface MemoryStore extends DocumentStore {
  /**
   * Replay: stores a document with the change version it was written with. A key change is recorded unless the
   * caller brings its own records (`loadChange`, as PostgreSQL does).
   */
  load(doc: StoredDocument, recordKeyChange?: boolean): void;
  /** Tells listeners that documents changed outside put and delete (after loads from another process). */
  invalidate(): void;
  /** Replay: deletes whatever the id holds (no dependent check: the journal was consistent when written) and keeps the tombstone. */
  loadDelete(tombstone: ChangeRecord): void;
  /** Replay: a key change kept by a compaction. */
  loadChange(record: ChangeRecord): void;
  /** Takes changes back, newest first, telling listeners only `invalidate`; the change version returns to `version`. */
  revert(undos: readonly Undo[], version: number): void;
  /** Sets what `committed()` answers (the journal's group commit). */
  setCommitter(committed: () => Promise<void> | undefined): void;
}

/** Calls `ref` for each reference target of a document and `descriptor` for each descriptor it uses (see `links`). */
function eachLink(doc: StoredDocument, ref: (target: DocumentId) => void, descriptor: (id: DocumentId) => void): void {
  let descriptors = false;
  for (const id of doc.links) {
    if (id === DESCRIPTORS_FOLLOW) descriptors = true;
    else if (descriptors) descriptor(id);
    else ref(id);
  }
}

/** The in-memory DocumentStore: indexes by id, by natural key and by reverse reference. */
export function createMemoryStore(): MemoryStore {
  const byId = new Map<DocumentId, StoredDocument>();
  /** Entity -> natural key parts text -> id: the parts text is the document's own `key` string, not a second copy. */
  const byKey = new Map<string, Map<string, DocumentId>>();
  const keyTable = (entity: string) => {
    let t = byKey.get(entity);
    if (!t) byKey.set(entity, (t = new Map()));
    return t;
  };
  /** The alias (abstract superclass) key, split; aliases are few, so their parts text may be a slice. */
  const aliasOf = (doc: StoredDocument) => (doc.alias === undefined ? undefined : splitKey(doc.alias));
  const tables = new Map<string, Table>();
  /**
   * Entity -> natural-key part position -> part value -> the id, or the ids when several share it. Made on the first
   * query by that key member (a filter on `sectionIdentifier` alone, say), so data sets pay only for what is asked.
   */
  const partIndexes = new Map<string, Map<number, Map<string, DocumentId | Set<DocumentId>>>>();
  const indexParts = (doc: StoredDocument, add: boolean): void => {
    const indexes = partIndexes.get(doc.resource);
    if (!indexes) return;
    const parts = keyParts(doc.key);
    for (const [position, index] of indexes) {
      const value = parts[position];
      const held = index.get(value);
      if (add) {
        if (held === undefined) index.set(value, doc.id);
        else if (typeof held === 'string') index.set(value, new Set([held, doc.id]));
        else held.add(doc.id);
      } else if (held === doc.id) index.delete(value);
      else if (typeof held === 'object') {
        held.delete(doc.id);
        if (held.size === 1) index.set(value, held.values().next().value as DocumentId);
      }
    }
  };
  const referencedBy = new Map<DocumentId, Set<DocumentId>>();
  const descriptorUses = new Map<DocumentId, number>();
  const listeners = new Set<StoreListener>();
  const history: ChangeRecord[] = [];
  let version = 0;
  let committer: () => Promise<void> | undefined = () => undefined;

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
    indexParts(doc, false);
    const own = byKey.get(doc.resource);
    if (own?.get(doc.key) === doc.id) own.delete(doc.key);
    const alias = aliasOf(doc);
    if (alias && byKey.get(alias[0])?.get(alias[1]) === doc.id) byKey.get(alias[0])!.delete(alias[1]);
    eachLink(
      doc,
      (target) => {
        const set = referencedBy.get(target);
        set?.delete(doc.id);
        if (set?.size === 0) referencedBy.delete(target);
      },
      (descriptor) => {
        const n = (descriptorUses.get(descriptor) ?? 1) - 1;
        if (n > 0) descriptorUses.set(descriptor, n);
        else descriptorUses.delete(descriptor);
      },
    );
  };
  /** Puts a version in place of whatever the id held; returns the version it replaced. */
  const place = (doc: StoredDocument, recordKeyChange = true): StoredDocument | undefined => {
    const previous = byId.get(doc.id);
    if (previous) unlink(previous);
    // The change version of its first insert: the same position in every process that shares a database.
    doc.seq = previous?.seq ?? (doc.seq || doc.cv);
    byId.set(doc.id, doc);
    keyTable(doc.resource).set(doc.key, doc.id);
    indexParts(doc, true);
    const alias = aliasOf(doc);
    if (alias) keyTable(alias[0]).set(alias[1], doc.id);
    eachLink(
      doc,
      (target) => {
        let set = referencedBy.get(target);
        if (!set) referencedBy.set(target, (set = new Set()));
        set.add(doc.id);
      },
      (descriptor) => descriptorUses.set(descriptor, (descriptorUses.get(descriptor) ?? 0) + 1),
    );
    if (!previous) {
      const t = table(doc.resource);
      // An id deleted and stored again (journal replay, rollback) keeps its old place instead of being listed twice.
      if (!t.removed.delete(doc.id)) t.order.push(doc.id);
      t.count++;
    }
    if (recordKeyChange && previous && previous.key !== doc.key) {
      history.push({ type: 'key-changed', cv: doc.cv, id: doc.id, resource: doc.resource, before: previous.body, after: doc.body });
    }
    return previous;
  };
  const remove = (doc: StoredDocument): void => {
    unlink(doc);
    byId.delete(doc.id);
    const t = table(doc.resource);
    t.count--;
    t.removed.add(doc.id);
  };

  return {
    get: (id) => byId.get(id),
    getByKey: (k) => {
      const [entity, parts] = splitKey(k);
      const id = byKey.get(entity)?.get(parts);
      return id === undefined ? undefined : byId.get(id);
    },
    page: (resource, offset, limit) =>
      live(resource)
        .slice(offset, offset + limit)
        .map((id) => byId.get(id)!),
    all: function* (resource, fromSeq = 0) {
      const order = live(resource);
      // Insertion order is `seq` order (a document keeps the seq of its first insert): a cursor starts by bisection.
      let lo = 0;
      let hi = fromSeq > 0 ? order.length : 0;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((byId.get(order[mid])?.seq ?? 0) < fromSeq) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < order.length; i++) {
        const doc = byId.get(order[i]);
        if (doc && doc.resource === resource) yield doc;
      }
    },
    count: (resource) => tables.get(resource)?.count ?? 0,
    put: (doc) => {
      doc.cv = ++version;
      const previous = place(doc);
      for (const l of listeners) l.put(doc, previous);
    },
    withKeyPart: (entity, position, part) => {
      let indexes = partIndexes.get(entity);
      if (!indexes) partIndexes.set(entity, (indexes = new Map()));
      let index = indexes.get(position);
      if (!index) {
        indexes.set(position, (index = new Map()));
        // Built once from the key texts (no body is parsed), then kept by every put and delete.
        for (const id of live(entity)) {
          const doc = byId.get(id)!;
          const value = keyParts(doc.key)[position];
          const held = index.get(value);
          if (held === undefined) index.set(value, id);
          else if (typeof held === 'string') index.set(value, new Set([held, id]));
          else held.add(id);
        }
      }
      const held = index.get(part);
      return held === undefined ? [] : typeof held === 'string' ? [held] : [...held];
    },
    referencers: (id) => [...(referencedBy.get(id) ?? [])],
    delete: (id): DeleteResult => {
      const doc = byId.get(id);
      if (!doc) return { type: 'not-found' };
      const by = referencedBy.get(id);
      if (by && by.size) return { type: 'referenced', by: byId.get(by.values().next().value as DocumentId)! };
      const uses = descriptorUses.get(id);
      if (uses) return { type: 'descriptor-in-use', uses };
      remove(doc);
      const tombstone: ChangeRecord = { type: 'deleted', cv: ++version, id, resource: doc.resource, before: doc.body };
      history.push(tombstone);
      for (const l of listeners) l.delete(doc, tombstone);
      return { type: 'deleted', doc };
    },
    ids: () => byId.keys(),
    size: () => byId.size,
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changeVersion: () => version,
    changes: () => history,
    committed: () => committer(),
    load: (doc, recordKeyChange = true) => {
      place(doc, recordKeyChange);
      if (doc.cv > version) version = doc.cv;
    },
    loadDelete: (tombstone) => {
      const doc = byId.get(tombstone.id);
      if (doc) remove(doc);
      history.push(tombstone);
      if (tombstone.cv > version) version = tombstone.cv;
    },
    loadChange: (record) => {
      history.push(record);
      if (record.cv > version) version = record.cv;
    },
    revert: (undos, to) => {
      for (let i = undos.length - 1; i >= 0; i--) {
        const { id, previous } = undos[i];
        const current = byId.get(id);
        if (current) remove(current);
        if (previous) place(previous);
      }
      // Changes are recorded in change-version order, so the ones taken back are at the end.
      while (history.length && history[history.length - 1].cv > to) history.pop();
      version = to;
      for (const l of listeners) l.invalidate?.();
    },
    invalidate: () => {
      for (const l of listeners) l.invalidate?.();
    },
    setCommitter: (c) => {
      committer = c;
    },
  };
}

/**
 * A copy of a store's documents and change records with indexes of its own. Stored versions never change (every
 * write stores a new object), so the copy shares them: later writes to either store do not reach the other.
 */
export function cloneStore(from: DocumentStore): MemoryStore {
  const store = createMemoryStore();
  for (const id of from.ids()) store.load(from.get(id)!, false);
  for (const c of from.changes()) {
    if (c.type === 'deleted') store.loadDelete(c);
    else store.loadChange(c);
  }
  return store;
}
