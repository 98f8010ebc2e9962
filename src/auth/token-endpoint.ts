import { type Problems, oauthError } from '../errors/problems';
import type { Env } from '../pipeline/context';
import type { ApiRequest, ApiResponse } from '../pipeline/types';
import { findClient } from './clients';

/** Reads a form or JSON body into lower-cased field names (ODS matches JSON names case-insensitively). */
export function readFields(req: ApiRequest): Record<string, string> | undefined {
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  const text = req.body ?? '';
  const out: Record<string, string> = {};
  if (ct.startsWith('application/json')) {
    if (!text.trim()) return out;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    for (const [k, v] of Object.entries(parsed)) if (v !== null && v !== undefined) out[k.toLowerCase()] = String(v);
    return out;
  }
  for (const [k, v] of new URLSearchParams(text)) out[k.toLowerCase()] = v;
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Credentials from `Authorization: Basic`, or an OAuth error response (ODS7 ClientCredentialsTokenRequestProvider). */
function basicCredentials(header: string, oauthError: Problems['oauth']): { key: string; secret: string } | ApiResponse {
  const parts = header.trim().split(/\s+/);
  if (parts.length !== 2 || !parts[1] || !BASE64.test(parts[1]) || parts[1].length % 4 !== 0) return oauthError(400, 'invalid_request');
  if (parts[0].toLowerCase() !== 'basic') return oauthError(401, 'invalid_client');
  const decoded = Buffer.from(parts[1], 'base64').toString('utf8');
  const pieces = decoded.split(':');
  if (pieces.length !== 2) return oauthError(400, 'invalid_client');
  return { key: pieces[0], secret: pieces[1] };
}

/** The client key a token request names (Basic header or `client_id`), to find whose data set it is for. */
export function requestedClientKey(req: ApiRequest): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const creds = basicCredentials(header, oauthError);
    return 'key' in creds ? creds.key : undefined;
  }
  return readFields(req)?.client_id;
}

/** `POST /oauth/token`: client-credentials grant, Basic header or body credentials, form or JSON (ODS 7.x answers). */
export function tokenEndpoint(env: Env, req: ApiRequest): ApiResponse {
  const oauthError = env.problems.oauth;
  const fields = readFields(req);
  if (!fields) return oauthError(400, 'invalid_request');
  let key = fields.client_id;
  let secret = fields.client_secret;
  const header = req.headers.authorization;
  if (header !== undefined) {
    const creds = basicCredentials(header, oauthError);
    if ('status' in creds) return creds;
    if (key !== undefined || secret !== undefined) return oauthError(400, 'invalid_client');
    ({ key, secret } = creds);
  }
  if ((fields.grant_type ?? '').toLowerCase() !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
  if (!key || !secret) return oauthError(401, 'invalid_request');
  const client = findClient(env.clients, key, secret);
  if (!client) return oauthError(401, 'invalid_client');
  const scope = fields.scope;
  if (scope !== undefined && scope !== '') {
    if (!/^\d+$/.test(scope)) {
      return oauthError(
        400,
        'invalid_scope',
        "The supplied 'scope' was not a number (it should be an EducationOrganizationId that is explicitly associated with the client).",
      );
    }
    if (!(client.educationOrganizationIds ?? []).includes(Number(scope))) {
      return oauthError(400, 'invalid_scope', "The client is not explicitly associated with the EducationOrganizationId specified in the requested 'scope'.");
    }
  }
  const token = env.tokens.issue(client, scope || undefined);
  if (!token) return env.problems.tooManyTokens(req.correlationId, env.tokens.limit);
  const body: Record<string, unknown> = { access_token: token.value, expires_in: env.tokens.lifetimeSeconds, token_type: 'bearer' };
  if (token.scope) body.scope = token.scope;
  return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
}

/** `POST /oauth/token_info`: introspection of the caller's own token (Bearer required). */
export function tokenInfo(env: Env, req: ApiRequest, bearer: string): ApiResponse {
  const fields = readFields(req) ?? {};
  const inspected = fields.token ?? '';
  if (!/^[0-9a-f]{32}$/i.test(inspected.replace(/-/g, ''))) {
    return env.problems.tokenInfo(req.correlationId, 'An invalid token was provided', 'The token was not present, or was not processable as a GUID value.');
  }
  if (inspected.replace(/-/g, '').toLowerCase() !== bearer.toLowerCase()) {
    return env.problems.tokenInfo(
      req.correlationId,
      'The authentication token and the token to inspect must match.',
      'The authentication token (header) and the token to inspect in the body must match.',
    );
  }
  const token = env.tokens.check(bearer)!;
  const resources = [...env.registry.byRoute.values()].map((e) => ({ resource: e.route, operations: ['Create', 'Read', 'Update', 'Delete', 'ReadChanges'] }));
  return {
    status: 200,
    body: {
      active: true,
      client_id: token.client.key,
      namespace_prefixes: token.client.namespacePrefixes ?? ['uri://ed-fi.org'],
      education_organizations: (token.client.educationOrganizationIds ?? []).map((id) => ({ education_organization_id: id })),
      assigned_profiles: [],
      claim_set: { name: token.client.claimSetName ?? (token.client.educationOrganizationIds?.length ? 'SIS Vendor' : 'Ed-Fi Sandbox') },
      resources,
    },
  };
}
