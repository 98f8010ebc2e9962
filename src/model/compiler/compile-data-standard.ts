import type { OpenAPIV3 } from 'openapi-types';
import type { AbstractModel, CompiledModel, JsonSchema, QueryField, ResourceModel, UnificationModel } from '../types';
import { camelCase as camel } from '../../util/inflect';
import { deriveIdentity, deriveQueryFields, deriveUnifications } from './derive-identity';
import { findMembers, type FoundReference } from './find-members';
import { computeDependencies, type PersonSplit } from './dependencies';
import { type DecimalRange, decimalRange } from './read-inputs';
import { apiNameOfColumn, findTable, type OdsTables, referenceColumns } from './ods-ddl';
import { type Components, collectionItemsRef, deref, entityOf, pascal, refName, writeSchema } from './schema-walk';

/** Inputs of one Data Standard compile. */
export interface CompileInputs {
  dataStandard: string;
  informationalVersion: string;
  resources: OpenAPIV3.Document;
  descriptors: OpenAPIV3.Document;
  subclasses: Map<string, string>;
  /** XSD `*IdentityType` elements, for resources nothing references (no `<resource>Reference` schema). */
  xsdIdentities: Map<string, string[]>;
  /** Decimal members' ranges from the XSD's precision and scale. */
  decimals?: ReadonlyMap<string, DecimalRange>;
  /**
   * ODS/API's tables for this Data Standard, where we have them (5.0 and later): the natural key of a resource nothing
   * references, and the precision of decimal members the XSD gives no range.
   */
  tables?: OdsTables;
  personSplits: PersonSplit[];
  /** Hand-written unifications of optional references (schemas/model-rules.json). */
  unifications?: (UnificationModel & { resource: string })[];
}

/** A collection endpoint of an OpenAPI document and the component schema of its items. */
interface Endpoint {
  schema: string;
  plural: string;
  schemaName: string;
  keyUpdatable: boolean;
  params: { name: string; type: QueryField['type'] }[];
}

const CHILD_ROUTES = /\/(deletes|keyChanges|partitions)$/;

function endpointsOf(doc: OpenAPIV3.Document): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    if (!item?.get || route.includes('{') || CHILD_ROUTES.test(route)) continue;
    const [, schema, plural] = route.split('/');
    const items = collectionItemsRef(item);
    if (!items) continue;
    const byId = doc.paths[`${route}/{id}`] as (OpenAPIV3.PathItemObject & { put?: { 'x-Ed-Fi-isUpdatable'?: boolean } }) | undefined;
    const params = (item.get.parameters ?? []).flatMap((p) => ('$ref' in p || p.in !== 'query' ? [] : [queryParam(p)]));
    out.push({ schema, plural, schemaName: refName(items), keyUpdatable: !!byId?.put?.['x-Ed-Fi-isUpdatable'], params });
  }
  return out;
}

function queryParam(p: OpenAPIV3.ParameterObject): { name: string; type: QueryField['type'] } {
  const s = (p.schema ?? {}) as OpenAPIV3.SchemaObject;
  const type: QueryField['type'] =
    s.format === 'date' || s.format === 'date-time' ? s.format : s.type === 'integer' || s.type === 'number' || s.type === 'boolean' ? s.type : 'string';
  return { name: p.name, type };
}

/** Compile-wide context shared by every endpoint. */
interface Context {
  components: Components;
  descriptorNames: Set<string>;
  inputs: CompileInputs;
  warn: (m: string) => void;
}

/**
 * Flattened key names for a resource that no other resource references. A subtype shares its abstract parent's
 * identity; otherwise the XSD identity type lists the members, and a key field carried by two references keeps its
 * plain name on the reference to that entity itself (`educationOrganizationId` of educationOrganizationReference) and
 * takes the target's name as prefix elsewhere (`programEducationOrganizationId`), as the Ed-Fi reference schemas do.
 */
/**
 * Maps XSD identity elements to JSON members: `StaffClassification` -> staffClassificationDescriptor, `SchoolYear` ->
 * schoolYearTypeReference, a role-named `CompetencyObjectiveReference` -> objectiveCompetencyObjectiveReference.
 */
function xsdMembers(elements: string[] | undefined, members: string[]): Set<string> | undefined {
  if (!elements) return undefined;
  const out = new Set<string>();
  for (const e of elements) {
    const c = camel(e);
    const m =
      members.find((x) => x === c || x === `${c}Descriptor` || x === `${c}TypeReference`) ?? members.find((x) => e.endsWith('Reference') && x.endsWith(e));
    if (m) out.add(m);
  }
  return out;
}

