import type { ErrorObject } from 'ajv';
import type { ValidationErrors } from '../errors/problems';
import type { JsonSchema } from '../model/types';
import { pascalCase, pluralize } from '../util/inflect';

/** `/gradeLevels/0/gradeLevelDescriptor` -> segments. */
const segments = (pointer: string): string[] =>
  pointer
    ? pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [];
const isIndex = (s: string): boolean => /^\d+$/.test(s);

/** `$.gradeLevels[0].gradeLevelDescriptor` (ODS ModelStateKeyConverter form). */
export const jsonPath = (segs: string[]): string => segs.reduce((p, s) => (isIndex(s) ? `${p}[${s}]` : `${p}.${s}`), '$');
/** `gradeLevels[0].gradeLevelDescriptor` (JSON.NET "Path '...'" form). */
const netPath = (segs: string[]): string => jsonPath(segs).replace(/^\$\.?/, '');

/** The schema of the member at a pointer, and of the object holding it. */
function schemaAt(root: JsonSchema, segs: string[]): { schema?: JsonSchema; parent?: JsonSchema } {
  let cur: JsonSchema | undefined = root;
  let parent: JsonSchema | undefined;
  for (const s of segs) {
    if (!cur) break;
    if (isIndex(s)) cur = cur.items as JsonSchema | undefined;
    else {
      parent = cur;
      cur = (cur.properties as Record<string, JsonSchema> | undefined)?.[s];
    }
  }
  return { schema: cur, parent };
}

/** An object member that is neither a reference nor a collection: ODS names it by its entity. */
const isEmbeddedObject = (schema: JsonSchema | undefined, member: string): boolean =>
  schema?.type === 'object' && !member.endsWith('Reference') && member !== '_ext';

const lastName = (segs: string[]): string => pascalCase([...segs].reverse().find((s) => !isIndex(s)) ?? '');

/** Wording of a type mismatch, after the JSON.NET conversion messages ODS returns. */
function typeMessage(e: ErrorObject, segs: string[]): string {
  const v = e.data;
  const p = netPath(segs);
  const bits = (e.parentSchema as JsonSchema | undefined)?.edfiIntBits as number | undefined;
  // JSON.NET prints booleans as .NET does.
  // Computed only where used: the value may be nested too deeply to print.
  const shown = () => {
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    try {
      return JSON.stringify(v);
    } catch {
      return Array.isArray(v) ? '[...]' : '{...}';
    }
  };
  switch (e.params.type) {
    case 'integer':
      if (typeof v === 'string') return `Could not convert string to integer: ${v}. Path '${p}'.`;
      if (typeof v === 'number') return `Input string '${v}' is not a valid integer. Path '${p}'.`;
      return `Error converting value ${shown()} to type 'System.Int${bits ?? 32}'. Path '${p}'.`;
    case 'number':
      return typeof v === 'string'
        ? `Could not convert string to decimal: ${v}. Path '${p}'.`
        : `Error converting value ${shown()} to type 'System.Decimal'. Path '${p}'.`;
    case 'boolean':
      return `Unexpected value for boolean: ${typeof v === 'object' ? shown() : String(v)} (type: ${typeof v === 'number' ? 'Integer' : typeof v === 'string' ? 'String' : 'Object'})`;
    case 'string':
      return `Error reading string. Unexpected token: ${Array.isArray(v) ? 'StartArray' : 'StartObject'}. Path '${p}'.`;
    case 'array':
      return `Cannot deserialize the current JSON value into a collection: a JSON array is expected. Path '${p}'.`;
    default:
      return `Error converting value ${shown()} to type '${lastName(segs)}'. Path '${p}'.`;
  }
}

/**
 * Maps ajv errors to ODS 7.x validationErrors (keys are JSON paths, messages use PascalCase member names). `entity` is
 * the resource's entity name: a missing embedded object is named after its entity (`LearningStandardContentStandard`).
 */
