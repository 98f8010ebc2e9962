import type { DocumentId } from '../util/brand';
import type { Stamp } from '../util/etag';
import { joinKey, splitKey } from './key-codec';

/** One stored resource item; its modification stamp (sec, sub) is inlined to save an object per document. Bodies are kept as compact JSON text: it costs far less heap than object graphs (G8). */
export interface StoredDocument extends Stamp {
  id: DocumentId;
  /** Entity name, e.g. StudentSchoolAssociation. */
  resource: string;
  /** Its natural key's parts text (key-codec.ts; the entity is `resource`): the memory store's index shares this string. */
  key: string;
  /** Index key under its abstract superclass (a school's education organization key); only on documents that have one. */
  alias?: string;
  /** Normalized body without id, _etag, _lastModifiedDate or links. */
  body: string;
  /**
   * What the body points at, in one array (one per document costs ~48 bytes less than two): the targets of its
   * references, one per reference occurrence in model order (they become the `link`s), then, after DESCRIPTORS_FOLLOW,
   * the distinct descriptors it uses (counted, not listed, by the reverse index: nearly everything uses some).
   * Read them with refsOf and descriptorRefsOf; code that walks references in order may read `links` directly.
   */
  links: DocumentId[];
  /** Change version: set by the store on every write, increasing across the whole data set (0 before it is stored). */
  cv: number;
  /** Insertion position: the change version of the first insert, kept by updates. Index hits are sorted by it into paging order. */
  seq: number;
  /** The ownership token of the client that created it (ownership-based authorization); only on such documents. */
  owner?: string;
}

/** Shared by every document without references or descriptors: an empty array per document costs ~30 bytes of heap. */
const NONE: readonly DocumentId[] = Object.freeze([]);

/** Separates reference targets from descriptor ids in `links` (never a document id: those are 32 hex digits). */
export const DESCRIPTORS_FOLLOW = '-' as DocumentId;

/** The targets of a document's references, in order. */
export function refsOf(d: StoredDocument): DocumentId[] {
  const at = d.links.indexOf(DESCRIPTORS_FOLLOW);
  return at < 0 ? d.links : d.links.slice(0, at);
}

/** The descriptors a document uses. */
export function descriptorRefsOf(d: StoredDocument): DocumentId[] {
  const at = d.links.indexOf(DESCRIPTORS_FOLLOW);
  return at < 0 ? [] : d.links.slice(at + 1);
}

/** `links` of reference targets and descriptor ids. */
const linksOf = (refs: readonly DocumentId[] = [], descriptorRefs: readonly DocumentId[] = []): DocumentId[] =>
  (descriptorRefs.length ? [...refs, DESCRIPTORS_FOLLOW, ...descriptorRefs] : refs.length ? [...refs] : NONE) as DocumentId[];

/**
 * Text as one flat string of exactly its length. JSON.stringify leaves spare capacity and rope parts behind
 * (~160 bytes of heap for a 94-character body instead of ~115); a UTF-8 round trip makes a fresh, exact copy (G8).
 */
export const compactText = (text: string): string => Buffer.from(text).toString();

/** What a write stores, before the store stamps its change version and position. */
export interface NewVersion {
  id: DocumentId;
  resource: string;
  /** Index keys: own natural key, then the abstract superclass's (keys.ts indexKeys). */
  keys: readonly string[];
  /** Compact JSON text of the normalized body. */
  body: string;
  /** The body is already a flat string of exactly its length (decoded from a file): no copy is made. */
  exactBody?: boolean;
  stamp: Stamp;
  refs?: readonly DocumentId[];
  descriptorRefs?: readonly DocumentId[];
  /** Ownership token of its creator (kept by every later version). */
  owner?: string;
}

/**
 * A document version. Every document is built here, so all share one object shape whose fields are in the object
 * itself (a spread or a field added later costs a second backing store per document), and empty reference lists share
 * one array.
 */
