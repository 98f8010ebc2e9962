import type { JsonSchema } from './types';

/** A member of an object shape. */
export interface Member {
  name: string;
  shape: Shape;
  /** Position in the schema's member order. */
  index: number;
  /** Listed in the holder's `required`. */
  required: boolean;
}

/** The member layout of a schema, used to read request bodies leniently (derived once per resource). */
export type Shape =
  | { kind: 'object'; reference: boolean; props: Map<string, Member>; exact: Map<string, Member>; order: string[] }
  | { kind: 'array'; items: Shape }
  | { kind: 'scalar'; type: string; format?: string };

/** Builds the shape tree of a compiled write schema. */
export function buildShape(schema: JsonSchema, reference = false): Shape {
  if (schema.type === 'array' && schema.items) return { kind: 'array', items: buildShape(schema.items as JsonSchema) };
  if (schema.properties) {
    const props = new Map<string, Member>();
    const required = new Set((schema.required as string[] | undefined) ?? []);
    Object.entries(schema.properties as Record<string, JsonSchema>).forEach(([name, sub], index) => {
      props.set(name.toLowerCase(), { name, shape: buildShape(sub, name.endsWith('Reference')), index, required: required.has(name) });
    });
    const exact = new Map([...props.values()].map((m) => [m.name, m]));
    return { kind: 'object', reference, props, exact, order: Object.keys(schema.properties as object) };
  }
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  return { kind: 'scalar', type: String(schema.type ?? 'string'), ...(format ? { format } : {}) };
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
/** `5/1/2009`, `1/1/0001`: the US short date JSON.NET reads into a date member. */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** The CLR default of a date: ODS treats it as not supplied. */
const DEFAULT_DATE = '0001-01-01';
/** A numeric text (as ajv's coercion reads it): finite, not empty. */
const numberOf = (v: string): number | undefined => {
  const n = v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * One member's value as ODS binds it: `null`, an empty string in an optional text member and the default date count as
 * not supplied (undefined); numeric text becomes a number, a number in a text member its text.
 */
function memberValue(v: unknown, prop: Member): unknown {
  const out = normalize(v, prop.shape);
  if (out === '' && !prop.required && prop.shape.kind === 'scalar' && prop.shape.type === 'string' && !prop.shape.format) return undefined;
  return out;
}
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
    if (!prop || v === null || prop.index <= last || memberValue(v, prop) !== v) return false;
    last = prop.index;
    size++;
  }
  return !(shape.reference && size === 0);
}

/**
 * Reads a parsed body the way ODS binds JSON: member names match case-insensitively, unknown members (including
 * `__proto__` and `constructor`) are ignored, nulls, empty reference objects, empty optional texts and the default
 * date (`0001-01-01`, `1/1/0001`) count as absent, booleans accept "true"/"false" in any case and 0/1, numeric text is
 * a number and US short dates (`5/1/2009`) are dates. Output members follow the schema's order. Values of the wrong
 * kind are kept as they are so that validation reports them (validation coerces nothing itself).
 */
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
        const v = memberValue(value[key], prop);
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
      switch (shape.type) {
        case 'boolean': {
          if (typeof value !== 'string' && typeof value !== 'number') return value;
          const b = BOOLEAN_WORDS[String(value).toLowerCase()];
          return b === undefined ? value : b;
        }
        case 'integer':
        case 'number': {
          // Numeric text is read as a number; a boolean stays a boolean, which validation refuses.
          if (typeof value !== 'string') return value;
          const n = numberOf(value);
          return n === undefined || (shape.type === 'integer' && !Number.isInteger(n)) ? value : n;
        }
        case 'string': {
          if (typeof value === 'number' || typeof value === 'boolean') return String(value);
          if (shape.format !== 'date' || typeof value !== 'string') return value;
          const us = US_DATE.exec(value);
          const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : value;
          return iso === DEFAULT_DATE ? undefined : iso;
        }
        default:
          return value;
      }
  }
}
