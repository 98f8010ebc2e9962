import type { OpenAPIV3 } from 'openapi-types';
import { apiCamel, pascalCase as pascal } from '../../util/inflect';
import { collectionItemsRef, refName } from './schema-walk';
import type { DerivedApi } from './xsd-to-api';

type Schema = OpenAPIV3.SchemaObject;
type Member = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;

/** What changed in one component schema: members added, removed or with other facets, and required-ness. */
export interface SchemaChange {
  added: Record<string, Member>;
  removed: string[];
  /** Member -> facets to set (absent value: facet removed). */
  changed: Record<string, Record<string, unknown>>;
  nowRequired: string[];
  nowOptional: string[];
}

/** What changed in one collection GET's query parameters. */
export interface ParamChange {
  added: OpenAPIV3.ParameterObject[];
  removed: string[];
  changed: OpenAPIV3.ParameterObject[];
}

/** Δ(a→b): the difference between two releases' derived API surfaces, in the OpenAPI documents' names. */
export interface ApiDelta {
  schemas: { added: Record<string, Schema>; removed: string[]; changed: Record<string, SchemaChange> };
  resources: { added: DerivedApi['resources']; removed: string[]; changed: Record<string, ParamChange> };
  descriptors: { added: string[]; removed: string[] };
}

/** JSON with object keys sorted: two schemas that differ only in member order are the same. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function diffSchema(a: Schema, b: Schema): SchemaChange | undefined {
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const change: SchemaChange = { added: {}, removed: [], changed: {}, nowRequired: [], nowOptional: [] };
  for (const [k, v] of Object.entries(pb)) if (!(k in pa)) change.added[k] = v;
  for (const k of Object.keys(pa)) if (!(k in pb)) change.removed.push(k);
  for (const [k, v] of Object.entries(pb)) {
    if (!(k in pa) || same(pa[k], v)) continue;
    const before = pa[k] as Record<string, unknown>;
    const after = v as Record<string, unknown>;
    const facets: Record<string, unknown> = {};
    for (const f of new Set([...Object.keys(before), ...Object.keys(after)])) if (!same(before[f], after[f])) facets[f] = after[f];
    change.changed[k] = facets;
  }
  const ra = new Set(a.required ?? []);
  const rb = new Set(b.required ?? []);
  change.nowRequired = [...rb].filter((r) => !ra.has(r));
  change.nowOptional = [...ra].filter((r) => !rb.has(r) && r in pb);
  const empty = !Object.keys(change.added).length && !change.removed.length && !Object.keys(change.changed).length;
  return empty && !change.nowRequired.length && !change.nowOptional.length ? undefined : change;
}

function diffParams(a: OpenAPIV3.ParameterObject[], b: OpenAPIV3.ParameterObject[]): ParamChange | undefined {
  const byName = new Map(a.map((p) => [p.name, p]));
  const names = new Set(b.map((p) => p.name));
  const change: ParamChange = {
    added: b.filter((p) => !byName.has(p.name)),
    removed: a.filter((p) => !names.has(p.name)).map((p) => p.name),
    changed: b.filter((p) => byName.has(p.name) && !same(byName.get(p.name), p)),
  };
  return change.added.length || change.removed.length || change.changed.length ? change : undefined;
}

/** Δ(a→b) of two derived surfaces. */
export function diffApis(a: DerivedApi, b: DerivedApi): ApiDelta {
  const delta: ApiDelta = {
    schemas: { added: {}, removed: [], changed: {} },
    resources: { added: {}, removed: [], changed: {} },
    descriptors: { added: b.descriptors.filter((d) => !a.descriptors.includes(d)), removed: a.descriptors.filter((d) => !b.descriptors.includes(d)) },
  };
  for (const [name, s] of Object.entries(b.schemas)) {
    const before = a.schemas[name];
    if (!before) delta.schemas.added[name] = s;
    else {
      const c = diffSchema(before, s);
      if (c) delta.schemas.changed[name] = c;
    }
  }
  delta.schemas.removed = Object.keys(a.schemas).filter((n) => !(n in b.schemas));
  for (const [route, r] of Object.entries(b.resources)) {
    const before = a.resources[route];
    if (!before) delta.resources.added[route] = r;
    else {
      const c = diffParams(before.params, r.params);
      if (c) delta.resources.changed[route] = c;
    }
  }
  delta.resources.removed = Object.keys(a.resources).filter((r) => !(r in b.resources));
  return delta;
}

