import type { Step } from '../pipeline/context';
import { writeHeaders, writtenVersion } from '../pipeline/document-view';
import type { StoredDocument } from '../store/document-store';
import { etagMatches } from '../util/etag';
import { newDocumentId } from '../util/ids';

/**
 * POST is an upsert on the natural key: 201 with a new id, or 200 replacing the existing item (untouched, same ETag,
 * when nothing changed). If-Match is honored when the item exists. Bodies are empty; Location is absolute.
 */
export const upsertDocument: Step = (ctx) => {
  const { store } = ctx.env;
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
      doc = writtenVersion(ctx, existing.id, existing.resource, body, existing.owner);
      store.put(doc);
    }
    return { status: 200, headers: writeHeaders(`${collectionUrl}/${doc.id}`, doc) };
  }
  // Ownership-based authorization: what a client with an ownership token creates is its own.
  const doc = writtenVersion(ctx, newDocumentId(), ctx.resource!.model.name, body, ctx.token?.client.ownershipToken);
  store.put(doc);
  return { status: 201, headers: writeHeaders(`${collectionUrl}/${doc.id}`, doc) };
};
