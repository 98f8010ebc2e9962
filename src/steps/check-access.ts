import type { Step } from '../pipeline/context';
import { appliesTo, ruleMessage } from '../rules/rule-set';

/** State access rules: some clients may not write some resources (WI: Choice schools send no roster or CTE data). */
export const checkAccess: Step = (ctx) => {
  const rules = ctx.env.rules.access.get(ctx.resource!.model.name);
  if (!rules) return undefined;
  for (const { def } of rules) {
    if (appliesTo(ctx.env.rules, def, ctx.token?.client)) return ctx.env.problems.stateForbidden(ctx.req.correlationId, ruleMessage(def, {}));
  }
  return undefined;
};
