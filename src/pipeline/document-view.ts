import type { ResourceEntry } from '../model/registry';
import { type StoredDocument, storedDocument } from '../store/document-store';
import { lastModifiedDate, odsEtag } from '../util/etag';
import type { DocumentId } from '../util/brand';
import type { Ctx, Env } from './context';
import { forEachResolvedReference } from './resolved-references';

/**
 * Adds `link` to every reference. The targets were resolved when the item was written and are kept in reference order
 * (`doc.links`); abstract targets resolve to the concrete resource (ODS parity).
 */
function addLinks(env: Env, entry: ResourceEntry, body: unknown, refs: readonly DocumentId[]): void {
  forEachResolvedReference(entry, body, refs, (_r, value, id) => {
    const target = env.store.get(id);
    const route = target && env.registry.byName.get(target.resource)?.route;
    if (target && route) value.link = { rel: target.resource, href: `${route}/${target.id}` };
  });
}

/** The resource item as GET returns it: id first, links added, then _etag and _lastModifiedDate. */
export function toResourceItem(env: Env, entry: ResourceEntry, doc: StoredDocument): Record<string, unknown> {
  const body = JSON.parse(doc.body) as Record<string, unknown>;
  addLinks(env, entry, body, doc.links);
  // ODS parity: `_lastModifiedDate` appears in 6.x; 5.x items carry only `_etag`.
  if (!env.wire.lastModifiedDate) return { id: doc.id, ...body, _etag: odsEtag(doc) };
  return { id: doc.id, ...body, _etag: odsEtag(doc), _lastModifiedDate: lastModifiedDate(doc) };
}

/**
 * The item as indented JSON text. A stored version never changes (every write stores a new object) and its link
 * targets cannot go away while it references them, so the text is cached per version in a bounded LRU.
 */
export function renderItem(env: Env, entry: ResourceEntry, doc: StoredDocument): string {
  let text = env.renderCache.get(doc);
  if (text === undefined) {
    text = JSON.stringify(toResourceItem(env, entry, doc), null, 2);
    env.renderCache.set(doc, text);
  }
  return text;
}

/** A JSON array of rendered items, indented as JSON.stringify(items, null, 2) would. */
export function renderArray(items: string[]): string {
  return items.length ? `[\n  ${items.map((s) => s.replace(/\n/g, '\n  ')).join(',\n  ')}\n]` : '[]';
}

/** Headers of a successful write: absolute Location and quoted ETag. */
export function writeHeaders(location: string, doc: StoredDocument): Record<string, string> {
  return { Location: location, ETag: `"${odsEtag(doc)}"` };
}

/** The version a write stores: the request's keys, references and descriptors over `body`, stamped now. */
export function writtenVersion(ctx: Ctx, id: DocumentId, resource: string, body: string, owner: string | undefined): StoredDocument {
  return storedDocument({ id, resource, keys: ctx.keys!, body, stamp: ctx.env.stamp(), refs: ctx.refs, descriptorRefs: ctx.descriptorRefs, owner });
}
