import type { DataAction } from './pipelines';

/** What a request path and method ask for. */
export type Route =
  | { kind: 'data'; action: DataAction; schema: string; resource: string; id?: string }
  /** `/{schema}/{resource}/deletes`, `/keyChanges` (change queries) and `/partitions` (cursor paging) of one resource. */
  | { kind: 'changes'; of: 'deletes' | 'keyChanges' | 'partitions'; schema: string; resource: string }
  | { kind: 'method-not-allowed'; error: string; authenticate: boolean }
  | { kind: 'discovery' }
  | { kind: 'health' }
  | { kind: 'token' }
  | { kind: 'token-info' }
  | { kind: 'metadata-list' }
  | { kind: 'openapi'; doc: 'resources' | 'descriptors' }
  | { kind: 'dependencies' }
  | { kind: 'validations' }
  /** `/extracts/{id}`: a state extract file built from the instance's data (edfi-mock addition). */
  | { kind: 'extract'; id: string }
  | { kind: 'available-change-versions' }
  | { kind: 'snapshot-list' }
  | { kind: 'not-found' };

const NOT_ALLOWED: Record<string, string> = {
  postItem: 'Resource items can only be updated using PUT. To "upsert" an item in the resource collection using POST, remove the "id" from the route.',
  putCollection:
    'Resource collections cannot be replaced. To "upsert" an item in the collection, use POST. To update a specific item, use PUT and include the "id" in the route.',
  deleteCollection: 'Resource collections cannot be deleted. To delete a specific item, use DELETE and include the "id" in the route.',
};

/** The GET routes under a resource that are not item ids. */
const RESOURCE_QUERIES = new Map<string, 'deletes' | 'keyChanges' | 'partitions'>([
  ['deletes', 'deletes'],
  ['keychanges', 'keyChanges'],
  ['partitions', 'partitions'],
]);

const unsupported = (method: string): string => `The endpoint of the request does not support the '${method}' method.`;

/** Routes of paths without an item id repeat endlessly; they are remembered (a pure function, bounded memo). */
const memo = new Map<string, Route>();
const MEMO_MAX = 10_000;

/** Routes a path with the instance's year removed; matching is case-insensitive (ASP.NET parity). */
export function route(method: string, path: string): Route {
  const key = `${method} ${path}`;
  const known = memo.get(key);
  if (known) return known;
  const r = computeRoute(method, path);
  if (!(r.kind === 'data' && r.id !== undefined)) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, r);
  }
  return r;
}

function computeRoute(method: string, path: string): Route {
  let segs: string[];
  try {
    segs = path.split('/').filter(Boolean);
    if (path.includes('%')) segs = segs.map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'not-found' };
  }
  const lower = segs.map((s) => s.toLowerCase());
  const joined = lower.join('/');
  if (lower[0] === 'data' && lower[1] === 'v3' && (segs.length === 4 || segs.length === 5)) {
    const [schema, resource, id] = [lower[2], lower[3], segs[4]];
    const item = id !== undefined;
    const of = item && method === 'GET' ? RESOURCE_QUERIES.get(lower[4]) : undefined;
    if (of) return { kind: 'changes', of, schema, resource };
    switch (method) {
      case 'GET':
        return { kind: 'data', action: item ? 'getById' : 'getCollection', schema, resource, id };
      case 'POST':
        return item ? { kind: 'method-not-allowed', error: NOT_ALLOWED.postItem, authenticate: true } : { kind: 'data', action: 'upsert', schema, resource };
      case 'PUT':
        return item
          ? { kind: 'data', action: 'update', schema, resource, id }
          : { kind: 'method-not-allowed', error: NOT_ALLOWED.putCollection, authenticate: true };
      case 'DELETE':
        return item
          ? { kind: 'data', action: 'delete', schema, resource, id }
          : { kind: 'method-not-allowed', error: NOT_ALLOWED.deleteCollection, authenticate: true };
      default:
        return { kind: 'method-not-allowed', error: unsupported(method), authenticate: true };
    }
  }
  const get = (r: Route): Route => (method === 'GET' ? r : { kind: 'method-not-allowed', error: unsupported(method), authenticate: false });
  if (joined === '') return get({ kind: 'discovery' });
  if (joined === 'health') return get({ kind: 'health' });
  if (joined === 'oauth/token') return method === 'POST' ? { kind: 'token' } : { kind: 'method-not-allowed', error: unsupported(method), authenticate: false };
  if (joined === 'oauth/token_info')
    return method === 'POST' ? { kind: 'token-info' } : { kind: 'method-not-allowed', error: unsupported(method), authenticate: false };
  if (joined === 'metadata') return get({ kind: 'metadata-list' });
  if (joined === 'metadata/data/v3/resources/swagger.json') return get({ kind: 'openapi', doc: 'resources' });
  if (joined === 'metadata/data/v3/descriptors/swagger.json') return get({ kind: 'openapi', doc: 'descriptors' });
  if (joined === 'metadata/data/v3/dependencies') return get({ kind: 'dependencies' });
  if (joined === 'validations') return get({ kind: 'validations' });
  if (lower.length === 2 && lower[0] === 'extracts') return get({ kind: 'extract', id: lower[1] });
  if (joined === 'changequeries/v1/availablechangeversions') return get({ kind: 'available-change-versions' });
  if (joined === 'changequeries/v1/snapshots') return get({ kind: 'snapshot-list' });
  return { kind: 'not-found' };
}
