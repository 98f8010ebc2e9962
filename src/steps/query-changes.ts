import type { ValidationErrors } from '../errors/problems';
import type { ResourceEntry } from '../model/registry';
import type { Env, Step } from '../pipeline/context';
import { indexKeysOf } from '../pipeline/keys';
import type { ChangeRecord } from '../store/document-store';
import { valueAt } from '../util/paths';
import { changeFilter } from '../auth/authorize';
import { accessFor } from './authorize-action';

/** A change-version window and paging, read from the query (names case-insensitive). */
export interface ChangeWindow {
  min: number;
  max: number;
}

const WHOLE = /^-?\d+$/;

/** Query parameters by lower-cased name (ODS matches parameter names without case). */
export const lowerQuery = (query: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * `minChangeVersion` / `maxChangeVersion` (inclusive): the window, undefined when neither is given, or the names of
 * the parameters whose value is not a whole number.
 */
export function readChangeWindow(query: Record<string, string>): ChangeWindow | { invalid: [string, string][] } | undefined {
  let min: number | undefined;
  let max: number | undefined;
  const invalid: [string, string][] = [];
  for (const [raw, value] of Object.entries(query)) {
    const name = raw.toLowerCase();
    if (name !== 'minchangeversion' && name !== 'maxchangeversion') continue;
    if (!WHOLE.test(value)) {
      invalid.push([name === 'minchangeversion' ? 'MinChangeVersion' : 'MaxChangeVersion', value]);
      continue;
    }
    if (name === 'minchangeversion') min = Number(value);
    else max = Number(value);
  }
  if (invalid.length) return { invalid };
  if (min === undefined && max === undefined) return undefined;
  return { min: min ?? 0, max: max ?? Number.MAX_SAFE_INTEGER };
}

/** The validation errors of change versions that are not whole numbers (the wording of every other query value). */
export const windowErrors = (invalid: [string, string][]): ValidationErrors =>
  Object.fromEntries(invalid.map(([n, v]) => [`$.${n[0].toLowerCase()}${n.slice(1)}`, [`The value '${v}' is not valid for ${n}.`]]));

/** The natural key of a body as change queries show it: query-parameter names (reference prefixes dropped), in name order. */
function keyValues(entry: ResourceEntry, body: string): Record<string, unknown> {
  const parsed = JSON.parse(body) as unknown;
  const pairs = entry.model.keyFields.map((k, i) => [k.name, valueAt(parsed, entry.keyPaths[i])] as const);
  return Object.fromEntries([...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Tombstones of a resource in the window, oldest first; a delete whose natural key exists again is left out (ODS parity). */
function deletes(env: Env, entry: ResourceEntry, window: ChangeWindow, allowed?: (body: string) => boolean): object[] {
  const out: object[] = [];
  for (const c of env.store.changes()) {
    if (c.type !== 'deleted' || c.resource !== entry.model.name || c.cv < window.min || c.cv > window.max) continue;
    if (allowed && !allowed(c.before)) continue;
    const keys = indexKeysOf(env.registry, entry, JSON.parse(c.before));
    if (keys && env.store.getByKey(keys[0])) continue;
    out.push({ id: c.id, changeVersion: c.cv, keyValues: keyValues(entry, c.before) });
  }
  return out;
}

/** Key changes of a resource in the window: one per item, from its first old key to its last new key, by change version. */
function keyChanges(env: Env, entry: ResourceEntry, window: ChangeWindow, allowed?: (body: string) => boolean): object[] {
  const byItem = new Map<string, { first: ChangeRecord; last: ChangeRecord }>();
  for (const c of env.store.changes()) {
    if (c.type !== 'key-changed' || c.resource !== entry.model.name || c.cv < window.min || c.cv > window.max) continue;
    if (allowed && !allowed(c.after!)) continue;
    const seen = byItem.get(c.id);
    if (seen) seen.last = c;
    else byItem.set(c.id, { first: c, last: c });
  }
  return [...byItem.values()]
    .sort((a, b) => a.last.cv - b.last.cv)
    .map(({ first, last }) => ({
      id: last.id,
      changeVersion: last.cv,
      oldKeyValues: keyValues(entry, first.before),
      newKeyValues: keyValues(entry, last.after!),
    }));
}

/**
 * `GET /{schema}/{resource}/deletes` and `/keyChanges`: change queries over the store's change records, with the
 * change-version window, offset, limit (1-500) and totalCount.
 */
export const queryChanges =
  (of: 'deletes' | 'keyChanges'): Step =>
  (ctx) => {
    const cid = ctx.req.correlationId;
    const { maxPageSize, defaultPageSize } = ctx.env.options;
    const window = readChangeWindow(ctx.req.query);
    const paging = lowerQuery(ctx.req.query);
    const errors: string[] = [];
    if (window && 'invalid' in window) return ctx.env.problems.dataValidation(cid, windowErrors(window.invalid));
    const limit = paging.limit === undefined ? defaultPageSize : Number(paging.limit);
    const offset = paging.offset === undefined ? 0 : Number(paging.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) errors.push(`Limit must be omitted or set to a value between 1 and ${maxPageSize}.`);
    if (!Number.isInteger(offset) || offset < 0) errors.push('Offset must be greater than or equal to 0.');
    if (errors.length) return ctx.env.problems.parameterValidation(cid, errors);
    const allowed = changeFilter(ctx.env, accessFor(ctx) ?? undefined, ctx.resource!);
    const all = (of === 'deletes' ? deletes : keyChanges)(ctx.env, ctx.resource!, window ?? { min: 0, max: Number.MAX_SAFE_INTEGER }, allowed);
    const headers: Record<string, string> = paging.totalcount?.toLowerCase() === 'true' ? { 'Total-Count': String(all.length) } : {};
    return { status: 200, headers, body: all.slice(offset, offset + limit) };
  };
