/** A compiled member path: segments, with '[]' meaning every item of an array. */
export type Path = readonly string[];

/** `classPeriods[].classPeriodReference` -> ['classPeriods', '[]', 'classPeriodReference']. */
export const splitPath = (p: string): Path => p.split('.').flatMap((seg) => (seg.endsWith('[]') ? [seg.slice(0, -2), '[]'] : [seg]));

type Json = unknown;

/** Visits every value at a path, with its JSON path (`$.classPeriods[0].classPeriodReference`). */
export function visitPath(doc: Json, path: Path, fn: (value: Json, jsonPath: string) => void, at = 0, jsonPath = '$'): void {
  if (doc === undefined || doc === null) return;
  if (at === path.length) {
    fn(doc, jsonPath);
    return;
  }
  const seg = path[at];
  if (seg === '[]') {
    if (Array.isArray(doc)) doc.forEach((item, i) => visitPath(item, path, fn, at + 1, `${jsonPath}[${i}]`));
    return;
  }
  if (typeof doc === 'object' && !Array.isArray(doc)) {
    visitPath((doc as Record<string, Json>)[seg], path, fn, at + 1, `${jsonPath}.${seg}`);
  }
}

/** The single value at a path without arrays (first match), or undefined. */
export function valueAt(doc: Json, path: Path): Json {
  let cur = doc;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, Json>)[seg];
  }
  return cur;
}
