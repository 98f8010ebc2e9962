import type { Client } from '../auth/clients';
import type { Token, TokenStore } from '../auth/tokens';
import type { Registry, ResourceEntry } from '../model/registry';
import type { DocumentStore, StoredDocument } from '../store/document-store';
import type { DocumentId } from '../util/brand';
import type { Stamp } from '../util/etag';
import type { Logger } from '../util/logger';
import type { Lru } from '../util/lru';
import type { DescriptorResolver } from './descriptor-resolver';
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
}

/** Optional persistence controls (present when serving with --data). */
export interface PersistenceControl {
  compact: () => Promise<void>;
  flush: () => Promise<void>;
}

/** What every request can use: injected, never imported as singletons (house rule 7). */
export interface Env {
  registry: Registry;
  store: DocumentStore;
  tokens: TokenStore;
  clients: readonly Client[];
  /** Strictly increasing modification stamps. */
  stamp: () => Stamp;
  logger: Logger;
  options: ApiOptions;
  persistence?: PersistenceControl;
  /** Descriptor URI resolution (remembers recent answers). */
  descriptors: DescriptorResolver;
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
}

/** A step enriches the context or returns a response to stop (house rule 4). */
export type Step = (ctx: Ctx) => ApiResponse | undefined;
