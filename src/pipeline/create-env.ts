import type { Client } from '../auth/clients';
import { type TokenStore, createTokenStore } from '../auth/tokens';
import { problemsFor } from '../errors/problems-ods5';
import { type Registry, loadRegistry } from '../model/registry';
import { EMPTY_RULES, compileRules } from '../rules/rule-set';
import type { DocumentStore } from '../store/document-store';
import { createMemoryStore } from '../store/memory-store';
import { seedDefaults, seedDescriptorSets } from '../store/seed';
import { createStamper } from '../util/etag';
import { type Logger, createLogger } from '../util/logger';
import { Lru } from '../util/lru';
import type { ApiOptions, Env, InstanceUrls } from './context';
import { createDescriptorResolver } from './descriptor-resolver';
import { type Instance, type Profile, inYear, instancesOf, loadProfile, wireFor } from './profile';
import { seedDocuments } from './seed-documents';

/** Everything createEnv can be given; all optional but the schemas folder and the clients. */
export interface EnvOptions {
  schemasDir: string;
  /** Profile name (schemas/profiles/<name>.json); default `edfi`. */
  profile?: string;
  /** An already loaded profile (wins over `profile`). */
  profileData?: Profile;
  /** Which of the profile's instances (default: its first). */
  instance?: Instance;
  registry?: Registry;
  store?: DocumentStore;
  /**
   * Write the default descriptors, school years and profile seeds (default true). A persisted data set is seeded once,
   * when it is new, so descriptors a client deleted stay deleted after a restart.
   */
  seedDefaults?: boolean;
  clients: readonly Client[];
  /** Shared by every instance of a server (a token is good for every year, as on a real year-specific ODS/API). */
  tokens?: TokenStore;
  logger?: Logger;
  now?: () => number;
  tokenLimit?: number;
  tokenLifetimeSeconds?: number;
  api?: Partial<ApiOptions>;
}

/** Default wire settings of ODS/API 7.3. */
export const DEFAULT_API_OPTIONS: ApiOptions = { defaultPageSize: 500, maxPageSize: 500, bodyLimitBytes: 10 * 1024 * 1024, debug: false };

/** Route prefixes of an instance (edfi-api-behavior.md §1.2). */
export function urlsOf(instance: Instance): InstanceUrls {
  const y = instance.schoolYear;
  if (y === undefined) return { root: '', data: '/data/v3', metadataData: '/metadata/data/v3', metadataList: '/metadata', oauth: '/oauth/token' };
  if (wireFor(instance.apiVersion).placement === 'before') {
    return { root: `/${y}`, data: `/${y}/data/v3`, metadataData: `/${y}/metadata/data/v3`, metadataList: `/${y}/metadata`, oauth: `/${y}/oauth/token` };
  }
  return { root: '', data: `/data/v3/${y}`, metadataData: `/metadata/data/v3/${y}`, metadataList: `/metadata/${y}`, oauth: '/oauth/token' };
}

/** Assembles the environment of one ODS instance: registry, store (seeded), rules, tokens, clock and logger. */
export function createEnv(o: EnvOptions): Env {
  const profile = o.profileData ?? loadProfile(o.schemasDir, o.profile ?? 'edfi');
  const instance = o.instance ?? instancesOf(profile)[0];
  const year = instance.schoolYear;
  const registry = o.registry ?? loadRegistry(o.schemasDir, instance.dataStandard, instance.extensions);
  const now = o.now ?? Date.now;
  const stamp = createStamper(now);
  const store = o.store ?? createMemoryStore();
  const wire = wireFor(instance.apiVersion);
  const descriptors = createDescriptorResolver(store, (resource) => !!registry.byName.get(resource)?.model.isDescriptor);
  const seed = o.seedDefaults ?? true;
  if (seed) {
    seedDefaults(registry, store, stamp, profile.seedRanges);
    seedDescriptorSets(
      registry,
      store,
      stamp,
      (profile.descriptors ?? []).filter((d) => inYear(d.years, year)),
    );
  }
  const clientDefaults = Object.fromEntries(Object.entries(profile.clientAttributes ?? {}).map(([k, v]) => [k, v.default]));
  const env: Env = {
    registry,
    store,
    tokens: o.tokens ?? createTokenStore(now, o.tokenLifetimeSeconds ?? 1800, o.tokenLimit ?? 15),
    clients: o.clients,
    stamp,
    logger: o.logger ?? createLogger(),
    options: { ...DEFAULT_API_OPTIONS, defaultPageSize: wire.defaultPageSize, ...o.api },
    wire: { apiVersion: wire.apiVersion, flavor: wire.flavor, lastModifiedDate: wire.lastModifiedDate, keyChange: wire.keyChange },
    problems: problemsFor(wire.flavor),
    schoolYear: year,
    urls: urlsOf(instance),
    rules: profile.rules?.length ? compileRules(profile.rules, year, clientDefaults, profile.calendar) : { ...EMPTY_RULES, clientDefaults },
    renderCache: new Lru(5000),
    descriptors,
  };
  if (seed) {
    seedDocuments(
      env,
      (profile.documents ?? []).filter((d) => inYear(d.years, year)),
    );
  }
  return env;
}
