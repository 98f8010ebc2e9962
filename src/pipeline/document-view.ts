import type { ResourceEntry } from '../model/registry';
import type { StoredDocument } from '../store/document-store';
import { lastModifiedDate, odsEtag } from '../util/etag';
import { visitPath } from '../util/paths';
import type { Env } from './context';
import { referenceIndexKey } from './keys';

/** Adds `link` to every complete reference; abstract targets resolve to the concrete resource (ODS parity). */
function addLinks(env: Env, entry: ResourceEntry, body: unknown): void {
  for (const r of entry.references) {
    visitPath(body, r.path, (value) => {
      const ref = value as Record<string, unknown>;
      const key = referenceIndexKey(env.registry, r.target, ref);
      const target = key === undefined ? undefined : env.store.getByKey(key);
      const route = target && env.registry.byName.get(target.resource)?.route;
      if (target && route) ref.link = { rel: target.resource, href: `${route}/${target.id}` };
    });
  }
}

/** The resource item as GET returns it: id first, links added, then _etag and _lastModifiedDate. */
export function toResourceItem(env: Env, entry: ResourceEntry, doc: StoredDocument): Record<string, unknown> {
  const body = JSON.parse(doc.body) as Record<string, unknown>;
  addLinks(env, entry, body);
  return { id: doc.id, ...body, _etag: odsEtag(doc.stamp), _lastModifiedDate: lastModifiedDate(doc.stamp) };
}

/** Headers of a successful write: absolute Location and quoted ETag. */
export function writeHeaders(location: string, doc: StoredDocument): Record<string, string> {
  return { Location: location, ETag: `"${odsEtag(doc.stamp)}"` };
}
