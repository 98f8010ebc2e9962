import type { Step } from '../pipeline/context';
import { toValidationErrors } from '../pipeline/validation-messages';
import { unificationErrors } from './check-unification';

/**
 * Validates the normalized body against the resource's compiled schema; all errors are reported at once, with the key
 * unification conflicts among them (ODS reports `fiscalYear`'s conflict even when one of the values is out of range).
 */
export const validateBody: Step = (ctx) => {
  const entry = ctx.resource!;
  const validate = entry.validator();
  if (validate(ctx.body)) return undefined;
  const collectionOf = (segs: string[]) => {
    const path = segs.filter((s) => !/^\d+$/.test(s)).join('.');
    return entry.model.collections.find((c) => c.path.replace(/\[\]/g, '') === path)?.entity;
  };
  const errors = toValidationErrors(validate.errors ?? [], entry.model.jsonSchema, collectionOf, entry.model.name);
  for (const [key, messages] of Object.entries(unificationErrors(entry, ctx.body))) {
    const list = (errors[key] ??= []);
    for (const m of messages) if (!list.includes(m)) list.push(m);
  }
  return ctx.env.problems.dataValidation(ctx.req.correlationId, errors, entry.model.name);
};
