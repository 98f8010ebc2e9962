import { randomBytes } from 'node:crypto';
import { type Client, developmentClient, safeEqual } from '../auth/clients';
import { requestedClientKey } from '../auth/token-endpoint';
import type { Registry } from '../model/registry';
import { type Host, createProfileHost, handleHost } from '../pipeline/host';
import type { RequestJournal } from '../pipeline/request-journal';
import type { Answer, ApiRequest } from '../pipeline/types';
import type { DocumentStore } from '../store/document-store';
import type { Logger } from '../util/logger';
import { authorizationParts } from '../steps/authenticate';
import type { SandboxStorage } from './storage';
import type { ClientClaims } from './spec';
import { type Template, type TemplateCache, createTemplateCache, documentsOf } from './templates';
import type { SandboxLimits, SandboxRecord } from './types';

/** A training sandbox: its record, the host that answers its clients, and the template a reset returns it to. */
export interface Sandbox {
  record: SandboxRecord;
  host: Host;
}

/** Everything one server answers for: its own data set (`main`) and any number of training sandboxes. */
export interface Fleet {
  main: Host;
  /** The key of the admin API (`--admin-key`); without one the admin API is off. */
  adminKey?: string;
  sandboxes: Map<string, Sandbox>;
  /** Which sandbox a client key belongs to: a token is routed by its client. */
  byClient: Map<string, Sandbox>;
  templates: TemplateCache;
  /** Templates of imported sandboxes (the data they were imported with), by sandbox id. */
  imported: Map<string, Template>;
  storage: SandboxStorage;
  schemasDir: string;
  logger: Logger;
  /** Shared with every sandbox: one compiled validator per resource and Data Standard. */
  registries: Map<string, Registry>;
  /** Requests each sandbox's journal keeps (the console shows them). */
  journalSize: number;
}

/** Defaults of a new sandbox's limits: room for a trainee's work on top of its template, and tokens for a few tools. */
export const DEFAULT_LIMITS = { extraDocuments: 50_000, tokens: 20 };

export interface FleetOptions {
  main: Host;
  adminKey?: string;
  storage: SandboxStorage;
  schemasDir: string;
  logger: Logger;
  journalSize?: number;
  /** The registries the main host loaded (createProfileHost's `registries`), shared with templates and sandboxes. */
  registries?: Map<string, Registry>;
}

export function createFleet(o: FleetOptions): Fleet {
  const registries = o.registries ?? new Map<string, Registry>();
  return {
    main: o.main,
    adminKey: o.adminKey,
    sandboxes: new Map(),
    byClient: new Map(),
    templates: createTemplateCache(o.schemasDir, o.logger, registries),
    imported: new Map(),
    storage: o.storage,
    schemasDir: o.schemasDir,
    logger: o.logger,
    registries,
    journalSize: o.journalSize ?? 1000,
  };
}

/** Whether a request carries the admin key as its bearer (compared in constant time). */
export function isAdmin(fleet: Fleet, req: Pick<ApiRequest, 'headers'>): boolean {
  const parts = authorizationParts(req.headers.authorization);
  return !!fleet.adminKey && parts !== 'missing' && parts.scheme === 'bearer' && safeEqual(parts.value, fleet.adminKey);
}

/** The sandbox a request is for: by its bearer token's client, or by the client a token request names. */
export function sandboxOf(fleet: Fleet, req: ApiRequest): Sandbox | undefined {
  if (!fleet.sandboxes.size) return undefined;
  const parts = authorizationParts(req.headers.authorization);
  if (parts !== 'missing' && parts.scheme === 'bearer') {
    const token = fleet.main.root.tokens.check(parts.value);
    return token ? fleet.byClient.get(token.client.key) : undefined;
  }
  if (req.method === 'POST' && /\/oauth\/token\/?$/i.test(req.path)) {
    const key = requestedClientKey(req);
    return key === undefined ? undefined : fleet.byClient.get(key);
  }
  return undefined;
}

