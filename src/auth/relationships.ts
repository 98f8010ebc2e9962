import type { DocumentStore, StoredDocument } from '../store/document-store';
import { keyParts } from '../store/key-codec';
import { type Path, splitPath, valueAt } from '../util/paths';
import type { AuthorizationModel, PersonDef } from './authorization-model';

/**
 * What relationship-based authorization asks of the data, kept up to date by every write: which education
 * organization is under which (school -> LEA -> state), and which people are tied to which organizations (students by
 * enrollment or responsibility, staff by assignment or employment, contacts through their students). Built from the
 * store on first use and kept by a store listener; a rollback or another process's changes rebuild it.
 */
export interface RelationshipIndex {
  /** The organizations claims reach: each claim and everything below it. */
  reach(claims: readonly number[]): Set<string>;
  /** The organizations above the claims (a school's LEA and state agency): their data is readable, not writable. */
  above(claims: readonly number[]): Set<string>;
  /** Whether a person is tied to an organization the claims reach. */
  personIn(person: PersonDef, id: string, reach: Set<string>): boolean;
}

type Counts = Map<string, Map<string, number>>;

const bump = (m: Counts, a: string, b: string, by: number) => {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  const n = (inner.get(b) ?? 0) + by;
  if (n > 0) inner.set(b, n);
  else inner.delete(b);
};

/** What one watched resource contributes: a hierarchy edge, a person-organization link, or a person-student link. */
type Contribution =
  | { kind: 'hierarchy'; parents: Path[] }
  | { kind: 'link'; person: PersonDef; personPath: Path; orgPath: Path }
  | { kind: 'through'; person: PersonDef; personPath: Path; studentPath: Path };

export function createRelationshipIndex(store: DocumentStore, authz: AuthorizationModel): RelationshipIndex {
  const watched = new Map<string, Contribution[]>();
  const watch = (resource: string, c: Contribution) => watched.set(resource, [...(watched.get(resource) ?? []), c]);
  for (const [entity, parents] of authz.hierarchy) watch(entity, { kind: 'hierarchy', parents });
  for (const person of authz.people) {
    for (const l of person.links ?? [])
      watch(l.resource, { kind: 'link', person, personPath: splitPath(l.person), orgPath: splitPath(l.educationOrganization) });
    for (const t of person.throughStudents ?? [])
      watch(t.resource, { kind: 'through', person, personPath: splitPath(t.person), studentPath: splitPath(t.student) });
  }
  const student = authz.people.find((p) => p.member === 'studentUniqueId');
  const parents = new Map<string, string[]>();
  const links = new Map<string, Counts>();
  const through = new Map<string, Counts>();
  const of = (m: Map<string, Counts>, member: string) => {
    let c = m.get(member);
    if (!c) m.set(member, (c = new Map()));
    return c;
  };
  let hierarchyVersion = 0;
  let dirty = true;
  const apply = (doc: StoredDocument, by: 1 | -1) => {
    const contributions = watched.get(doc.resource);
    if (!contributions) return;
    const body = JSON.parse(doc.body) as unknown;
    for (const c of contributions) {
      if (c.kind === 'hierarchy') {
        const own = keyParts(doc.key)[0];
        if (by > 0)
          parents.set(
            own,
            c.parents
              .map((p) => valueAt(body, p))
              .filter((v) => v !== undefined && v !== null)
              .map(String),
          );
        else parents.delete(own);
        hierarchyVersion++;
        continue;
      }
      const person = valueAt(body, c.personPath);
      const other = valueAt(body, c.kind === 'link' ? c.orgPath : c.studentPath);
      if (person === undefined || other === undefined) continue;
      bump(of(c.kind === 'link' ? links : through, c.person.member), String(person), String(other), by);
    }
  };
  const ensure = () => {
    if (!dirty) return;
    parents.clear();
    links.clear();
    through.clear();
    hierarchyVersion++;
    for (const resource of watched.keys()) for (const doc of store.all(resource)) apply(doc, 1);
    dirty = false;
  };
  store.listen({
    put: (doc, previous) => {
      if (dirty || !watched.has(doc.resource)) return;
      if (previous) apply(previous, -1);
      apply(doc, 1);
    },
    delete: (doc) => {
      if (!dirty && watched.has(doc.resource)) apply(doc, -1);
    },
    invalidate: () => {
      dirty = true;
    },
  });
  /** A walk from the claims, kept per set of claims until the hierarchy changes. */
  const walk =
    (cache: Map<string, { version: number; set: Set<string> }>, first: (claims: readonly number[]) => string[], next: (id: string) => string[] | undefined) =>
    (claims: readonly number[]): Set<string> => {
      ensure();
      const key = claims.join(',');
      const cached = cache.get(key);
      if (cached && cached.version === hierarchyVersion) return cached.set;
      const set = new Set<string>();
      const stack = first(claims);
      while (stack.length) {
        const id = stack.pop()!;
        if (set.has(id)) continue;
        set.add(id);
        stack.push(...(next(id) ?? []));
      }
      if (cache.size > 256) cache.clear();
      cache.set(key, { version: hierarchyVersion, set });
      return set;
    };
  let children: { version: number; of: Map<string, string[]> } | undefined;
  const childrenOf = (id: string) => {
    if (children?.version !== hierarchyVersion) {
      const of = new Map<string, string[]>();
      for (const [child, ps] of parents) for (const p of ps) of.set(p, [...(of.get(p) ?? []), child]);
      children = { version: hierarchyVersion, of };
    }
    return children.of.get(id);
  };
  const reach = walk(new Map(), (claims) => claims.map(String), childrenOf);
  const above = walk(
    new Map(),
    (claims) => claims.flatMap((c) => parents.get(String(c)) ?? []),
    (id) => parents.get(id),
  );
  const tiedTo = (member: string, id: string, orgs: Set<string>): boolean => {
    for (const org of links.get(member)?.get(id)?.keys() ?? []) if (orgs.has(org)) return true;
    return false;
  };
  return {
    reach,
    above,
    personIn: (person, id, orgs) => {
      ensure();
      if (person.links && tiedTo(person.member, id, orgs)) return true;
      if (person.throughStudents && student)
        for (const s of through.get(person.member)?.get(id)?.keys() ?? []) if (tiedTo(student.member, s, orgs)) return true;
      return false;
    },
  };
}
