import type { OpenAPIV3 } from 'openapi-types';
import { apiCamel, camelCase as camel, pluralize } from '../../util/inflect';
import { AUDIT_COLUMNS, apiNameOfColumn, type DdlColumn, findTable, type OdsTables } from './ods-ddl';
import type { XsdComplexType, XsdElement, XsdModel, XsdSimpleType } from './xsd-model';

/**
 * The Ed-Fi API surface that one Data Standard's XSD and ODS tables imply, in the OpenAPI documents' own names:
 * component schemas (`edFi_studentDemographic`, its child collections, `edFi_studentDemographicReference`), the query
 * parameters of each resource's collection GET, and the descriptor names. It is never served by itself: the model
 * compiler compares two releases' surfaces and applies the difference to an official document (see api-delta.ts), so
 * a naming rule this generator gets wrong for an entity that did not change cancels out. docs/model.md states the rules.
 */
export interface DerivedApi {
  schemas: Record<string, OpenAPIV3.SchemaObject>;
  /** Collection route (`/ed-fi/studentDemographics`) -> its root component and the collection GET's query parameters. */
  resources: Record<string, { schema: string; params: OpenAPIV3.ParameterObject[] }>;
  /** Descriptor entity names (`AncestryEthnicOriginDescriptor`). */
  descriptors: string[];
}

/** Inputs of the derivation. */
export interface DeriveInputs {
  xsd: XsdModel;
  tables: OdsTables;
  /** Common types that MetaEd declares "inline": their members sit on the holder itself (Citizenship on a student). */
  inlineCommons: ReadonlySet<string>;
  /** Naming rules to switch off (each is on by default); the delta tests break one at a time. */
  rules?: DeriveRules;
}

/** The naming rules of docs/model.md that can be switched off one by one. */
export interface DeriveRules {
  prefixRemoval?: boolean;
  acronyms?: boolean;
  inlineCommons?: boolean;
  repeatedRoles?: boolean;
  tableKeys?: boolean;
}

