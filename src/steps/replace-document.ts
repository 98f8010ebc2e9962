import type { Step } from '../pipeline/context';
import { cascadeKeyChange } from '../pipeline/cascade';
import { writeHeaders } from '../pipeline/document-view';
import { type StoredDocument, storedDocument } from '../store/document-store';

/** PUT replaces the whole item: 204, same Location, new ETag (unchanged bodies keep their ETag). Key changes cascade. */
export const replaceDocument: Step = (ctx) => {
  const existing = ctx.existing!;
  const body = JSON.stringify(ctx.body);
  let doc: StoredDocument = existing;
  if (existing.body !== body) {
    doc = storedDocument({
      id: existing.id,
      resource: existing.resource,
      keys: ctx.keys!,
      body,
      stamp: ctx.env.stamp(),
      refs: ctx.refs,
      descriptorRefs: ctx.descriptorRefs,
    });
    if (existing.key !== doc.key) cascadeKeyChange(ctx.env, existing, doc);
    ctx.env.store.put(doc);
  }
  const location = `${ctx.req.origin}${ctx.req.path.replace(/\/+$/, '')}`;
  return { status: 204, headers: writeHeaders(location, doc) };
};
