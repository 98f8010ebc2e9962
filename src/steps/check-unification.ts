import type { ValidationErrors } from '../errors/problems';
import type { Step } from '../pipeline/context';
import type { ResourceEntry } from '../model/registry';
import { visitPath } from '../util/paths';

/**
 * Key unification errors of a body: members that share one column must carry one value (courseOffering's schoolId in
 * `schoolReference` and `sessionReference`; localAccount's `fiscalYear` and `chartOfAccountReference.fiscalYear`). Every
 * unified path is reported. Where a child collection's reference shares a key member of the resource (a bell
 * schedule's class periods and its school), each conflicting item is reported with ODS's wording for values held
 * higher up in the resource's data.
 */
export function unificationErrors(entry: ResourceEntry, body: unknown): ValidationErrors {
  const errors: ValidationErrors = {};
  const add = (key: string, msg: string) => {
    const list = (errors[key] ??= []);
    if (!list.includes(msg)) list.push(msg);
  };
  const text = (field: string, values: string[], contextual: boolean) =>
    `All values supplied for '${field}' must match. Review all references${contextual ? " (including those higher up in the resource's data)" : ''} and align the following conflicting values: ${values.map((v) => `'${v}'`).join(', ')}`;
  for (const u of entry.unifications) {
    const top: { at: string; value: string }[] = [];
    const nested: { at: string; value: string }[] = [];
    for (const p of u.paths) {
      const into = p.path.includes('[]') ? nested : top;
      visitPath(body, p.path, (value, at) => {
        if (value !== undefined && value !== null && typeof value !== 'object') into.push({ at, value: String(value) });
      });
    }
    const topValues = [...new Set(top.map((t) => t.value))];
    if (topValues.length > 1) for (const t of top) add(t.at, text(u.field, topValues, false));
    if (topValues.length === 0) continue;
    for (const n of nested) if (n.value !== topValues[0]) add(n.at, text(u.field, [topValues[0], n.value], true));
  }
  return errors;
}

/** Key unification: references that carry the same key field must agree, checked before they are resolved (400, not 409). */
export const checkUnification: Step = (ctx) => {
  const errors = unificationErrors(ctx.resource!, ctx.body);
  return Object.keys(errors).length ? ctx.env.problems.dataValidation(ctx.req.correlationId, errors, ctx.resource!.model.name) : undefined;
};
