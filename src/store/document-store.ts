import type { DocumentId } from '../util/brand';
import type { Stamp } from '../util/etag';

/** One stored resource item; its modification stamp (ms, tick) is inlined to save an object per document. Bodies are kept as compact JSON text: it costs far less heap than object graphs (G8). */
export interface StoredDocument extends Stamp {
  id: DocumentId;
  /** Entity name, e.g. StudentSchoolAssociation. */
  resource: string;
  /** Index keys `<Entity>\u0000<natural key>`: its own, plus one per abstract superclass. */
  keys: string[];
  /** Normalized body without id, _etag, _lastModifiedDate or links. */
  body: string;
  /** Targets of the body's references, one per reference occurrence in model order (they become the `link`s). */
  refs: DocumentId[];
  /** Distinct descriptors the body uses (counted, not listed, by the reverse index: they are referenced by nearly everything). */
  descriptorRefs: DocumentId[];
}

/** Result of deleting a document: a value, not an exception (house rule 5). */
export type DeleteResult =
  { type: 'deleted'; doc: StoredDocument } | { type: 'not-found' } | { type: 'referenced'; by: StoredDocument } | { type: 'descriptor-in-use'; uses: number };

/** Something that wants to hear about every change (persistence, journals). */
export interface StoreListener {
  put(doc: StoredDocument): void;
  delete(id: DocumentId): void;
}

/** Where documents live. Every lookup a request makes is an index hit, never a scan. */
export interface DocumentStore {
  get(id: DocumentId): StoredDocument | undefined;
  /** By index key `<Entity>\u0000<natural key>` (entity may be abstract). */
  getByKey(indexKey: string): StoredDocument | undefined;
  /** A resource's documents in insertion order (updates keep their place). */
  page(resource: string, offset: number, limit: number): StoredDocument[];
  /** Every document of a resource, in insertion order. */
  all(resource: string): IterableIterator<StoredDocument>;
  count(resource: string): number;
  /** Inserts or replaces (by id). Index keys and references of a replaced version are dropped first. */
  put(doc: StoredDocument): void;
  /** Ids of the documents that reference this one through a reference (descriptor uses are only counted). */
  referencers(id: DocumentId): DocumentId[];
  /** Deletes unless another document references it. */
  delete(id: DocumentId): DeleteResult;
  /** Every document id in insertion order (updates keep their place). */
  ids(): IterableIterator<DocumentId>;
  /** Total documents. */
  size(): number;
  /** Registers a listener; returns the function that removes it. */
  listen(listener: StoreListener): () => void;
}

/** Index key of a natural key within an entity. */
export const indexKey = (entity: string, key: string): string => `${entity}\u0000${key}`;
