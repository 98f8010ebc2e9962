import type { OpenAPIV3 } from 'openapi-types';

/** Where the admin API's OpenAPI document is served (Swagger UI lists it beside the data API's). */
export const ADMIN_OPENAPI_PATH = '/metadata/admin/swagger.json';

const json = (schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject, description: string): OpenAPIV3.ResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): OpenAPIV3.ResponseObject => json(ref('Problem'), description);
const id: OpenAPIV3.ParameterObject = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The sandbox id' };
const key: OpenAPIV3.ParameterObject = { name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'A client key of the sandbox' };
const refused = { '401': problem('No admin key, or a wrong one'), '404': problem('No such sandbox, or the admin API is off (no --admin-key)') };

/** The admin API of training sandboxes, as an OpenAPI 3 document (served at ADMIN_OPENAPI_PATH). */
export function adminOpenApi(): OpenAPIV3.Document {
  return {
    openapi: '3.0.3',
    info: {
      title: 'edfi-mock admin API',
      version: '1',
      description:
        'Training sandboxes: each one an isolated set of school-year ODS instances with its own clients. Send the admin key given at start ' +
        '(--admin-key or EDFI_MOCK_ADMIN_KEY) as `Authorization: Bearer <admin key>`. A sandbox client uses the ordinary data API with ' +
        'its own key and secret; its token reaches its sandbox and nothing else. `/admin/me` answers for the sandbox of the token (or, with ' +
        'the admin key, of `?sandbox=ID`).',
    },
    components: {
      securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'The admin key (or, for /admin/me, a sandbox token)' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            detail: { type: 'string' },
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            errors: { type: 'array', items: { type: 'string' } },
          },
        },
        SandboxRequest: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 100 },
            profile: { type: 'string', enum: ['edfi', 'wi', 'mi', 'il'], default: 'edfi' },
            years: { type: 'array', items: { type: 'integer' }, description: "School years of the profile (default: all of the profile's)" },
            template: { type: 'string', enum: ['empty', 'minimal', 'sample', 'generated'], default: 'empty' },
            students: { type: 'integer', minimum: 1, maximum: 100000, description: 'generated: the district size (default 500)' },
            seed: { type: 'integer', minimum: 0, description: 'generated: the same seed gives the same district (default 1)' },
            limits: { type: 'object', properties: { documents: { type: 'integer' }, tokens: { type: 'integer' } } },
            attributes: {
              type: 'object',
              additionalProperties: { type: 'string' },
              description: 'Client attributes, e.g. WI {"configurationProfile":"Choice"}',
            },
            educationOrganizationIds: {
              type: 'array',
              items: { type: 'integer' },
              description: "Its client's organizations (relationship-based authorization)",
            },
            claimSetName: {
              type: 'string',
              enum: ['SIS Vendor', 'District Hosted SIS Vendor', 'Assessment Vendor', 'Ed-Fi API Publisher - Reader', 'Ed-Fi Sandbox'],
            },
            namespacePrefixes: { type: 'array', items: { type: 'string' } },
          },
        },
        Sandbox: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            profile: { type: 'string' },
            template: { type: 'object' },
            createdAt: { type: 'string', format: 'date-time' },
            documents: { type: 'integer' },
            limits: { type: 'object', properties: { documents: { type: 'integer' }, tokens: { type: 'integer' } } },
            clients: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' } } } },
            schoolYears: { type: 'array', items: { type: 'object' } },
          },
        },
        Credentials: {
          type: 'object',
          properties: { key: { type: 'string' }, secret: { type: 'string' }, clientName: { type: 'string' }, baseUrl: { type: 'string' } },
        },
      },
    },
    security: [{ adminKey: [] }],
    paths: {
      '/admin/sandboxes': {
        get: { summary: 'List the sandboxes', responses: { '200': json({ type: 'array', items: ref('Sandbox') }, 'The sandboxes'), ...refused } },
        post: {
          summary: 'Create a sandbox from a template',
          requestBody: { content: { 'application/json': { schema: ref('SandboxRequest') } } },
          responses: {
            '201': json({ allOf: [ref('Sandbox'), ref('Credentials')] }, 'The sandbox and its first client (the only answer with the secret)'),
            '400': problem('The request names an unknown member, profile, year or template'),
            ...refused,
          },
        },
      },
      '/admin/sandboxes/import': {
        post: {
          summary: 'Create a sandbox holding the data of a sandbox file (an export)',
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '201': json({ allOf: [ref('Sandbox'), ref('Credentials')] }, 'The new sandbox'),
            '400': problem('Not a valid sandbox file'),
            ...refused,
          },
        },
      },
      '/admin/sandboxes/{id}': {
        parameters: [id],
        get: { summary: 'One sandbox', responses: { '200': json(ref('Sandbox'), 'The sandbox'), ...refused } },
        delete: { summary: 'Delete a sandbox, its data and its clients', responses: { '204': { description: 'Deleted' }, ...refused } },
      },
      '/admin/sandboxes/{id}/reset': {
        parameters: [id],
        post: {
          summary: "Return a sandbox's data to its template (clients and journal stay)",
          responses: { '200': json(ref('Sandbox'), 'Reset'), ...refused },
        },
      },
      '/admin/sandboxes/{id}/export': {
        parameters: [id],
        get: { summary: 'Every document of the sandbox, ids and ETags included', responses: { '200': json({ type: 'object' }, 'A sandbox file'), ...refused } },
      },
      '/admin/sandboxes/{id}/journal': {
        parameters: [
          id,
          { name: 'since', in: 'query', schema: { type: 'integer' } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'explain', in: 'query', schema: { type: 'boolean' }, description: 'Explain each refused request in plain words' },
        ],
        get: { summary: 'The requests the sandbox received', responses: { '200': json({ type: 'object' }, 'Journal entries'), ...refused } },
      },
      '/admin/sandboxes/{id}/token': {
        parameters: [id],
        post: {
          summary: "A token of the sandbox's first client (to look at its data as the admin)",
          responses: { '200': json({ type: 'object' }, 'A token'), ...refused },
        },
      },
      '/admin/sandboxes/{id}/clients': {
        parameters: [id],
        post: {
          summary: 'Add a client to the sandbox',
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
          responses: { '201': json(ref('Credentials'), 'The new client'), ...refused },
        },
      },
      '/admin/sandboxes/{id}/clients/{key}/rotate': {
        parameters: [id, key],
        post: { summary: 'Give a client a new secret (its tokens stop working)', responses: { '200': json(ref('Credentials'), 'The new secret'), ...refused } },
      },
      '/admin/sandboxes/{id}/clients/{key}': {
        parameters: [id, key],
        delete: { summary: 'Delete a client (its tokens stop working)', responses: { '204': { description: 'Deleted' }, ...refused } },
      },
      '/admin/templates': {
        get: { summary: 'The templates, and those built so far', responses: { '200': json({ type: 'object' }, 'Templates'), ...refused } },
      },
      '/admin/journal': {
        get: {
          summary: "A token's own data set's journal; with the admin key, `?sandbox=ID` (or `main`)",
          parameters: [{ name: 'sandbox', in: 'query', schema: { type: 'string' } }],
          responses: { '200': json({ type: 'object' }, 'Journal entries'), ...refused },
        },
      },
      '/admin/me': {
        get: {
          summary: "The caller's sandbox (a sandbox token, or the admin key with ?sandbox=ID)",
          responses: { '200': json(ref('Sandbox'), 'The sandbox') },
        },
      },
      '/admin/me/journal': {
        get: { summary: "The caller's sandbox's requests, each refusal explained", responses: { '200': json({ type: 'object' }, 'Journal entries') } },
      },
      '/admin/me/validations': {
        get: { summary: 'The state validation report of every school year', responses: { '200': json({ type: 'object' }, 'Reports') } },
      },
      '/admin/me/scenarios': {
        get: {
          summary: "The certification scenarios of the sandbox's profile",
          responses: { '200': json({ type: 'array', items: { type: 'object' } }, 'Scenarios') },
        },
      },
      '/admin/me/certify': {
        post: {
          summary: 'Replay a scenario against the sandbox (what it creates is deleted after)',
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } } },
          responses: { '200': json({ type: 'object' }, 'The scenario result') },
        },
      },
      '/admin/me/reset': { post: { summary: "Reset the caller's sandbox to its template", responses: { '200': json(ref('Sandbox'), 'Reset') } } },
    },
  };
}
