import type { ValidationErrors } from '../errors/problems';
import type { Step } from '../pipeline/context';
import { valueAt } from '../util/paths';

/** Key unification: references that carry the same key field must agree (e.g. courseOffering's schoolId). */
export const checkUnification: Step = (ctx) => {
  const errors: ValidationErrors = {};
  for (const u of ctx.resource!.unifications) {
    const present = u.paths.map((p) => ({ ...p, value: valueAt(ctx.body, p.path) })).filter((p) => p.value !== undefined);
    const distinct = [...new Set(present.map((p) => String(p.value)))];
    if (distinct.length < 2) continue;
    const msg = `All values supplied for '${u.field}' must match. Review all references and align the following conflicting values: ${distinct.map((v) => `'${v}'`).join(', ')}`;
    for (const p of present) errors[p.text] = [msg];
  }
  return Object.keys(errors).length ? ctx.env.problems.dataValidation(ctx.req.correlationId, errors, ctx.resource!.model.name) : undefined;
};
