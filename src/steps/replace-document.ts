import type { Step } from '../pipeline/context';
import { cascadeKeyChange } from '../pipeline/cascade';
import { writeHeaders, writtenVersion } from '../pipeline/document-view';
import type { StoredDocument } from '../store/document-store';

/** PUT replaces the whole item: 204, same Location, new ETag (unchanged bodies keep their ETag). Key changes cascade. */
export const replaceDocument: Step = (ctx) => {
  const existing = ctx.existing!;
  const body = JSON.stringify(ctx.body);
  let doc: StoredDocument = existing;
  if (existing.body !== body) {
    doc = writtenVersion(ctx, existing.id, existing.resource, body, existing.owner);
    if (existing.key !== doc.key) cascadeKeyChange(ctx.env, existing, doc);
    ctx.env.store.put(doc);
  }
  const location = `${ctx.req.origin}${ctx.req.path.replace(/\/+$/, '')}`;
  return { status: 204, headers: writeHeaders(location, doc) };
};
