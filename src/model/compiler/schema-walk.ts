import type { OpenAPIV3 } from 'openapi-types';
import type { JsonSchema } from '../types';
import type { DecimalRange } from './read-inputs';

/** Component schemas by name. */
export type Components = Record<string, OpenAPIV3.SchemaObject>;

/** Name of the component a `$ref` points at. */
export const refName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

/** The `$ref` of the items a collection route's GET answers (`#/components/schemas/edFi_student`), if it has one. */
export function collectionItemsRef(item: OpenAPIV3.PathItemObject | undefined): string | undefined {
  const ok = item?.get?.responses?.['200'] as OpenAPIV3.ResponseObject | undefined;
  const arr = ok?.content?.['application/json']?.schema as OpenAPIV3.ArraySchemaObject | undefined;
  const items = arr?.items as OpenAPIV3.ReferenceObject | undefined;
  return items?.$ref;
}

/** `edFi_courseOffering` -> `CourseOffering`; `tpdm_candidate` -> `Candidate`. */
export function entityOf(schemaName: string): string {
  const base = schemaName.slice(schemaName.indexOf('_') + 1);
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** `schoolId` -> `SchoolId`. */
export const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Returns the schema object, following one `$ref`. */
export function deref(s: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject, components: Components): OpenAPIV3.SchemaObject {
  return '$ref' in s ? components[refName(s.$ref)] : s;
}

const SERVER_MANAGED = new Set(['id', '_etag', '_lastModifiedDate', 'link']);
const INT_BITS: Record<string, number> = { int32: 32, int64: 64 };

/**
 * Builds the self-contained JSON schema used to validate writes: $refs inlined, documentation and x- annotations dropped,
 * server-managed members removed, integer widths kept as the `edfiIntBits` keyword and `double` dropped. A decimal
 * member (named in `decimals`, from the XSD) gets the range of its precision and scale, with the bounds' exact text in
 * `edfiRange` for the message.
 */
export function writeSchema(
  s: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject,
  components: Components,
  decimals?: ReadonlyMap<string, DecimalRange>,
  depth = 0,
): JsonSchema {
  if (depth > 20) throw new Error('schema nesting deeper than 20: recursive $ref?');
  const src = deref(s, components);
  const out: JsonSchema = {};
  if (src.type) out.type = src.type;
  if (src.format === 'date' || src.format === 'date-time') out.format = src.format;
  if (src.format && INT_BITS[src.format]) out.edfiIntBits = INT_BITS[src.format];
  for (const k of ['maxLength', 'minLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'enum', 'pattern'] as const) {
    if (src[k] !== undefined) out[k] = src[k];
  }
  if (src.type === 'array' && src.items) out.items = writeSchema(src.items, components, decimals, depth + 1);
  if (src.properties) {
    const props: Record<string, JsonSchema> = {};
    for (const [name, p] of Object.entries(src.properties)) {
      if (SERVER_MANAGED.has(name)) continue;
      const member = writeSchema(p, components, decimals, depth + 1);
      // A document may state a bound itself (DS 6.0's state both, 5.0's a minimum of 0 for credits): the tighter of the
      // document's and the XSD's (or column's) bound holds, printed as its source writes it.
      const range = member.type === 'number' ? decimals?.get(name) : undefined;
      if (range) {
        const low = member.minimum === undefined || (member.minimum as number) <= range.minimum;
        const high = member.maximum === undefined || (member.maximum as number) >= range.maximum;
        Object.assign(member, {
          minimum: low ? range.minimum : member.minimum,
          maximum: high ? range.maximum : member.maximum,
          edfiRange: [low ? range.text[0] : String(member.minimum), high ? range.text[1] : String(member.maximum)],
        });
      }
      props[name] = member;
    }
    out.properties = props;
    const required = (src.required ?? []).filter((r) => !SERVER_MANAGED.has(r));
    if (required.length) out.required = required;
    // ODS parity: a required collection must have at least one item.
    for (const r of required) if (props[r]?.type === 'array' && props[r].minItems === undefined) props[r].minItems = 1;
    // ODS parity: a required text may not be empty even where the Data Standard sets no minimum length (DS 5.1 and
    // later): "LastSurname is required and should not be left empty." Descriptors are refused as unknown values instead.
    for (const r of required)
      if (props[r]?.type === 'string' && props[r].minLength === undefined && !props[r].format && !r.endsWith('Descriptor')) props[r].edfiNonEmpty = true;
  }
  return out;
}
