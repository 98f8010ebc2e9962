const IRREGULAR: Record<string, string> = {
  matrix: 'matrices',
  person: 'people',
  man: 'men',
  child: 'children',
  sex: 'sexes',
  tax: 'taxes',
  move: 'moves',
  leave: 'leaves',
};
const UNCOUNTABLE = new Set(['equipment', 'information', 'rice', 'money', 'species', 'series', 'fish', 'sheep']);

/** ODS's English pluralization of the last word of a PascalCase name (CompositeTermInflector rules). */
export function pluralize(name: string): string {
  const m = /^(.*?)([A-Z]?[a-z0-9]*)$/.exec(name);
  const head = m ? m[1] : '';
  const word = m ? m[2] : name;
  const lower = word.toLowerCase();
  const cased = (plural: string) => word.charAt(0) + plural.slice(1);
  if (UNCOUNTABLE.has(lower)) return name;
  if (IRREGULAR[lower]) return head + cased(IRREGULAR[lower]);
  const rules: [RegExp, string][] = [
    [/(alias|status)$/i, '$1es'],
    [/(ax|test)is$/i, '$1es'],
    [/sis$/i, 'ses'],
    [/([ti])um$/i, '$1a'],
    [/(?:([^f])fe|([lr])f)$/i, '$1$2ves'],
    [/([^aeiouy]|qu)y$/i, '$1ies'],
    [/(x|ch|ss|sh)$/i, '$1es'],
    [/s$/i, 's'],
  ];
  for (const [re, rep] of rules) if (re.test(word)) return head + word.replace(re, rep);
  return `${name}s`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ... as ODS words duplicate-item messages. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** `schoolId` -> `SchoolId`. */
export const pascalCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `StudentSchoolAssociation` -> `studentSchoolAssociation`. */
export const camelCase = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Ed-Fi's camelCase: a leading acronym is lowercased whole (`URI` -> `uri`, `IEPBeginDate` -> `iepBeginDate`). */
export function apiCamel(name: string): string {
  const run = /^[A-Z]+/.exec(name)?.[0] ?? '';
  if (run.length <= 1) return camelCase(name);
  const keep = run.length < name.length && /[a-z]/.test(name.charAt(run.length)) ? run.length - 1 : run.length;
  return name.slice(0, keep).toLowerCase() + name.slice(keep);
}
