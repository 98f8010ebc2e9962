import type { Client } from '../auth/clients';
import { loadAuthorization } from '../auth/authorization-model';
import { type TokenStore, createTokenStore } from '../auth/tokens';
import { problemsFor } from '../errors/problems-ods5';
import { type Registry, loadRegistry } from '../model/registry';
import { EMPTY_RULES, compileRules } from '../rules/rule-set';
import type { Backend } from '../backend/backend';
import { memoryBackend } from '../backend/memory-backend';
import { seedDefaults, seedDescriptorSets } from '../store/seed';
import { createStamper } from '../util/etag';
import { type Logger, createLogger } from '../util/logger';
import { Lru } from '../util/lru';
import type { ApiOptions, Env, InstanceUrls } from './context';
import { createDescriptorResolver } from './descriptor-resolver';
import { type Instance, type Profile, inYear, instancesOf, loadProfile, wireFor } from './profile';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  /**
   * Where the documents live (default: in memory). The default descriptors, school years and profile seeds are written
   * when the backend was never seeded: once per data set, so descriptors a client deleted stay deleted after a restart.
   */
  backend?: Backend;
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
export const DEFAULT_API_OPTIONS: ApiOptions = { defaultPageSize: 500, maxPageSize: 500, bodyLimitBytes: 10 * 1024 * 1024, debug: false, changeQueries: true };

/** Route prefixes of an instance (edfi-api-behavior.md §1.2). */
export function urlsOf(instance: Instance): InstanceUrls {
  const y = instance.schoolYear;
  if (y === undefined) {
    return {
      root: '',
      data: '/data/v3',
      metadataData: '/metadata/data/v3',
      metadataList: '/metadata',
      oauth: '/oauth/token',
      changeQueries: '/changeQueries/v1',
    };
  }
  if (wireFor(instance.apiVersion).placement === 'before') {
    return {
      root: `/${y}`,
      data: `/${y}/data/v3`,
      metadataData: `/${y}/metadata/data/v3`,
      metadataList: `/${y}/metadata`,
      oauth: `/${y}/oauth/token`,
      changeQueries: `/${y}/changeQueries/v1`,
    };
  }
  return {
    root: '',
    data: `/data/v3/${y}`,
    metadataData: `/metadata/data/v3/${y}`,
    metadataList: `/metadata/${y}`,
    oauth: '/oauth/token',
    changeQueries: `/changeQueries/v1/${y}`,
  };
}

/** Assembles the environment of one ODS instance: registry, store (seeded), rules, tokens, clock and logger. */
export function createEnv(o: EnvOptions): Env {
  const profile = o.profileData ?? loadProfile(o.schemasDir, o.profile ?? 'edfi');
  const instance = o.instance ?? instancesOf(profile)[0];
  const year = instance.schoolYear;
  const registry = o.registry ?? loadRegistry(o.schemasDir, instance.dataStandard, instance.extensions);
  const now = o.now ?? Date.now;
  const stamp = createStamper(now);
  const backend = o.backend ?? memoryBackend();
  const { store } = backend;
  const wire = wireFor(instance.apiVersion);
  const descriptors = createDescriptorResolver(store, (resource) => !!registry.byName.get(resource)?.model.isDescriptor);
  const seed = !backend.seeded;
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
    backend,
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
    authz: loadAuthorization(o.schemasDir),
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

/** Where a server keeps its data: in memory (the default), a journal (`--data`) or PostgreSQL (`--store`). */
export interface StorageOptions {
  /** A journal file, or a folder of `<year>.journal` files for a year-specific profile. */
  data?: string;
  /** A PostgreSQL connection string: one schema per instance (`edfi_mock`, or `edfi_mock_<year>`). */
  store?: string;
  /** With `data`: flush every batch to the disk before answering. */
  fsync?: boolean;
}

/** The journal of each instance: the file itself without years, `<dir>/<year>.journal` for a year-specific profile. */
export function journalFiles(profile: Profile, data: string): [number | undefined, string][] {
  const instances = instancesOf(profile);
  if (instances.length === 1 && instances[0].schoolYear === undefined) return [[undefined, data]];
  mkdirSync(data, { recursive: true });
  return instances.map((i) => [i.schoolYear, join(data, `${i.schoolYear}.journal`)]);
}

/** The PostgreSQL schema of an instance. */
export const schemaOf = (year: number | undefined): string => (year === undefined ? 'edfi_mock' : `edfi_mock_${year}`);

/**
 * Opens the backend of every instance of a profile (none: each instance gets the in-memory default). This is the only
 * place that knows the concrete backends; a refused journal or database closes the ones already open.
 */
export async function openBackends(profile: Profile, o: StorageOptions, logger: Logger): Promise<Map<number | undefined, Backend>> {
  const backends = new Map<number | undefined, Backend>();
  if (o.store) {
    const { openPostgresBackends } = await import('../backend/postgres-backend');
    const years = instancesOf(profile).map((i) => i.schoolYear);
    const opened = await openPostgresBackends(o.store, years.map(schemaOf), logger);
    years.forEach((y, i) => backends.set(y, opened[i]));
    return backends;
  }
  if (!o.data) return backends;
  const { openPersistentStore } = await import('../store/journal-store');
  try {
    for (const [year, file] of journalFiles(profile, resolve(o.data))) backends.set(year, await openPersistentStore(file, logger, { fsync: !!o.fsync }));
  } catch (err) {
    for (const b of backends.values()) await b.close();
    throw err;
  }
  return backends;
}

/**
 * Creates environments over backends, seeding each data set that was never seeded inside a write (PostgreSQL: one
 * transaction holding the data set's lock, so processes starting together seed it once); the writes are durable when
 * this resolves.
 */
export async function withSeedingWrites<T>(backends: Iterable<Backend>, create: () => T): Promise<T> {
  const unseeded = [...backends].filter((b) => !b.seeded);
  for (const b of unseeded) await b.beginWrite();
  let created: T;
  try {
    created = create();
  } catch (err) {
    for (const b of unseeded) await b.endWrite(false);
    throw err;
  }
  for (const b of unseeded) {
    await b.endWrite(true);
    await b.markSeeded();
  }
  return created;
}
