import { problems, type ValidationErrors } from '../errors/problems';
import type { Step } from '../pipeline/context';
import { descriptorIndexKey } from '../pipeline/keys';
import type { DocumentId } from '../util/brand';
import { visitPath } from '../util/paths';

/** Every descriptor value must name an existing descriptor of the member's type; all failures are reported. */
export const validateDescriptors: Step = (ctx) => {
  const errors: ValidationErrors = {};
  const refs = new Set<DocumentId>();
  for (const d of ctx.resource!.descriptors) {
    visitPath(ctx.body, d.path, (value, jsonPath) => {
      const uri = String(value);
      const key = descriptorIndexKey(d.descriptor, uri);
      if (key === undefined) {
        (errors[jsonPath] ??= []).push(
          `${d.descriptor} value '${uri}' is not a valid value for use as a descriptor (a '#' is expected to delineate the namespace and code value portions).`,
        );
        return;
      }
      const found = ctx.env.store.getByKey(key);
      if (found) refs.add(found.id);
      else (errors[jsonPath] ??= []).push(`${d.descriptor} value '${uri}' does not exist.`);
    });
  }
  if (Object.keys(errors).length) return problems.dataValidation(ctx.req.correlationId, errors);
  ctx.descriptorRefs = [...refs];
  return undefined;
};
