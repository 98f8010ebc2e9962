import type { CompiledReference, ResourceEntry } from '../model/registry';
import type { DocumentId } from '../util/brand';
import { visitPath } from '../util/paths';

/**
 * Visits every reference object of a stored body with the document it resolved to when written: check-references
 * records the targets in this same visiting order (`doc.links`, descriptors after them), so no natural key needs rebuilding to find them.
 */
export function forEachResolvedReference(
  entry: ResourceEntry,
  body: unknown,
  refs: readonly DocumentId[],
  fn: (reference: CompiledReference, value: Record<string, unknown>, target: DocumentId) => void,
): void {
  let i = 0;
  for (const r of entry.references) visitPath(body, r.path, (value) => fn(r, value as Record<string, unknown>, refs[i++]));
}
