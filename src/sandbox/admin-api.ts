import type { Client } from '../auth/clients';
import { problems } from '../errors/problems';
import { type Host, journalPage } from '../pipeline/host';
import { loadProfile } from '../pipeline/profile';
import type { Answer, ApiRequest, ApiResponse } from '../pipeline/types';
import { validationReport } from '../rules/report';
import { authenticate } from '../steps/authenticate';
import { schoolYearLabel } from '../util/school-year';
import { explain } from './explain';
import { exportSandbox, importTemplate } from './export';
import { type Fleet, type Sandbox, addClient, createSandbox, deleteSandbox, isAdmin, removeClient, resetSandbox, rotateClient, sandboxOf } from './fleet';
import { certifyInSandbox, scenariosFor } from './certify';
import { clientClaims, parseSandboxSpec } from './spec';
import { documentsOf } from './templates';

const fail = (req: ApiRequest, status: number, title: string, detail: string, errors?: string[]): ApiResponse =>
  problems.admin(req.correlationId, status, title, detail, errors);
const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });

/** A sandbox as the admin API shows it (never a secret). */
export function sandboxView(s: Sandbox): Record<string, unknown> {
  const { record, host } = s;
  return {
    id: record.id,
    name: record.name,
    profile: record.profile,
    template: record.template,
    createdAt: record.createdAt,
    documents: documentsOf(host.envs),
    limits: record.limits,
    clients: record.clients.map((c) => ({
      key: c.key,
      name: c.name,
      ...(c.attributes ? { attributes: c.attributes } : {}),
      ...(c.educationOrganizationIds ? { educationOrganizationIds: c.educationOrganizationIds } : {}),
      ...(c.claimSetName ? { claimSetName: c.claimSetName } : {}),
    })),
    schoolYears: host.envs.map((e) => ({
      schoolYear: e.schoolYear ?? null,
      label: e.schoolYear === undefined ? null : schoolYearLabel(e.schoolYear),
      dataStandard: e.registry.informationalVersion,
      odsApi: e.wire.apiVersion,
      data: `${e.urls.data}/`,
      oauth: e.urls.oauth,
    })),
  };
}

/** A new client's credentials: the only answers that carry a secret. */
const credentials = (c: Client, origin: string) => ({ key: c.key, secret: c.secret, clientName: c.name, baseUrl: origin });

/** The JSON body of an admin request (`{}` when there is none), or the 400 for text that is not JSON. */
function jsonBody(req: ApiRequest): { value: unknown } | { refused: ApiResponse } {
  if (!req.body?.trim()) return { value: {} };
  try {
    return { value: JSON.parse(req.body) as unknown };
  } catch (err) {
    return { refused: fail(req, 400, 'Bad Request', `The request body is not valid JSON: ${(err as Error).message}`) };
  }
}

/** The 201 of a new sandbox: what it is, and its first client's credentials. */
const created = (sandbox: Sandbox, req: ApiRequest): ApiResponse =>
  ok({ ...sandboxView(sandbox), ...credentials(sandbox.record.clients[0], req.origin), id: sandbox.record.id }, 201);

/** Runs an admin action that may fail for reasons outside the request (storage, a template that cannot be built). */
async function attempt(req: ApiRequest, fleet: Fleet, work: () => Promise<ApiResponse>): Promise<ApiResponse> {
  try {
    return await work();
  } catch (err) {
    fleet.logger.error({ err, correlationId: req.correlationId }, 'an admin action failed');
    return fail(req, 503, 'Service Unavailable', `The action could not be completed: ${(err as Error).message}`);
  }
}

/** `?since=N&limit=M&explain=true` over a host's journal: the entries, each refusal with its explanation. */
export function journalAnswer(req: ApiRequest, host: Host): ApiResponse {
  if (!/^true$/i.test(req.query.explain ?? '')) return journalPage(host, req);
  return journalPage(host, req, (e) => {
    const env = (e.schoolYear === undefined ? undefined : host.byYear.get(e.schoolYear)) ?? host.root;
    const why = explain(e, env.registry);
    return why ? { ...e, explanation: why } : e;
  });
}

/**
 * `GET /admin/journal?sandbox=all` (admin key): the newest entries of every journal (the server's own and each
 * sandbox's), each with the sandbox it came from, newest last (`limit`, default 500).
 */
function everyJournal(fleet: Fleet, req: ApiRequest): ApiResponse {
  const limit = Number(req.query.limit ?? 500);
  if (!Number.isInteger(limit) || limit < 0)
    return fleet.main.root.problems.parameterValidation(req.correlationId, ['limit must be a whole number, 0 or more.']);
  const hosts: [string, Host][] = [['main', fleet.main], ...[...fleet.sandboxes.values()].map((s) => [s.record.id, s.host] as [string, Host])];
  const entries = hosts.flatMap(([sandbox, host]) => host.journal.since(0).map((e) => ({ sandbox, ...e }))).sort((a, b) => a.at.localeCompare(b.at));
  return ok({ entries: limit === 0 ? [] : entries.slice(-limit) });
}

