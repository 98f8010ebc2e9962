import { createTokenStore } from '../auth/tokens';
import { problems } from '../errors/problems';
import { type Registry, loadRegistry } from '../model/registry';
import type { Backend } from '../backend/backend';
import { authenticate } from '../steps/authenticate';
import type { Ctx, Env } from './context';
import { type JournalEntry, type RequestJournal, createRequestJournal } from './request-journal';
import { type EnvOptions, createEnv } from './create-env';
import { type Instance, instancesOf, loadProfile } from './profile';
import { handle } from './handle';
import { validationReport } from '../rules/report';
import { takeSnapshot } from './snapshot';
import { storageReason } from '../errors/storage-reason';
import { type Answer, type ApiRequest, type ApiResponse, thenAnswer } from './types';

/** Every ODS instance one server answers for: one without a year, or one per school year of a state profile. */
export interface Host {
  envs: Env[];
  /** Answers the year-less routes: discovery, /oauth/token, /metadata/, /health. */
  root: Env;
  byYear: Map<number, Env>;
  /** The requests this server answered (bounded), for certification and `GET /admin/journal`. */
  journal: RequestJournal;
  /** Told of every answered request (the vendor sandbox echoes them as they arrive). */
  onAnswer?: (req: ApiRequest, res: ApiResponse) => void;
}

/**
 * A server keeps no request journal unless asked (`--journal-size`): entries that live across thousands of requests
 * are promoted to the old generation and made every major GC of a large store costlier (bench G1: -15% POST
 * throughput with 1000 entries). The certification runner and the vendor sandbox turn it on.
 */
export const DEFAULT_JOURNAL_SIZE = 0;

/** A host over instances; the year-less routes belong to the newest 5.x/6.x year if there is one, else to the newest year. */
export function createHost(envs: Env[], journalSize = DEFAULT_JOURNAL_SIZE): Host {
  const byYear = new Map(envs.filter((e) => e.schoolYear !== undefined).map((e) => [e.schoolYear!, e]));
  const newest = [...envs].sort((a, b) => (b.schoolYear ?? 0) - (a.schoolYear ?? 0));
  const root = newest.find((e) => e.urls.oauth === '/oauth/token') ?? newest[0];
  return { envs, root, byYear, journal: createRequestJournal(journalSize) };
}

const YEAR_FIRST = /^\/(\d{4})(\/.*)?$/;
const YEAR_IN_DATA = /^\/(data\/v3|metadata\/data\/v3|metadata|changeQueries\/v1)\/(\d{4})(\/.*)?$/i;

/** 404s inside data/v3 come from a 5.x/6.x instance when the host has one. */
const problemsOfPlacement = (host: Host) => (host.envs.find((e) => e.urls.data.startsWith('/data/v3/')) ?? host.root).problems;

/**
 * Finds the instance a path addresses and the path its routes see. 7.x years come first (`/2026/data/v3/...`), 5.x/6.x
 * years inside data/v3 (`/data/v3/2024/...`, `/metadata/data/v3/2024/...`); `/{year}/validations` works for both.
 * A year the profile does not have answers the real API's 404 for that placement.
 */
function locate(host: Host, req: ApiRequest): { env: Env; routePath: string } | ApiResponse {
  const { root } = host;
  if (!host.byYear.size) return { env: root, routePath: req.path };
  const path = req.path;
  let m = YEAR_FIRST.exec(path);
  if (m) {
    const env = host.byYear.get(Number(m[1]));
    const rest = m[2] ?? '/';
    // `/{year}/validations`, `/{year}/extracts/{id}` and `/{year}/` (discovery) answer for 5.x/6.x years too: edfi-mock additions, so a runner
    // can find each year's data path and Data Standard.
    if (env && (env.urls.root === `/${m[1]}` || /^\/(validations\/?|extracts\/[^/]+\/?)?$/i.test(rest))) return { env, routePath: rest };
    // A year first is the 7.x placement: its 404 is the 7.x problem body whatever the host's other years are.
    return problems.routeNotFound(req.correlationId);
  }
  m = YEAR_IN_DATA.exec(path);
  if (m) {
    const env = host.byYear.get(Number(m[2]));
    if (env && env.urls.data === `/data/v3/${m[2]}`) return { env, routePath: `/${m[1]}${m[3] ?? ''}` };
    return problemsOfPlacement(host).routeNotFound(req.correlationId);
  }
  // Resource, metadata and change-query routes exist only under a year on a year-specific host.
  if (/^\/(data|metadata\/data|changeQueries)(\/|$)/i.test(path)) return root.problems.routeNotFound(req.correlationId);
  return { env: root, routePath: path };
}

/** Answers once every instance's store is up to date (PostgreSQL: other processes' changes), at once in memory. */
function whenCurrent(host: Host, envs: Env[], req: ApiRequest, answer: () => ApiResponse): Answer {
  const refreshing = envs.map((env) => env.backend.refresh()).filter((p) => p !== undefined);
  return refreshing.length
    ? Promise.all(refreshing).then(answer, (err: unknown) => host.root.problems.storageUnavailable(req.correlationId, storageReason(err)))
    : answer();
}