/** A sandbox id: ten lower-case letters and digits. */
const newId = (): string => [...randomBytes(10)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** A new client of a sandbox, with random credentials (the key says which sandbox it is for). */
export function sandboxClient(record: Pick<SandboxRecord, 'id' | 'name'>, name?: string, attributes?: Record<string, string>): Client {
  const c = developmentClient();
  return { ...c, key: `sbx-${record.id}-${c.key.slice(0, 8)}`, name: name ?? record.name, ...(attributes ? { attributes } : {}) };
}

/** The template a sandbox resets to. */
async function templateOf(fleet: Fleet, record: SandboxRecord): Promise<Template> {
  const imported = fleet.imported.get(record.id);
  if (imported) return imported;
  if (record.template.name === 'import') {
    throw new Error('this sandbox was imported before the server restarted, and the imported data is not kept: import the file again');
  }
  return fleet.templates.get(record.template);
}

/** Opens (and, when new, fills) a sandbox's data sets and the host over them; `journal` carries an earlier one on. */
async function openHost(fleet: Fleet, record: SandboxRecord, template: Template, journal?: RequestJournal): Promise<Host> {
  const stores = new Map<number | undefined, DocumentStore>(template.host.envs.map((e) => [e.schoolYear, e.store]));
  const backends = await fleet.storage.open(record.id, stores);
  const root = fleet.main.root;
  const host = createProfileHost({
    schemasDir: fleet.schemasDir,
    profileData: template.profile,
    clients: record.clients,
    logger: fleet.logger,
    tokens: root.tokens,
    api: root.options,
    years: record.years,
    backendFor: (i) => backends.get(i.schoolYear),
    journalSize: fleet.journalSize,
    registries: fleet.registries,
  });
  if (journal) host.journal = journal;
  const held = () => documentsOf(host.envs);
  for (const env of host.envs) env.documentLimit = { max: record.limits.documents, held };
  return host;
}

/** Puts a sandbox in the fleet's maps. */
function enlist(fleet: Fleet, sandbox: Sandbox): void {
  fleet.sandboxes.set(sandbox.record.id, sandbox);
  for (const c of sandbox.record.clients) fleet.byClient.set(c.key, sandbox);
}

const records = (fleet: Fleet): SandboxRecord[] => [...fleet.sandboxes.values()].map((s) => s.record);

/** What a new sandbox is made of: a name, a template (profile, years, size) and optional limits and client attributes. */
export interface SandboxSpec {
  name?: string;
  template: Template['spec'];
  limits?: Partial<SandboxLimits>;
  attributes?: Record<string, string>;
  /** Authorization claims of its client (none: the client may do everything in its sandbox). */
  claims?: ClientClaims;
}

/** Creates a sandbox from a template (built once, then cloned) with one client; durable before it resolves. */
export async function createSandbox(fleet: Fleet, spec: SandboxSpec, template?: Template): Promise<Sandbox> {
  const base = template ?? (await fleet.templates.get(spec.template));
  const id = newId();
  const name = spec.name ?? `sandbox ${fleet.sandboxes.size + 1}`;
  const record: SandboxRecord = {
    id,
    name,
    profile: base.profile.name,
    ...(spec.template.years ? { years: spec.template.years } : {}),
    template: spec.template,
    createdAt: new Date().toISOString(),
    clients: [],
    limits: { documents: spec.limits?.documents ?? base.documents + DEFAULT_LIMITS.extraDocuments, tokens: spec.limits?.tokens ?? DEFAULT_LIMITS.tokens },
  };
  const attributes = spec.attributes ?? base.profile.devClients?.[0]?.attributes;
  record.clients.push({ ...sandboxClient(record, `${name} client`, attributes), ...spec.claims });
  if (template) fleet.imported.set(id, template);
  const host = await openHost(fleet, record, base);
  const sandbox = { record, host };
  enlist(fleet, sandbox);
  try {
    await fleet.storage.saveCatalog(records(fleet));
  } catch (err) {
    await removeSandbox(fleet, sandbox, false);
    throw err;
  }
  return sandbox;
}

/** Closes a host's data sets and removes the sandbox's data from its storage. */
async function dropData(fleet: Fleet, id: string, host: Host): Promise<void> {
  for (const env of host.envs) await env.backend.close();
  await fleet.storage.drop(
    id,
    host.envs.map((e) => e.schoolYear),
  );
}

/** Removes a sandbox from the fleet with its data, clients and tokens; records the catalogue unless `save` is false. */
async function removeSandbox(fleet: Fleet, sandbox: Sandbox, save = true): Promise<void> {
  const { record, host } = sandbox;
  fleet.sandboxes.delete(record.id);
  fleet.imported.delete(record.id);
  for (const c of record.clients) {
    fleet.byClient.delete(c.key);
    fleet.main.root.tokens.revoke(c.key);
  }
  await dropData(fleet, record.id, host);
  if (save) await fleet.storage.saveCatalog(records(fleet));
}

/** Deletes a sandbox: its clients' tokens stop working at once, and its data is gone. */
export const deleteSandbox = (fleet: Fleet, sandbox: Sandbox): Promise<void> => removeSandbox(fleet, sandbox);

/** Returns a sandbox to its template: its clients, tokens and request journal stay; its data is the template's again. */
export async function resetSandbox(fleet: Fleet, sandbox: Sandbox): Promise<void> {
  const template = await templateOf(fleet, sandbox.record);
  const old = sandbox.host;
  await dropData(fleet, sandbox.record.id, old);
  sandbox.host = await openHost(fleet, sandbox.record, template, old.journal);
}

/** Adds a client to a sandbox; durable before it resolves. */
export async function addClient(fleet: Fleet, sandbox: Sandbox, name?: string, claims: ClientClaims = {}): Promise<Client> {
  const client = { ...sandboxClient(sandbox.record, name, sandbox.record.clients[0]?.attributes), ...claims };
  sandbox.record.clients.push(client);
  fleet.byClient.set(client.key, sandbox);
  await fleet.storage.saveCatalog(records(fleet));
  return client;
}

/** Gives a client a new secret; its tokens stop working. */
export async function rotateClient(fleet: Fleet, sandbox: Sandbox, client: Client): Promise<Client> {
  client.secret = developmentClient().secret;
  fleet.main.root.tokens.revoke(client.key);
  await fleet.storage.saveCatalog(records(fleet));
  return client;
}

/** Removes a client; its tokens stop working. */
export async function removeClient(fleet: Fleet, sandbox: Sandbox, client: Client): Promise<void> {
  sandbox.record.clients.splice(sandbox.record.clients.indexOf(client), 1);
  fleet.byClient.delete(client.key);
  fleet.main.root.tokens.revoke(client.key);
  await fleet.storage.saveCatalog(records(fleet));
}

/**
 * Brings back the sandboxes a persisted server recorded: their data sets exist, so they are opened as they are; the
 * template is rebuilt only when a reset asks for it.
 */
export async function restoreSandboxes(fleet: Fleet, progress?: (line: string) => void): Promise<number> {
  const recorded = await fleet.storage.loadCatalog();
  for (const record of recorded) {
    const empty = await fleet.templates.get({ ...record.template, name: 'empty' });
    const host = await openHost(fleet, record, empty);
    enlist(fleet, { record, host });
    progress?.(`Sandbox ${record.id} (${record.name}, ${record.profile}): ${documentsOf(host.envs)} documents`);
  }
  return recorded.length;
}

/** Closes every sandbox's data sets (the server stops). */
export async function closeSandboxes(fleet: Fleet): Promise<void> {
  for (const sb of fleet.sandboxes.values()) for (const e of sb.host.envs) await e.backend.close();
}

/** Routes a request: the admin API, else the host of the sandbox its client belongs to, else the server's own data set. */
export function routeFleet(fleet: Fleet, req: ApiRequest, admin: (fleet: Fleet, req: ApiRequest) => Answer | undefined): Answer {
  const answered = admin(fleet, req);
  if (answered) return answered;
  const sandbox = sandboxOf(fleet, req);
  if (!sandbox) return handleHost(fleet.main, req);
  const { record, host } = sandbox;
  if (req.method === 'POST' && /\/oauth\/token\/?$/i.test(req.path)) {
    const active = fleet.main.root.tokens.activeOf(record.clients.map((c) => c.key));
    if (active >= record.limits.tokens)
      return host.root.problems.sandboxLimit(
        req.correlationId,
        429,
        `This sandbox's clients hold ${active} active tokens, its limit of ${record.limits.tokens}: reuse a token until it expires.`,
      );
  }
  return handleHost(host, req);
}
