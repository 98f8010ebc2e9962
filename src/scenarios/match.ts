/**
 * Body comparison for scenario steps: `exact` (same value), `subset` (every expected member present and equal; arrays
 * item by item), `keys` (the listed members exist). In expected values `"*"` means "present, any value" and a string
 * `/.../` is a regular expression. Returns the differences, one line each, by JSON path.
 */
export type MatchMode = 'exact' | 'subset' | 'keys' | 'empty';

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
const isRegex = (s: string): boolean => s.length > 2 && s.startsWith('/') && s.endsWith('/');

function compare(expected: unknown, actual: unknown, path: string, exact: boolean, diffs: string[]): void {
  if (typeof expected === 'string') {
    if (expected === '*') {
      if (actual === undefined || actual === null) diffs.push(`${path}: expected a value, got ${show(actual)}`);
    } else if (isRegex(expected)) {
      if (actual === undefined || !new RegExp(expected.slice(1, -1)).test(String(actual)))
        diffs.push(`${path}: expected to match ${expected}, got ${show(actual)}`);
    } else if (expected !== actual) diffs.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return void diffs.push(`${path}: expected an array, got ${show(actual)}`);
    if (exact ? actual.length !== expected.length : actual.length < expected.length) {
      diffs.push(`${path}: expected ${exact ? '' : 'at least '}${expected.length} items, got ${actual.length}`);
    }
    expected.forEach((e, i) => compare(e, actual[i], `${path}[${i}]`, exact, diffs));
    return;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return void diffs.push(`${path}: expected an object, got ${show(actual)}`);
    const a = actual as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) compare(v, a[k], `${path}.${k}`, exact, diffs);
    if (exact) for (const k of Object.keys(a)) if (!(k in (expected as object))) diffs.push(`${path}.${k}: unexpected member ${show(a[k])}`);
    return;
  }
  if (expected !== actual) diffs.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Differences between an expected and an actual body (empty when they match). */
export function matchBody(mode: MatchMode, expected: unknown, actual: unknown): string[] {
  const diffs: string[] = [];
  switch (mode) {
    case 'empty':
      if (actual !== undefined) diffs.push(`$: expected no body, got ${show(actual)}`);
      break;
    case 'keys': {
      const keys = Array.isArray(expected) ? expected.map(String) : Object.keys((expected as object) ?? {});
      const items = Array.isArray(actual) ? actual : [actual];
      items.forEach((item, i) => {
        const at = Array.isArray(actual) ? `$[${i}]` : '$';
        for (const k of keys) if (!item || typeof item !== 'object' || !(k in item)) diffs.push(`${at}.${k}: missing`);
      });
      break;
    }
    default:
      compare(expected, actual, '$', mode === 'exact', diffs);
  }
  return diffs;
}