export function toValidationErrors(
  errors: ErrorObject[],
  root: JsonSchema,
  collectionEntity: (segs: string[]) => string | undefined,
  entity = '',
): ValidationErrors {
  const out: ValidationErrors = {};
  const add = (key: string, msg: string) => {
    const list = (out[key] ??= []);
    if (!list.includes(msg)) list.push(msg);
  };
  const missingInRef = new Map<string, string[]>();
  for (const e of errors) {
    const segs = segments(e.instancePath);
    const key = jsonPath(segs);
    const name = lastName(segs);
    const s = (e.parentSchema ?? {}) as JsonSchema;
    switch (e.keyword) {
      case 'required': {
        const prop = String(e.params.missingProperty);
        const holder = segs[segs.length - 1] ?? '';
        if (holder.endsWith('Reference')) missingInRef.set(key, [...(missingInRef.get(key) ?? []), pascalCase(prop)]);
        else if (isEmbeddedObject(schemaAt(root, [...segs, prop]).schema, prop)) {
          const owner =
            segs.length === 0
              ? entity
              : (collectionEntity(segs) ??
                `${entity}${segs
                  .filter((x) => !isIndex(x))
                  .map(pascalCase)
                  .join('')}`);
          add(jsonPath([...segs, prop]), `${owner}${pascalCase(prop)} is required.`);
        } else add(jsonPath([...segs, prop]), `${pascalCase(prop)} is required.`);
        break;
      }
      case 'minLength':
      case 'maxLength': {
        const parent = schemaAt(root, segs).parent;
        const required = ((parent?.required as string[] | undefined) ?? []).includes(segs[segs.length - 1]);
        if (e.keyword === 'minLength' && required && String(e.data).trim() === '') add(key, `${name} is required and should not be left empty.`);
        else if (s.minLength !== undefined && s.maxLength !== undefined)
          add(key, `${name} must be between ${s.minLength} and ${s.maxLength} characters in length.`);
        else if (s.maxLength !== undefined) add(key, `${name} must be at most ${s.maxLength} characters in length.`);
        else add(key, `${name} must be at least ${s.minLength} characters in length.`);
        break;
      }
      case 'edfiNonEmpty':
        add(key, `${name} is required and should not be left empty.`);
        break;
      case 'minimum':
      case 'maximum': {
        const range = s.edfiRange as [string, string] | undefined;
        if (range) add(key, `${name} must be between ${range[0]} and ${range[1]}.`);
        else if (s.minimum !== undefined && s.maximum !== undefined) add(key, `${name} must be between ${s.minimum} and ${s.maximum}.`);
        else if (s.minimum !== undefined) add(key, `${name} must be greater than or equal to ${s.minimum}.`);
        else add(key, `${name} must be less than or equal to ${s.maximum}.`);
        break;
      }
      case 'edfiNonZero':
        add(key, `${name} value must be different than 0.`);
        break;
      case 'minItems':
        add(key, `${pluralize(collectionEntity(segs) ?? name)} must have at least one item.`);
        break;
      case 'format':
        add(
          key,
          e.data === ''
            ? 'The supplied value is invalid.'
            : e.params.format === 'date'
              ? 'String was not recognized as a valid date.'
              : `Could not convert string to DateTime: ${String(e.data)}. Path '${netPath(segs)}'.`,
        );
        break;
      case 'type':
        add(key, typeMessage(e, segs));
        break;
      case 'edfiIntBits':
        add(key, `Error converting value ${String(e.data)} to type 'System.Int${String(s.edfiIntBits)}'. Path '${netPath(segs)}'.`);
        break;
      default:
        add(key, `${name} ${e.message ?? 'is not valid'}.`);
    }
  }
  for (const [key, props] of missingInRef) {
    const refName = pascalCase(key.slice(key.lastIndexOf('.') + 1).replace(/\[\d+\]$/, ''));
    add(key, `${refName} is missing the following properties: ${props.join(', ')}`);
  }
  return out;
}
