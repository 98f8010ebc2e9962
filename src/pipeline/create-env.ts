import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '../auth/clients';
import { createTokenStore } from '../auth/tokens';
import { type Registry, loadRegistry } from '../model/registry';
import type { DocumentStore } from '../store/document-store';
import { createMemoryStore } from '../store/memory-store';
import { type SeedRange, seedDefaults } from '../store/seed';
import { createStamper } from '../util/etag';
import { type Logger, createLogger } from '../util/logger';
import { Lru } from '../util/lru';
import type { ApiOptions, Env } from './context';
import { createDescriptorResolver } from './descriptor-resolver';

/** A profile file of schemas/profiles/. */
export interface Profile {
  name: string;
  description: string;
  dataStandard: string;
  flavor: 'ods7' | 'ods5';
  seedRanges: SeedRange[];
}

/** Everything createEnv can be given; all optional but the schemas folder. */
export interface EnvOptions {
  schemasDir: string;
  profile?: string;
  registry?: Registry;
  store?: DocumentStore;
  clients: readonly Client[];
  logger?: Logger;
  now?: () => number;
  tokenLimit?: number;
  tokenLifetimeSeconds?: number;
  api?: Partial<ApiOptions>;
}

/** Default wire settings of ODS/API 7.3. */
export const DEFAULT_API_OPTIONS: ApiOptions = { defaultPageSize: 500, maxPageSize: 500, bodyLimitBytes: 10 * 1024 * 1024, debug: false };

/** Reads a profile from schemas/profiles/<name>.json. */
export function loadProfile(schemasDir: string, name: string): Profile {
  return JSON.parse(readFileSync(join(schemasDir, 'profiles', `${name}.json`), 'utf8')) as Profile;
}

/** Assembles the environment of one ODS: registry, store (seeded), tokens, clock and logger. */
export function createEnv(o: EnvOptions): Env {
  const profile = loadProfile(o.schemasDir, o.profile ?? 'edfi');
  const registry = o.registry ?? loadRegistry(o.schemasDir, profile.dataStandard);
  const now = o.now ?? Date.now;
  const stamp = createStamper(now);
  const store = o.store ?? createMemoryStore();
  const descriptors = createDescriptorResolver(store, (resource) => !!registry.byName.get(resource)?.model.isDescriptor);
  seedDefaults(registry, store, stamp, profile.seedRanges);
  return {
    registry,
    store,
    tokens: createTokenStore(now, o.tokenLifetimeSeconds ?? 1800, o.tokenLimit ?? 15),
    clients: o.clients,
    stamp,
    logger: o.logger ?? createLogger(),
    options: { ...DEFAULT_API_OPTIONS, ...o.api },
    renderCache: new Lru(5000),
    descriptors,
  };
}
