import type { Step } from '../pipeline/context';
import { renderItem as render } from '../pipeline/document-view';
import { etagMatches, odsEtag } from '../util/etag';

/** GET by id: 200 with the item and its ETag, or 304 when If-None-Match names the current ETag. */
export const renderItem: Step = (ctx) => {
  const doc = ctx.existing!;
  const etag = odsEtag(doc);
  const inm = ctx.req.headers['if-none-match'];
  if (inm !== undefined && etagMatches(inm, doc)) {
    return { status: 304, headers: { ETag: `"${etag}"` } };
  }
  return { status: 200, headers: { ETag: `"${etag}"` }, text: render(ctx.env, ctx.resource!, doc) };
};
