import { problems } from '../errors/problems';
import type { Step } from '../pipeline/context';

/**
 * PUT may not change the natural key unless the resource is key-updatable (ODS 7.2+: 400 key-change-not-supported);
 * a new key that another item already has gives 409 non-unique-identity.
 */
export const checkKeyChange: Step = (ctx) => {
  const existing = ctx.existing!;
  const [newKey] = ctx.keys!;
  if (newKey === existing.keys[0]) return undefined;
  const entry = ctx.resource!;
  if (!entry.model.keyUpdatable) return problems.keyChangeNotSupported(ctx.req.correlationId, entry.model.name);
  const other = ctx.env.store.getByKey(newKey);
  if (other && other.id !== existing.id) {
    const names = entry.model.keyFields.map((k) => k.name).join(', ');
    const values = newKey.split('\u0000')[1].split('\u001f').join(', ');
    return problems.nonUniqueIdentity(
      ctx.req.correlationId,
      `A primary key conflict occurred when attempting to create or update a record in the '${entry.model.name}' table. The duplicate key is (${names}) = (${values}).`,
    );
  }
  return undefined;
};
