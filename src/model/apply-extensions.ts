import type { OpenAPIV3 } from 'openapi-types';
import type { CompiledExtension, CompiledModel, JsonSchema } from './types';

type Props = Record<string, JsonSchema>;

/** Adds `_ext.<name>` with the given schema to an object schema's properties. */
function addExt(node: JsonSchema, name: string, schema: unknown): void {
  const props = (node.properties ??= {}) as Props;
  const ext = (props._ext ??= { type: 'object', properties: {} });
  (ext.properties as Record<string, unknown>)[name] = schema;
}

/**
 * Lays extensions over a Data Standard's model: `_ext.<name>` members (at the root or on the items of a collection)
 * with their references, descriptors and collections, plus the descriptor resources the extensions define (load
 * order 1, like every descriptor). The core model is not modified.
 */
export function applyExtensions(model: CompiledModel, extensions: readonly CompiledExtension[]): CompiledModel {
  if (!extensions.length) return model;
  const resources = model.resources.map((r) => ({ ...r }));
  const byName = new Map(resources.map((r) => [r.name, r]));
  for (const ext of extensions) {
    for (const m of ext.members) {
      const r = byName.get(m.resource);
      if (!r) throw new Error(`extension ${ext.name}: resource ${m.resource} is not in DS ${model.dataStandard}`);
      r.jsonSchema = structuredClone(r.jsonSchema);
      const node = m.at ? ((r.jsonSchema.properties as Props)[m.at].items as JsonSchema) : r.jsonSchema;
      addExt(node, ext.name, m.jsonSchema);
      r.references = [...r.references, ...m.references];
      r.descriptors = [...r.descriptors, ...m.descriptors];
      r.collections = [...r.collections, ...m.collections];
    }
    resources.push(...ext.descriptors);
  }
  const added = extensions.flatMap((e) => e.descriptors.map((d) => ({ resource: `/${d.schema}/${d.plural}`, order: 1, operations: ['Create', 'Update'] })));
  const dependencies = [...model.dependencies, ...added].sort((a, b) => a.order - b.order || a.resource.localeCompare(b.resource));
  return { ...model, resources, dependencies };
}

/** The served OpenAPI document with the extensions' schemas, `_ext` members and descriptor paths. */
export function extendOpenApi(doc: OpenAPIV3.Document, kind: 'resources' | 'descriptors', extensions: readonly CompiledExtension[]): OpenAPIV3.Document {
  if (!extensions.length) return doc;
  const out = structuredClone(doc);
  const schemas = (out.components ??= {}).schemas ?? (out.components.schemas = {});
  for (const ext of extensions) {
    if (kind === 'resources') {
      Object.assign(schemas, ext.openApi.schemas);
      for (const e of ext.openApi.extend) addExt(schemas[e.component] as JsonSchema, ext.name, { $ref: `#/components/schemas/${e.schema}` });
    } else {
      Object.assign(schemas, ext.openApi.descriptorSchemas);
      Object.assign(out.paths, ext.openApi.descriptorPaths);
    }
  }
  return out;
}
