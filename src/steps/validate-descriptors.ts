import type { ValidationErrors } from '../errors/problems';
import type { Step } from '../pipeline/context';
import type { DocumentId } from '../util/brand';
import { visitPath } from '../util/paths';

/** Every descriptor value must name an existing descriptor of the member's type; all failures are reported. */
export const validateDescriptors: Step = (ctx) => {
  const errors: ValidationErrors = {};
  const refs = new Set<DocumentId>();
  for (const d of ctx.resource!.descriptors) {
    visitPath(ctx.body, d.path, (value, jsonPath) => {
      const uri = String(value);
      const found = ctx.env.descriptors.resolve(d.descriptor, uri);
      if (found === 'malformed') {
        (errors[jsonPath] ??= []).push(
          `${d.descriptor} value '${uri}' is not a valid value for use as a descriptor (a '#' is expected to delineate the namespace and code value portions).`,
        );
        return;
      }
      if (found) refs.add(found);
      else (errors[jsonPath] ??= []).push(`${d.descriptor} value '${uri}' does not exist.`);
    });
  }
  if (Object.keys(errors).length) return ctx.env.problems.dataValidation(ctx.req.correlationId, errors, ctx.resource!.model.name);
  ctx.descriptorRefs = [...refs];
  return undefined;
};
