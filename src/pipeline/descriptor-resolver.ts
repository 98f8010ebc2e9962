import type { DocumentStore } from '../store/document-store';
import type { DocumentId } from '../util/brand';
import { descriptorIndexKey } from './keys';

/** Resolves descriptor URIs to descriptor ids. */
export interface DescriptorResolver {
  /** The id of the descriptor a URI names, 'malformed' without '#', or undefined when none exists. */
  resolve(descriptor: string, uri: string): DocumentId | 'malformed' | undefined;
}

const MAX_ENTRIES = 50_000;

/**
 * Nearly every write carries several descriptor URIs, and the same few values repeat: answers are remembered per
 * descriptor type and URI exactly as sent (a small table, no lower-casing or key building). Any write to a descriptor
 * or any delete clears the memory, so it never answers differently from the store.
 */
export function createDescriptorResolver(store: DocumentStore, isDescriptor: (resource: string) => boolean): DescriptorResolver {
  const known = new Map<string, Map<string, DocumentId>>();
  let entries = 0;
  const clear = () => {
    known.clear();
    entries = 0;
  };
  store.listen({ put: (doc) => isDescriptor(doc.resource) && clear(), delete: clear, invalidate: clear });
  return {
    resolve: (descriptor, uri) => {
      let byUri = known.get(descriptor);
      const hit = byUri?.get(uri);
      if (hit) return hit;
      const key = descriptorIndexKey(descriptor, uri);
      if (key === undefined) return 'malformed';
      const found = store.getByKey(key);
      if (!found) return undefined;
      if (entries >= MAX_ENTRIES) clear();
      if (!byUri) known.set(descriptor, (byUri = new Map()));
      byUri.set(uri, found.id);
      entries++;
      return found.id;
    },
  };
}
