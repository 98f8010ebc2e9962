import type { Step } from '../pipeline/context';
import { toValidationErrors } from '../pipeline/validation-messages';

/** Validates the normalized body against the resource's compiled schema; all errors are reported at once. */
export const validateBody: Step = (ctx) => {
  const entry = ctx.resource!;
  const validate = entry.validator();
  if (validate(ctx.body)) return undefined;
  const collectionOf = (segs: string[]) => {
    const path = segs.filter((s) => !/^\d+$/.test(s)).join('.');
    return entry.model.collections.find((c) => c.path.replace(/\[\]/g, '') === path)?.entity;
  };
  const errors = toValidationErrors(validate.errors ?? [], entry.model.jsonSchema, collectionOf);
  return ctx.env.problems.dataValidation(ctx.req.correlationId, errors, ctx.resource!.model.name);
};
