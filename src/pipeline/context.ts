import type { Client } from '../auth/clients';
import type { AuthorizationModel } from '../auth/authorization-model';
import type { Access } from '../auth/authorize';
import type { Backend } from '../backend/backend';
import type { Problems } from '../errors/problems';
import type { RuleSet } from '../rules/rule-set';
import type { Token, TokenStore } from '../auth/tokens';
import type { Registry, ResourceEntry } from '../model/registry';
import type { DocumentStore, StoredDocument } from '../store/document-store';
import type { DocumentId } from '../util/brand';
import type { Stamp } from '../util/etag';
import type { Logger } from '../util/logger';
import type { Lru } from '../util/lru';
import type { DescriptorResolver } from './descriptor-resolver';
import type { Snapshot } from './snapshot';
import type { ApiRequest, ApiResponse } from './types';

/** Server-wide settings that change behavior on the wire. */
export interface ApiOptions {
  /** Page size when `limit` is omitted (ODS 7.x: 500; 5.x: 25). */
  defaultPageSize: number;
  /** Largest accepted `limit` (ODS DefaultPageSizeLimit). */
  maxPageSize: number;
  /** Request body limit in bytes (413 above it). */
  bodyLimitBytes: number;
  /** Serve the /__debug endpoints the benchmark reads (memory, compile count, event-loop delay). */
  debug: boolean;
  /** ODS's `FeatureManagement.ChangeQueries` (on by default): off, its routes and parameters answer 404 feature-disabled. */
  changeQueries: boolean;
}

/** The ODS/API release an instance answers as, and what follows from it on the wire. */
export interface Wire {
  /** Emulated ODS/API version shown by discovery, e.g. 5.3, 6.1, 7.3. */
  apiVersion: string;
  /** Error bodies: `{"message"}` (5.x-6.x) or problem details (7.2+). */
  flavor: 'ods5' | 'ods7';
  /** Items carry `_lastModifiedDate` (ODS 6.x and later). */
  lastModifiedDate: boolean;
  /** A PUT that changes the key of a resource that is not key-updatable: 400 (7.2+) or silently kept (5.x-7.1). */
  keyChange: 'reject' | 'ignore';
}

/** Path prefixes of one instance: '' and '/data/v3' without a year; '/2026' and '/2026/data/v3' for 7.x; '/data/v3/2024' for 5.x. */
export interface InstanceUrls {
  /** Discovery document path prefix (GET {root}/). */
  root: string;
  data: string;
  /** Prefix of the OpenAPI documents and dependencies (`{metadataData}/resources/swagger.json`). */
  metadataData: string;
  /** The metadata section list. */
  metadataList: string;
  oauth: string;
  /** Change queries (`{changeQueries}/availableChangeVersions`): `/changeQueries/v1`, `/2026/changeQueries/v1`, `/changeQueries/v1/2024`. */
  changeQueries: string;
}

/** What every request can use: injected, never imported as singletons (house rule 7). */
export interface Env {
  registry: Registry;
  /** Where the documents live and what makes a write durable (memory, journal, PostgreSQL). */
  backend: Backend;
  /** The backend's documents (`backend.store`), which the steps read and change. */
  store: DocumentStore;
  tokens: TokenStore;
  clients: readonly Client[];
  /** Strictly increasing modification stamps. */
  stamp: () => Stamp;
  logger: Logger;
  options: ApiOptions;
  /** Which ODS/API release this instance answers as. */
  wire: Wire;
  /** Error bodies in this instance's flavor (house rule 6). */
  problems: Problems;
  /** The school year of a year-specific ODS (undefined for a single-instance server). */
  schoolYear?: number;
  /** Path prefixes of this instance's endpoints (year placement included), for absolute URLs. */
  urls: InstanceUrls;
  /** State rules of this instance (empty without a state profile). */
  rules: RuleSet;
  /** Descriptor URI resolution (remembers recent answers). */
  descriptors: DescriptorResolver;
  /** The read-only copy snapshot requests read (`POST /admin/snapshots`, `edfi-mock snapshot create`). */
  snapshot?: Snapshot;
  /** Authorization data (claim sets, relationships, people): schemas/authorization.json. */
  authz: AuthorizationModel;
  /** A training sandbox's limit on the documents it holds in all its school years, checked before a POST adds one. */
  documentLimit?: { max: number; held: () => number };
  /** Rendered JSON of recently read item versions. */
  renderCache: Lru<StoredDocument, string>;
}

/** State a request accumulates as it passes through the steps. */
export interface Ctx {
  req: ApiRequest;
  env: Env;
  /** Lower-cased route params: schema, resource plural, id text. */
  params: { schema?: string; resource?: string; id?: string };
  /** The bearer token, once authenticated. */
  token?: Token;
  /** What the token's client may do (null: nothing restricts it), once authorized. */
  access?: Access | null;
  /** The resolved resource, once routed. */
  resource?: ResourceEntry;
  /** The id from the route, once parsed. */
  id?: DocumentId;
  /** The stored item the request addresses (PUT, DELETE, GET by id). */
  existing?: StoredDocument;
  /** The normalized request body. */
  body?: Record<string, unknown>;
  /** Index keys of the body: its own natural key first, then abstract aliases. */
  keys?: string[];
  /** Targets of the body's references, one per occurrence in model order. */
  refs?: DocumentId[];
  /** Distinct descriptors the body uses. */
  descriptorRefs?: DocumentId[];
  /** Set once the request began a write (beginWrite): the backend's endWrite must follow, whatever the answer. */
  writing?: boolean;
}

/**
 * A step enriches the context or returns a response to stop (house rule 4). A step that must wait (a write whose
 * acknowledgement waits for the data file) returns a promise of its answer.
 */
export type Step = (ctx: Ctx) => ApiResponse | undefined | Promise<ApiResponse | undefined>;

/** A step that never waits (authentication is also called on its own, outside pipelines). */
export type SyncStep = (ctx: Ctx) => ApiResponse | undefined;
