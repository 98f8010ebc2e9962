import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceEntry } from '../model/registry';
import { type Path, splitPath } from '../util/paths';

/** How a claim set authorizes reads and writes (schemas/authorization.json). */
export interface ClaimSetDef {
  /** Everything, no checks (Ed-Fi Sandbox). */
  unrestricted?: boolean;
  read?: 'relationships' | 'all';
  write?: 'relationships' | 'none';
  /** When present, the only resources it may write: kinds (`namespace-based`, `descriptor`) or entity names. */
  writable?: string[];
}

/** A person's relationships: the associations that tie them to education organizations (or to students). */
export interface PersonDef {
  member: string;
  resource: string;
  hint: string;
  links?: { resource: string; person: string; educationOrganization: string }[];
  throughStudents?: { resource: string; person: string; student: string }[];
}

/** The authorization data of schemas/authorization.json, loaded once per process. */
export interface AuthorizationModel {
  educationOrganizationIdMembers: Set<string>;
  /** Education organization entity -> paths of its parents' ids. */
  hierarchy: Map<string, Path[]>;
  people: PersonDef[];
  /** Resources that establish a person's relationship: the person members they do not check. */
  establishing: Map<string, Set<string>>;
  claimSets: Map<string, ClaimSetDef>;
}

const loaded = new Map<string, AuthorizationModel>();

/** Reads schemas/authorization.json (once per schemas folder). */
export function loadAuthorization(schemasDir: string): AuthorizationModel {
  let model = loaded.get(schemasDir);
  if (model) return model;
  const raw = JSON.parse(readFileSync(join(schemasDir, 'authorization.json'), 'utf8')) as {
    educationOrganizationIdMembers: string[];
    hierarchy: Record<string, string[]>;
    people: PersonDef[];
    establishing: Record<string, string[]>;
    claimSets: Record<string, ClaimSetDef>;
  };
  model = {
    educationOrganizationIdMembers: new Set(raw.educationOrganizationIdMembers),
    hierarchy: new Map(Object.entries(raw.hierarchy).map(([k, v]) => [k, v.map(splitPath)])),
    people: raw.people,
    establishing: new Map(Object.entries(raw.establishing).map(([k, v]) => [k, new Set(v)])),
    claimSets: new Map(Object.entries(raw.claimSets)),
  };
  loaded.set(schemasDir, model);
  return model;
}

/** What authorizes a resource: its kind, and the members of its natural key that tie it to organizations or people. */
export interface Securables {
  kind: 'descriptor' | 'education-organization' | 'person' | 'namespace-based' | 'relationships';
  /** Natural-key members (position, name, path) that are education organization ids or people's unique ids. */
  subjects: { position: number; name: string; path: Path; person?: PersonDef }[];
  /** The key position of `namespace` (namespace-based resources). */
  namespace?: { position: number; path: Path };
  /** A person resource: who it is. */
  person?: PersonDef;
}

const securables = new WeakMap<ResourceEntry, Securables>();

/** The securables of a resource, derived from its model once. */
export function securablesOf(authz: AuthorizationModel, entry: ResourceEntry): Securables {
  let s = securables.get(entry);
  if (s) return s;
  const model = entry.model;
  const establishing = authz.establishing.get(model.name);
  const subjects: Securables['subjects'] = [];
  let namespace: Securables['namespace'];
  model.keyFields.forEach((k, position) => {
    const path = entry.keyPaths[position];
    if (k.name === 'namespace') namespace = { position, path };
    if (authz.educationOrganizationIdMembers.has(k.name)) subjects.push({ position, name: k.name, path });
    const person = authz.people.find((p) => p.member === k.name);
    if (person && !establishing?.has(k.name)) subjects.push({ position, name: k.name, path, person });
  });
  const person = authz.people.find((p) => p.resource === model.name);
  const kind: Securables['kind'] = model.isDescriptor
    ? 'descriptor'
    : model.superclass === 'EducationOrganization'
      ? 'education-organization'
      : person
        ? 'person'
        : namespace
          ? 'namespace-based'
          : 'relationships';
  s = { kind, subjects, namespace, person };
  securables.set(entry, s);
  return s;
}