export function storedDocument(v: NewVersion): StoredDocument {
  const key = compactText(splitKey(v.keys[0])[1]);
  const body = v.exactBody ? v.body : compactText(v.body);
  const links = linksOf(v.refs, v.descriptorRefs);
  // Arithmetic on a millisecond clock yields doubles even when whole: stored as they are, V8 would box both fields in
  // every document (16 bytes each). `| 0` makes them small integers (sec until 2038; later it stays a number).
  const sec = v.stamp.sec <= 0x7fffffff ? v.stamp.sec | 0 : v.stamp.sec;
  const sub = v.stamp.sub | 0;
  // Two shapes: most documents have no alias key, and a field for it would cost 8 bytes in each. The rare documents of
  // clients with ownership tokens carry their owner too.
  const doc: StoredDocument =
    v.keys[1] === undefined
      ? { id: v.id, resource: v.resource, key, body, sec, sub, links, cv: 0, seq: 0 }
      : { id: v.id, resource: v.resource, key, body, sec, sub, links, cv: 0, seq: 0, alias: v.keys[1] };
  if (v.owner !== undefined) doc.owner = v.owner;
  return doc;
}

/** A document's index keys: own first, then the alias. */
export const keysOf = (d: StoredDocument): string[] => (d.alias === undefined ? [joinKey(d.resource, d.key)] : [joinKey(d.resource, d.key), d.alias]);

/** What a delete or a natural-key change leaves behind for change queries. */
export interface ChangeRecord {
  /** 'deleted': a tombstone; 'key-changed': the item's natural key changed (directly or by a cascade). */
  type: 'deleted' | 'key-changed';
  cv: number;
  id: DocumentId;
  resource: string;
  /** The body before the change (a tombstone's natural key values are read from it). */
  before: string;
  /** The body after a key change. */
  after?: string;
}

/** Result of deleting a document: a value, not an exception (house rule 5). */
export type DeleteResult =
  { type: 'deleted'; doc: StoredDocument } | { type: 'not-found' } | { type: 'referenced'; by: StoredDocument } | { type: 'descriptor-in-use'; uses: number };

/** Something that wants to hear about every change (persistence, caches). */
export interface StoreListener {
  /** A document was stored; `previous` is the version it replaced. */
  put(doc: StoredDocument, previous: StoredDocument | undefined): void;
  /** A document was deleted; `tombstone` is what change queries will report. */
  delete(doc: StoredDocument, tombstone: ChangeRecord): void;
  /** Documents changed without a put or delete (a rollback, changes another process made): anything remembered may be stale. */
  invalidate?(): void;
}

/** Where documents live. Every lookup a request makes is an index hit, never a scan. */
export interface DocumentStore {
  get(id: DocumentId): StoredDocument | undefined;
  /** By index key `<Entity>\u0000<natural key>` (entity may be abstract). */
  getByKey(indexKey: string): StoredDocument | undefined;
  /** A resource's documents in insertion order (updates keep their place). */
  page(resource: string, offset: number, limit: number): StoredDocument[];
  /** Every document of a resource, in insertion order; from the first whose `seq` is at least `fromSeq` (a cursor page). */
  all(resource: string, fromSeq?: number): IterableIterator<StoredDocument>;
  count(resource: string): number;
  /** Inserts or replaces (by id), stamping the next change version. Index keys and references of a replaced version are dropped first. */
  put(doc: StoredDocument): void;
  /**
   * Ids of the documents of an entity whose natural-key part at `position` is `part` (made with keyPart), in no
   * particular order. The index of a part is made on its first use and kept up to date from then on.
   */
  withKeyPart(entity: string, position: number, part: string): DocumentId[];
  /** Ids of the documents that reference this one through a reference (descriptor uses are only counted). */
  referencers(id: DocumentId): DocumentId[];
  /** Deletes unless another document references it; leaves a tombstone. */
  delete(id: DocumentId): DeleteResult;
  /** Every document id in insertion order (updates keep their place). */
  ids(): IterableIterator<DocumentId>;
  /** Total documents. */
  size(): number;
  /** Registers a listener; returns the function that removes it. */
  listen(listener: StoreListener): () => void;
  /** The newest change version handed out (0 for an empty data set). */
  changeVersion(): number;
  /** Tombstones and key changes, oldest first. */
  changes(): readonly ChangeRecord[];
  /**
   * Resolves once every change made so far is durable (rejects when the data file could not be written, and the
   * changes were taken back); undefined when nothing has to wait (a store without persistence).
   */
  committed(): Promise<void> | undefined;
}
