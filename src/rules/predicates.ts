import { type Path, splitPath, valueAt, visitPath } from '../util/paths';
import type { DataView, Item } from './data-view';

/** Where a rule found a problem: a JSON path, the offending value, and details for the message. */
export interface Violation {
  path: string;
  value?: unknown;
  detail?: string;
}

/** A named check: small, pure, parameterised by the profile (house rule: rules are data, predicates are functions). */
export type Predicate = (item: Item, params: Record<string, unknown>, view: DataView) => Violation[];

const codeOf = (uri: unknown): string => {
  const s = String(uri);
  return s.slice(s.indexOf('#') + 1).toLowerCase();
};
const namespaceOf = (uri: unknown): string => {
  const s = String(uri);
  return (s.includes('#') ? s.slice(0, s.indexOf('#')) : s).toLowerCase();
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const lower = (v: unknown): string[] => strings(v).map((s) => s.toLowerCase());

/** Every value at each of `paths`. */
function valuesAt(body: unknown, paths: unknown, fn: (value: unknown, jsonPath: string) => void): void {
  for (const p of strings(paths)) visitPath(body, splitPath(p), fn);
}

/** Each item of the `each` collection(s) (or the body itself), with its JSON path prefix. */
function eachItem(body: unknown, each: unknown, fn: (item: unknown, jsonPath: string) => void): void {
  if (each === undefined) fn(body, '$');
  else for (const c of strings(each)) visitPath(body, splitPath(`${c}[]`), fn);
}
const join = (prefix: string, path: string): string => `${prefix}.${path.replace(/\[\]/g, '')}`;

/** Reference values of a body as one comparable string (descriptors and ids alike, case-insensitive). */
const refText = (body: unknown, path: Path): string => JSON.stringify(valueAt(body, path) ?? null).toLowerCase();

/** Values of `paths` must be descriptors of the given namespace (e.g. DPI's own). */
const descriptorNamespace: Predicate = (item, p) => {
  const out: Violation[] = [];
  const ns = String(p.namespace).toLowerCase();
  valuesAt(item.body, p.paths, (value, path) => {
    if (!namespaceOf(value).startsWith(ns)) out.push({ path, value });
  });
  return out;
};

/** Code values of `paths` must be among `allowed` / must not be among `forbidden`. */
const descriptorCodes: Predicate = (item, p) => {
  const out: Violation[] = [];
  const allowed = p.allowed === undefined ? undefined : lower(p.allowed);
  const forbidden = lower(p.forbidden);
  valuesAt(item.body, p.paths, (value, path) => {
    const code = codeOf(value);
    if ((allowed && !allowed.includes(code)) || forbidden.includes(code)) out.push({ path, value });
  });
  return out;
};

/** Members that must be present (on the body, or on each item of the `each` collection). */
const required: Predicate = (item, p) => {
  const out: Violation[] = [];
  eachItem(item.body, p.each, (target, prefix) => {
    for (const path of strings(p.paths)) if (valueAt(target, splitPath(path)) === undefined) out.push({ path: join(prefix, path) });
  });
  return out;
};

/** Members that must not be sent. */
const absent: Predicate = (item, p) => {
  const out: Violation[] = [];
  valuesAt(item.body, p.paths, (value, path) => out.push({ path, value }));
  return out;
};

/** A member must be unique among the items of a collection. */
const unique: Predicate = (item, p) => {
  const out: Violation[] = [];
  const seen = new Set<string>();
  const member = splitPath(String(p.member));
  eachItem(item.body, p.each, (target, prefix) => {
    const v = valueAt(target, member);
    if (v === undefined) return;
    if (seen.has(String(v))) out.push({ path: join(prefix, String(p.member)), value: v });
    seen.add(String(v));
  });
  return out;
};

/** The endpoint is closed to the matching clients (the rule's `clients` selects them). */
const forbiddenForClients: Predicate = () => [{ path: '$' }];

/**
 * For each item of `each` (optionally only those whose `when.path` code is in `when.codes`), an item of `resource`
 * must exist whose `match` paths equal values taken from the body (`$root.x`) or the collection item (`$item.x`).
 */
const relatedExists: Predicate = (item, p, view) => {
  const out: Violation[] = [];
  const when = p.when as { path: string; codes: string[] } | undefined;
  const match = p.match as Record<string, string>;
  eachItem(item.body, p.each, (target, prefix) => {
    if (when && !lower(when.codes).includes(codeOf(valueAt(target, splitPath(when.path))))) return;
    const where: Record<string, unknown> = {};
    for (const [path, source] of Object.entries(match)) {
      where[path] = source.startsWith('$item.') ? valueAt(target, splitPath(source.slice(6))) : valueAt(item.body, splitPath(source.replace(/^\$root\./, '')));
    }
    if (!view.find(String(p.resource), where).length) out.push({ path: prefix, value: when ? valueAt(target, splitPath(when.path)) : undefined });
  });
  return out;
};

/**
 * Whether the item is referenced by a `by` item (e.g. a Grade) decides which codes `path` may hold: with
 * `referenced: true` the code must be in `allowed`; with `referenced: false` it must not be in `forbidden`.
 * `whenPresent` limits the check to items that have that member (an ended section).
 */
const referencedByCheck: Predicate = (item, p, view) => {
  if (p.whenPresent !== undefined && valueAt(item.body, splitPath(String(p.whenPresent))) === undefined) return [];
  const referenced = view.referencers(item, String(p.by)).length > 0;
  if (referenced !== (p.referenced === true)) return [];
  const value = valueAt(item.body, splitPath(String(p.path)));
  const code = value === undefined ? undefined : codeOf(value);
  const bad =
    (p.allowed !== undefined && (code === undefined || !lower(p.allowed).includes(code))) || (code !== undefined && lower(p.forbidden).includes(code));
  return bad ? [{ path: `$.${String(p.path)}`, value: value ?? 'null' }] : [];
};

/**
 * Records of the same `groupBy` references, ordered by `order`: every record but the last must be ended (`endPath`
 * on or before the next record's start) with a code in `allowed` at `path`; with `carry`, the next record must carry
 * the same values at `carry` (a rejoined student keeps the program participation).
 */
const rejoin: Predicate = (item, p, view) => {
  const group = strings(p.groupBy).map(splitPath);
  const order = splitPath(String(p.order));
  const key = (b: unknown) => group.map((g) => refText(b, g)).join('|');
  // Every record of the resource, grouped and ordered once per view (not once per record).
  const groups = view.memo(`rejoin|${item.resource}|${strings(p.groupBy).join('|')}|${String(p.order)}`, () => {
    const byKey = new Map<string, Item[]>();
    for (const o of view.all(item.resource)) {
      const k = key(o.body);
      const list = byKey.get(k);
      if (list) list.push(o);
      else byKey.set(k, [o]);
    }
    for (const list of byKey.values()) list.sort((a, b) => String(valueAt(a.body, order)).localeCompare(String(valueAt(b.body, order))));
    return byKey;
  });
  const siblings = groups.get(key(item.body)) ?? [];
  const at = siblings.findIndex((o) => o.doc?.id === item.doc?.id);
  const next = siblings[at + 1];
  if (at < 0 || !next) return [];
  const out: Violation[] = [];
  if (p.carry !== undefined) {
    for (const c of strings(p.carry)) {
      if (refText(item.body, splitPath(c)) !== refText(next.body, splitPath(c))) out.push({ path: `$.${c}`, detail: String(valueAt(next.body, order)) });
    }
    return out;
  }
  const end = valueAt(item.body, splitPath(String(p.endPath)));
  if (end === undefined || String(end) > String(valueAt(next.body, order)))
    out.push({ path: `$.${String(p.endPath)}`, value: end ?? 'null', detail: String(valueAt(next.body, order)) });
  const code = valueAt(item.body, splitPath(String(p.path)));
  if (code === undefined || !lower(p.allowed).includes(codeOf(code)))
    out.push({ path: `$.${String(p.path)}`, value: code ?? 'null', detail: String(valueAt(next.body, order)) });
  return out;
};

/**
 * WISEdata's CTE participant derivation (seed 001 UC 17.3): grade level in `gradeLevels`, a course reached through
 * `chain` whose subject (at any of `subjectPaths`) is in `subjects`, attempt code in `attempt`, and a grade whose
 * `gradePath` code is in `passCodes`. Reported as information: the LEA does not send it, DPI derives it.
 */
const cteParticipant: Predicate = (item, p, view) => {
  const attempt = valueAt(item.body, splitPath(String(p.attemptPath)));
  if (!lower(p.attempt).includes(codeOf(attempt))) return [];
  let course: Item | undefined = item;
  for (const step of strings(p.chain)) course = course && view.follow(course, step);
  if (!course) return [];
  const subjects = lower(p.subjects);
  let cte = false;
  valuesAt(course.body, p.subjectPaths, (v) => (cte ||= subjects.includes(codeOf(v))));
  if (!cte) return [];
  const passed = view
    .referencers(item, String(p.gradeResource))
    .some((g) => lower(p.passCodes).includes(codeOf(valueAt(g.body, splitPath(String(p.gradePath))))));
  if (!passed) return [];
  const student = valueAt(item.body, splitPath(String(p.studentPath)));
  const enrolled = view.find(String(p.enrollmentResource), { [String(p.studentPath)]: student });
  const levels = lower(p.gradeLevels);
  const inGrades = enrolled.some((e) => levels.includes(codeOf(valueAt(e.body, splitPath(String(p.gradeLevelPath))))));
  return inGrades ? [{ path: '$', value: student }] : [];
};

/**
 * A date (at `path`, or at `path` of the item `via` references) must fall in the instance's school year: from the
 * profile's school-year start (default 07-01) of the year before to its end (default 06-30).
 */
const dateInSchoolYear: Predicate = (item, p, view) => {
  const year = view.env.schoolYear;
  if (year === undefined) return [];
  const source = p.via === undefined ? item : view.follow(item, String(p.via));
  const date = source && valueAt(source.body, splitPath(String(p.path)));
  if (typeof date !== 'string') return [];
  const { start, end } = view.env.rules.calendar;
  const from = `${year - 1}-${start}`;
  const to = `${year}-${end}`;
  if (date >= from && date <= to) return [];
  return [{ path: p.via === undefined ? `$.${String(p.path)}` : `$.${String(p.via)}`, value: date, detail: `${from} to ${to}` }];
};

/** Every predicate a profile may name. */
export const PREDICATES: Record<string, Predicate> = {
  'forbidden-for-clients': forbiddenForClients,
  'descriptor-namespace': descriptorNamespace,
  'descriptor-codes': descriptorCodes,
  required,
  absent,
  unique,
  'related-exists': relatedExists,
  'referenced-by-check': referencedByCheck,
  rejoin,
  'cte-participant': cteParticipant,
  'date-in-school-year': dateInSchoolYear,
};
