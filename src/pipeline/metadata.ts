import { createHash } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import type { Env } from './context';
import type { ApiRequest, ApiResponse } from './types';

/** ODS/API releases, newest first within a major, with their build facts and the Data Standards each shipped. */
const RELEASES: { version: string; informationalVersion: string; build: string; dataStandards: string[] }[] = [
  { version: '7.3', informationalVersion: '7.3.2', build: '7.3.2.0', dataStandards: ['4.0.0', '5.2.0', '6.0.0', '6.1.0'] },
  { version: '7.2', informationalVersion: '7.2', build: '7.2.0.0', dataStandards: ['4.0.0', '5.1.0'] },
  { version: '7.1', informationalVersion: '7.1', build: '7.1.0.0', dataStandards: ['4.0.0', '5.0.0'] },
  { version: '6.1', informationalVersion: '6.1', build: '6.1.0.0', dataStandards: ['3.3.1-b', '4.0.0'] },
  { version: '5.3', informationalVersion: '5.3', build: '5.3.0.0', dataStandards: ['3.3.1-b'] },
];

/**
 * The release discovery names: the emulated one where it shipped the instance's Data Standard, else the newest release
 * of the same major version that did (ODS/API 7.3 never shipped Data Standard 5.0.0; 7.1 did). The wire behavior stays
 * the emulated release's.
 */
export function releaseShown(apiVersion: string, dataStandard: string): { version: string; informationalVersion: string; build: string } {
  const own = RELEASES.find((r) => r.version === apiVersion);
  if (own?.dataStandards.includes(dataStandard)) return own;
  const major = apiVersion.split('.')[0];
  const shipped = RELEASES.find((r) => r.version.split('.')[0] === major && r.dataStandards.includes(dataStandard));
  return shipped ?? own ?? { version: apiVersion, informationalVersion: apiVersion, build: `${apiVersion}.0.0` };
}

/** `GET /` (or `/{year}/` for 7.x): the discovery document, every url absolute, in the shape of the instance's release. */
export function discovery(env: Env, req: ApiRequest): ApiResponse {
  const { registry, urls, wire } = env;
  const dataModels = [
    { name: 'Ed-Fi', version: registry.informationalVersion, informationalVersion: `The Ed-Fi Data Standard v${registry.informationalVersion}` },
    ...registry.extensions.map((e) => ({ name: e.name.toUpperCase(), version: e.version, informationalVersion: e.title })),
  ];
  if ([...registry.byRoute.keys()].some((k) => k.startsWith('tpdm/'))) dataModels.push({ name: 'TPDM', version: '1.1.0', informationalVersion: 'TPDM-Core' });
  const o = req.origin;
  const build = releaseShown(wire.apiVersion, registry.informationalVersion);
  if (wire.flavor === 'ods5') {
    // ODS5 VersionController: no applicationName, an apiMode, and the year appended to the urls.
    return {
      status: 200,
      body: {
        version: build.version,
        informationalVersion: build.informationalVersion,
        suite: '3',
        build: build.build,
        apiMode: env.schoolYear === undefined ? 'Sandbox' : 'YearSpecific',
        dataModels,
        urls: {
          dependencies: `${o}${urls.metadataData}/dependencies`,
          openApiMetadata: `${o}${urls.metadataList}/`,
          oauth: `${o}${urls.oauth}`,
          dataManagementApi: `${o}${urls.data}/`,
          xsdMetadata: `${o}/metadata/xsd`,
        },
      },
    };
  }
  return {
    status: 200,
    body: {
      version: build.version,
      applicationName: 'Ed-Fi Alliance ODS/API',
      informationalVersion: build.informationalVersion,
      suite: '3',
      build: build.build,
      dataModels,
      urls: {
        dependencies: `${o}${urls.metadataData}/dependencies`,
        openApiMetadata: `${o}${urls.metadataList}/`,
        oauth: `${o}${urls.oauth}`,
        oauthTokenIntrospection: `${o}${urls.oauth}_info`,
        dataManagementApi: `${o}${urls.data}/`,
        ...(env.options.changeQueries ? { changeQueries: `${o}${urls.changeQueries}/` } : {}),
      },
    },
  };
}

/** `GET /metadata/`: the OpenAPI sections, with a SHA-256 ETag and If-None-Match support. */
export function metadataList(env: Env, req: ApiRequest): ApiResponse {
  const root = `${req.origin}${env.urls.metadataData}`;
  const body = [
    { endpointUri: `${root}/descriptors/swagger.json`, name: 'Descriptors', prefix: '' },
    { endpointUri: `${root}/resources/swagger.json`, name: 'Resources', prefix: '' },
  ];
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
  return { status: 200, headers: { ETag: etag }, body };
}

/** An OpenAPI document from our model, its server and token URLs pointing at this host. */
export function openApiDocument(env: Env, req: ApiRequest, kind: 'resources' | 'descriptors'): ApiResponse {
  const [major, minor] = env.wire.apiVersion.split('.').map(Number);
  // ODS documents /deletes and /keyChanges while change queries are on, and /partitions from 7.3 on.
  const doc = env.registry.openApi(kind, { changeQueries: env.options.changeQueries, partitions: major > 7 || (major === 7 && minor >= 3) });
  const tokenUrl = `${req.origin}${env.urls.oauth}`;
  const schemes = doc.components?.securitySchemes ?? {};
  const securitySchemes = Object.fromEntries(
    Object.entries(schemes).map(([name, s]) => {
      const scheme = s as OpenAPIV3.OAuth2SecurityScheme;
      return [name, scheme.flows ? { ...scheme, flows: { clientCredentials: { tokenUrl, scopes: {} } } } : s];
    }),
  );
  const body: OpenAPIV3.Document = { ...doc, servers: [{ url: `${req.origin}${env.urls.data}` }], components: { ...doc.components, securitySchemes } };
  return { status: 200, body, compact: true };
}

/** `GET /metadata/data/v3/dependencies`: topological load order with operations. */
export function dependencies(env: Env): ApiResponse {
  return { status: 200, body: env.registry.dependencies };
}
