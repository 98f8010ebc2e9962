import type { Env } from '../pipeline/context';
import type { ApiRequest, ApiResponse } from '../pipeline/types';
import { createDataView } from '../rules/data-view';
import { SCHEMAS_DIR } from '../schemas-dir';
import { buildIlSca } from './il-sca';
import { readOptions } from './il-sca/options';
import { type ExtractMapping, loadMapping } from './mapping';

/** The state extracts edfi-mock builds, by route name. */
export const EXTRACTS = ['il-sca'] as const;

const mappings = new Map<string, ExtractMapping>();
/** An extract's mapping, read once per process (committed data, like the model). */
export const mappingOf = (id: string): ExtractMapping => {
  let m = mappings.get(id);
  if (!m) mappings.set(id, (m = loadMapping(SCHEMAS_DIR, id)));
  return m;
};

/** Whether an instance offers an extract: it carries the extension the extract reads. */
export const offers = (env: Env, id: string): boolean =>
  (EXTRACTS as readonly string[]).includes(id) && env.registry.extensions.some((e) => e.name === mappingOf(id).extension);

/** The extract editor's choices from query parameters (names case-insensitive, as ODS treats its parameters). */
export function queryOptions(params: Record<string, string>): ReturnType<typeof readOptions> {
  const q = Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
  return readOptions({
    start: q.start,
    end: q.end,
    calendar: q.calendar,
    format: q.format,
    fileId: q.fileid,
    grades: q.grades,
    stripApostrophes: q.stripapostrophes,
    protectedIdentities: q.protectedidentities,
    includeWithoutStateId: q.includewithoutstateid,
    explain: q.explain,
    fileDate: q.filedate,
  });
}

/**
 * `GET /{year}/extracts/{id}?...`: the state file built from this instance's data (an edfi-mock addition; the query
 * parameters are the extract editor's choices). `explain=true` answers JSON with the file and every decision.
 */
export function extractAnswer(env: Env, req: ApiRequest, id: string): ApiResponse {
  if (!offers(env, id)) return env.problems.routeNotFound(req.correlationId);
  const read = queryOptions(req.query);
  if (!read.ok) return env.problems.parameterValidation(req.correlationId, read.errors);
  const built = buildIlSca(createDataView(env), mappingOf(id), read.options, env.schoolYear ?? new Date().getUTCFullYear());
  if (!built.ok) return env.problems.parameterValidation(req.correlationId, built.errors);
  const { file } = built;
  if (read.options.explain)
    return { status: 200, body: { fileName: file.fileName, header: file.header, warnings: file.warnings, decisions: file.decisions, text: file.text } };
  return {
    status: 200,
    text: file.text,
    contentType: file.contentType,
    headers: { 'Content-Disposition': `${read.options.format === 'html' ? 'inline' : 'attachment'}; filename="${file.fileName}"`, 'Cache-Control': 'no-store' },
  };
}
