import type { Env } from '../pipeline/context';
import { referenceIndexKey } from '../pipeline/keys';
import type { StoredDocument } from '../store/document-store';
import type { DocumentId } from '../util/brand';
import { splitPath, valueAt } from '../util/paths';

/** A stored item with its parsed body. */
export interface Item {
  /** Entity name. */
  resource: string;
  body: Record<string, unknown>;
  /** Absent for a body being written. */
  doc?: StoredDocument;
}

/** Read access for rule predicates: parsed bodies (parsed once per view), reference following and reverse lookups. */
export interface DataView {
  env: Env;
  all(resource: string): Item[];
  /** The item a reference member of `item` points at. */
  follow(item: Item, referencePath: string): Item | undefined;
  /** Items of `resource` that reference this stored item. */
  referencers(item: Item, resource: string): Item[];
  /** Items of `resource` whose values at the given paths equal the given values (an index per set of paths, made on first use). */
  find(resource: string, where: Record<string, unknown>): Item[];
  /** Something derived from the data once per view (an index a predicate needs for every item), by a name. */
  memo<T>(name: string, build: () => T): T;
}

/** A view over one instance's store. Bodies are parsed at most once per view, so a report costs one pass. */
export function createDataView(env: Env): DataView {
  const parsed = new Map<DocumentId, Item>();
  const itemOf = (doc: StoredDocument): Item => {
    let item = parsed.get(doc.id);
    if (!item) parsed.set(doc.id, (item = { resource: doc.resource, body: JSON.parse(doc.body) as Record<string, unknown>, doc }));
    return item;
  };
  const allOf = new Map<string, Item[]>();
  const memos = new Map<string, unknown>();
  const view: DataView = {
    env,
    all: (resource) => {
      let list = allOf.get(resource);
      if (!list) allOf.set(resource, (list = [...env.store.all(resource)].map(itemOf)));
      return list;
    },
    follow: (item, referencePath) => {
      const ref = env.registry.byName.get(item.resource)?.model.references.find((r) => r.path === referencePath);
      const value = valueAt(item.body, splitPath(referencePath));
      if (!ref || !value || typeof value !== 'object') return undefined;
      const key = referenceIndexKey(env.registry, ref.target, value as Record<string, unknown>);
      const doc = key === undefined ? undefined : env.store.getByKey(key);
      return doc && itemOf(doc);
    },
    referencers: (item, resource) =>
      item.doc
        ? env.store
            .referencers(item.doc.id)
            .map((id) => env.store.get(id))
            .filter((d): d is StoredDocument => !!d && d.resource === resource)
            .map(itemOf)
        : [],
    // A report asks the same kind of question for every item (the enrollments of this roster's student): an index of
    // the resource by the values at those paths, compared as sameValue does (text, lower-cased), makes each an O(1) hit.
    find: (resource, where) => {
      const paths = Object.keys(where);
      const index = view.memo(`find|${resource}|${paths.join('|')}`, () => {
        const split = paths.map(splitPath);
        const byValues = new Map<string, Item[]>();
        for (const it of view.all(resource)) {
          const values = split.map((p) => valueAt(it.body, p));
          if (values.some((v) => v === undefined || v === null)) continue;
          const k = values.map((v) => String(v).toLowerCase()).join('\u0001');
          const list = byValues.get(k);
          if (list) list.push(it);
          else byValues.set(k, [it]);
        }
        return byValues;
      });
      return index.get(paths.map((p) => String(where[p]).toLowerCase()).join('\u0001')) ?? [];
    },
    memo: <T>(name: string, build: () => T): T => {
      if (!memos.has(name)) memos.set(name, build());
      return memos.get(name) as T;
    },
  };
  return view;
}

/** Equality as the ODS compares key values: descriptor URIs case-insensitively, numbers and numeric strings alike. */
export function sameValue(expected: unknown): (actual: unknown) => boolean {
  const e = String(expected).toLowerCase();
  return (actual) => actual !== undefined && actual !== null && String(actual).toLowerCase() === e;
}
