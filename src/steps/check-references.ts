import type { Step } from '../pipeline/context';
import { referenceIndexKey } from '../pipeline/keys';
import type { DocumentId } from '../util/brand';
import { visitPath } from '../util/paths';

/** Every complete reference must resolve (abstract targets to any subtype); the first failure gives 409. */
export const checkReferences: Step = (ctx) => {
  const { registry, store } = ctx.env;
  const refs: DocumentId[] = [];
  let missing: string | undefined;
  for (const r of ctx.resource!.references) {
    visitPath(ctx.body, r.path, (value) => {
      if (missing || typeof value !== 'object' || value === null) return;
      const key = referenceIndexKey(registry, r.target, value as Record<string, unknown>);
      const found = key === undefined ? undefined : store.getByKey(key);
      if (found) refs.push(found.id);
      else missing = r.target;
    });
    if (missing) return ctx.env.problems.unresolvedReference(ctx.req.correlationId, missing);
  }
  ctx.refs = refs;
  return undefined;
};
