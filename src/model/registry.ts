import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { type Path, splitPath } from '../util/paths';
import { applyExtensions, extendOpenApi } from './apply-extensions';
import type { AbstractModel, CompiledExtension, CompiledModel, DescriptorDefaults, JsonSchema, QueryField, ResourceModel } from './types';
import { type Shape, buildShape } from './shape';
import { createValidatorFactory } from './validators';
import { type DocumentedPaths, withTrackedChanges } from './tracked-changes-openapi';

/** A reference with its path split, ready for per-request use. */
export interface CompiledReference {
  path: Path;
  target: string;
  identity: boolean;
  holder: string;
  fields: string[];
}

/** Everything derived once per resource (house rule 2). */
export interface ResourceEntry {
  model: ResourceModel;
  /** `/ed-fi/students`. */
  route: string;
  shape: Shape;
  keyPaths: Path[];
  keyDescriptor: boolean[];
  references: CompiledReference[];
  descriptors: { path: Path; descriptor: string }[];
  collections: { path: Path; entity: string; itemKey: Path[] }[];
  unifications: { field: string; paths: { path: Path; text: string }[] }[];
  /** Query parameter name (lower-cased) -> field. */
  query: Map<string, QueryField & { split: Path }>;
  /** Compiled on first use or by warm-up, then reused. */
  validator: () => ValidateFunction;
}

/** The immutable model of one Data Standard, as the server uses it. */
export interface Registry {
  dataStandard: string;
  informationalVersion: string;
  /** Extensions laid over the Data Standard (discovery lists them as data models). */
  extensions: { name: string; title: string; version: string }[];
  /** `ed-fi/students` (lower-cased) -> entry. */
  byRoute: Map<string, ResourceEntry>;
  byName: Map<string, ResourceEntry>;
  abstracts: Map<string, AbstractModel>;
  dependencies: CompiledModel['dependencies'];
  descriptorDefaults: DescriptorDefaults;
  /** The compiled OpenAPI document, or (with `paths`) the one an instance serves, with ODS's generated paths added. */
  openApi: (kind: 'resources' | 'descriptors', paths?: DocumentedPaths) => OpenAPIV3.Document;
  /** Compiles every validator not compiled yet (called in slices after start-up). */
  warm: (budget: number) => boolean;
  /** Number of ajv compilations so far (G11: must not grow after warm-up). */
  compileCount: () => number;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function entryOf(model: ResourceModel, compile: (s: JsonSchema) => ValidateFunction): ResourceEntry {
  let validate: ValidateFunction | undefined;
  return {
    model,
    route: `/${model.schema}/${model.plural}`,
    shape: buildShape(model.jsonSchema),
    keyPaths: model.keyFields.map((k) => splitPath(k.path)),
    keyDescriptor: model.keyFields.map((k) => k.descriptor),
    references: model.references.map((r) => ({ ...r, path: splitPath(r.path) })),
    descriptors: model.descriptors.map((d) => ({ path: splitPath(d.path), descriptor: d.descriptor })),
    collections: model.collections.map((c) => ({ path: splitPath(c.path), entity: c.entity, itemKey: c.itemKey.map(splitPath) })),
    unifications: model.unifications.map((u) => ({ field: u.field, paths: u.paths.map((p) => ({ path: splitPath(p), text: `$.${p}` })) })),
    query: new Map(model.queryFields.map((q) => [q.name.toLowerCase(), { ...q, split: splitPath(q.path) }])),
    validator: () => (validate ??= compile(model.jsonSchema)),
  };
}

function readExtension(dir: string, dataStandard: string, name: string): CompiledExtension {
  const file = join(dir, 'extensions', `${name}.json`);
  if (!existsSync(file)) throw new Error(`extension '${name}' is not compiled for Data Standard ${dataStandard} (no ${file})`);
  return readJson<CompiledExtension>(file);
}

/** Loads `schemas/ds-x.y/` (and the named extensions compiled for it) into a registry. The server never reads ../shared. */
export function loadRegistry(schemasDir: string, dataStandard: string, extensionNames: readonly string[] = []): Registry {
  const dir = join(schemasDir, `ds-${dataStandard}`);
  if (!existsSync(dir)) throw new Error(`Data Standard ${dataStandard} is not compiled (no ${dir})`);
  const extensions = extensionNames.map((n) => readExtension(dir, dataStandard, n));
  const model = applyExtensions(readJson<CompiledModel>(join(dir, 'model.json')), extensions);
  const factory = createValidatorFactory();
  const entries = model.resources.map((r) => entryOf(r, factory.compile));
  const openApiCache = new Map<string, OpenAPIV3.Document>();
  const byRoute = new Map(entries.map((e) => [e.route.slice(1).toLowerCase(), e]));
  const compiledDoc = (kind: 'resources' | 'descriptors') => extendOpenApi(readJson<OpenAPIV3.Document>(join(dir, `openapi-${kind}.json`)), kind, extensions);
  let warmed = 0;
  return {
    dataStandard: model.dataStandard,
    informationalVersion: model.informationalVersion,
    extensions: extensions.map((e) => ({ name: e.name, title: e.title, version: e.version })),
    byRoute,
    byName: new Map(entries.map((e) => [e.model.name, e])),
    abstracts: new Map(model.abstracts.map((a) => [a.name, a])),
    dependencies: model.dependencies,
    descriptorDefaults: readJson<DescriptorDefaults>(join(dir, 'descriptor-defaults.json')),
    openApi: function openApi(kind: 'resources' | 'descriptors', paths?: DocumentedPaths): OpenAPIV3.Document {
      const key = paths ? `${kind}|${paths.changeQueries}|${paths.partitions}` : kind;
      let doc = openApiCache.get(key);
      if (!doc) openApiCache.set(key, (doc = paths ? withTrackedChanges(openApi(kind), byRoute, paths) : compiledDoc(kind)));
      return doc;
    },
    warm: (budget) => {
      const stop = Math.min(entries.length, warmed + budget);
      for (; warmed < stop; warmed++) entries[warmed].validator();
      return warmed < entries.length;
    },
    compileCount: factory.count,
  };
}
