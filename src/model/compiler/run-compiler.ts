import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { type CompileInputs, compileDataStandard } from './compile-data-standard';
import { readDescriptorDefaults, readOpenApi, readXsdIdentities, readXsdSubclasses } from './read-inputs';
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

const writeJson = (file: string, data: unknown): void => writeFileSync(file, `${JSON.stringify(data)}\n`);

/** Compiles one Data Standard from `edfiDir` into `schemasDir/ds-x.y/`; returns the model and the warnings. */
export function compileToDisk(ds: DataStandardInputs, edfiDir: string, schemasDir: string, log: (m: string) => void): CompiledModel {
  const started = Date.now();
  log(`ds-${ds.dataStandard}: reading OpenAPI documents`);
  const resources = readOpenApi(join(edfiDir, 'openapi', `resources-ds-${ds.dataStandard}.yaml`));
  const descriptors = readOpenApi(join(edfiDir, 'openapi', `descriptors-ds-${ds.dataStandard}.yaml`));
  const xsd = join(edfiDir, 'xsd', `Ed-Fi-Core-${ds.xsdRelease}.xsd`);
  const subclasses = readXsdSubclasses(xsd);
  const xsdIdentities = readXsdIdentities(xsd);
  const rules = JSON.parse(readFileSync(join(schemasDir, 'model-rules.json'), 'utf8')) as Pick<CompileInputs, 'personSplits' | 'unifications'>;
  log(`ds-${ds.dataStandard}: compiling resources`);
  const model = compileDataStandard(
    { ...ds, resources, descriptors, subclasses, xsdIdentities, personSplits: rules.personSplits, unifications: rules.unifications },
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
  const values = Object.values(defaults).reduce((n, rows) => n + rows.length, 0);
  log(
    `ds-${ds.dataStandard}: ${model.resources.filter((r) => !r.isDescriptor).length} resources, ${known.size} descriptors, ` +
      `${values} default descriptor values -> ${out} (${Date.now() - started} ms)`,
  );
  return model;
}
