import type { ApiResponse } from '../pipeline/types';

import { camelCase as camel, pascalCase as pascal } from '../util/inflect';
import { oauthError, problems, type Problems, type ValidationErrors } from './problems';

/**
 * ODS/API 5.x-6.x error bodies (edfi-api-behavior.md §8.1): `{"message": ...}` for almost everything, empty bodies
 * for middleware answers (401, unknown route 404, 405, 415), model-binding failures as `modelState`, and pipeline
 * validation failures as one tab-indented string. The ods7 flavor stays the source of the validation texts; this
 * file rewords the few that ODS 5 words differently.
 */

const message = (status: number, text: string, extra?: Record<string, unknown>): ApiResponse => ({ status, body: { message: text, ...extra } });
const empty = (status: number): ApiResponse => ({ status });

/** `$.sectionReference.schoolId` -> `sectionReference.schoolId`; `$` -> ``. */
const netPath = (jsonPath: string): string => jsonPath.replace(/^\$\.?/, '');
const lastMember = (jsonPath: string): string =>
  pascal(
    netPath(jsonPath)
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? '',
  );

/** Messages JSON.NET model binding produces: ODS 5 reports them as modelState, not as pipeline validation. */
const BINDING =
  /^(Error converting|Could not convert|Unexpected value for boolean|String was not recognized|Error reading|Cannot deserialize|Unexpected (character|end|token)|Input string|The value '.*' is not valid|The request body must be)/;
const DESCRIPTOR = /^(\w+) value '(.*)' (does not exist\.|is not a valid value for use as a descriptor)/;

/** ODS 5 pipeline wording of one ods7 validation message at a path. */
function reword(path: string, text: string, entity: string): string {
  let m = /^The (\d+)\w\w item of the \w+ has the same identifying values/.exec(text);
  if (m) return `${lastMember(path)} enumerable contains duplicate at index: ${Number(m[1]) - 1}`;
  if (/ must have at least one item\.$/.test(text)) return `${lastMember(path)} requires at least one object in the collection.`;
  m = /^All values supplied for '(\w+)' must match\. .*: (.*)$/.exec(text);
  if (m) return `Supplied values for unified key property '${m[1]}' on '${entity}' are not consistent: ${m[2]}`;
  m = /^(\w+) cannot contain leading or trailing spaces\.$/.exec(text);
  if (m) return `${m[1]} property is part of the primary key and therefore its value cannot contain leading or trailing whitespace.`;
  return text;
}

function validation(errors: ValidationErrors, entity = 'Resource'): ApiResponse {
  const entries = Object.entries(errors).flatMap(([path, texts]) => texts.map((text) => ({ path, text })));
  const descriptor = entries.map((e) => DESCRIPTOR.exec(e.text)).find(Boolean);
  // ODS parity: the descriptor cache throws on the first value it cannot resolve.
  if (descriptor) return message(400, `Unable to resolve value '${descriptor[2]}' to an existing '${descriptor[1]}' resource.`);
  const binding = entries.filter((e) => BINDING.test(e.text) || (e.path === '$' && !e.text.startsWith('The natural key')));
  if (binding.length) {
    const modelState: Record<string, string[]> = {};
    for (const e of binding) modelState[netPath(e.path) ? `request.${netPath(e.path)}` : 'request'] = ['The supplied value is invalid.'];
    return message(400, 'The request is invalid.', { modelState });
  }
  const lines = [...new Set(entries.map((e) => reword(e.path, e.text, entity)))];
  return message(400, `Validation of '${entity}' failed.\n${lines.map((l) => `\t${l}\n`).join('')}`);
}

/** ODS 5 answers for bad client credentials with 400, and for malformed or missing ones with an empty 401. */
function oauth(status: number, error: string, description?: string): ApiResponse {
  if (error === 'invalid_client' && status === 401) return oauthError(400, error);
  if (error === 'invalid_request') return { status: 401, headers: { 'Cache-Control': 'no-store' } };
  return oauthError(status, error, description);
}

/** The ods5 flavor: the same members as the ods7 `problems`. */
export const problemsOds5: Problems = {
  routeNotFound: () => empty(404),
  itemNotFound: (_cid, entity) => message(404, `Entity of type '${entity}' with the specified id was not found.`),
  notFoundFor: (_cid, action) => message(404, `Resource to ${action} was not found.`),
  authentication: () => empty(401),
  methodNotAllowed: () => empty(405),
  unsupportedMediaType: () => empty(415),
  payloadTooLarge: (_cid, limit) => message(413, `The request body exceeds the maximum allowed size of ${limit} bytes.`),
  emptyBody: () => message(400, 'A non-empty request body is required.'),
  emptyUpdateBody: () => message(400, 'A non-empty request body is required.'),
  idInBody: () => message(400, 'Resource identifiers cannot be assigned by the client.'),
  dataValidation: (_cid, errors, entity) => validation(errors, entity),
  parameterValidation: (_cid, errors) =>
    message(
      400,
      errors.some((e) => e.startsWith('Limit'))
        ? 'Limit must be omitted or set to a value between 1 and max value defined in configuration file (defaultPageSizeLimit).'
        : errors.join(' '),
    ),
  // ODS 5 ignores key changes on PUT; the pipeline never asks for this body in the ods5 flavor.
  keyChangeNotSupported: problems.keyChangeNotSupported,
  unresolvedReference: (_cid, entity) => message(409, `The value supplied for the related '${camel(entity)}' resource does not exist.`),
  dependentItemExists: (_cid, d) =>
    message(
      409,
      d
        ? `The resource (or a subordinate entity of the resource) cannot be deleted because it is a dependency of the '${camel(d.holder)}' entity.`
        : 'The resource (or a subordinate entity of the resource) cannot be deleted because it is a dependency of another entity.',
    ),
  stateRule: (_cid, errors, entity) => validation(errors, entity),
  stateForbidden: (_cid, error) => message(403, error),
  nonUniqueIdentity: (_cid, error) => message(409, error.replace(/^A primary key conflict/, 'A natural key conflict')),
  optimisticLock: () => message(412, 'Resource was modified by another consumer.'),
  tooManyTokens: (_cid, limit) =>
    message(429, `Too many access tokens have been requested (limit is ${limit}). Access tokens should be reused until they expire.`),
  tokenInfo: (_cid, detail) => message(400, detail),
  snapshotNotFound: () => message(404, 'Snapshot not found.'),
  featureDisabled: (_cid, feature) => message(404, `The '${feature}' feature is disabled.`),
  snapshotReadOnly: () => ({ ...message(405, 'Snapshots are read-only.'), headers: { Allow: 'GET' } }),
  storageUnavailable: (_cid, reason) => message(503, `The data file cannot be written: ${reason}. Nothing of this request was saved; try again later.`),
  sandboxLimit: (_cid, status, detail) => message(status, detail),
  // ODS 5.x/6.x: one message; the relationship error when there is one, else the detail.
  authorizationDenied: (_cid, d) => message(403, d.error ? `Authorization denied. ${d.error}` : d.detail),
  admin: problems.admin,
  system: () => message(500, 'An unexpected error occurred on the server.'),
  oauth,
};

/** The error bodies of a flavor. */
export const problemsFor = (flavor: 'ods5' | 'ods7'): Problems => (flavor === 'ods5' ? problemsOds5 : problems);
