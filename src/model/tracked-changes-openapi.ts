import type { OpenAPIV3 } from 'openapi-types';
import type { ResourceEntry } from './registry';
import type { JsonSchema } from './types';
import { collectionItemsRef, refName } from './compiler/schema-walk';

/** Which of ODS's generated paths a served document carries. */
export interface DocumentedPaths {
  /** `/deletes` and `/keyChanges` (off with ODS's ChangeQueries feature). */
  changeQueries: boolean;
  /** `/partitions` (ODS/API 7.3 and later). */
  partitions: boolean;
}

type Schemas = Record<string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject>;
const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** The JSON schema of a key field, as the resource's own member (or reference field) has it. */
function keyFieldSchema(entry: ResourceEntry, path: string): OpenAPIV3.SchemaObject {
  let s: JsonSchema | undefined = entry.model.jsonSchema;
  for (const part of path.split('.')) s = (s?.properties as Record<string, JsonSchema> | undefined)?.[part];
  const out: OpenAPIV3.SchemaObject = { type: (s?.type as OpenAPIV3.NonArraySchemaObjectType | undefined) ?? 'string' };
  if (s?.format) out.format = s.format as string;
  if (s?.maxLength !== undefined) out.maxLength = s.maxLength as number;
  return out;
}

/** `trackedChanges_edFi_student{Key,Delete,KeyChange}`: what `/deletes` and `/keyChanges` answer, per ODS's document factory. */
function trackedSchemas(entry: ResourceEntry, base: string): Schemas {
  const key = `trackedChanges_${base}Key`;
  const common = { id: { type: 'string' }, changeVersion: { type: 'number' } } as const;
  return {
    [key]: { type: 'object', properties: Object.fromEntries(entry.model.keyFields.map((k) => [k.name, keyFieldSchema(entry, k.path)])) },
    [`trackedChanges_${base}Delete`]: { type: 'object', properties: { ...common, keyValues: ref(key) } },
    [`trackedChanges_${base}KeyChange`]: { type: 'object', properties: { ...common, oldKeyValues: ref(key), newKeyValues: ref(key) } },
  };
}

function trackedPath(tag: string, operationId: string, items: string, snapshots: boolean): OpenAPIV3.PathItemObject {
  const parameters: (OpenAPIV3.ParameterObject | OpenAPIV3.ReferenceObject)[] = ['offset', 'limit', 'MinChangeVersion', 'MaxChangeVersion', 'totalCount'].map(
    (p) => ({ $ref: `#/components/parameters/${p}` }),
  );
  if (snapshots) parameters.push({ name: 'Use-Snapshot', in: 'header', required: false, schema: { type: 'boolean', default: false } });
  const ok: OpenAPIV3.ResponseObject = {
    description: 'The requested resource was successfully retrieved.',
    content: { 'application/json': { schema: { type: 'array', items: ref(items) } } },
  };
  return { get: { tags: [tag], operationId, parameters, responses: { '200': ok } } };
}

/**
 * ODS/API documents, for every resource but schoolYearTypes, `/deletes` and `/keyChanges` when change queries are on,
 * and (7.3) `/partitions`; the official documents we compile from list some of these (6.0 has partitions) or none.
 * Returns a new document (the registry derives it once per setting).
 */
export function withTrackedChanges(doc: OpenAPIV3.Document, byRoute: ReadonlyMap<string, ResourceEntry>, o: DocumentedPaths): OpenAPIV3.Document {
  const paths: OpenAPIV3.PathsObject = { ...doc.paths };
  const schemas: Schemas = { ...(doc.components?.schemas ?? {}) };
  for (const [route, item] of Object.entries(doc.paths)) {
    const items = collectionItemsRef(item);
    const entry = byRoute.get(route.slice(1).toLowerCase());
    if (!items || !entry || route.split('/').length !== 3) continue;
    const base = refName(items);
    const plural = route.split('/')[2];
    const Plural = plural.charAt(0).toUpperCase() + plural.slice(1);
    if (o.changeQueries && plural !== 'schoolYearTypes') {
      Object.assign(schemas, trackedSchemas(entry, base));
      paths[`${route}/deletes`] ??= trackedPath(plural, `deletes${Plural}`, `trackedChanges_${base}Delete`, true);
      paths[`${route}/keyChanges`] ??= trackedPath(plural, `keyChanges${Plural}`, `trackedChanges_${base}KeyChange`, true);
    }
    if (o.partitions && !paths[`${route}/partitions`]) {
      const filters = (item?.get?.parameters ?? []).filter((p) => !('$ref' in p));
      paths[`${route}/partitions`] = {
        get: {
          tags: [plural],
          operationId: `get${Plural}Partitions`,
          parameters: [{ name: 'number', in: 'query', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 200 } }, ...filters],
          responses: { '200': { description: 'The partitions: a page token for the first page of each.' } },
        },
      };
    }
  }
  return { ...doc, paths, components: { ...doc.components, schemas } };
}
