import type { ApiResponse } from '../pipeline/types';
import type { CorrelationId } from '../util/brand';

/**
 * The ONLY place error bodies are built (house rule 6). Wording and member order follow ODS/API 7.3 exactly
 * (../shared/reference/edfi-api-behavior.md §8.1): detail, type, title, status, correlationId, validationErrors, errors;
 * null members omitted. Middleware-produced errors (401, unknown route 404, 405, 415, 413) use application/problem+json;
 * controller-produced ones use application/json.
 */

const JSON_CT = 'application/json; charset=utf-8';
const PROBLEM_CT = 'application/problem+json';

/** Validation errors keyed by JSON path. */
export type ValidationErrors = Record<string, string[]>;

interface ProblemSpec {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: string[];
  validationErrors?: ValidationErrors;
  middleware?: boolean;
}

function problem(cid: CorrelationId, p: ProblemSpec): ApiResponse {
  const body: Record<string, unknown> = { detail: p.detail, type: p.type, title: p.title, status: p.status, correlationId: cid };
  if (p.validationErrors) body.validationErrors = p.validationErrors;
  if (p.errors) body.errors = p.errors;
  return { status: p.status, body, contentType: p.middleware ? PROBLEM_CT : JSON_CT };
}

const BAD_REQUEST = 'urn:ed-fi:api:bad-request';
const DATA_VALIDATION = 'urn:ed-fi:api:bad-request:data-validation-failed';
const INVALID = 'The request construction was invalid.';

/** Bodies of the OAuth token endpoint (RFC 6749 shape, not problem details). */
export const oauthError = (status: number, error: string, description?: string): ApiResponse => ({
  status,
  body: description ? { error, error_description: description } : { error },
  headers: { 'Cache-Control': 'no-store' },
});

/** What a 409 on DELETE names: the entity holding the reference, its resource, and the concrete types of an abstract root. */
export interface Dependent {
  holder: string;
  root: string;
  abstractTypes?: string[];
}

/** Dependent-item wording (ODS7 DependentResourceItemExistsException), including the abstract-root form. */
function dependentDetail(d: Dependent | undefined): string {
  const start = 'The requested action cannot be performed because this item is referenced by';
  if (!d) return `${start} another item.`;
  if (d.abstractTypes) {
    return `${start} an existing '${d.holder}' item contained within a resource item of one of the following types: ${d.abstractTypes.join(', ')}.`;
  }
  return d.holder === d.root
    ? `${start} an existing '${d.root}' item.`
    : `${start} an existing '${d.holder}' item contained within an '${d.root}' resource item.`;
}