/** Admin routes on one sandbox (`/admin/sandboxes/{id}/...`). */
function onSandbox(fleet: Fleet, req: ApiRequest, sandbox: Sandbox, rest: string[]): Answer {
  const [action, key, sub] = rest;
  const m = req.method;
  const client = key ? sandbox.record.clients.find((c) => c.key === key) : undefined;
  if (!action && m === 'GET') return ok(sandboxView(sandbox));
  if (!action && m === 'DELETE') return attempt(req, fleet, async () => (await deleteSandbox(fleet, sandbox), { status: 204 }));
  if (action === 'reset' && m === 'POST') return attempt(req, fleet, async () => (await resetSandbox(fleet, sandbox), ok(sandboxView(sandbox))));
  if (action === 'export' && m === 'GET')
    return { status: 200, body: exportSandbox(sandbox), headers: { 'Content-Disposition': `attachment; filename="sandbox-${sandbox.record.id}.json"` } };
  if (action === 'journal' && m === 'GET') return journalAnswer(req, sandbox.host);
  if (action === 'token' && m === 'POST') {
    const token = sandbox.host.root.tokens.issue(sandbox.record.clients[0]);
    if (!token) return fail(req, 429, 'Too Many Tokens', 'The sandbox client holds as many tokens as it may: reuse one.');
    return ok({ access_token: token.value, expires_in: sandbox.host.root.tokens.lifetimeSeconds, token_type: 'bearer' });
  }
  if (action === 'clients' && !key && m === 'POST') {
    const body = jsonBody(req);
    if ('refused' in body) return body.refused;
    const b = (body.value && typeof body.value === 'object' ? body.value : {}) as Record<string, unknown>;
    const name = typeof b.name === 'string' ? b.name : undefined;
    const errors: string[] = [];
    const claims = clientClaims(b, errors);
    if (errors.length) return fail(req, 400, 'Bad Request', 'The client request is not valid.', errors);
    return attempt(req, fleet, async () => ok(credentials(await addClient(fleet, sandbox, name, claims), req.origin), 201));
  }
  if (action === 'clients' && key && !client) return fail(req, 404, 'Not Found', `Sandbox ${sandbox.record.id} has no client '${key}'.`);
  if (action === 'clients' && client && sub === 'rotate' && m === 'POST')
    return attempt(req, fleet, async () => ok(credentials(await rotateClient(fleet, sandbox, client), req.origin)));
  if (action === 'clients' && client && !sub && m === 'DELETE')
    return attempt(req, fleet, async () => (await removeClient(fleet, sandbox, client), { status: 204 }));
  return fail(req, 404, 'Not Found', `No admin route ${m} ${req.path}.`);
}

/** `POST /admin/sandboxes`: a new sandbox from a template; answers its id and first client's key and secret. */
function create(fleet: Fleet, req: ApiRequest): Answer {
  const body = jsonBody(req);
  if ('refused' in body) return body.refused;
  const spec = parseSandboxSpec(body.value, (name) => loadProfile(fleet.schemasDir, name), fleet.schemasDir);
  if ('errors' in spec) return fail(req, 400, 'Bad Request', 'The sandbox request is not valid.', spec.errors);
  return attempt(req, fleet, async () => created(await createSandbox(fleet, spec), req));
}

/** `POST /admin/sandboxes/import`: a sandbox holding a sandbox file's data (which a reset returns to). */
function importFile(fleet: Fleet, req: ApiRequest): Answer {
  const body = jsonBody(req);
  if ('refused' in body) return body.refused;
  const template = importTemplate(fleet.schemasDir, body.value, fleet.logger, fleet.registries);
  if ('errors' in template) return fail(req, 400, 'Bad Request', 'The sandbox file cannot be imported.', template.errors);
  const exported = (body.value as { sandbox?: { name?: unknown } }).sandbox?.name;
  const name = typeof req.query.name === 'string' ? req.query.name : typeof exported === 'string' ? exported : undefined;
  return attempt(req, fleet, async () => created(await createSandbox(fleet, { name, template: template.spec }, template), req));
}

/**
 * The sandbox a console or trainee request speaks for: a sandbox client's token names its own; the admin key names
 * any with `?sandbox=ID`.
 */
