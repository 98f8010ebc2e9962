import { bodyValues, deniedItem, keyValues } from '../auth/authorize';
import type { SyncStep } from '../pipeline/context';
import { accessFor, actionOf } from './authorize-action';

/**
 * Relationship- and namespace-based authorization of the item a request reads or writes: the stored item as it is
 * (GET by id, PUT, DELETE, a POST that updates), then the item as the body proposes it (POST, PUT). Checked inside the
 * write, after the body's own errors and before its references are looked up (ODS: 403 before 409).
 */
export const authorizeItem: SyncStep = (ctx) => {
  const access = accessFor(ctx);
  if (!access) return undefined;
  const { env, req } = ctx;
  const entry = ctx.resource!;
  let action = actionOf(req.method);
  const existing = ctx.existing ?? (req.method === 'POST' && ctx.keys ? env.store.getByKey(ctx.keys[0]) : undefined);
  if (existing) {
    if (action === 'Create') action = 'Update';
    const denied = deniedItem(env, access, entry, keyValues(existing), action, req.correlationId, existing);
    if (denied) return denied;
  }
  if (ctx.body && (req.method === 'POST' || req.method === 'PUT')) return deniedItem(env, access, entry, bodyValues(ctx.body), action, req.correlationId);
  return undefined;
};
