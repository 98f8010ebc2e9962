import type { JsonSchema } from './types';

/** A member of an object shape. */
export interface Member {
  name: string;
  shape: Shape;
  /** Position in the schema's member order. */
  index: number;
}

/** The member layout of a schema, used to read request bodies leniently (derived once per resource). */
export type Shape =
  | { kind: 'object'; reference: boolean; props: Map<string, Member>; exact: Map<string, Member>; order: string[] }
  | { kind: 'array'; items: Shape }
  | { kind: 'scalar'; type: string };

/** Builds the shape tree of a compiled write schema. */
export function buildShape(schema: JsonSchema, reference = false): Shape {
  if (schema.type === 'array' && schema.items) return { kind: 'array', items: buildShape(schema.items as JsonSchema) };
  if (schema.properties) {
    const props = new Map<string, Member>();
    Object.entries(schema.properties as Record<string, JsonSchema>).forEach(([name, sub], index) => {
      props.set(name.toLowerCase(), { name, shape: buildShape(sub, name.endsWith('Reference')), index });
    });
    const exact = new Map([...props.values()].map((m) => [m.name, m]));
    return { kind: 'object', reference, props, exact, order: Object.keys(schema.properties as object) };
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
/**
 * True when an object already is what normalize would build: exact member names in schema order, no unknown members,
 * no nulls, canonical values. Most clients send exactly that, and it is then used as it is (no copy, less garbage).
 */
function isCanonical(value: Record<string, unknown>, shape: Extract<Shape, { kind: 'object' }>): boolean {
  let last = -1;
  let size = 0;
  for (const key in value) {
    const prop = shape.exact.get(key);
    const v = value[key];
    if (!prop || v === null || prop.index <= last || normalize(v, prop.shape) !== v) return false;
    last = prop.index;
    size++;
  }
  return !(shape.reference && size === 0);
}

export function normalize(value: unknown, shape: Shape): unknown {
  if (value === null) return undefined;
  switch (shape.kind) {
    case 'object': {
      if (!isPlainObject(value)) return value;
      if (isCanonical(value, shape)) return value;
      const found: Record<string, unknown> = {};
      let size = 0;
      let ordered = true;
      let last = -1;
      for (const key of Object.keys(value)) {
        // Most clients send the exact names; only the others pay for lower-casing.
        const prop = shape.exact.get(key) ?? shape.props.get(key.toLowerCase());
        if (!prop) continue;
        const v = normalize(value[key], prop.shape);
        if (Object.hasOwn(found, prop.name)) {
          ordered = false;
          delete found[prop.name];
          size--;
        }
        if (v === undefined) continue;
        found[prop.name] = v;
        size++;
        if (prop.index < last) ordered = false;
        last = prop.index;
      }
      if (shape.reference && size === 0) return undefined;
      if (ordered) return found;
      const out: Record<string, unknown> = {};
      for (const name of shape.order) if (Object.hasOwn(found, name)) out[name] = found[name];
      return out;
    }
    case 'array':
      if (!Array.isArray(value) || value.every((v) => v !== null && normalize(v, shape.items) === v)) return value;
      return value.filter((v) => v !== null).map((v) => normalize(v, shape.items));
    case 'scalar':
      if (shape.type === 'boolean' && (typeof value === 'string' || typeof value === 'number')) {
        const b = BOOLEAN_WORDS[String(value).toLowerCase()];
        return b === undefined ? value : b;
      }
      return value;
  }
}
