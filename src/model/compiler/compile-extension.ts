import type { OpenAPIV3 } from 'openapi-types';
import { camelCase as camel, pluralize } from '../../util/inflect';
import type { CompiledExtension, CompiledModel, ExtensionMember, ResourceModel } from '../types';
import { findMembers } from './find-members';
import { type Components, pascal, refName, writeSchema } from './schema-walk';

/** An extension as written by hand in schemas/extensions/<name>.yaml. */
export interface ExtensionSource {
  name: string;
  title: string;
  version: string;
  descriptors: { name: string; dataStandards: string[] }[];
  members: {
    resource: string;
    at?: string;
    dataStandards: string[];
    properties: Record<string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject>;
    required?: string[];
  }[];
}

/** An extension descriptor is shaped like every core descriptor: the first core one is the template. */
function descriptorModel(name: string, ext: string, core: CompiledModel): ResourceModel {
  const template = core.resources.find((r) => r.isDescriptor)!;
  return { ...template, name, schema: ext, plural: pluralize(camel(name)) };
}

/** Rewrites one core descriptor's OpenAPI paths and schema for an extension descriptor. */
function descriptorOpenApi(name: string, ext: string, descriptors: OpenAPIV3.Document, template: ResourceModel) {
  const from = `/${template.schema}/${template.plural}`;
  const to = `/${ext}/${pluralize(camel(name))}`;
  const rename = (v: unknown): unknown =>
    JSON.parse(
      JSON.stringify(v)
        .replaceAll(`edFi_${camel(template.name)}`, `${ext}_${camel(name)}`)
        .replaceAll(template.name, name)
        .replaceAll(from, to),
    );
  const paths = Object.fromEntries(Object.entries(descriptors.paths).flatMap(([p, item]) => (p.startsWith(from) ? [[p.replace(from, to), rename(item)]] : [])));
  return { paths, schema: rename(descriptors.components!.schemas![`edFi_${camel(template.name)}`]) };
}

/** `cteConcentrationCteProgramAreas` -> `CteConcentrationCteProgramArea` (the ODS child-table name suffix). */
const itemEntity = (resource: string, member: string): string => `${resource}${pascal(member).replace(/s$/, '')}`;

/** Entries for the same resource (and `at`) are one extension object: their properties are merged, in file order. */
function mergedMembers(members: ExtensionSource['members']): ExtensionSource['members'] {
  const byHolder = new Map<string, ExtensionSource['members'][number]>();
  for (const m of members) {
    const key = `${m.resource}|${m.at ?? ''}`;
    const seen = byHolder.get(key);
    if (!seen) byHolder.set(key, { ...m, properties: { ...m.properties } });
    else {
      Object.assign(seen.properties, m.properties);
      if (m.required) seen.required = [...(seen.required ?? []), ...m.required];
    }
  }
  return [...byHolder.values()];
}

/** Compiles an extension against one Data Standard's model and OpenAPI documents. */
export function compileExtension(
  src: ExtensionSource,
  dataStandard: string,
  core: CompiledModel,
  resources: OpenAPIV3.Document,
  descriptorsDoc: OpenAPIV3.Document,
): CompiledExtension {
  const components = (resources.components?.schemas ?? {}) as Components;
  const descriptorSpecs = src.descriptors.filter((d) => d.dataStandards.includes(dataStandard));
  const descriptorNames = new Set([...core.resources.filter((r) => r.isDescriptor).map((r) => r.name), ...descriptorSpecs.map((d) => d.name)]);
  const template = core.resources.find((r) => r.isDescriptor)!;
  const out: CompiledExtension = {
    name: src.name,
    title: src.title,
    version: src.version,
    descriptors: descriptorSpecs.map((d) => descriptorModel(d.name, src.name, core)),
    members: [],
    openApi: { schemas: {}, extend: [], descriptorSchemas: {}, descriptorPaths: {} },
  };
  for (const d of descriptorSpecs) {
    const { paths, schema } = descriptorOpenApi(d.name, src.name, descriptorsDoc, template);
    Object.assign(out.openApi.descriptorPaths, paths);
    out.openApi.descriptorSchemas[`${src.name}_${camel(d.name)}`] = schema;
  }
  for (const m of mergedMembers(src.members.filter((x) => x.dataStandards.includes(dataStandard)))) {
    const coreName = `edFi_${camel(m.resource)}`;
    const items = m.at ? (components[coreName]?.properties?.[m.at] as OpenAPIV3.ArraySchemaObject | undefined)?.items : undefined;
    const component = items && '$ref' in items ? refName(items.$ref) : coreName;
    if (!components[component]) throw new Error(`extension ${src.name}: ${m.resource}${m.at ? `.${m.at}` : ''} does not exist in DS ${dataStandard}`);
    const holder = m.at ? itemEntity(m.resource, m.at) : m.resource;
    const schemaName = `${src.name}_${camel(holder)}Extension`;
    const schema: OpenAPIV3.SchemaObject = { type: 'object', properties: m.properties, ...(m.required ? { required: m.required } : {}) };
    const prefix = `${m.at ? `${m.at}[].` : ''}_ext.${src.name}.`;
    const found = findMembers(schema, holder, components, descriptorNames);
    const member: ExtensionMember = {
      resource: m.resource,
      ...(m.at ? { at: m.at } : {}),
      jsonSchema: writeSchema(schema, components),
      references: found.references.map((r) => ({ path: prefix + r.path, target: r.target, identity: false, holder: r.holder, fields: r.fields })),
      descriptors: found.descriptors.map((d) => ({ path: prefix + d.path, descriptor: d.descriptor })),
      collections: found.collections.map((c) => ({ path: prefix + c.path, entity: itemEntity(holder, c.path.split('.').pop()!), itemKey: c.itemKey })),
    };
    // References inside extension collections are held by the collection item.
    for (const r of member.references) {
      const inner = member.collections.filter((c) => r.path.startsWith(`${c.path}[].`)).sort((a, b) => b.path.length - a.path.length)[0];
      if (inner) r.holder = inner.entity;
    }
    out.members.push(member);
    out.openApi.schemas[schemaName] = schema;
    out.openApi.extend.push({ component, schema: schemaName });
  }
  return out;
}
