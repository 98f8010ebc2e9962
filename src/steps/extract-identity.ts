import type { Step } from '../pipeline/context';
import { indexKeysOf } from '../pipeline/keys';
import { pascalCase } from '../util/inflect';
import { valueAt } from '../util/paths';

/** Computes the natural key and index keys of the body. Key strings may not carry leading/trailing spaces. */
export const extractIdentity: Step = (ctx) => {
  const entry = ctx.resource!;
  let errors: Record<string, string[]> | undefined;
  for (let i = 0; i < entry.keyPaths.length; i++) {
    const k = entry.model.keyFields[i];
    const v = valueAt(ctx.body, entry.keyPaths[i]);
    if (typeof v === 'string' && !k.descriptor && v !== v.trim()) {
      (errors ??= {})[`$.${k.path}`] = [`${pascalCase(k.path.slice(k.path.lastIndexOf('.') + 1))} cannot contain leading or trailing spaces.`];
    }
  }
  if (errors) return ctx.env.problems.dataValidation(ctx.req.correlationId, errors, ctx.resource!.model.name);
  const keys = indexKeysOf(ctx.env.registry, entry, ctx.body);
  if (keys === undefined)
    return ctx.env.problems.dataValidation(ctx.req.correlationId, { $: ['The natural key of the item is incomplete.'] }, ctx.resource!.model.name);
  ctx.keys = keys;
  return undefined;
};
