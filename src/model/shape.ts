import type { JsonSchema } from './types';

/** The member layout of a schema, used to read request bodies leniently (derived once per resource). */
export type Shape =
  | { kind: 'object'; reference: boolean; props: Map<string, { name: string; shape: Shape }>; order: string[] }
  | { kind: 'array'; items: Shape }
  | { kind: 'scalar'; type: string };

/** Builds the shape tree of a compiled write schema. */
export function buildShape(schema: JsonSchema, reference = false): Shape {
  if (schema.type === 'array' && schema.items) return { kind: 'array', items: buildShape(schema.items as JsonSchema) };
  if (schema.properties) {
    const props = new Map<string, { name: string; shape: Shape }>();
    for (const [name, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      props.set(name.toLowerCase(), { name, shape: buildShape(sub, name.endsWith('Reference')) });
    }
    return { kind: 'object', reference, props, order: Object.keys(schema.properties as object) };
  }
  return { kind: 'scalar', type: String(schema.type ?? 'string') };
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a parsed body the way ODS binds JSON: member names match case-insensitively, unknown members (including
 * `__proto__` and `constructor`) are ignored, nulls and empty reference objects count as absent, booleans accept
 * "true"/"false" in any case and 0/1. Output members follow the schema's order. Values of the wrong kind are kept
 * as they are so that validation reports them.
 */
export function normalize(value: unknown, shape: Shape): unknown {
  if (value === null) return undefined;
  switch (shape.kind) {
    case 'object': {
      if (!isPlainObject(value)) return value;
      const found = new Map<string, unknown>();
      for (const key of Object.keys(value)) {
        const prop = shape.props.get(key.toLowerCase());
        if (!prop) continue;
        const v = normalize(value[key], prop.shape);
        if (v === undefined) found.delete(prop.name);
        else found.set(prop.name, v);
      }
      if (shape.reference && found.size === 0) return undefined;
      const out: Record<string, unknown> = {};
      for (const name of shape.order) if (found.has(name)) out[name] = found.get(name);
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.filter((v) => v !== null).map((v) => normalize(v, shape.items)) : value;
    case 'scalar':
      if (shape.type === 'boolean' && (typeof value === 'string' || typeof value === 'number')) {
        const b = BOOLEAN_WORDS[String(value).toLowerCase()];
        return b === undefined ? value : b;
      }
      return value;
  }
}
