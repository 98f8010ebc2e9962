/**
 * An incremental copy of one Ed-Fi data set into another through change queries only, as a downstream system (a data
 * warehouse, a state's collection) keeps itself current: each run reads the window of change versions since the last
 * one and applies, per resource, the key changes (in dependency order), the changed items (in dependency order) and
 * the deletes (in reverse order). Works against any ODS/API 7.x that serves change queries.
 */

/** What an API answered. */
export interface SyncAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** One side of the copy: requests from its server root, with its token already attached. */
export interface SyncSide {
  send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<SyncAnswer>;
  /** Path of the data API from the server root (`/data/v3`). */
  dataBase: string;
  /** Path of the change queries API from the server root (`/changeQueries/v1`). */
  changeQueriesBase: string;
}

/** What one run applied. */
export interface SyncRun {
  /** The last change version the copy holds: the next run starts after it. */
  through: number;
  upserts: number;
  keyChanges: number;
  deletes: number;
}

/** The members the server manages; the rest of an item is what a copy writes. */
const SERVER_MEMBERS = new Set(['id', '_etag', '_lastModifiedDate']);
const PAGE = 500;

/** An item as a client writes it: without server-managed members or the `link` of its references. */
export function writable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(writable);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SERVER_MEMBERS.has(k) && k !== 'link') out[k] = writable(v);
  return out;
}

class SyncError extends Error {}

const check = (a: SyncAnswer, what: string, ok: number[]): SyncAnswer => {
  if (!ok.includes(a.status)) throw new SyncError(`${what} answered ${a.status}: ${JSON.stringify(a.body).slice(0, 400)}`);
  return a;
};

/** Every item of a feed in a window, page by page (limit/offset inside a fixed window is stable). */
async function readFeed(side: SyncSide, path: string, min: number, max: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const url = `${path}?minChangeVersion=${min}&maxChangeVersion=${max}&limit=${PAGE}&offset=${offset}`;
    const page = check(await side.send('GET', url), `GET ${url}`, [200]).body as Record<string, unknown>[];
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** The target's item with these key values (query parameter names, as the deletes and keyChanges feeds give them). */
async function findByKey(side: SyncSide, resource: string, keyValues: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const query = new URLSearchParams(Object.entries(keyValues).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const url = `${side.dataBase}${resource}?${query}`;
  const found = check(await side.send('GET', url), `GET ${url}`, [200]).body as Record<string, unknown>[];
  return found.length === 1 ? found[0] : undefined;
}

/** The resources (not descriptors) of the source, in dependency order, from its dependencies metadata. */
export async function syncedResources(source: SyncSide): Promise<string[]> {
  const path = `${source.dataBase.replace('/data/v3', '/metadata/data/v3')}/dependencies`;
  const deps = check(await source.send('GET', path), `GET ${path}`, [200]).body as { resource: string; order: number; operations: string[] }[];
  const seen = new Set<string>();
  return deps
    .filter((d) => !d.resource.endsWith('Descriptors') && d.operations.includes('Create'))
    .sort((a, b) => a.order - b.order)
    .map((d) => d.resource)
    .filter((r) => !seen.has(r) && !!seen.add(r));
}

/**
 * Copies the changes after version `after` from `source` into `target`. Key changes first (the target renames its item
 * and cascades as the source did; cascaded renames already applied are skipped), then every item changed in the window
 * (POST, an upsert by natural key), then deletes, dependents first. A delete whose key exists again was re-created
 * and is not in the feed; one the target no longer holds is skipped.
 */
export async function syncChanges(source: SyncSide, target: SyncSide, after: number, resources: readonly string[]): Promise<SyncRun> {
  const versions = check(await source.send('GET', `${source.changeQueriesBase}/availableChangeVersions`), 'availableChangeVersions', [200]).body as {
    newestChangeVersion: number;
  };
  const max = versions.newestChangeVersion;
  const run: SyncRun = { through: max, upserts: 0, keyChanges: 0, deletes: 0 };
  if (max <= after) return { ...run, through: after };
  const min = after + 1;
  // Items renamed and then deleted at the source: the delete names the new key, the target holds the old one.
  const gone = new Map<string, string[]>();
  for (const resource of resources) {
    for (const change of await readFeed(source, `${source.dataBase}${resource}/keyChanges`, min, max)) {
      const existing = await findByKey(target, resource, change.oldKeyValues as Record<string, unknown>);
      if (!existing) continue;
      const now = await source.send('GET', `${source.dataBase}${resource}/${String(change.id)}`);
      if (now.status === 404) {
        gone.set(resource, [...(gone.get(resource) ?? []), String(existing.id)]);
        continue;
      }
      check(now, `GET ${resource}/${String(change.id)}`, [200]);
      check(await target.send('PUT', `${target.dataBase}${resource}/${String(existing.id)}`, writable(now.body)), `PUT ${resource}`, [204]);
      run.keyChanges++;
    }
  }
  for (const resource of resources) {
    for (const item of await readFeed(source, `${source.dataBase}${resource}`, min, max)) {
      check(await target.send('POST', `${target.dataBase}${resource}`, writable(item)), `POST ${resource}`, [200, 201]);
      run.upserts++;
    }
  }
  for (const resource of [...resources].reverse()) {
    const ids = gone.get(resource) ?? [];
    for (const deleted of await readFeed(source, `${source.dataBase}${resource}/deletes`, min, max)) {
      const existing = await findByKey(target, resource, deleted.keyValues as Record<string, unknown>);
      if (existing) ids.push(String(existing.id));
    }
    for (const id of new Set(ids)) {
      check(await target.send('DELETE', `${target.dataBase}${resource}/${id}`), `DELETE ${resource}`, [204]);
      run.deletes++;
    }
  }
  return run;
}