/** Applies one component's change to the official schema, keeping its member order and everything the delta does not name. */
function patchSchema(target: Schema, c: SchemaChange): void {
  const props = (target.properties ??= {});
  for (const k of c.removed) delete props[k];
  const tail = Object.entries(props).filter(([k]) => k.startsWith('_'));
  for (const [k] of tail) delete props[k];
  Object.assign(props, c.added);
  for (const [k, v] of tail) props[k] = v;
  for (const [k, facets] of Object.entries(c.changed)) {
    const member = props[k] as Record<string, unknown> | undefined;
    if (!member) continue;
    for (const [f, v] of Object.entries(facets)) {
      if (v === undefined) delete member[f];
      else member[f] = v;
    }
  }
  const required = (target.required ?? []).filter((r) => !c.nowOptional.includes(r) && !c.removed.includes(r));
  required.push(...c.nowRequired.filter((r) => !required.includes(r)));
  target.required = required;
}

/** The names a template endpoint spells its resource with, in the forms its paths use. */
function renamer(fromSchema: string, toSchema: string, fromPlural: string, toPlural: string): (json: string) => string {
  const forms: [string, string][] = [
    [pascal(fromPlural), pascal(toPlural)],
    [fromPlural, toPlural],
    [pascal(fromSchema), pascal(toSchema)],
    [fromSchema, toSchema],
    [`${fromSchema}Id`, `${toSchema}Id`],
  ];
  return (json) => forms.reduce((s, [from, to]) => s.replace(new RegExp(`(?<![A-Za-z0-9])${from}(?![A-Za-z0-9])`, 'g'), to), json);
}

/** Adds the paths of a new endpoint whose items are `toSchema`, shaped like `template`'s (parameters, responses, operations). */
function addEndpoint(doc: OpenAPIV3.Document, template: string, route: string, toSchema: string, params?: OpenAPIV3.ParameterObject[]): void {
  const rename = renamer(entityBase(singularOf(doc, template)), entityBase(toSchema), template.split('/')[2], route.split('/')[2]);
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path !== template && !path.startsWith(`${template}/`)) continue;
    const copy = JSON.parse(rename(JSON.stringify(item))) as OpenAPIV3.PathItemObject;
    const put = copy.put as (OpenAPIV3.OperationObject & { 'x-Ed-Fi-isUpdatable'?: boolean }) | undefined;
    if (put) delete put['x-Ed-Fi-isUpdatable'];
    // The collection GET and its /partitions filter by the new resource's own members, not the template's.
    const filtered = path === template || path === `${template}/partitions`;
    if (filtered && copy.get && params) copy.get.parameters = [...(copy.get.parameters ?? []).filter((p) => '$ref' in p), ...params];
    doc.paths[route + path.slice(template.length)] = copy;
  }
}

/** `edFi_academicWeek` -> `academicWeek`. */
const entityBase = (schema: string): string => schema.slice(schema.indexOf('_') + 1);

const singularOf = (doc: OpenAPIV3.Document, route: string): string => refName(collectionItemsRef(doc.paths[route])!);

/** Removes an endpoint: its collection route and every route below it (`/{id}`, `/partitions`, ...). */
function dropEndpoint(doc: OpenAPIV3.Document, route: string): void {
  for (const p of Object.keys(doc.paths)) if (p === route || p.startsWith(`${route}/`)) delete doc.paths[p];
}

/** A collection route of `doc` whose PUT cannot change the key, to copy new endpoints from. */
function templateRoute(doc: OpenAPIV3.Document): string {
  return Object.keys(doc.paths).find((p) => {
    const byId = doc.paths[`${p}/{id}`]?.put as { 'x-Ed-Fi-isUpdatable'?: boolean } | undefined;
    return p.split('/').length === 3 && !!byId && !byId['x-Ed-Fi-isUpdatable'];
  })!;
}