/** ODS/API 7.2+ problem details (the default flavor). */
export const problems = {
  /** Unknown route, unknown year, non-GUID id on GET. */
  routeNotFound: (cid: CorrelationId) =>
    problem(cid, { status: 404, type: 'urn:ed-fi:api:not-found', title: 'Not Found', detail: 'The specified data could not be found.', middleware: true }),
  /** GET by id of an unknown item. */
  itemNotFound: (cid: CorrelationId, _entity: string) =>
    problem(cid, { status: 404, type: 'urn:ed-fi:api:not-found', title: 'Not Found', detail: 'The specified item could not be found.' }),
  /** PUT/DELETE of an unknown item: detail says which. */
  notFoundFor: (cid: CorrelationId, action: 'update' | 'delete') =>
    problem(cid, { status: 404, type: 'urn:ed-fi:api:not-found', title: 'Not Found', detail: `Resource to ${action} was not found.` }),
  authentication: (cid: CorrelationId, error: string) =>
    problem(cid, {
      status: 401,
      type: 'urn:ed-fi:api:security:authentication',
      title: 'Authentication Failed',
      detail: 'The caller could not be authenticated.',
      errors: [error],
      middleware: true,
    }),
  methodNotAllowed: (cid: CorrelationId, error: string) =>
    problem(cid, { status: 405, type: 'urn:ed-fi:api:method-not-allowed', title: 'Method Not Allowed', detail: INVALID, errors: [error], middleware: true }),
  unsupportedMediaType: (cid: CorrelationId, missing: boolean) =>
    problem(cid, {
      status: 415,
      type: 'urn:ed-fi:api:unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: INVALID,
      errors: [missing ? "The 'Content-Type' header is missing." : "The value specified in the 'Content-Type' header is not supported by this host."],
      middleware: true,
    }),
  payloadTooLarge: (cid: CorrelationId, limitBytes: number) =>
    problem(cid, {
      status: 413,
      type: 'urn:ed-fi:api:payload-too-large',
      title: 'Payload Too Large',
      detail: INVALID,
      errors: [`The request body exceeds the maximum allowed size of ${limitBytes} bytes.`],
      middleware: true,
    }),
  emptyBody: (cid: CorrelationId) =>
    problem(cid, {
      status: 400,
      type: BAD_REQUEST,
      title: 'Bad Request',
      detail: "The request could not be processed. See 'errors' for details.",
      errors: ['A non-empty request body is required.'],
    }),
  /** PUT without a body: a validation failure on `$` (and on `$.id` when the route id is malformed as well). */
  emptyUpdateBody: (cid: CorrelationId, also: ValidationErrors = {}) =>
    problem(cid, {
      status: 400,
      type: DATA_VALIDATION,
      title: 'Data Validation Failed',
      detail: "Data validation failed. See 'validationErrors' for details.",
      validationErrors: { $: ['A non-empty request body is required.'], ...also },
    }),
  idInBody: (cid: CorrelationId) =>
    problem(cid, {
      status: 400,
      type: DATA_VALIDATION,
      title: 'Data Validation Failed',
      detail: 'The request data was constructed incorrectly.',
      errors: ["Resource identifiers cannot be assigned by the client. The 'id' property should not be included in the request body."],
    }),
  dataValidation: (cid: CorrelationId, validationErrors: ValidationErrors, _entity?: string) =>
    problem(cid, {
      status: 400,
      type: DATA_VALIDATION,
      title: 'Data Validation Failed',
      detail: "Data validation failed. See 'validationErrors' for details.",
      validationErrors,
    }),
  parameterValidation: (cid: CorrelationId, errors: string[]) =>
    problem(cid, { status: 400, type: 'urn:ed-fi:api:bad-request:parameter-validation-failed', title: 'Parameter Validation Failed', detail: INVALID, errors }),
  keyChangeNotSupported: (cid: CorrelationId, entity: string) =>
    problem(cid, {
      status: 400,
      type: 'urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported',
      title: 'Key Change Not Supported',
      detail: `Identifying values for the ${entity} data cannot be changed. Delete and recreate the item instead.`,
    }),
  unresolvedReference: (cid: CorrelationId, entity: string) =>
    problem(cid, {
      status: 409,
      type: 'urn:ed-fi:api:data-conflict:unresolved-reference',
      title: 'Unresolved Reference',
      detail: `The referenced '${entity}' item does not exist.`,
    }),
  dependentItemExists: (cid: CorrelationId, dependent: Dependent | undefined) =>
    problem(cid, {
      status: 409,
      type: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
      title: 'Dependent Item Exists',
      detail: dependentDetail(dependent),
    }),
  /** A state rule rejected the item (WISEdata / MiDataHub level-1 edits): one message per JSON path, prefixed by the rule id. */
  stateRule: (cid: CorrelationId, validationErrors: ValidationErrors, entity: string) => problems.dataValidation(cid, validationErrors, entity),
  /** The client's state configuration profile may not use this endpoint (e.g. a WI Choice school on /studentSectionAssociations). */
  stateForbidden: (cid: CorrelationId, error: string) =>
    problem(cid, {
      status: 403,
      type: 'urn:ed-fi:api:security:authorization',
      title: 'Authorization Denied',
      detail: 'Access to the requested data could not be authorized.',
      errors: [error],
    }),
  nonUniqueIdentity: (cid: CorrelationId, error: string) =>
    problem(cid, {
      status: 409,
      type: 'urn:ed-fi:api:data-conflict:non-unique-identity',
      title: 'Identifying Values Are Not Unique',
      detail: 'The identifying value(s) of the item are the same as another item that already exists.',
      errors: [error],
    }),
  optimisticLock: (cid: CorrelationId) =>
    problem(cid, {
      status: 412,
      type: 'urn:ed-fi:api:optimistic-lock-failed',
      title: 'Optimistic Lock Failed',
      detail: 'The item has been modified by another user.',
      errors: [
        "The resource item's etag value does not match what was specified in the 'If-Match' request header indicating that it has been modified by another client since it was last retrieved.",
      ],
    }),
  tooManyTokens: (cid: CorrelationId, limit: number) =>
    problem(cid, {
      status: 429,
      type: 'urn:ed-fi:api:security:authentication:too-many-tokens',
      title: 'Too Many Tokens',
      detail: 'The caller has authenticated too many times in too short of a time period.',
      errors: [`Too many access tokens have been requested (limit is ${limit}). Access tokens should be reused until they expire.`],
    }),
  /** token_info refusals: ODS states the problem in `detail` and the cause in `errors`. */
  tokenInfo: (cid: CorrelationId, detail: string, error: string) =>
    problem(cid, { status: 400, type: BAD_REQUEST, title: 'Bad Request', detail, errors: [error] }),
  /** A route or parameter of a feature switched off (`--no-change-queries`). */
  featureDisabled: (cid: CorrelationId, feature: string) =>
    problem(cid, {
      status: 404,
      type: 'urn:ed-fi:api:system:configuration:feature-disabled',
      title: 'Feature Disabled',
      detail: `The '${feature}' feature is disabled.`,
    }),
  /** `Use-Snapshot: true` when no snapshot exists (ODS7: no snapshot connection configured). */
  snapshotNotFound: (cid: CorrelationId) =>
    problem(cid, {
      status: 404,
      type: 'urn:ed-fi:api:not-found',
      title: 'Not Found',
      detail: 'Snapshot not found.',
      errors: ['The snapshot connection for the ODS has not been configured.'],
    }),
  /** A write with the snapshot header: snapshots are read-only (`Allow: GET`). */
  snapshotReadOnly: (cid: CorrelationId): ApiResponse => ({
    ...problem(cid, {
      status: 405,
      type: 'urn:ed-fi:api:snapshots:method-not-allowed',
      title: 'Method Not Allowed with Snapshots',
      detail: 'An attempt was made to modify data in a Snapshot, but this data is read-only.',
    }),
    headers: { Allow: 'GET' },
  }),
  /**
   * edfi-mock addition (the reference has no 503 body): the data file could not be written, so nothing of this request
   * was kept. The client may retry once the disk has room again.
   */
  storageUnavailable: (cid: CorrelationId, reason: string) =>
    problem(cid, {
      status: 503,
      type: 'urn:ed-fi:api:service-unavailable',
      title: 'Service Unavailable',
      detail: `The data file cannot be written: ${reason}. Nothing of this request was saved; try again later.`,
    }),
  /**
   * Authorization refusals (ODS `SecurityAuthorizationException`): `urn:ed-fi:api:security:authorization` and the
   * strategy's parts (`namespace:access-denied:namespace-mismatch`, `access-denied:action`); the relationship error in
   * `errors`.
   */
  authorizationDenied: (cid: CorrelationId, d: { detail: string; typeParts: string[]; error?: string }) =>
    problem(cid, {
      status: 403,
      type: ['urn:ed-fi:api:security:authorization', ...d.typeParts].join(':'),
      title: 'Authorization Denied',
      detail: d.detail,
      ...(d.error ? { errors: [d.error] } : {}),
    }),
  /**
   * edfi-mock addition: a training sandbox's limit (documents it holds, active tokens of its clients) is reached. 403
   * for documents (the write is refused, as an authorization refusal would be), 429 for tokens (as ODS's per-client one).
   */
  sandboxLimit: (cid: CorrelationId, status: 403 | 429, detail: string) =>
    problem(cid, { status, type: 'urn:edfi-mock:sandbox:limit-reached', title: 'Sandbox Limit Reached', detail }),
  /** edfi-mock addition: the admin API's refusals (bad admin key, unknown sandbox, invalid request). */
  admin: (cid: CorrelationId, status: number, title: string, detail: string, errors?: string[]) =>
    problem(cid, { status, type: `urn:edfi-mock:admin:${title.toLowerCase().replace(/[^a-z]+/g, '-')}`, title, detail, errors }),
  system: (cid: CorrelationId) =>
    problem(cid, { status: 500, type: 'urn:ed-fi:api:system', title: 'System Error', detail: 'An unexpected problem has occurred.' }),
  /** OAuth token endpoint answers (RFC 6749 bodies; ODS 7.x statuses). */
  oauth: (status: number, error: string, description?: string): ApiResponse => oauthError(status, error, description),
};

/** The error bodies of one API flavor: same members for ods7 and ods5. */
export type Problems = typeof problems;