function fallbackFlatNames(name: string, ownScalars: Set<string>, rootRefs: FoundReference[], ctx: Context): string[] {
  const parent = ctx.inputs.subclasses.get(name);
  const parentRef = parent && Object.entries(ctx.components).find(([n]) => entityOf(n) === `${parent}Reference`)?.[1];
  const parentKeys = Object.keys((parentRef && parentRef.properties) ?? {}).filter((f) => f !== 'link');
  const refFields = new Set(rootRefs.flatMap((r) => r.fields));
  if (parentKeys.some((k) => refFields.has(k)) && !ownScalars.has(`${camel(name)}Id`)) return parentKeys;
  const fromXsd = xsdMembers(ctx.inputs.xsdIdentities.get(name), [...ownScalars, ...rootRefs.map((r) => r.member)]);
  // Last resort (extension resources absent from the core XSD): identity scalars and every required root reference.
  const members = fromXsd
    ? [...fromXsd]
    : [...ownScalars].filter((m) => isIdentityMember(ctx.components, name, m)).concat(rootRefs.filter((r) => r.required).map((r) => r.member));
  const refs = rootRefs.filter((r) => members.includes(r.member));
  const out = members.filter((m) => ownScalars.has(m));
  for (const ref of refs) {
    for (const f of ref.fields) {
      const shared = refs.some((o) => o !== ref && o.fields.includes(f));
      const own = f === `${camel(ref.target)}Id`;
      const other = refs.some((o) => o !== ref && o.fields.includes(f) && f === `${camel(o.target)}Id`);
      const flat = shared && !own && other ? `${camel(ref.target)}${pascal(f)}` : f;
      if (!out.includes(flat)) out.push(flat);
    }
  }
  return out.sort();
}

/**
 * The flattened key of a resource nothing references, as its table's primary key names it: two references to one
 * entity keep apart (`educationOrganizationId` and `peerEducationOrganizationId`), where guessing from the members
 * would merge them into one key field.
 */
function tableKey(name: string, ctx: Context): string[] | undefined {
  const table = ctx.inputs.tables && findTable(ctx.inputs.tables, name);
  return table?.primaryKey.length ? table.primaryKey.map(apiNameOfColumn).sort() : undefined;
}

/** The XSD's decimal ranges, plus the precision of the resource's DECIMAL columns for members the XSD gives none. */
function withColumnRanges(name: string, ctx: Context): ReadonlyMap<string, DecimalRange> | undefined {
  const { tables, decimals } = ctx.inputs;
  if (!tables) return decimals;
  const out = new Map(decimals);
  for (const [tableName, table] of tables.tables) {
    if (tableName !== name && !tableName.startsWith(name)) continue;
    for (const c of table.columns) {
      const member = apiNameOfColumn(c.name);
      if (c.type === 'DECIMAL' && c.size !== undefined && !out.has(member)) out.set(member, decimalRange(c.size, c.scale ?? 0));
    }
  }
  return out;
}

/**
 * Whether the tables agree that a unification's references share a column. A document lists a query parameter once
 * for two references' fields of one name even where ODS keeps two columns (CertificationExamResult's `Namespace` and
 * `CertificationExamNamespace`): those two never had to agree. Without tables, or for paths into collections or into
 * the resource's own members, the unification stands.
 */
function sharedInTables(name: string, u: UnificationModel, rootRefs: FoundReference[], ctx: Context): boolean {
  const tables = ctx.inputs.tables;
  const table = tables && findTable(tables, name);
  if (!tables || !table) return true;
  const refs = u.paths.map((p) => rootRefs.find((r) => p.startsWith(`${r.path}.`)));
  if (refs.some((r) => !r)) return true;
  const withBase = (n: string) => [n, ctx.inputs.subclasses.get(n)].filter((x): x is string => !!x);
  const sets = refs.map((r) => referenceColumns(tables, withBase(name), withBase(r!.target), r!));
  if (sets.some((s) => !s.size)) return true;
  return [...sets[0]].some((c) => sets.every((s) => s.has(c)));
}

/** Descriptor endpoints declare no (DS 5) or only paging (DS 3.3, 4.0) parameters, yet ODS filters them by every root scalar and id. */
function scalarParams(schema: JsonSchema): { name: string; type: QueryField['type'] }[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const scalars = Object.entries(props).filter(([, p]) => p.type !== 'array' && p.type !== 'object' && !p.properties);
  return [
    ...scalars.map(([name, p]) => ({
      name,
      type: (p.format ?? (p.type === 'integer' || p.type === 'number' || p.type === 'boolean' ? p.type : 'string')) as QueryField['type'],
    })),
    { name: 'id', type: 'string' },
  ];
}

