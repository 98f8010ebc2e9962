/**
 * The compiled model format written to schemas/ds-x.y/model.json by the model compiler and read by the registry.
 * Paths are dotted member paths; `[]` marks "every item of this array", e.g. `classPeriods[].classPeriodReference`.
 */

/** JSON schema fragment as compiled for writes (descriptions and x- annotations removed, $refs inlined). */
export type JsonSchema = Record<string, unknown>;

/** One field of a natural key, named as in the resource's `<resource>Reference` schema. */
export interface KeyField {
  /** Name of the field in the flattened reference (and in query parameters, deletes keyValues). */
  name: string;
  /** Where the value lives in a document of this resource (first source wins). */
  path: string;
  /** Descriptor-valued key parts compare case-insensitively. */
  descriptor: boolean;
}

/** A reference member (at root or inside collections) that must resolve to an existing document. */
export interface ReferenceModel {
  /** Path of the reference object, e.g. `sessionReference` or `classPeriods[].classPeriodReference`. */
  path: string;
  /** Target entity name (may be abstract, e.g. EducationOrganization). */
  target: string;
  /** Part of the referencing resource's natural key. */
  identity: boolean;
  /** Entity that holds the reference (root entity or collection item entity) for dependent-item messages. */
  holder: string;
  /** Member names inside the reference object that form the target's key, in target key order. */
  fields: string[];
}

/** A descriptor-valued member. */
export interface DescriptorPath {
  path: string;
  /** Descriptor entity name, e.g. GradeLevelDescriptor. */
  descriptor: string;
}

/** A collection and the members identifying its items (for duplicate-item checks). */
export interface CollectionModel {
  path: string;
  /** Entity name of the items, e.g. SchoolGradeLevel. */
  entity: string;
  /** Item-relative paths of the identifying members. */
  itemKey: string[];
}

/** Reference key fields that must carry equal values (key unification). */
export interface UnificationModel {
  field: string;
  paths: string[];
}

/** A query parameter of the collection GET and where its value lives. */
export interface QueryField {
  name: string;
  path: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time';
}

/** Everything the server needs to know about one resource (or descriptor) endpoint. */
export interface ResourceModel {
  name: string;
  /** URI segment of the schema: ed-fi, tpdm, ... */
  schema: string;
  plural: string;
  isDescriptor: boolean;
  keyUpdatable: boolean;
  /** Superclass entity when this resource is a concrete subtype of an abstract one. */
  superclass?: string;
  jsonSchema: JsonSchema;
  keyFields: KeyField[];
  references: ReferenceModel[];
  descriptors: DescriptorPath[];
  collections: CollectionModel[];
  unifications: UnificationModel[];
  queryFields: QueryField[];
}

/** An abstract entity (never served) that references may target: any concrete subtype resolves it. */
export interface AbstractModel {
  name: string;
  keyFields: string[];
  /** For each concrete subtype, abstract key field -> the subtype's key field name. */
  subtypes: { resource: string; keyMap: Record<string, string> }[];
}

/** One entry of /metadata/data/v3/dependencies. */
export interface DependencyEntry {
  resource: string;
  order: number;
  operations: string[];
}

/** The compiled model of one Data Standard. */
export interface CompiledModel {
  dataStandard: string;
  /** Informational version shown in discovery, e.g. 5.2.0. */
  informationalVersion: string;
  resources: ResourceModel[];
  abstracts: AbstractModel[];
  dependencies: DependencyEntry[];
}

/** Default descriptor values: descriptor name -> [codeValue, shortDescription, description, namespace][]. */
export type DescriptorDefaults = Record<string, [string, string, string, string][]>;

/** Members an extension adds to one core resource (at its root, or on each item of one of its collections). */
export interface ExtensionMember {
  resource: string;
  /** Collection whose items carry `_ext.<name>` (e.g. `behaviors`); absent when the root carries it. */
  at?: string;
  /** Write schema of the object under `_ext.<name>`. */
  jsonSchema: JsonSchema;
  /** References, descriptors and collections inside it, with full document paths. */
  references: ReferenceModel[];
  descriptors: DescriptorPath[];
  collections: CollectionModel[];
}

/** An extension compiled against one Data Standard (schemas/ds-x.y/extensions/<name>.json). */
export interface CompiledExtension {
  /** `_ext` key and URI segment of the extension's own resources, e.g. `wi`. */
  name: string;
  title: string;
  version: string;
  /** Descriptor resources the extension defines. */
  descriptors: ResourceModel[];
  members: ExtensionMember[];
  /** What the served OpenAPI documents gain: component schemas, `_ext` members on core components, descriptor paths. */
  openApi: {
    schemas: Record<string, unknown>;
    extend: { component: string; schema: string }[];
    descriptorSchemas: Record<string, unknown>;
    descriptorPaths: Record<string, unknown>;
  };
}
