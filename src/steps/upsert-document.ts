import type { Step } from '../pipeline/context';
import { writeHeaders } from '../pipeline/document-view';
import { type StoredDocument, storedDocument } from '../store/document-store';
import { etagMatches } from '../util/etag';
import { newDocumentId } from '../util/ids';

/**
 * POST is an upsert on the natural key: 201 with a new id, or 200 replacing the existing item (untouched, same ETag,
 * when nothing changed). If-Match is honored when the item exists. Bodies are empty; Location is absolute.
 */
export const upsertDocument: Step = (ctx) => {
  const { store, stamp } = ctx.env;
  const body = JSON.stringify(ctx.body);
  const existing = store.getByKey(ctx.keys![0]);
  const collectionUrl = `${ctx.req.origin}${ctx.req.path.replace(/\/+$/, '')}`;
  if (existing) {
    const ifMatch = ctx.req.headers['if-match'];
    if (ifMatch !== undefined && !etagMatches(ifMatch, existing)) {
      return ctx.env.problems.optimisticLock(ctx.req.correlationId);
    }
    let doc: StoredDocument = existing;
    if (existing.body !== body) {
      doc = storedDocument({
        id: existing.id,
        resource: existing.resource,
        keys: ctx.keys!,
        body,
        stamp: stamp(),
        refs: ctx.refs,
        descriptorRefs: ctx.descriptorRefs,
      });
      store.put(doc);
    }
    return { status: 200, headers: writeHeaders(`${collectionUrl}/${doc.id}`, doc) };
  }
  const doc = storedDocument({
    id: newDocumentId(),
    resource: ctx.resource!.model.name,
    keys: ctx.keys!,
    body,
    stamp: stamp(),
    refs: ctx.refs,
    descriptorRefs: ctx.descriptorRefs,
  });
  store.put(doc);
  return { status: 201, headers: writeHeaders(`${collectionUrl}/${doc.id}`, doc) };
};