function self(fleet: Fleet, req: ApiRequest): Sandbox | ApiResponse {
  if (isAdmin(fleet, req)) {
    const found = fleet.sandboxes.get(req.query.sandbox ?? '');
    return found ?? fail(req, 404, 'Not Found', `Name a sandbox with ?sandbox=ID (known: ${[...fleet.sandboxes.keys()].join(', ') || 'none'}).`);
  }
  const denied = authenticate({ req, env: fleet.main.root, params: {} });
  if (denied) return denied;
  return sandboxOf(fleet, req) ?? fail(req, 403, 'Forbidden', "This token is not a sandbox client's: the console works with a sandbox key or the admin key.");
}

/** `/admin/me/...`: what a trainee (or the admin on one sandbox) may do: see it, its journal and findings, certify, reset. */
function me(fleet: Fleet, req: ApiRequest, action: string | undefined): Answer {
  const found = self(fleet, req);
  if (!('record' in found)) return found;
  const sandbox = found;
  const m = req.method;
  if (!action && m === 'GET') return ok({ ...sandboxView(sandbox), admin: isAdmin(fleet, req) });
  if (action === 'journal' && m === 'GET') return journalAnswer({ ...req, query: { ...req.query, explain: 'true' } }, sandbox.host);
  if (action === 'reset' && m === 'POST') return attempt(req, fleet, async () => (await resetSandbox(fleet, sandbox), ok(sandboxView(sandbox))));
  if (action === 'validations' && m === 'GET') {
    const client = sandbox.record.clients[0];
    return ok({ reports: sandbox.host.envs.map((e) => validationReport(e, client)) });
  }
  if (action === 'scenarios' && m === 'GET') return ok(scenariosFor(sandbox.record.profile));
  if (action === 'certify' && m === 'POST') {
    const parsed = jsonBody(req);
    if ('refused' in parsed) return parsed.refused;
    const body = (parsed.value ?? {}) as { id?: unknown };
    if (typeof body.id !== 'string') return fail(req, 400, 'Bad Request', 'Name the scenario: {"id": "CORE-CRUD-CREATE"}.');
    const id = body.id;
    return attempt(req, fleet, async () => {
      const result = await certifyInSandbox(sandbox, id);
      return 'errors' in result ? fail(req, 400, 'Bad Request', result.errors[0]) : ok(result);
    });
  }
  return fail(req, 404, 'Not Found', `No admin route ${m} ${req.path}.`);
}

/**
 * The admin API (`/admin/sandboxes`, `/admin/templates`, `/admin/journal` with the admin key) and the console's
 * `/admin/me`; undefined for every other request (the data API answers it).
 */
export function adminApi(fleet: Fleet, req: ApiRequest): Answer | undefined {
  const m = /^\/admin\/(sandboxes|templates|me|journal)(?:\/(.*?))?\/?$/i.exec(req.path);
  if (!m) return undefined;
  const [, area, rest = ''] = m;
  const parts = rest ? rest.split('/') : [];
  if (area.toLowerCase() === 'me') return me(fleet, req, parts[0]);
  // `/admin/journal` with a token is the journal of the token's data set (host.ts); with the admin key, any sandbox's.
  if (area.toLowerCase() === 'journal') {
    if (!isAdmin(fleet, req)) return undefined;
    const id = req.query.sandbox;
    if (id === 'all') return everyJournal(fleet, req);
    const host = id === undefined || id === 'main' ? fleet.main : fleet.sandboxes.get(id)?.host;
    return host ? journalAnswer(req, host) : fail(req, 404, 'Not Found', `No sandbox '${id}'.`);
  }
  if (!fleet.adminKey) return fail(req, 404, 'Not Found', 'The admin API is off: start the server with --admin-key <key> (or EDFI_MOCK_ADMIN_KEY).');
  if (!isAdmin(fleet, req)) return fail(req, 401, 'Unauthorized', 'The admin API needs the admin key: send Authorization: Bearer <admin key>.');
  if (area.toLowerCase() === 'templates' && req.method === 'GET')
    return ok({
      templates: ['empty', 'minimal', 'sample', 'generated'],
      built: fleet.templates.built().map((t) => ({ ...t.spec, documents: t.documents, buildMs: t.buildMs })),
    });
  if (!parts.length && req.method === 'GET') return ok([...fleet.sandboxes.values()].map(sandboxView));
  if (!parts.length && req.method === 'POST') return create(fleet, req);
  if (parts[0] === 'import' && parts.length === 1 && req.method === 'POST') return importFile(fleet, req);
  const sandbox = fleet.sandboxes.get(parts[0]);
  if (!sandbox) return fail(req, 404, 'Not Found', `No sandbox '${parts[0]}'.`);
  return onSandbox(fleet, req, sandbox, parts.slice(1));
}
