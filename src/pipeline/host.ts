import { createTokenStore } from '../auth/tokens';
import { problems } from '../errors/problems';
import { type Registry, loadRegistry } from '../model/registry';
import type { DocumentStore } from '../store/document-store';
import type { Env } from './context';
import { type EnvOptions, createEnv } from './create-env';
import { type Instance, instancesOf, loadProfile } from './profile';
import { handle } from './handle';
import type { ApiRequest, ApiResponse } from './types';

/** Every ODS instance one server answers for: one without a year, or one per school year of a state profile. */
export interface Host {
  envs: Env[];
  /** Answers the year-less routes: discovery, /oauth/token, /metadata/, /health. */
  root: Env;
  byYear: Map<number, Env>;
}

/** A host over instances; the year-less routes belong to the newest 5.x/6.x year if there is one, else to the newest year. */
export function createHost(envs: Env[]): Host {
  const byYear = new Map(envs.filter((e) => e.schoolYear !== undefined).map((e) => [e.schoolYear!, e]));
  const newest = [...envs].sort((a, b) => (b.schoolYear ?? 0) - (a.schoolYear ?? 0));
  const root = newest.find((e) => e.urls.oauth === '/oauth/token') ?? newest[0];
  return { envs, root, byYear };
}

const YEAR_FIRST = /^\/(\d{4})(\/.*)?$/;
const YEAR_IN_DATA = /^\/(data\/v3|metadata\/data\/v3|metadata)\/(\d{4})(\/.*)?$/i;

/**
 * Finds the instance a path addresses and the path its routes see. 7.x years come first (`/2026/data/v3/...`), 5.x/6.x
 * years inside data/v3 (`/data/v3/2024/...`, `/metadata/data/v3/2024/...`); `/{year}/validations` works for both.
 * A year the profile does not have answers the real API's 404 for that placement.
 */
export function handleHost(host: Host, req: ApiRequest): ApiResponse {
  const { root } = host;
  if (!host.byYear.size) return handle(root, req);
  const path = req.path;
  let m = YEAR_FIRST.exec(path);
  if (m) {
    const env = host.byYear.get(Number(m[1]));
    const rest = m[2] ?? '/';
    if (env && (env.urls.root === `/${m[1]}` || /^\/validations\/?$/i.test(rest))) return handle(env, req, rest);
    // A year first is the 7.x placement: its 404 is the 7.x problem body whatever the host's other years are.
    return problems.routeNotFound(req.correlationId);
  }
  m = YEAR_IN_DATA.exec(path);
  if (m) {
    const env = host.byYear.get(Number(m[2]));
    if (env && env.urls.data === `/data/v3/${m[2]}`) return handle(env, req, `/${m[1]}${m[3] ?? ''}`);
    return problemsOfPlacement(host).routeNotFound(req.correlationId);
  }
  // Resource and metadata routes exist only under a year on a year-specific host.
  if (/^\/(data|metadata\/data)(\/|$)/i.test(path)) return root.problems.routeNotFound(req.correlationId);
  return handle(root, req);
}

/** 404s inside data/v3 come from a 5.x/6.x instance when the host has one. */
const problemsOfPlacement = (host: Host) => (host.envs.find((e) => e.urls.data.startsWith('/data/v3/')) ?? host.root).problems;

/** Options of a whole server: every instance of the profile, sharing clients, tokens and logger. */
export interface HostOptions extends Omit<EnvOptions, 'instance' | 'registry' | 'store'> {
  /** The store of each instance (persistence); in-memory when absent. */
  storeFor?: (instance: Instance) => DocumentStore | undefined;
  /** Serve only these school years of the profile (all when absent). */
  years?: number[];
}

/** Builds every ODS instance of a profile: a Data Standard's registry is shared by the years that use it. */
export function createProfileHost(o: HostOptions): Host {
  const profile = o.profileData ?? loadProfile(o.schemasDir, o.profile ?? 'edfi');
  const now = o.now ?? Date.now;
  const tokens = o.tokens ?? createTokenStore(now, o.tokenLifetimeSeconds ?? 1800, o.tokenLimit ?? 15);
  const registries = new Map<string, Registry>();
  const instances = instancesOf(profile).filter((i) => !o.years || i.schoolYear === undefined || o.years.includes(i.schoolYear));
  if (!instances.length) throw new Error(`profile ${profile.name} has none of the school years ${o.years?.join(', ')}`);
  const envs = instances.map((instance) => {
    const key = `${instance.dataStandard}+${instance.extensions.join(',')}`;
    let registry = registries.get(key);
    if (!registry) registries.set(key, (registry = loadRegistry(o.schemasDir, instance.dataStandard, instance.extensions)));
    return createEnv({ ...o, profileData: profile, instance, registry, tokens, now, store: o.storeFor?.(instance) });
  });
  return createHost(envs);
}
