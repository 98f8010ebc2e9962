import type { Step } from '../pipeline/context';
import { cascadeKeyChange } from '../pipeline/cascade';
import { writeHeaders } from '../pipeline/document-view';
import type { StoredDocument } from '../store/document-store';
import { flatJson } from '../util/paths';

/** PUT replaces the whole item: 204, same Location, new ETag (unchanged bodies keep their ETag). Key changes cascade. */
export const replaceDocument: Step = (ctx) => {
  const existing = ctx.existing!;
  const body = flatJson(ctx.body);
  let doc: StoredDocument = existing;
  if (existing.body !== body) {
    doc = { ...existing, body, keys: ctx.keys!, refs: ctx.refs ?? [], descriptorRefs: ctx.descriptorRefs ?? [], ...ctx.env.stamp() };
    if (existing.keys[0] !== doc.keys[0]) cascadeKeyChange(ctx.env, existing, doc);
    ctx.env.store.put(doc);
  }
  const location = `${ctx.req.origin}${ctx.req.path.replace(/\/+$/, '')}`;
  return { status: 204, headers: writeHeaders(location, doc) };
};
