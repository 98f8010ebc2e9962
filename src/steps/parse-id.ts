import type { Step } from '../pipeline/context';
import { parseDocumentId } from '../util/ids';

/**
 * Parses the route id. ODS parity: GET's route has a `{id:guid}` constraint, so a non-GUID does not match (404);
 * PUT and DELETE bind it and fail validation (400 on `$.id`).
 */
export const parseId: Step = (ctx) => {
  const raw = ctx.params.id ?? '';
  const id = parseDocumentId(raw);
  if (id) {
    ctx.id = id;
    return undefined;
  }
  if (ctx.req.method === 'GET') return ctx.env.problems.routeNotFound(ctx.req.correlationId);
  const invalid = { '$.id': [`The value '${raw}' is not valid.`] };
  // A PUT without a body reports both.
  if (ctx.req.method === 'PUT' && (ctx.req.body ?? '').trim() === '') return ctx.env.problems.emptyUpdateBody(ctx.req.correlationId, invalid);
  return ctx.env.problems.dataValidation(ctx.req.correlationId, invalid);
};