/** The documented parameters, then every scalar member of the write schema they do not name. */
function withInherited(params: { name: string; type: QueryField['type'] }[], scalars: { name: string; type: QueryField['type'] }[]) {
  const named = new Set(params.map((p) => p.name));
  return [...params, ...scalars.filter((p) => !named.has(p.name))];
}

function isIdentityMember(components: Components, entity: string, member: string): boolean {
  const schema = Object.entries(components).find(([n]) => entityOf(n) === entity && !n.endsWith('Reference'))?.[1];
  const prop = schema?.properties?.[member] as { 'x-Ed-Fi-isIdentity'?: boolean } | undefined;
  return !!prop?.['x-Ed-Fi-isIdentity'];
}

function compileEndpoint(e: Endpoint, ctx: Context, isDescriptor: boolean): ResourceModel {
  const { components, descriptorNames, warn } = ctx;
  const root = components[e.schemaName];
  const name = entityOf(e.schemaName);
  const found = findMembers(root, name, components, descriptorNames);
  const ownScalars = new Set(Object.entries(root.properties ?? {}).flatMap(([k, v]) => ('$ref' in v || deref(v, components).type === 'array' ? [] : [k])));
  const rootRefs: FoundReference[] = found.references.filter((r) => r.atRoot && !r.path.includes('.'));
  const refSchema = components[`${e.schemaName}Reference`];
  const flatNames = isDescriptor
    ? ['namespace', 'codeValue']
    : refSchema
      ? Object.keys(refSchema.properties ?? {}).filter((f) => f !== 'link')
      : (tableKey(name, ctx) ?? fallbackFlatNames(name, ownScalars, rootRefs, ctx));
  if (!flatNames.length) warn(`${name}: no identity found`);
  const jsonSchema = writeSchema(root, components, withColumnRanges(name, ctx));
  // The integer `<descriptor>Id` is [JsonIgnore] in ODS 7.x: not part of the wire contract.
  if (isDescriptor) delete (jsonSchema.properties as Record<string, unknown>)[`${camel(name)}Id`];
  const identity = deriveIdentity(
    flatNames,
    ownScalars,
    rootRefs,
    xsdMembers(
      ctx.inputs.xsdIdentities.get(name),
      rootRefs.map((r) => r.member),
    ),
  );
  if (identity.unmapped.length) warn(`${name}: key fields not located: ${identity.unmapped.join(', ')}`);
  // ODS refuses the CLR default of an integer key member (`"localEducationAgencyId": 0`).
  for (const k of identity.keyFields) {
    const member = (jsonSchema.properties as Record<string, JsonSchema>)[k.path];
    if (member?.type === 'integer') member.edfiNonZero = true;
  }
  const queryParams = withInherited(isDescriptor || !e.params.length ? [] : e.params, scalarParams(jsonSchema));
  const byRequired = [...rootRefs].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    name,
    schema: e.schema,
    plural: e.plural,
    isDescriptor,
    keyUpdatable: e.keyUpdatable,
    jsonSchema,
    keyFields: identity.keyFields.map((k) => (isDescriptor ? { ...k, descriptor: true } : k)),
    references: found.references.map((r) => ({
      path: r.path,
      target: r.target,
      identity: identity.identityRefs.has(r.path),
      holder: r.holder,
      fields: r.fields,
    })),
    descriptors: found.descriptors,
    collections: found.collections,
    unifications: unificationsOf(
      identity.unifications,
      deriveUnifications(
        queryParams.map((p) => p.name),
        ownScalars,
        byRequired,
      ),
    ).filter((u) => sharedInTables(name, u, rootRefs, ctx)),
    // Required references first: a filter on schoolId reads the school, not an optional calendar that shares the name.
    // The documents list only a subclass's own members as parameters; ODS filters on every scalar member, inherited
    // ones too (schools?nameOfInstitution=, studentProgramAssociations?endDate=): the write schema has them all.
    queryFields: [...deriveQueryFields(queryParams, ownScalars, byRequired), ...identificationCodeFields(jsonSchema, ctx.inputs.dataStandard)],
  };
}

/**
 * Every key unification of a resource: among identifying references, and among the members that feed one query
 * parameter (one column: localAccount's `fiscalYear` and `chartOfAccountReference.fiscalYear`). Unifications that reach
 * into child collections follow MetaEd's merge directives, which the documents do not carry: they are hand-written in
 * schemas/model-rules.json.
 */
