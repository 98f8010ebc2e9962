import type { ValidationErrors } from '../errors/problems';
import type { Env, Step } from '../pipeline/context';
import { type ChangeWindow, lowerQuery, readChangeWindow, windowErrors } from './query-changes';
import { pageToken, readPageToken } from '../pipeline/page-token';
import { referenceIndexKey } from '../pipeline/keys';
import type { ResourceEntry } from '../model/registry';
import { encodeKey, keyPart } from '../store/key-codec';
import type { DocumentId } from '../util/brand';
import { renderArray, renderItem } from '../pipeline/document-view';
import type { StoredDocument } from '../store/document-store';
import { parseDocumentId } from '../util/ids';
import { readFilter } from '../auth/authorize';
import { accessFor } from './authorize-action';
import { pascalCase } from '../util/inflect';
import { type Path, valueAt, visitPath } from '../util/paths';

type Filter = { path: Path; value: string; caseless: boolean; isId: boolean; type: string };

const VALID: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/,
  boolean: /^(true|false)$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

/** Reads paging and "get by example" filters; parameter names are case-insensitive, unknown ones ignored. */
function readQuery(query: Record<string, string>, fields: Map<string, { name: string; type: string; split: Path }>) {
  const errors: ValidationErrors = {};
  const paging: Record<string, string> = {};
  const cursor: Record<string, string> = {};
  const filters: Filter[] = [];
  for (const [rawName, value] of Object.entries(query)) {
    const name = rawName.toLowerCase();
    if (name === 'minchangeversion' || name === 'maxchangeversion') continue;
    // Cursor paging's parameters are checked with their own messages (readRequest).
    if (name === 'pagetoken' || name === 'pagesize') {
      cursor[name] = value;
      continue;
    }
    if (name === 'offset' || name === 'limit' || name === 'totalcount') {
      paging[name] = value;
      continue;
    }
    const f = fields.get(name);
    if (!f) continue;
    const re = VALID[f.type];
    const isId = name === 'id';
    if ((re && !re.test(value)) || (isId && !parseDocumentId(value))) {
      errors[`$.${f.name}`] = [`The value '${value}' is not valid for ${pascalCase(f.name)}.`];
      continue;
    }
    const normalized = f.type === 'boolean' ? String(value.toLowerCase() === 'true') : isId ? parseDocumentId(value)! : value;
    filters.push({ path: f.split, value: normalized, caseless: f.name.endsWith('Descriptor'), isId, type: f.type });
  }
  for (const [name, value] of Object.entries(paging)) {
    const ok = name === 'totalcount' ? /^(true|false)$/i.test(value) : /^-?\d+$/.test(value);
    if (!ok)
      errors[`$.${name === 'totalcount' ? 'totalCount' : name}`] = [
        `The value '${value}' is not valid for ${name === 'totalcount' ? 'TotalCount' : pascalCase(name)}.`,
      ];
  }
  return { errors, paging: { ...paging, ...cursor }, filters };
}

const equals = (f: Filter, v: unknown): boolean => v !== undefined && (f.caseless ? String(v).toLowerCase() === f.value.toLowerCase() : String(v) === f.value);

/** A query's filters, split once: those on the item itself, and those on members of one collection, by collection. */
interface FilterPlan {
  own: Filter[];
  /**
   * Filters on members of one collection (`identificationCodes[].identificationCode` and
   * `...IdentificationSystemDescriptor`): they match when one item satisfies all of them.
   */
  inItems: Filter[][];
}