/** `GET /admin/journal?since=N&limit=M`: the request journal (any valid token). */
function adminJournal(host: Host, req: ApiRequest): ApiResponse {
  const ctx: Ctx = { req, env: host.root, params: {} };
  return authenticate(ctx) ?? journalPage(host, req);
}

/**
 * A page of a host's journal (`?since=N&limit=M`), each entry as `decorate` makes it (the admin API adds explanations);
 * the 400 for values that are not whole numbers.
 */
export function journalPage(host: Host, req: ApiRequest, decorate: (e: JournalEntry) => object = (e) => e): ApiResponse {
  const since = Number(req.query.since ?? 0);
  const limit = Number(req.query.limit ?? host.journal.capacity);
  if (!Number.isInteger(since) || since < 0 || !Number.isInteger(limit) || limit < 0) {
    return host.root.problems.parameterValidation(req.correlationId, ['since and limit must be whole numbers, 0 or more.']);
  }
  return { status: 200, body: { last: host.journal.last(), capacity: host.journal.capacity, entries: host.journal.since(since, limit).map(decorate) } };
}

/**
 * `GET /validations` on a year-specific host: every year's report, so a check without a year cannot pass on the one
 * year it happened to look at while another year holds the errors.
 */
function allValidations(host: Host, req: ApiRequest): Answer {
  const ctx: Ctx = { req, env: host.root, params: {} };
  const denied = authenticate(ctx);
  if (denied) return denied;
  const envs = [...host.byYear.values()];
  const report = (): ApiResponse => {
    const reports = envs.map((env) => validationReport(env, ctx.token!.client));
    return { status: 200, body: { schoolYears: reports.map((r) => r.schoolYear), reports } };
  };
  return whenCurrent(host, envs, req, report);
}

/**
 * `POST /admin/snapshots` (any valid token): freezes every instance's data as it is now, replacing an earlier
 * snapshot; reads with `Use-Snapshot: true` (7.x) or `Snapshot-Identifier` (5.x/6.x) then see that copy.
 */
function createSnapshots(host: Host, req: ApiRequest): Answer {
  const ctx: Ctx = { req, env: host.root, params: {} };
  const denied = authenticate(ctx);
  if (denied) return denied;
  const take = (): ApiResponse => {
    const now = new Date();
    const snapshots = host.envs.map((env) => {
      env.snapshot = takeSnapshot(env, now);
      return {
        schoolYear: env.schoolYear,
        snapshotIdentifier: env.snapshot.identifier,
        snapshotDateTime: env.snapshot.at,
        documents: env.snapshot.env.store.size(),
      };
    });
    return { status: 201, body: { snapshots } };
  };
  return whenCurrent(host, host.envs, req, take);
}

/** Answers a request for whichever instance it addresses, and records it in the journal. */
export function handleHost(host: Host, req: ApiRequest): Answer {
  if (/^\/admin\/journal\/?$/i.test(req.path) && req.method === 'GET') return adminJournal(host, req);
  if (/^\/admin\/snapshots\/?$/i.test(req.path) && req.method === 'POST') return createSnapshots(host, req);
  if (host.byYear.size && /^\/validations\/?$/i.test(req.path) && req.method === 'GET') return allValidations(host, req);
  const found = locate(host, req);
  if (!('env' in found)) return found;
  const ctx: Ctx = { req, env: found.env, params: {} };
  return thenAnswer(handle(found.env, req, found.routePath, ctx), (res) => {
    host.journal.record(ctx, res);
    host.onAnswer?.(req, res);
    return res;
  });
}

/** Options of a whole server: every instance of the profile, sharing clients, tokens and logger. */
export interface HostOptions extends Omit<EnvOptions, 'instance' | 'registry' | 'backend'> {
  /** The backend of each instance; in memory when absent. */
  backendFor?: (instance: Instance) => Backend | undefined;
  /** Serve only these school years of the profile (all when absent). */
  years?: number[];
  /** Requests kept by the journal (0 turns it off). */
  journalSize?: number;
  /** Registries already loaded, by Data Standard and extensions (sandboxes share their server's: one validator per resource). */
  registries?: Map<string, Registry>;
}

/** Builds every ODS instance of a profile: a Data Standard's registry is shared by the years that use it. */
export function createProfileHost(o: HostOptions): Host {
  const profile = o.profileData ?? loadProfile(o.schemasDir, o.profile ?? 'edfi');
  const now = o.now ?? Date.now;
  const tokens = o.tokens ?? createTokenStore(now, o.tokenLifetimeSeconds ?? 1800, o.tokenLimit ?? 15);
  const registries = o.registries ?? new Map<string, Registry>();
  const instances = instancesOf(profile).filter((i) => !o.years || i.schoolYear === undefined || o.years.includes(i.schoolYear));
  if (!instances.length) throw new Error(`profile ${profile.name} has none of the school years ${o.years?.join(', ')}`);
  const envs = instances.map((instance) => {
    const key = `${instance.dataStandard}+${instance.extensions.join(',')}`;
    let registry = registries.get(key);
    if (!registry) registries.set(key, (registry = loadRegistry(o.schemasDir, instance.dataStandard, instance.extensions)));
    return createEnv({ ...o, profileData: profile, instance, registry, tokens, now, backend: o.backendFor?.(instance) });
  });
  return createHost(envs, o.journalSize);
}
