/** Values a scenario can refer to as `${name}`: year, prevYear, the scenario's vars and values captured by earlier steps. */
export type Vars = Record<string, unknown>;

const WHOLE = /^\$\{([\w.-]+)\}$/;
const PART = /\$\{([\w.-]+)\}/g;

/** Fills `${name}` in every string of a JSON value; a string that is exactly `${name}` takes the value's own type. */
export function fill(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && whole[1] in vars) return vars[whole[1]];
    return value.replace(PART, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** Names still unfilled in a value (an unknown `${name}` is a scenario error, not a silent literal). */
export function unfilled(value: unknown): string[] {
  const text = JSON.stringify(value) ?? '';
  return [...text.matchAll(PART)].map((m) => m[1]);
}
