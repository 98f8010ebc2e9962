import { createHash } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import type { Env } from './context';
import type { ApiRequest, ApiResponse } from './types';

/** API version facts shown by discovery. */
export const API_VERSION = { version: '7.3', informationalVersion: '7.3.2', suite: '3', build: '7.3.2.0' };

/** `GET /`: the discovery document, every url absolute (ODS7 VersionController; keys in ODS order). */
export function discovery(env: Env, req: ApiRequest, base: string): ApiResponse {
  const { registry } = env;
  const dataModels = [
    { name: 'Ed-Fi', version: registry.informationalVersion, informationalVersion: `The Ed-Fi Data Standard v${registry.informationalVersion}` },
  ];
  if ([...registry.byRoute.keys()].some((k) => k.startsWith('tpdm/'))) dataModels.push({ name: 'TPDM', version: '1.1.0', informationalVersion: 'TPDM-Core' });
  const root = `${req.origin}${base}`;
  return {
    status: 200,
    body: {
      version: API_VERSION.version,
      applicationName: 'Ed-Fi Alliance ODS/API',
      informationalVersion: API_VERSION.informationalVersion,
      suite: API_VERSION.suite,
      build: API_VERSION.build,
      dataModels,
      urls: {
        dependencies: `${root}/metadata/data/v3/dependencies`,
        openApiMetadata: `${root}/metadata/`,
        oauth: `${root}/oauth/token`,
        oauthTokenIntrospection: `${root}/oauth/token_info`,
        dataManagementApi: `${root}/data/v3/`,
      },
    },
  };
}

/** `GET /metadata/`: the OpenAPI sections, with a SHA-256 ETag and If-None-Match support. */
export function metadataList(req: ApiRequest, base: string): ApiResponse {
  const root = `${req.origin}${base}/metadata/data/v3`;
  const body = [
    { endpointUri: `${root}/descriptors/swagger.json`, name: 'Descriptors', prefix: '' },
    { endpointUri: `${root}/resources/swagger.json`, name: 'Resources', prefix: '' },
  ];
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
  return { status: 200, headers: { ETag: etag }, body };
}

/** An OpenAPI document from our model, its server and token URLs pointing at this host. */
export function openApiDocument(env: Env, req: ApiRequest, base: string, kind: 'resources' | 'descriptors'): ApiResponse {
  const doc = env.registry.openApi(kind);
  const root = `${req.origin}${base}`;
  const schemes = doc.components?.securitySchemes ?? {};
  const securitySchemes = Object.fromEntries(
    Object.entries(schemes).map(([name, s]) => {
      const scheme = s as OpenAPIV3.OAuth2SecurityScheme;
      return [name, scheme.flows ? { ...scheme, flows: { clientCredentials: { tokenUrl: `${root}/oauth/token`, scopes: {} } } } : s];
    }),
  );
  const body: OpenAPIV3.Document = { ...doc, servers: [{ url: `${root}/data/v3` }], components: { ...doc.components, securitySchemes } };
  return { status: 200, body, compact: true };
}

/** `GET /metadata/data/v3/dependencies`: topological load order with operations. */
export function dependencies(env: Env): ApiResponse {
  return { status: 200, body: env.registry.dependencies };
}
