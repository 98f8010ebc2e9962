import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { DATA_STANDARDS, type DataStandardInputs } from '../data-standards';
import { type ApiDelta, applyDelta, diffApis } from './api-delta';
import { readOdsTables } from './ods-ddl';
import { readOpenApi } from './read-inputs';
import { type DeriveRules, deriveApi, inlineCommonsOf } from './xsd-to-api';
import { readXsdModel } from './xsd-model';

/** The official OpenAPI documents of one release. */
export interface ApiDocuments {
  resources: OpenAPIV3.Document;
  descriptors: OpenAPIV3.Document;
}

/** Reads a release's official documents from `edfiDir/openapi`. */
export function readOfficialDocuments(edfiDir: string, dataStandard: string): ApiDocuments {
  return {
    resources: readOpenApi(join(edfiDir, 'openapi', `resources-ds-${dataStandard}.yaml`)),
    descriptors: readOpenApi(join(edfiDir, 'openapi', `descriptors-ds-${dataStandard}.yaml`)),
  };
}

const inputsOf = (dataStandard: string): DataStandardInputs => {
  const ds = DATA_STANDARDS.find((d) => d.dataStandard === dataStandard);
  if (!ds?.ddlRelease) throw new Error(`Data Standard ${dataStandard} has no XSD and ODS tables to derive from`);
  return ds;
};

/**
 * The documents of release `to`, derived from release `from`'s official documents plus Δ(from→to), the difference
 * between the two releases' XSDs and ODS tables as the API names them. `rules` switches naming rules off (tests show
 * each one matters).
 */
export function deriveDocuments(edfiDir: string, from: string, to: string, rules?: DeriveRules): { documents: ApiDocuments; delta: ApiDelta } {
  const a = inputsOf(from);
  const b = inputsOf(to);
  const official = readOfficialDocuments(edfiDir, from);
  const side = (ds: DataStandardInputs) => ({
    xsd: readXsdModel(join(edfiDir, 'xsd', `Ed-Fi-Core-${ds.xsdRelease}.xsd`)),
    tables: readOdsTables(join(edfiDir, 'ods-ddl', ds.ddlRelease!)),
  });
  const sa = side(a);
  const sb = side(b);
  // MetaEd's inline commons are learned from the official document of `from`: the XSD does not mark them.
  const inlineCommons = inlineCommonsOf(sa.xsd, sa.tables, official.resources, rules);
  const derivedB = deriveApi({ ...sb, inlineCommons, rules });
  const delta = diffApis(deriveApi({ ...sa, inlineCommons, rules }), derivedB);
  return { documents: applyDelta(official, delta, derivedB), delta };
}
