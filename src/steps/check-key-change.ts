import type { Step } from '../pipeline/context';
import { keysOf } from '../store/document-store';
import { keyValuesText } from '../pipeline/keys';
import type { Path } from '../util/paths';

/** Copies the stored key values into the body (each key path ends in a scalar under objects). */
function keepStoredKey(paths: readonly Path[], stored: unknown, body: Record<string, unknown>): void {
  for (const path of paths) {
    let from: unknown = stored;
    let to: Record<string, unknown> = body;
    path.forEach((seg, i) => {
      from = (from as Record<string, unknown> | undefined)?.[seg];
      if (i === path.length - 1) to[seg] = from;
      else to = (to[seg] ??= {}) as Record<string, unknown>;
    });
  }
}

/**
 * PUT may not change the natural key unless the resource is key-updatable (ODS 7.2+: 400 key-change-not-supported;
 * 5.x-7.1: the change is ignored);
 * a new key that another item already has gives 409 non-unique-identity.
 */
export const checkKeyChange: Step = (ctx) => {
  const existing = ctx.existing!;
  const [newKey] = ctx.keys!;
  if (newKey === keysOf(existing)[0]) return undefined;
  const entry = ctx.resource!;
  if (!entry.model.keyUpdatable) {
    if (ctx.env.wire.keyChange === 'reject') return ctx.env.problems.keyChangeNotSupported(ctx.req.correlationId, entry.model.name);
    // ODS parity (5.x-7.1): the new key values are silently dropped; the rest of the body is applied.
    keepStoredKey(entry.keyPaths, JSON.parse(existing.body), ctx.body!);
    ctx.keys = keysOf(existing);
    return undefined;
  }
  const other = ctx.env.store.getByKey(newKey);
  if (other && other.id !== existing.id) {
    const names = entry.model.keyFields.map((k) => k.name).join(', ');
    const values = keyValuesText(newKey);
    return ctx.env.problems.nonUniqueIdentity(
      ctx.req.correlationId,
      `A primary key conflict occurred when attempting to create or update a record in the '${entry.model.name}' table. The duplicate key is (${names}) = (${values}).`,
    );
  }
  return undefined;
};