function unificationsOf(identity: UnificationModel[], byColumn: UnificationModel[]): UnificationModel[] {
  const out: UnificationModel[] = identity.map((u) => ({ field: u.field, paths: [...u.paths] }));
  for (const u of byColumn) {
    const known = out.find((x) => x.field === u.field && x.paths.some((p) => u.paths.includes(p)));
    if (!known) out.push({ field: u.field, paths: [...u.paths] });
    else for (const p of u.paths) if (!known.paths.includes(p)) known.paths.push(p);
  }
  return out;
}

/**
 * ODS/API (Data Standards 4 and 5, not 6) filters education organizations by their identification codes collection:
 * `schools?identificationCode=...&educationOrganizationIdentificationSystemDescriptor=...` match any item.
 */
function identificationCodeFields(jsonSchema: JsonSchema, dataStandard: string): QueryField[] {
  if (!/^[45]\./.test(dataStandard)) return [];
  const items = ((jsonSchema.properties as Record<string, JsonSchema>).identificationCodes?.items as JsonSchema | undefined)?.properties as
    Record<string, JsonSchema> | undefined;
  if (!items?.educationOrganizationIdentificationSystemDescriptor) return [];
  return ['identificationCode', 'educationOrganizationIdentificationSystemDescriptor'].map((name) => ({
    name,
    path: `identificationCodes[].${name}`,
    type: 'string' as const,
  }));
}

/** Builds abstract entity models for reference targets that are not resources (e.g. EducationOrganization). */
function compileAbstracts(resources: ResourceModel[], components: Components, subclasses: Map<string, string>): AbstractModel[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const targets = new Set(resources.flatMap((r) => r.references.map((ref) => ref.target)).filter((t) => !byName.has(t)));
  return [...targets].sort().map((abstract) => {
    const refSchema = Object.entries(components).find(([n]) => entityOf(n) === `${abstract}Reference`)?.[1];
    const keyFields = Object.keys(refSchema?.properties ?? {}).filter((f) => f !== 'link');
    const subtypes = resources
      .filter((r) => subclasses.get(r.name) === abstract)
      .map((r) => {
        const own = r.keyFields.map((k) => k.name);
        const leftOwn = own.filter((k) => !keyFields.includes(k));
        const leftAbstract = keyFields.filter((k) => !own.includes(k));
        const keyMap = Object.fromEntries(keyFields.map((k) => [k, own.includes(k) ? k : leftOwn[leftAbstract.indexOf(k)]]));
        r.superclass = abstract;
        return { resource: r.name, keyMap };
      });
    return { name: abstract, keyFields, subtypes };
  });
}

/** Compiles one Data Standard's OpenAPI documents into our model. */
export function compileDataStandard(inputs: CompileInputs, warn: (m: string) => void): CompiledModel {
  const resComponents = (inputs.resources.components?.schemas ?? {}) as Components;
  const descComponents = (inputs.descriptors.components?.schemas ?? {}) as Components;
  const descEndpoints = endpointsOf(inputs.descriptors);
  const descriptorNames = new Set(descEndpoints.map((e) => entityOf(e.schemaName)));
  const descriptors = descEndpoints.map((e) => compileEndpoint(e, { components: descComponents, descriptorNames, inputs, warn }, true));
  const resources = endpointsOf(inputs.resources).map((e) => compileEndpoint(e, { components: resComponents, descriptorNames, inputs, warn }, false));
  const all = [...descriptors, ...resources].sort((a, b) => (a.schema + a.plural).localeCompare(b.schema + b.plural));
  for (const u of inputs.unifications ?? []) {
    const r = all.find((x) => x.name === u.resource);
    const exists = (path: string) => r?.references.some((ref) => path.startsWith(`${ref.path}.`) && ref.fields.includes(path.slice(ref.path.length + 1)));
    const same = (x: UnificationModel) => x.paths.length === u.paths.length && x.paths.every((p) => u.paths.includes(p));
    if (r && u.paths.every(exists) && !r.unifications.some(same)) r.unifications.push({ field: u.field, paths: u.paths });
  }
  const abstracts = compileAbstracts(all, resComponents, inputs.subclasses);
  // A reference target that is neither a resource nor a superclass of one could never resolve (every write would 409).
  for (const a of abstracts) if (!a.subtypes.length) warn(`${a.name}: referenced, but no resource serves it`);
  return {
    dataStandard: inputs.dataStandard,
    informationalVersion: inputs.informationalVersion,
    resources: all,
    abstracts,
    dependencies: computeDependencies(all, abstracts, inputs.personSplits),
  };
}
