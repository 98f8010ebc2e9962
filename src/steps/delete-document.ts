import type { Dependent } from '../errors/problems';
import { assertNever } from '../pipeline/types';
import type { Env, Step } from '../pipeline/context';
import { descriptorIndexKey } from '../pipeline/keys';
import { forEachResolvedReference } from '../pipeline/resolved-references';
import { type StoredDocument, keysOf } from '../store/document-store';
import { visitPath } from '../util/paths';

/** Which entity of the referencing item holds the reference (a root, or a collection item inside it). */
function holderOf(env: Env, target: StoredDocument, by: StoredDocument): string {
  const entry = env.registry.byName.get(by.resource);
  if (!entry) return by.resource;
  const body = JSON.parse(by.body) as unknown;
  let holder: string | undefined;
  forEachResolvedReference(entry, body, by.links, (r, _value, id) => {
    if (!holder && id === target.id) holder = r.holder;
  });
  entry.descriptors.forEach((d, i) => {
    visitPath(body, d.path, (v) => {
      if (!holder && keysOf(target)[0] === descriptorIndexKey(d.descriptor, String(v))) {
        const path = entry.model.descriptors[i].path;
        const inner = entry.model.collections.filter((c) => path.startsWith(`${c.path}[]`)).sort((a, b) => b.path.length - a.path.length)[0];
        holder = inner?.entity ?? entry.model.name;
      }
    });
  });
  return holder ?? entry.model.name;
}

/** What the 409 names: the holder, its resource, and every concrete type when the holder belongs to an abstract root. */
function dependentOf(env: Env, target: StoredDocument, by: StoredDocument): Dependent {
  const holder = holderOf(env, target, by);
  const superclass = env.registry.byName.get(by.resource)?.model.superclass;
  const parent = superclass && holder !== by.resource && holder.startsWith(superclass) ? env.registry.abstracts.get(superclass) : undefined;
  const abstractTypes = parent?.subtypes.map((s) => s.resource).sort();
  return { holder, root: by.resource, abstractTypes };
}

/**
 * Descriptor uses are counted, not listed (nearly every item uses some descriptor), so naming the item that uses one
 * looks through the resources with members of that descriptor type. This runs only to word a 409.
 */
function descriptorUser(env: Env, descriptor: StoredDocument): StoredDocument | undefined {
  for (const entry of env.registry.byName.values()) {
    if (!entry.descriptors.some((d) => d.descriptor === descriptor.resource)) continue;
    for (const doc of env.store.all(entry.model.name)) if (doc.links.includes(descriptor.id)) return doc;
  }
  return undefined;
}

/** DELETE: 204, or 409 naming the item that references it (a grade must go before its studentSectionAssociation). */
export const deleteDocument: Step = (ctx) => {
  const result = ctx.env.store.delete(ctx.existing!.id);
  switch (result.type) {
    case 'deleted':
      return { status: 204 };
    case 'not-found':
      return ctx.env.problems.notFoundFor(ctx.req.correlationId, 'delete');
    case 'referenced':
      return ctx.env.problems.dependentItemExists(ctx.req.correlationId, dependentOf(ctx.env, ctx.existing!, result.by));
    case 'descriptor-in-use': {
      const by = descriptorUser(ctx.env, ctx.existing!);
      return ctx.env.problems.dependentItemExists(ctx.req.correlationId, by && dependentOf(ctx.env, ctx.existing!, by));
    }
    default:
      return assertNever(result);
  }
};
