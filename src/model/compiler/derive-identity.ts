import type { KeyField, QueryField, UnificationModel } from '../types';
import type { FoundReference } from './find-members';
import { pascal } from './schema-walk';

/** One place a flattened key name can come from: an own member, or a field of a reference. */
interface Source {
  path: string;
  ref?: FoundReference;
  field?: string;
}

/** `gradingPeriodSchoolYear` is field `schoolYear` of a reference whose member starts with `gradingPeriod`. */
const prefixedMatch = (flat: string, ref: FoundReference, field: string): boolean => {
  if (flat === field || !flat.endsWith(pascal(field)) || ref.fields.includes(flat)) return false;
  const prefix = flat.slice(0, flat.length - field.length);
  return prefix.length > 0 && ref.member.startsWith(prefix);
};

/**
 * Finds where each flattened name lives. Role-prefixed matches are taken first and consume the reference field,
 * so `gradingPeriodSchoolYear` and `schoolYear` of a grade map to two different references.
 */
export function mapFlatNames(names: string[], ownScalars: Set<string>, refs: FoundReference[]): Map<string, Source[]> {
  const consumed = new Set<string>();
  const out = new Map<string, Source[]>(names.map((n) => [n, []]));
  for (const n of names) {
    if (ownScalars.has(n)) {
      out.get(n)!.push({ path: n });
      continue;
    }
    for (const ref of refs) {
      for (const f of ref.fields) {
        if (prefixedMatch(n, ref, f)) {
          out.get(n)!.push({ path: `${ref.path}.${f}`, ref, field: f });
          consumed.add(`${ref.path}.${f}`);
        }
      }
    }
  }
  for (const n of names) {
    // An own member shares its column with the same-named field of a reference (localAccount's fiscalYear and
    // chartOfAccountReference.fiscalYear): both are sources of the name, and so unified.
    if (out.get(n)!.length && !ownScalars.has(n)) continue;
    for (const ref of refs) {
      for (const f of ref.fields) {
        if (f === n && !consumed.has(`${ref.path}.${f}`)) out.get(n)!.push({ path: `${ref.path}.${f}`, ref, field: f });
      }
    }
  }
  return out;
}

/** The natural key of a resource, which root references are part of it, and the key unification constraints. */
export interface DerivedIdentity {
  keyFields: KeyField[];
  identityRefs: Set<string>;
  unifications: UnificationModel[];
  unmapped: string[];
}

/**
 * Derives the identity from the resource's flattened `<resource>Reference` members: a required root reference whose
 * every field appears among them is identifying; a flattened name fed by two references is a unified key.
 */
export function deriveIdentity(flatNames: string[], ownScalars: Set<string>, rootRefs: FoundReference[], xsdMembers?: Set<string>): DerivedIdentity {
  const flat = new Set(flatNames);
  const covers = (ref: FoundReference) => ref.fields.every((f) => flat.has(f) || flatNames.some((n) => prefixedMatch(n, ref, f)));
  // The XSD identity type, where there is one, says which references identify; else coverage of the key decides.
  const identity = rootRefs.filter((r) => r.required && (xsdMembers ? xsdMembers.has(r.member) : covers(r)));
  const sources = mapFlatNames(flatNames, ownScalars, identity);
  const keyFields: KeyField[] = [];
  const unifications: UnificationModel[] = [];
  const unmapped: string[] = [];
  for (const name of flatNames) {
    const src = sources.get(name)!;
    if (!src.length) {
      unmapped.push(name);
      continue;
    }
    keyFields.push({ name, path: src[0].path, descriptor: name.endsWith('Descriptor') });
    if (src.length > 1) unifications.push({ field: name, paths: src.map((s) => s.path) });
  }
  return { keyFields, identityRefs: new Set(identity.map((r) => r.path)), unifications, unmapped };
}

/** Maps the collection GET's query parameters to document paths (reference key fields unprefixed). */
export function deriveQueryFields(params: { name: string; type: QueryField['type'] }[], ownScalars: Set<string>, rootRefs: FoundReference[]): QueryField[] {
  const sources = mapFlatNames(
    params.map((p) => p.name),
    ownScalars,
    rootRefs,
  );
  return params.flatMap((p) => {
    const src = sources.get(p.name)!;
    return src.length ? [{ name: p.name, path: src[0].path, type: p.type }] : [];
  });
}

/**
 * Key unification read off the collection GET's parameters: a parameter names one column, so every member that feeds
 * the same name (an own member, fields of several references) must carry one value.
 */
export function deriveUnifications(params: string[], ownScalars: Set<string>, rootRefs: FoundReference[]): UnificationModel[] {
  const sources = mapFlatNames(params, ownScalars, rootRefs);
  return params.flatMap((name) => {
    const src = sources.get(name)!;
    // Messages name the member (`schoolId`), not the parameter (`locationSchoolId`).
    const field = src[0]?.field ?? name;
    return src.length > 1 ? [{ field, paths: src.map((s) => s.path) }] : [];
  });
}
