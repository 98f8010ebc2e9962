import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import { compileExtension, type ExtensionSource } from './compile-extension';
import { type CompileInputs, compileDataStandard } from './compile-data-standard';
import { readDescriptorDefaults, readOpenApi, readXsdDecimals, readXsdIdentities, readXsdSubclasses } from './read-inputs';
import { deriveDocuments, readOfficialDocuments } from './derive-release';
import { readOdsTables } from './ods-ddl';
import type { CompiledModel } from '../types';

import type { DataStandardInputs } from '../data-standards';

export { DATA_STANDARDS } from '../data-standards';

/** Drops documentation text from an OpenAPI document we re-serve: it is large and the wire contract does not need it. */
function stripDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'description' && k !== 'summary') out[k] = stripDocs(v);
    return out;
  }
  return value;
}

/** An endpoint an official document lacks, copied from another Data Standard's document (schemas/model-rules.json). */
interface BorrowedResource {
  dataStandard: string;
  from: string;
  paths: string[];
  schemas: string[];
  reason: string;
}

function borrow(doc: OpenAPIV3.Document, b: BorrowedResource, fromFile: string, log: (m: string) => void): void {
  const source = readOpenApi(fromFile);
  for (const p of b.paths) doc.paths[p] ??= source.paths[p];
  const schemas = (doc.components ??= {}).schemas ?? (doc.components.schemas = {});
  for (const s of b.schemas) schemas[s] ??= source.components!.schemas![s];
  log(`ds-${b.dataStandard}: borrowed ${b.paths[0]} from ds-${b.from}`);
}

const writeJson = (file: string, data: unknown): void => writeFileSync(file, `${JSON.stringify(data)}\n`);

/** Compiles one Data Standard from `edfiDir` into `schemasDir/ds-x.y/`; returns the model and the warnings. */
export function compileToDisk(ds: DataStandardInputs, edfiDir: string, schemasDir: string, log: (m: string) => void): CompiledModel {
  const started = Date.now();
  let resources: OpenAPIV3.Document;
  let descriptors: OpenAPIV3.Document;
  if (ds.derivedFrom) {
    log(`ds-${ds.dataStandard}: deriving from the official ds-${ds.derivedFrom} documents and the XSD/ODS-table delta`);
    const { documents, delta } = deriveDocuments(edfiDir, ds.derivedFrom, ds.dataStandard);
    ({ resources, descriptors } = documents);
    log(
      `  delta: ${Object.keys(delta.resources.added).length} resources and ${delta.descriptors.added.length} descriptors added, ` +
        `${delta.resources.removed.length + delta.descriptors.removed.length} removed, ${Object.keys(delta.schemas.changed).length} component schemas changed`,
    );
  } else {
    log(`ds-${ds.dataStandard}: reading OpenAPI documents`);
    ({ resources, descriptors } = readOfficialDocuments(edfiDir, ds.dataStandard));
  }
  const xsd = join(edfiDir, 'xsd', `Ed-Fi-Core-${ds.xsdRelease}.xsd`);
  const subclasses = readXsdSubclasses(xsd);
  const xsdIdentities = readXsdIdentities(xsd);
  const decimals = readXsdDecimals(xsd, (m) => log(`  warning: ${m}`));
  const rules = JSON.parse(readFileSync(join(schemasDir, 'model-rules.json'), 'utf8')) as Pick<CompileInputs, 'personSplits' | 'unifications'> & {
    borrowedResources?: BorrowedResource[];
  };
  for (const b of rules.borrowedResources ?? [])
    if (b.dataStandard === ds.dataStandard) borrow(resources, b, join(edfiDir, 'openapi', `resources-ds-${b.from}.yaml`), log);
  log(`ds-${ds.dataStandard}: compiling resources`);
  const model = compileDataStandard(
    {
      ...ds,
      resources,
      descriptors,
      subclasses,
      xsdIdentities,
      decimals,
      tables: ds.ddlRelease ? readOdsTables(join(edfiDir, 'ods-ddl', ds.ddlRelease)) : undefined,
      personSplits: rules.personSplits,
      unifications: rules.unifications,
    },
    (m) => log(`  warning: ${m}`),
  );
  const known = new Set(model.resources.filter((r) => r.isDescriptor).map((r) => r.name));
  const defaults = Object.fromEntries(
    Object.entries(readDescriptorDefaults(join(edfiDir, 'descriptors', ds.descriptorRelease))).filter(([name]) => known.has(name)),
  );
  const out = join(schemasDir, `ds-${ds.dataStandard}`);
  mkdirSync(out, { recursive: true });
  writeJson(join(out, 'model.json'), model);
  writeJson(join(out, 'descriptor-defaults.json'), defaults);
  writeJson(join(out, 'openapi-resources.json'), stripDocs(resources) as OpenAPIV3.Document);
  writeJson(join(out, 'openapi-descriptors.json'), stripDocs(descriptors) as OpenAPIV3.Document);
  compileExtensions(ds.dataStandard, model, resources, descriptors, schemasDir, out, log);
  const values = Object.values(defaults).reduce((n, rows) => n + rows.length, 0);
  log(
    `ds-${ds.dataStandard}: ${model.resources.filter((r) => !r.isDescriptor).length} resources, ${known.size} descriptors, ` +
      `${values} default descriptor values -> ${out} (${Date.now() - started} ms)`,
  );
  return model;
}

/** Compiles every schemas/extensions/*.yaml that has members or descriptors in this Data Standard. */
function compileExtensions(
  dataStandard: string,
  model: CompiledModel,
  resources: OpenAPIV3.Document,
  descriptors: OpenAPIV3.Document,
  schemasDir: string,
  out: string,
  log: (m: string) => void,
): void {
  const srcDir = join(schemasDir, 'extensions');
  const outDir = join(out, 'extensions');
  rmSync(outDir, { recursive: true, force: true });
  if (!existsSync(srcDir)) return;
  for (const file of readdirSync(srcDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const src = parse(readFileSync(join(srcDir, file), 'utf8')) as ExtensionSource;
    const applies = (x: { dataStandards: string[] }) => x.dataStandards.includes(dataStandard);
    if (!src.members.some(applies) && !src.descriptors.some(applies)) continue;
    const ext = compileExtension(src, dataStandard, model, resources, descriptors);
    mkdirSync(outDir, { recursive: true });
    writeJson(join(outDir, `${ext.name}.json`), stripDocs(ext));
    log(`ds-${dataStandard}: extension ${ext.name}: ${ext.members.length} extended members, ${ext.descriptors.length} descriptors`);
  }
}