const RESOURCE_GROUPS = new Set(['Domain Entity', 'Association']);
const DESCRIPTOR_LENGTH = 306;
const UNIQUE_ID_LENGTH = 32;
const ref = (schema: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${schema}` });
const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** Marks a member as part of its holder's identity, as the official documents do. */
const asIdentity = (s: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject => ({ ...s, ...{ 'x-Ed-Fi-isIdentity': true } });

/**
 * Collection prefix removal: a member name loses the longest leading part that ends its holder's name, at a word
 * boundary: `AssessmentScore` in Assessment is `Score` (`scores`, edFi_assessmentScore), `ObjectiveRatingLevel` in
 * EvaluationObjective is `RatingLevel`, `AssessmentPerformanceLevel` in ObjectiveAssessment is `PerformanceLevel`.
 */
export function withoutHolderPrefix(name: string, holder: string): string {
  for (let i = 0; i < holder.length; i++) {
    const part = holder.slice(i);
    if (/[A-Z]/.test(part.charAt(0)) && name.length > part.length && name.startsWith(part) && /[A-Z]/.test(name.charAt(part.length))) {
      return name.slice(part.length);
    }
  }
  return name;
}

/** A role name that repeats the start of the entity it names is written once: `BalanceSheetBalanceSheetDimension`. */
export function withoutRepeatedRole(name: string): string {
  for (let i = 2; i <= name.length / 2; i++) {
    const role = name.slice(0, i);
    if (/[A-Z]/.test(name.charAt(i)) && name.slice(i).startsWith(role)) return name.slice(i);
  }
  return name;
}

/** JSON schema of an XSD built-in type. */
function builtIn(type: string): OpenAPIV3.SchemaObject {
  switch (type) {
    case 'xs:int':
    case 'xs:short':
    case 'xs:gYear':
      return { type: 'integer', format: 'int32' };
    case 'xs:long':
      return { type: 'integer', format: 'int64' };
    case 'xs:decimal':
      return { type: 'number', format: 'double' };
    case 'xs:boolean':
      return { type: 'boolean' };
    case 'xs:date':
      return { type: 'string', format: 'date' };
    case 'xs:dateTime':
      return { type: 'string', format: 'date-time' };
    case 'xs:duration':
      return { type: 'string', maxLength: 30 };
    default:
      return { type: 'string' };
  }
}

/** JSON schema of a scalar element: its simple type's base, with length and inclusive bounds as facets. */
function scalarSchema(type: string, simple: ReadonlyMap<string, XsdSimpleType>): OpenAPIV3.SchemaObject {
  const s = simple.get(type);
  if (!s) return builtIn(type);
  const out: OpenAPIV3.SchemaObject = { ...scalarSchema(s.base, simple) };
  if (s.maxLength !== undefined) out.maxLength = s.maxLength;
  // A minimum of 0 is no minimum: the documents omit it.
  if (s.minLength) out.minLength = s.minLength;
  if (s.minInclusive !== undefined) out.minimum = Number(s.minInclusive);
  if (s.maxInclusive !== undefined) out.maximum = Number(s.maxInclusive);
  return out;
}

/** JSON schema of an ODS key column (a reference's flattened field). */
export function columnSchema(c: DdlColumn): OpenAPIV3.SchemaObject {
  if (c.name.endsWith('USI')) return { type: 'string', maxLength: UNIQUE_ID_LENGTH };
  if (c.name.endsWith('DescriptorId')) return { type: 'string', maxLength: DESCRIPTOR_LENGTH };
  switch (c.type) {
    case 'INT':
    case 'SMALLINT':
    case 'SERIAL':
      return { type: 'integer', format: 'int32' };
    case 'BIGINT':
      return { type: 'integer', format: 'int64' };
    case 'DECIMAL':
    case 'MONEY':
      return { type: 'number', format: 'double' };
    case 'BOOLEAN':
      return { type: 'boolean' };
    case 'DATE':
      return { type: 'string', format: 'date' };
    case 'TIMESTAMP':
      return { type: 'string', format: 'date-time' };
    case 'VARCHAR':
      return c.size === undefined ? { type: 'string' } : { type: 'string', maxLength: c.size };
    default:
      return { type: 'string' };
  }
}

/** Builds the component schemas of one entity and everything nested in it. */
class Deriver {
  readonly schemas: Record<string, OpenAPIV3.SchemaObject> = {};
  /** Every single-valued common member written as an object, for telling inline commons apart (inlineCommonsOf). */
  readonly singleCommons: { component: string; member: string; type: string }[] = [];
  constructor(private readonly inputs: DeriveInputs) {}

  /**
   * A single-valued common is inline (its members sit on the holder) when the official document flattens it, or when
   * ODS gives it no table of its own while its holder has one: a regular common is stored in `<Holder><Common>`.
   */
  private isInline(el: XsdElement, holderComponent: string, holder: string): boolean {
    if (this.inputs.inlineCommons.has(el.type)) return true;
    if (this.inputs.rules?.inlineCommons === false) return false;
    const table = (c: string) => !!findTable(this.inputs.tables, pascal(c.slice(c.indexOf('_') + 1)));
    return table(holderComponent) && !table(`${holderComponent}${this.strip(el.name, holder)}`);
  }

  private strip(name: string, holder: string): string {
    return this.inputs.rules?.prefixRemoval === false ? name : withoutHolderPrefix(name, holder);
  }

  private role(name: string): string {
    return this.inputs.rules?.repeatedRoles === false ? name : withoutRepeatedRole(name);
  }

  camel(name: string): string {
    return this.inputs.rules?.acronyms === false ? camel(name) : apiCamel(name);
  }

  /** All elements of a type, its (abstract) base's first; each with the component and name that hold it. */
  private elements(type: XsdComplexType, component: string): { el: XsdElement; component: string; holder: string }[] {
    const base = type.base ? this.inputs.xsd.complex.get(type.base) : undefined;
    const inherited = base ? this.elements(base, `edFi_${this.camel(base.name)}`) : [];
    return [...inherited, ...type.elements.map((el) => ({ el, component, holder: type.name }))];
  }

  /** The object schema of a type's members, written under `component`; `identity` names the identifying elements. */
  object(type: XsdComplexType, component: string, identity: ReadonlySet<string>, optional = false): OpenAPIV3.SchemaObject {
    const properties: Record<string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject> = {};
    const required: string[] = [];
    const members = this.elements(type, component);
    // Two collections whose names lose their prefix to the same word keep their whole names (School's categories).
    const stripped = members.map(({ el, holder }) => this.nameOf(el, holder, true));
    const clash = new Set(stripped.filter((n, i) => stripped.indexOf(n) !== i));
    members.forEach(({ el, component: holderComponent, holder }, i) => {
      const common = this.inputs.xsd.complex.get(el.type);
      if (common?.group === 'Common' && !el.many && this.isInline(el, holderComponent, holder)) {
        const role = el.name.endsWith(el.type) ? el.name.slice(0, -el.type.length) : '';
        const flat = this.object(common, holderComponent, new Set(), optional || !el.required);
        const rename = (k: string) => (role ? this.camel(role + pascal(k)) : k);
        for (const [k, v] of Object.entries(flat.properties ?? {})) properties[rename(k)] = v;
        required.push(...(flat.required ?? []).map(rename));
        return;
      }
      const name = this.nameOf(el, holder, !clash.has(stripped[i]));
      properties[name] = this.member(el, holderComponent, holder, identity.has(el.name));
      if (common?.group === 'Common' && !el.many) this.singleCommons.push({ component: holderComponent, member: name, type: el.type });
      if (el.required && !optional) required.push(name);
    });
    return { type: 'object', required: [...new Set(required)], properties };
  }

  /** The API name of an element (docs/model.md): descriptors gain `Descriptor`, collections are plural and lose their holder's prefix. */
  private nameOf(el: XsdElement, holder: string, strip: boolean): string {
    const kind = this.kindOf(el);
    if (kind === 'reference') return el.many ? pluralize(this.camel(el.name.slice(0, -'Reference'.length))) : this.camel(this.role(el.name));
    if (!el.many) {
      if (kind === 'schoolYear') return `${this.camel(el.name)}TypeReference`;
      if (kind === 'descriptor') return `${this.camel(el.name)}Descriptor`;
      return this.camel(kind === 'common' && strip ? this.strip(el.name, holder) : el.name);
    }
    return pluralize(this.camel(strip ? this.strip(el.name, holder) : el.name));
  }

  private kindOf(el: XsdElement): 'schoolYear' | 'descriptor' | 'reference' | 'common' | 'scalar' {
    if (el.type === 'SchoolYearType') return 'schoolYear';
    if (el.type.endsWith('DescriptorReferenceType')) return 'descriptor';
    const complex = this.inputs.xsd.complex.get(el.type);
    return complex?.group === 'Extended Reference' ? 'reference' : complex ? 'common' : 'scalar';
  }

  /** The schema of one element; a collection's or an object's items become a component named after their holder. */
  private member(el: XsdElement, component: string, holder: string, isIdentity: boolean): OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject {
    const { xsd } = this.inputs;
    const mark = (s: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject => (isIdentity ? asIdentity(s) : s);
    const stem = this.strip(el.name.replace(/Reference$/, ''), holder);
    const itemComponent = `${component}${stem}`;
    const collection = (item: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject => {
      this.schemas[itemComponent] = item;
      return { type: 'array', items: ref(itemComponent) };
    };
    switch (this.kindOf(el)) {
      case 'schoolYear':
        return el.many
          ? collection(this.single(`${this.camel(el.name)}TypeReference`, ref('edFi_schoolYearTypeReference')))
          : ref('edFi_schoolYearTypeReference');
      case 'descriptor': {
        const schema: OpenAPIV3.SchemaObject = { type: 'string', maxLength: DESCRIPTOR_LENGTH };
        return el.many ? collection(this.single(this.camel(el.type.slice(0, -'ReferenceType'.length)), asIdentity(schema))) : mark(schema);
      }
      case 'reference': {
        const target = ref(`edFi_${this.camel(el.type.slice(0, -'ReferenceType'.length))}Reference`);
        return el.many ? collection(this.single(this.camel(el.name), target)) : target;
      }
      case 'common': {
        const keys = this.itemIdentity(itemComponent, component);
        this.schemas[itemComponent] = this.object(xsd.complex.get(el.type)!, itemComponent, keys);
        return el.many ? { type: 'array', items: ref(itemComponent) } : ref(itemComponent);
      }
      case 'scalar': {
        const scalar = scalarSchema(el.type, xsd.simple);
        return el.many ? collection(this.single(this.camel(el.name), asIdentity(scalar))) : mark(scalar);
      }
    }
  }

  private single(name: string, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): OpenAPIV3.SchemaObject {
    return { type: 'object', required: [name], properties: { [name]: schema } };
  }

  /** The elements identifying a child collection's items: its table's key columns beyond its parent's. */
  private itemIdentity(component: string, holder: string): Set<string> {
    const tableOf = (c: string) => findTable(this.inputs.tables, pascal(c.slice(c.indexOf('_') + 1)));
    const table = tableOf(component);
    if (!table) return new Set();
    const parentKey = new Set(tableOf(holder)?.primaryKey ?? []);
    return new Set(table.primaryKey.filter((c) => !parentKey.has(c)).map((c) => pascal(apiNameOfColumn(c)).replace(/Descriptor$/, '')));
  }
}

/** The flattened natural key of an entity (its `<entity>Reference` component), from its table's primary key. */
function referenceSchema(entity: string, tables: OdsTables, rules?: DeriveRules): OpenAPIV3.SchemaObject | undefined {
  const table = rules?.tableKeys === false ? undefined : tables.tables.get(entity);
  if (!table?.primaryKey.length) return undefined;
  const properties: Record<string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject> = {};
  for (const name of table.primaryKey) {
    const column = table.columns.find((c) => c.name === name)!;
    properties[apiNameOfColumn(name)] = asIdentity(columnSchema(column));
  }
  const required = Object.keys(properties).sort();
  return { type: 'object', required, properties: { ...Object.fromEntries(required.map((k) => [k, properties[k]])), link: ref('link') } };
}

/** The collection GET's query parameters: every column of the resource's own table, then `id`. */
function queryParams(entity: string, tables: OdsTables): OpenAPIV3.ParameterObject[] {
  const table = tables.tables.get(entity);
  const columns = (table?.columns ?? []).filter((c) => !AUDIT_COLUMNS.has(c.name));
  const key = new Set(table?.primaryKey ?? []);
  return [
    ...columns.map((c) => ({
      name: apiNameOfColumn(c.name),
      in: 'query',
      schema: columnSchema(c),
      ...(key.has(c.name) ? { 'x-Ed-Fi-isIdentity': true } : {}),
    })),
    { name: 'id', in: 'query', schema: { type: 'string' } },
  ];
}

/** Derives the API surface of one Data Standard from its XSD and ODS tables. */
export function deriveApi(inputs: DeriveInputs): DerivedApi {
  const deriver = deriveWith(inputs);
  return { schemas: deriver.schemas, resources: deriver.resources, descriptors: deriver.descriptors.sort() };
}

function deriveWith(inputs: DeriveInputs): Deriver & { resources: DerivedApi['resources']; descriptors: string[] } {
  const { xsd, tables } = inputs;
  const deriver = new Deriver(inputs);
  const resources: DerivedApi['resources'] = {};
  const descriptors: string[] = [];
  for (const type of xsd.complex.values()) {
    if (type.group === 'Descriptor') descriptors.push(type.name);
    if (!RESOURCE_GROUPS.has(type.group)) continue;
    const component = `edFi_${deriver.camel(type.name)}`;
    const reference = referenceSchema(type.name, tables, inputs.rules);
    if (reference && xsd.complex.has(`${type.name}ReferenceType`)) deriver.schemas[`${component}Reference`] = reference;
    if (type.abstract) continue;
    const identity = new Set(xsd.complex.get(`${type.name}IdentityType`)?.elements.map((e) => e.name) ?? []);
    const root = deriver.object(type, component, identity);
    root.properties = { id: { type: 'string' }, ...root.properties, _etag: { type: 'string' }, _lastModifiedDate: { type: 'string', format: 'date-time' } };
    deriver.schemas[component] = root;
    resources[`/ed-fi/${pluralize(deriver.camel(type.name))}`] = { schema: component, params: queryParams(type.name, tables) };
  }
  return Object.assign(deriver, { resources, descriptors });
}

/**
 * Common types that an official document flattens into their holder (MetaEd's inline commons; the XSD does not mark
 * them): a single-valued common that the derivation writes as an object member where the official component of the
 * same name has no object member of that name. Repeated until nothing new is found (inline commons nest).
 */
export function inlineCommonsOf(xsd: XsdModel, tables: OdsTables, resources: OpenAPIV3.Document, rules?: DeriveRules): Set<string> {
  const official = (resources.components?.schemas ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  const out = new Set<string>();
  if (rules?.inlineCommons === false) return out;
  for (let round = 0; round < 4; round++) {
    const deriver = deriveWith({ xsd, tables, inlineCommons: out, rules });
    const before = out.size;
    for (const c of deriver.singleCommons) {
      const member = official[c.component]?.properties?.[c.member];
      if (official[c.component] && (!member || !('$ref' in member))) out.add(c.type);
    }
    if (out.size === before) break;
  }
  return out;
}