/** Official documents of release a, plus Δ(a→b): the documents release b would have. Inputs are not modified. */
export function applyDelta(
  official: { resources: OpenAPIV3.Document; descriptors: OpenAPIV3.Document },
  delta: ApiDelta,
  b: DerivedApi,
): { resources: OpenAPIV3.Document; descriptors: OpenAPIV3.Document } {
  const resources = structuredClone(official.resources);
  const descriptors = structuredClone(official.descriptors);
  const schemas = (resources.components!.schemas ??= {}) as Record<string, Schema>;
  for (const name of delta.schemas.removed) delete schemas[name];
  for (const [name, s] of Object.entries(delta.schemas.added)) schemas[name] ??= structuredClone(s);
  for (const [name, c] of Object.entries(delta.schemas.changed)) {
    if (schemas[name]) patchSchema(schemas[name], c);
  }
  addReferencedSchemas(schemas, b);
  const template = templateRoute(resources);
  for (const route of delta.resources.removed) dropEndpoint(resources, route);
  for (const [route, r] of Object.entries(delta.resources.added)) {
    dropOtherSchemas(resources, route);
    if (!resources.paths[route]) addEndpoint(resources, template, route, r.schema, r.params);
  }
  for (const [route, c] of Object.entries(delta.resources.changed)) {
    const get = resources.paths[route]?.get;
    if (!get) continue;
    const params = (get.parameters ?? []).filter((p) => '$ref' in p || !c.removed.includes(p.name)) as (
      OpenAPIV3.ParameterObject | OpenAPIV3.ReferenceObject
    )[];
    const idAt = params.findIndex((p) => !('$ref' in p) && p.name === 'id');
    params.splice(idAt < 0 ? params.length : idAt, 0, ...c.added);
    get.parameters = params.map((p) => ('$ref' in p ? p : (c.changed.find((x) => x.name === p.name) ?? p)));
  }
  applyDescriptors(descriptors, delta.descriptors);
  return { resources, descriptors };
}

/**
 * Adds the components that added members point at but the official document lacks: a document only carries an
 * entity's `<entity>Reference` once something references it (edFi_studentSchoolAssociationReference appears in 6.0).
 */
function addReferencedSchemas(schemas: Record<string, Schema>, b: DerivedApi): void {
  const pending = Object.values(schemas);
  while (pending.length) {
    const s = pending.pop()!;
    for (const m of Object.values(s.properties ?? {})) {
      const target = '$ref' in m ? m.$ref : m.type === 'array' && m.items && '$ref' in m.items ? m.items.$ref : undefined;
      const name = target?.slice(target.lastIndexOf('/') + 1);
      if (name && !schemas[name] && b.schemas[name]) pending.push((schemas[name] = structuredClone(b.schemas[name])));
    }
  }
}

/**
 * An entity that enters the core replaces the extension endpoint of the same name: Data Standard 6 folds TPDM's
 * candidates, evaluations and their descriptors into ed-fi, and ODS serves them there only.
 */
function dropOtherSchemas(doc: OpenAPIV3.Document, coreRoute: string): void {
  const plural = coreRoute.split('/')[2];
  for (const p of Object.keys(doc.paths)) {
    const [, schema, name, below] = p.split('/');
    if (schema !== 'ed-fi' && name === plural && below === undefined) dropEndpoint(doc, p);
  }
}

function applyDescriptors(doc: OpenAPIV3.Document, change: ApiDelta['descriptors']): void {
  const schemas = (doc.components!.schemas ??= {}) as Record<string, Schema>;
  const route = (d: string) => `/ed-fi/${apiCamel(d)}s`;
  for (const d of change.removed) {
    delete schemas[`edFi_${apiCamel(d)}`];
    dropEndpoint(doc, route(d));
  }
  const template = templateRoute(doc);
  const fromSchema = singularOf(doc, template);
  for (const d of change.added) {
    dropOtherSchemas(doc, route(d));
    if (doc.paths[route(d)]) continue;
    const rename = renamer(entityBase(fromSchema), apiCamel(d), template.split('/')[2], `${apiCamel(d)}s`);
    schemas[`edFi_${apiCamel(d)}`] = JSON.parse(rename(JSON.stringify(schemas[fromSchema]))) as Schema;
    addEndpoint(doc, template, route(d), `edFi_${apiCamel(d)}`);
  }
}
