import type { ValidationErrors } from '../errors/problems';
import type { Step } from '../pipeline/context';
import { createDataView } from '../rules/data-view';
import { appliesTo, ruleMessage } from '../rules/rule-set';

/** State rules at the API level (level `reject`): every violation is reported, keyed by JSON path, with its rule id. */
export const checkStateRules: Step = (ctx) => {
  const entity = ctx.resource!.model.name;
  const rules = ctx.env.rules.onWrite.get(entity);
  if (!rules) return undefined;
  const errors: ValidationErrors = {};
  const view = createDataView(ctx.env);
  const item = { resource: entity, body: ctx.body!, doc: undefined };
  for (const { def, predicate } of rules) {
    if (!appliesTo(ctx.env.rules, def, ctx.token?.client)) continue;
    for (const v of predicate(item, def.params ?? {}, view)) (errors[v.path] ??= []).push(ruleMessage(def, v));
  }
  return Object.keys(errors).length ? ctx.env.problems.stateRule(ctx.req.correlationId, errors, entity) : undefined;
};
