/**
 * The one place that knows how natural keys are written as index keys: `<Entity> U+0000 <part> U+001F <part>...`.
 * Descriptor parts are lower-cased (ODS compares descriptor URIs without case); other parts are their text.
 * Neither separator can occur in a key value that passed validation (control characters).
 */
const ENTITY_SEP = '\u0000';
const PART_SEP = '\u001f';

/** One key part as the index compares it. */
export const keyPart = (value: unknown, descriptor: boolean): string => (descriptor ? String(value).toLowerCase() : String(value));

/** The index key of a natural key's parts (already made with keyPart) within an entity (which may be abstract). */
export const encodeKey = (entity: string, parts: readonly string[]): string => `${entity}${ENTITY_SEP}${parts.join(PART_SEP)}`;

/** An index key's entity and parts. */
export function decodeKey(key: string): { entity: string; parts: string[] } {
  const at = key.indexOf(ENTITY_SEP);
  return { entity: key.slice(0, at), parts: key.slice(at + 1).split(PART_SEP) };
}

/** The parts of a parts text, in key order. */
export const keyParts = (parts: string): string[] => parts.split(PART_SEP);

/** An index key split at its entity: `[entity, parts text]` (the parts text is what the memory store keeps). */
export function splitKey(key: string): [string, string] {
  const at = key.indexOf(ENTITY_SEP);
  return [key.slice(0, at), key.slice(at + 1)];
}

/** The index key of an entity and a parts text (the inverse of splitKey). */
export const joinKey = (entity: string, parts: string): string => `${entity}${ENTITY_SEP}${parts}`;
