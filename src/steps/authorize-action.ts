import { type Action, accessOf, deniedAction } from '../auth/authorize';
import type { Ctx, SyncStep } from '../pipeline/context';

/** The action a request asks for, as claim sets grant them (a POST asks to create; updating by POST is checked per item). */
export const actionOf = (method: string): Action => (method === 'POST' ? 'Create' : method === 'PUT' ? 'Update' : method === 'DELETE' ? 'Delete' : 'Read');

/** What the token's client may do, worked out once per request (null: nothing restricts it). */
export const accessFor = (ctx: Ctx) => (ctx.access === undefined ? (ctx.access = accessOf(ctx.env, ctx.token) ?? null) : ctx.access);

/** The claim set must grant the action on the resource (ODS: before anything else is looked at). */
export const authorizeAction: SyncStep = (ctx) => {
  const access = accessFor(ctx);
  return access ? deniedAction(ctx.env, access, ctx.resource!, actionOf(ctx.req.method), ctx.req.correlationId) : undefined;
};
