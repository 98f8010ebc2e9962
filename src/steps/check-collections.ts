import type { ValidationErrors } from '../errors/problems';
import type { Step } from '../pipeline/context';
import { ordinal, pascalCase, pluralize } from '../util/inflect';
import { valueAt, visitPath } from '../util/paths';

/** Identity of a collection item; descriptor values compare case-insensitively. */
function itemIdentity(item: unknown, key: readonly (readonly string[])[]): string {
  if (key.length === 1 && key[0].length === 1) {
    const v = (item as Record<string, unknown> | null)?.[key[0][0]];
    if (typeof v !== 'object') return String(v).toLowerCase();
  }
  return JSON.stringify(key.map((p) => valueAt(item, p))).toLowerCase();
}

/**
 * Two items of one collection with the same identifying values -> 400 naming the 2nd (ODS wording); a text key member
 * of an item with leading or trailing spaces -> 400 on its path.
 */
export const checkCollections: Step = (ctx) => {
  const errors: ValidationErrors = {};
  for (const c of ctx.resource!.collections) {
    visitPath(ctx.body, c.path, (items, jsonPath) => {
      if (!Array.isArray(items) || c.itemKey.length === 0) return;
      const seen = new Set<string>();
      items.forEach((item, i) => {
        // A text key member of an item may not carry leading or trailing spaces, as at the root (an address's city).
        for (const k of c.itemKey) {
          const v = valueAt(item, k);
          if (typeof v === 'string' && v !== v.trim() && !k[k.length - 1].endsWith('Descriptor')) {
            (errors[`${jsonPath}[${i}].${k.join('.')}`] ??= []).push(`${pascalCase(k[k.length - 1])} cannot contain leading or trailing spaces.`);
          }
        }
        const id = itemIdentity(item, c.itemKey);
        if (seen.has(id)) {
          const msg = `The ${ordinal(i + 1)} item of the ${pluralize(c.entity)} has the same identifying values as another item earlier in the list.`;
          (errors[jsonPath] ??= []).push(msg);
        }
        seen.add(id);
      });
    });
  }
  return Object.keys(errors).length ? ctx.env.problems.dataValidation(ctx.req.correlationId, errors, ctx.resource!.model.name) : undefined;
};
