import { dirname } from 'node:path';
import express from 'express';
import type { Host } from '../pipeline/host';
import { schoolYearLabel } from '../util/school-year';
import { ADMIN_OPENAPI_PATH, adminOpenApi } from '../sandbox/admin-openapi';

/** The folder of the swagger-ui-dist package (its static files). */
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The documents the page offers: per school year (or the one instance) its resources and descriptors. */
export function docsEntries(host: Host, admin = false): { url: string; name: string }[] {
  // Newest year first: Swagger UI opens the first document.
  const data = [...host.envs].reverse().flatMap((env) => {
    const year = env.schoolYear === undefined ? '' : `${schoolYearLabel(env.schoolYear)} `;
    const release = `ODS/API ${env.wire.apiVersion}, DS ${env.registry.informationalVersion}`;
    return (['resources', 'descriptors'] as const).map((kind) => ({
      url: `${env.urls.metadataData}/${kind}/swagger.json`,
      name: `${year}${kind === 'resources' ? 'Resources' : 'Descriptors'} (${release})`,
    }));
  });
  return admin ? [...data, { url: ADMIN_OPENAPI_PATH, name: 'edfi-mock admin API (training sandboxes)' }] : data;
}

/** The Swagger UI page: every document of the host, the client-credentials flow through the Authorize button. */
function page(host: Host, admin: boolean): string {
  const config = {
    urls: docsEntries(host, admin),
    dom_id: '#swagger-ui',
    layout: 'StandaloneLayout',
    persistAuthorization: true,
    tryItOutEnabled: false,
    defaultModelsExpandDepth: -1,
    docExpansion: 'none',
    // 150 to 190 resources, each with its change-query and partition paths: a filter box finds one by name.
    filter: true,
  };
  // `<` is escaped so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>edfi-mock API docs</title>
<link rel="stylesheet" href="swagger-ui.css">
<link rel="icon" type="image/png" href="favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script>
<script src="swagger-ui-standalone-preset.js"></script>
<script>
const config = ${json};
window.ui = SwaggerUIBundle({ ...config, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], plugins: [SwaggerUIBundle.plugins.DownloadUrl] });
</script>
</body>
</html>
`;
}

/**
 * Serves Swagger UI at `/docs/` from the swagger-ui-dist package (no CDN: it works offline), over the same OpenAPI
 * documents as `/metadata`, one entry per school year and document. The real Ed-Fi sandbox ships the same page.
 */
export function addDocsRoutes(app: express.Express, host: Host, admin = false): void {
  const html = page(host, admin);
  if (admin) app.get(ADMIN_OPENAPI_PATH, (_req, res) => res.json(adminOpenApi()));
  // Routing ignores a trailing slash, so `/docs` and `/docs/` reach the same handler: the page's relative asset URLs
  // need the slash.
  app.get(['/docs', '/docs/index.html'], (req, res) => {
    if (req.path === '/docs') return res.redirect(301, '/docs/');
    return res.type('html').set('Cache-Control', 'no-cache').send(html);
  });
  app.use('/docs', express.static(SWAGGER_UI_DIR, { index: false, fallthrough: true, maxAge: '1h' }));
}