function planOf(filters: Filter[]): FilterPlan {
  const own: Filter[] = [];
  const groups = new Map<string, Filter[]>();
  for (const f of filters) {
    if (f.isId || !f.path.includes('[]')) own.push(f);
    else {
      const key = f.path.slice(0, f.path.indexOf('[]')).join('.');
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
  }
  return { own, inItems: [...groups.values()] };
}

function matchesItem(body: unknown, filters: Filter[]): boolean {
  const at = filters[0].path.indexOf('[]');
  let hit = false;
  visitPath(body, filters[0].path.slice(0, at + 1), (item) => {
    hit ||= filters.every((f) => equals(f, valueAt(item, f.path.slice(at + 1))));
  });
  return hit;
}

const matches = (doc: StoredDocument, body: unknown, plan: FilterPlan): boolean =>
  plan.own.every((f) => (f.isId ? doc.id === f.value : equals(f, valueAt(body, f.path)))) && plan.inItems.every((g) => matchesItem(body, g));

const bySeq = (a: StoredDocument, b: StoredDocument) => (a.seq ?? 0) - (b.seq ?? 0);

/**
 * The only documents that can match, from an index, or undefined when no index applies: `id`; the whole natural key;
 * any member of the natural key (its part index); or every member of a reference (the referenced item's reverse
 * index). The smallest candidate list wins; hits come back in paging (insertion) order.
 */
function indexed(env: Env, entry: ResourceEntry, filters: Filter[]): StoredDocument[] | undefined {
  const { store, registry } = env;
  const own = (d: StoredDocument | undefined) => (d && d.resource === entry.model.name ? [d] : []);
  const id = filters.find((f) => f.isId);
  if (id) return own(store.get(id.value as DocumentId));
  const byPath = new Map(filters.map((f) => [f.path.join('.'), f.value]));
  const keyValues = entry.keyPaths.map((p) => byPath.get(p.join('.')));
  if (keyValues.every((v) => v !== undefined)) {
    const parts = keyValues.map((v, i) => keyPart(v, entry.keyDescriptor[i]));
    return own(store.getByKey(encodeKey(entry.model.name, parts)));
  }
  let best: DocumentId[] | undefined;
  // A member of the natural key: its part index (made on first use).
  entry.keyPaths.forEach((p, i) => {
    const value = byPath.get(p.join('.'));
    if (value === undefined) return;
    const ids = store.withKeyPart(entry.model.name, i, keyPart(value, entry.keyDescriptor[i]));
    if (!best || ids.length < best.length) best = ids;
  });
  for (const r of entry.references) {
    if (r.path.includes('[]')) continue;
    const ref: Record<string, unknown> = {};
    for (const field of r.fields) ref[field] = byPath.get([...r.path, field].join('.'));
    if (r.fields.some((field) => ref[field] === undefined)) continue;
    const key = referenceIndexKey(registry, r.target, ref);
    const target = key === undefined ? undefined : store.getByKey(key);
    // A stored reference always resolves: no target, no match.
    if (!target) return [];
    const ids = store.referencers(target.id);
    if (!best || ids.length < best.length) best = ids;
  }
  if (!best) return undefined;
  return best
    .map((i) => store.get(i)!)
    .filter((d) => d.resource === entry.model.name)
    .sort(bySeq);
}

/**
 * Text a body must contain to match a filter (`"lastSurname":"Smith"`), so a scan parses only the bodies that may
 * match. Descriptor values compare without case and are left to the parsed check.
 */
const needle = (f: Filter): string | undefined => {
  if (f.caseless || f.isId) return undefined;
  const member = JSON.stringify(f.path[f.path.length - 1]);
  return `${member}:${f.type === 'integer' || f.type === 'number' || f.type === 'boolean' ? f.value : JSON.stringify(f.value)}`;
};

/** The paging parameters' messages (ODS `QueryParametersValidator`). */
const PAGING = {
  both: 'Both offset and pageToken parameters were provided, but they support alternative paging approaches and cannot be used together.',
  tokenRequired: 'PageToken is required when pageSize is specified.',
  useLimit: 'Use limit instead of pageSize when using limit/offset paging.',
  usePageSize: 'Use pageSize instead of limit when using cursor paging with pageToken.',
  pageSize: (max: number) => `PageSize must be a value between 0 and ${max}.`,
  invalidToken: 'The page token provided was invalid.',
  noTotal: 'Total count cannot be determined while using cursor paging (when pageToken is specified).',
};

/**
 * The items of a resource that pass the filters, the change-version window and the client's authorization (`allowed`),
 * in paging (insertion) order.
 */
function* matching(
  env: Env,
  entry: ResourceEntry,
  filters: Filter[],
  window: ChangeWindow | undefined,
  from = 0,
  allowed?: (doc: StoredDocument) => boolean,
): Generator<StoredDocument> {
  const needles = filters.map(needle).filter((n): n is string => n !== undefined);
  const parse = filters.some((f) => !f.isId);
  const plan = planOf(filters);
  for (const doc of indexed(env, entry, filters) ?? env.store.all(entry.model.name, from)) {
    if (doc.seq < from) continue;
    // Change queries: the current version of items last changed inside the window (inclusive).
    if (window && (doc.cv < window.min || doc.cv > window.max)) continue;
    if (!needles.every((n) => doc.body.includes(n))) continue;
    if (!matches(doc, parse ? JSON.parse(doc.body) : undefined, plan)) continue;
    if (allowed && !allowed(doc)) continue;
    yield doc;
  }
}

/** What a GET-many asks for: its filters and window, and offset/limit or cursor paging; or the 400 it earns. */
function readRequest(ctx: Parameters<Step>[0]) {
  const cid = ctx.req.correlationId;
  const entry = ctx.resource!;
  const { maxPageSize, defaultPageSize } = ctx.env.options;
  const { errors, paging, filters } = readQuery(ctx.req.query, entry.query);
  if (Object.keys(errors).length) return ctx.env.problems.dataValidation(cid, errors);
  const window = readChangeWindow(ctx.req.query);
  if (window && 'invalid' in window) return ctx.env.problems.dataValidation(cid, windowErrors(window.invalid));
  const wantTotal = paging.totalcount?.toLowerCase() === 'true';
  const token = paging.pagetoken;
  const paramErrors: string[] = [];
  if (token !== undefined || paging.pagesize !== undefined) {
    if (token !== undefined && paging.offset !== undefined) paramErrors.push(PAGING.both);
    if (token === undefined) paramErrors.push(paging.offset !== undefined ? PAGING.useLimit : PAGING.tokenRequired);
    // ODS parity: `limit=0` beside pageToken and pageSize is accepted.
    if (token !== undefined && paging.limit !== undefined && !(paging.limit === '0' && paging.pagesize !== undefined)) paramErrors.push(PAGING.usePageSize);
    const size = paging.pagesize === undefined ? defaultPageSize : Number(paging.pagesize);
    if (!Number.isInteger(size) || size < 0 || size > maxPageSize) paramErrors.push(PAGING.pageSize(maxPageSize));
    const cursor = token === undefined ? undefined : readPageToken(ctx.env.backend.secret, token);
    if (token !== undefined && !cursor) paramErrors.push(PAGING.invalidToken);
    if (token !== undefined && wantTotal) paramErrors.push(PAGING.noTotal);
    if (paramErrors.length) return ctx.env.problems.parameterValidation(cid, paramErrors);
    return { mode: 'cursor' as const, filters, window, cursor: cursor!, size };
  }
  const limit = paging.limit === undefined ? defaultPageSize : Number(paging.limit);
  const offset = paging.offset === undefined ? 0 : Number(paging.offset);
  if (limit < 0 || limit > maxPageSize) paramErrors.push(`Limit must be a value between 0 and ${maxPageSize}.`);
  if (offset < 0) paramErrors.push('Offset cannot be a negative value.');
  if (paramErrors.length) return ctx.env.problems.parameterValidation(cid, paramErrors);
  return { mode: 'offset' as const, filters, window, limit, offset, wantTotal };
}

/** Where a filtered offset walk's next page starts: the offset, the position after the last page, and the version it is valid for. */
interface WalkPoint {
  offset: number;
  seq: number;
  version: number;
}
const walks = new WeakMap<Env, Map<string, WalkPoint>>();
const WALKS_KEPT = 64;

const walkKey = (entry: ResourceEntry, filters: Filter[], window: ChangeWindow | undefined, who: string): string =>
  JSON.stringify([entry.model.name, filters.map((f) => [f.path, f.value]), window ? [window.min, window.max] : null, who]);

function resumeAt(env: Env, key: string, offset: number): { offset: number; seq: number } | undefined {
  const point = walks.get(env)?.get(key);
  return point && point.version === env.store.changeVersion() && point.offset <= offset ? point : undefined;
}

function remember(env: Env, key: string, offset: number, seq: number): void {
  let kept = walks.get(env);
  if (!kept) walks.set(env, (kept = new Map()));
  kept.delete(key);
  kept.set(key, { offset, seq, version: env.store.changeVersion() });
  if (kept.size > WALKS_KEPT) kept.delete(kept.keys().next().value as string);
}

/**
 * GET collection: insertion order, default/maximum page size, Total-Count on request, AND-equality filters, a
 * change-version window, and cursor paging: every non-empty page carries `Next-Page-Token`.
 */
export const queryCollection: Step = (ctx) => {
  const request = readRequest(ctx);
  if ('status' in request) return request;
  const entry = ctx.resource!;
  const { env } = ctx;
  const { filters, window } = request;
  // Authorization filters the items before paging: pages, Total-Count and page tokens hold only what the client may see.
  const access = accessFor(ctx) ?? undefined;
  const allowed = readFilter(env, access, entry);
  const who =
    allowed && access ? `${access.claimSetName}|${access.claims.join(',')}|${access.prefixes.join(',')}|${[...(access.ownership ?? [])].join(',')}` : '';
  const headers: Record<string, string> = {};
  let page: StoredDocument[] = [];
  let max: number | undefined;
  if (request.mode === 'cursor') {
    max = request.cursor.max;
    for (const doc of matching(env, entry, filters, window, request.cursor.next, allowed)) {
      if ((max !== undefined && doc.seq > max) || page.length === request.size) break;
      page.push(doc);
    }
  } else if (filters.length === 0 && !window && !allowed) {
    page = env.store.page(entry.model.name, request.offset, request.limit);
    if (request.wantTotal) headers['Total-Count'] = String(env.store.count(entry.model.name));
  } else {
    const { offset, limit, wantTotal } = request;
    // A client walking a filter or a change window page by page asks for the offset that follows the last page: the
    // walk resumes where that page ended instead of counting every earlier item again (while nothing changed).
    const key = wantTotal ? undefined : walkKey(entry, filters, window, who);
    const resume = key === undefined ? undefined : resumeAt(env, key, offset);
    let total = resume?.offset ?? 0;
    for (const doc of matching(env, entry, filters, window, resume?.seq, allowed)) {
      if (total >= offset && page.length < limit) page.push(doc);
      total++;
      if (!wantTotal && page.length >= limit) break;
    }
    if (wantTotal) headers['Total-Count'] = String(total);
    if (key !== undefined && page.length === limit && limit > 0) remember(env, key, offset + limit, page[page.length - 1].seq + 1);
  }
  // ODS parity: every non-empty page carries the token of what follows it; the page after the last one is empty.
  if (page.length) headers['Next-Page-Token'] = pageToken(env.backend.secret, { next: page[page.length - 1].seq + 1, max });
  return { status: 200, headers, text: renderArray(page.map((doc) => renderItem(env, entry, doc))) };
};

/** `GET /{resource}/partitions?number=N[&allowSmallPartitions=true]`: page tokens of N contiguous ranges of the (filtered) items. */
export const partitions: Step = (ctx) => {
  const cid = ctx.req.correlationId;
  const entry = ctx.resource!;
  const q = lowerQuery(ctx.req.query);
  const number = q.number === undefined ? 10 : Number(q.number);
  if (!Number.isInteger(number) || number < 1 || number > 200)
    return ctx.env.problems.parameterValidation(cid, ['Number of partitions must be between 1 and 200.']);
  const { errors, filters } = readQuery(ctx.req.query, entry.query);
  if (Object.keys(errors).length) return ctx.env.problems.dataValidation(cid, errors);
  const positions = [...matching(ctx.env, entry, filters, undefined, 0, readFilter(ctx.env, accessFor(ctx) ?? undefined, entry))].map((d) => d.seq);
  // ODS parity: a partition holds at least five maximum pages unless small partitions are allowed.
  const small = q.allowsmallpartitions?.toLowerCase() === 'true';
  const count = Math.max(1, Math.min(number, small ? positions.length : Math.ceil(positions.length / (5 * ctx.env.options.maxPageSize))));
  const starts = Array.from({ length: count }, (_, i) => (positions.length ? positions[Math.floor((i * positions.length) / count)] : 0));
  const pageTokens = starts.map((next, i) =>
    pageToken(ctx.env.backend.secret, { next: i === 0 ? 0 : next, max: i + 1 < count ? starts[i + 1] - 1 : undefined }),
  );
  return { status: 200, body: { pageTokens } };
};
