import type { Env } from '../pipeline/context';
import type { ApiResponse } from '../pipeline/types';
import type { ResourceEntry } from '../model/registry';
import type { StoredDocument } from '../store/document-store';
import { keyParts } from '../store/key-codec';
import type { CorrelationId } from '../util/brand';
import { pascalCase } from '../util/inflect';
import { type Path, valueAt } from '../util/paths';
import type { ClaimSetDef, Securables } from './authorization-model';
import { securablesOf } from './authorization-model';
import { type RelationshipIndex, createRelationshipIndex } from './relationships';
import type { Token } from './tokens';

/** What a token may do: its claim set, the education organizations it claims (its scope narrows them), its namespaces. */
export interface Access {
  claimSetName: string;
  claimSet: ClaimSetDef;
  /** Ascending. */
  claims: number[];
  prefixes: string[];
  /** The claim set checks nothing (Ed-Fi Sandbox, or no claims at all): only ownership is checked. */
  unrestricted: boolean;
  /** Ownership-based authorization: the tokens whose items the client may access (absent: not checked). */
  ownership?: Set<string>;
}

/** The claim set of a client that names education organizations but no claim set (Ed-Fi Admin API's default). */
export const DEFAULT_CLAIM_SET = 'SIS Vendor';

/**
 * What a token's client may do, or undefined when nothing restricts it: a client with neither education organizations
 * nor a claim set (the development client, as before authorization was modeled), or the Ed-Fi Sandbox claim set.
 */
export function accessOf(env: Env, token: Token | undefined): Access | undefined {
  const client = token?.client;
  if (!client) return undefined;
  const tokens = [...(client.ownershipToken ? [client.ownershipToken] : []), ...(client.ownershipTokens ?? [])];
  const ownership = tokens.length ? new Set(tokens) : undefined;
  const claimed = !!client.claimSetName || !!client.educationOrganizationIds?.length;
  const claimSetName = client.claimSetName ?? (claimed ? DEFAULT_CLAIM_SET : 'Ed-Fi Sandbox');
  const claimSet = env.authz.claimSets.get(claimSetName);
  const unrestricted = !claimSet || !!claimSet.unrestricted;
  if (unrestricted && !ownership) return undefined;
  const claims = (token!.scope !== undefined ? [Number(token!.scope)] : (client.educationOrganizationIds ?? [])).slice().sort((a, b) => a - b);
  return { claimSetName, claimSet: claimSet ?? {}, claims, prefixes: client.namespacePrefixes ?? [], unrestricted, ...(ownership ? { ownership } : {}) };
}

const indexes = new WeakMap<object, RelationshipIndex>();
/** The relationship index of an instance's store (made on first use). */
function indexOf(env: Env): RelationshipIndex {
  let index = indexes.get(env.store);
  if (!index) indexes.set(env.store, (index = createRelationshipIndex(env.store, env.authz)));
  return index;
}

/** ODS's action URIs and resource claim URIs, as its messages name them. */
const ACTION_URI = (action: string) => `http://ed-fi.org/odsapi/actions/${action.toLowerCase()}`;
const DOMAIN: Record<Securables['kind'], string> = {
  descriptor: 'systemDescriptors',
  'education-organization': 'educationOrganizations',
  person: 'people',
  'namespace-based': 'assessmentMetadata',
  relationships: 'relationshipBasedData',
};
const claimUris = (entry: ResourceEntry, kind: Securables['kind']) => [
  `http://ed-fi.org/ods/identity/claims/${entry.model.schema}/${entry.model.name.charAt(0).toLowerCase()}${entry.model.name.slice(1)}`,
  `http://ed-fi.org/ods/identity/claims/domains/${DOMAIN[kind]}`,
];

export type Action = 'Create' | 'Read' | 'Update' | 'Delete';

/** A claim set that does not grant the action on the resource (ODS `ClaimSetRequestEvaluator`): the 403 it answers. */
export function deniedAction(env: Env, access: Access, entry: ResourceEntry, action: Action, cid: CorrelationId): ApiResponse | undefined {
  if (action === 'Read' || access.unrestricted) return undefined;
  const { claimSet } = access;
  const kind = securablesOf(env.authz, entry).kind;
  const allowed = claimSet.write !== 'none' && (!claimSet.writable || claimSet.writable.includes(kind) || claimSet.writable.includes(entry.model.name));
  if (allowed) return undefined;
  return env.problems.authorizationDenied(cid, {
    detail: 'Access to the requested data could not be authorized. You do not have permissions to perform the requested operation on the data.',
    typeParts: ['access-denied', 'action'],
    error: `The API client's assigned claim set (currently '${access.claimSetName}') must grant permission of the '${ACTION_URI(action)}' action on one of the following resource claims: '${claimUris(entry, kind).join("', '")}'.`,
  });
}

/** A value of an item at a key position: from a body being written, or from a stored document's key. */
export type ValueOf = (position: number, path: Path) => unknown;
export const bodyValues =
  (body: unknown): ValueOf =>
  (_position, path) =>
    valueAt(body, path);
export const keyValues = (doc: StoredDocument): ValueOf => {
  const parts = keyParts(doc.key);
  return (position) => parts[position];
};

/** The claims as ODS's messages show them: ascending, at most five, then `...`; `none` without any. */
const claimsText = (claims: number[]) => (claims.length ? [...claims.slice(0, 5).map(String), ...(claims.length > 5 ? ['...'] : [])].join(', ') : 'none');

/** Why an item is refused: its owner, its namespace, or the subjects of its key that no claim reaches (with their hints). */
type Refusal = { kind: 'ownership' } | { kind: 'namespace' } | { kind: 'relationships'; failed: { name: string; hint?: string }[] };

/**
 * Whether an item (its values) may be read or written by the access: relationship-based (every education
 * organization of its natural key reached by the claims, every person in it tied to one), namespace-based (assessment
 * metadata and descriptors), people readable once associated, organizations by the hierarchy. Undefined: allowed.
 */
function refusal(env: Env, access: Access, entry: ResourceEntry, values: ValueOf, action: Action, people = true, stored?: StoredDocument): Refusal | undefined {
  const s = securablesOf(env.authz, entry);
  // Ownership (when the client has tokens): a stored item must carry one of them; descriptors and organizations are shared.
  if (
    access.ownership &&
    stored &&
    s.kind !== 'descriptor' &&
    s.kind !== 'education-organization' &&
    !(stored.owner !== undefined && access.ownership.has(stored.owner))
  )
    return { kind: 'ownership' };
  if (access.unrestricted || (action === 'Read' && access.claimSet.read === 'all')) return undefined;
  if (s.kind === 'descriptor' && action === 'Read') return undefined;
  if (s.kind === 'descriptor' || s.kind === 'namespace-based') {
    const ns = s.namespace ? values(s.namespace.position, s.namespace.path) : undefined;
    if (ns === undefined && s.kind === 'namespace-based') return undefined;
    return typeof ns === 'string' && access.prefixes.some((p) => ns.startsWith(p)) ? undefined : { kind: 'namespace' };
  }
  // Organizations and people may be created before any relationship to them exists (and read: organizations).
  if (s.kind === 'education-organization' && action === 'Read') return undefined;
  if (s.kind === 'person' && action === 'Create') return undefined;
  const index = indexOf(env);
  const reach = index.reach(access.claims);
  // ODS's "inverted" relationships: what an organization above the claims owns (a state's programs, a district's
  // courses) is readable, not writable.
  const above = action === 'Read' ? index.above(access.claims) : undefined;
  const failed: { name: string; hint?: string }[] = [];
  for (const subject of s.subjects) {
    if (subject.person && !people) continue;
    const v = values(subject.position, subject.path);
    if (v === undefined || v === null) continue;
    const ok = subject.person ? index.personIn(subject.person, String(v), reach) : reach.has(String(v)) || !!above?.has(String(v));
    if (!ok) failed.push({ name: pascalCase(subject.name), hint: subject.person?.hint });
  }
  if (!failed.length) return undefined;
  // A new organization is authorized by the organization above it (a district creating its school).
  if (s.kind === 'education-organization' && action === 'Create' && parentReached(env, entry, values, reach)) return undefined;
  return { kind: 'relationships', failed };
}

/** The 403 ODS answers for an item the access may not read or write, or undefined when it may. */
export function deniedItem(
  env: Env,
  access: Access,
  entry: ResourceEntry,
  values: ValueOf,
  action: Action,
  cid: CorrelationId,
  stored?: StoredDocument,
): ApiResponse | undefined {
  const r = refusal(env, access, entry, values, action, true, stored);
  if (!r) return undefined;
  if (r.kind === 'ownership')
    return env.problems.authorizationDenied(cid, {
      detail: 'Access to the requested data could not be authorized. The item is not owned by the caller.',
      typeParts: ['ownership', 'access-denied', 'ownership-mismatch'],
    });
  if (r.kind === 'namespace')
    return env.problems.authorizationDenied(cid, {
      detail: `Access to the requested data could not be authorized. The 'Namespace' value of the data does not start with any of the caller's associated namespace prefixes ('${access.prefixes.join("', '")}').`,
      typeParts: ['namespace', 'access-denied', 'namespace-mismatch'],
    });
  const names = [...new Set(r.failed.map((f) => f.name))].sort();
  const hints = [...new Set(r.failed.map((f) => f.hint).filter((h): h is string => !!h))];
  const claim = access.claims.length === 1 ? 'claim' : 'claims';
  const error =
    names.length === 1
      ? `No relationships have been established between the caller's education organization id ${claim} (${claimsText(access.claims)}) and the resource item's '${names[0]}' value.`
      : `No relationships have been established between the caller's education organization id ${claim} (${claimsText(access.claims)}) and one or more of the following properties of the resource item: '${names.join("', '")}'.`;
  return env.problems.authorizationDenied(cid, {
    detail: `Access to the requested data could not be authorized.${hints.length ? ` Hint: ${hints.join(' ')}` : ''}`,
    typeParts: [],
    error,
  });
}

function parentReached(env: Env, entry: ResourceEntry, values: ValueOf, reach: Set<string>): boolean {
  const paths = env.authz.hierarchy.get(entry.model.name) ?? [];
  return paths.some((p) => {
    const v = values(-1, p);
    return v !== undefined && reach.has(String(v));
  });
}

/**
 * The items of a resource the access may read, as a predicate over stored documents (their natural keys: no body is
 * parsed), or undefined when it may read them all. Collections, counts, cursor pages and change queries apply it
 * before paging, so pages and Total-Count hold only what the client may see.
 */
export function readFilter(env: Env, access: Access | undefined, entry: ResourceEntry): ((doc: StoredDocument) => boolean) | undefined {
  if (!access || (!access.ownership && (access.unrestricted || access.claimSet.read === 'all'))) return undefined;
  const s = securablesOf(env.authz, entry);
  if (s.kind === 'descriptor' || s.kind === 'education-organization') return undefined;
  if (!access.ownership && s.kind !== 'namespace-based' && !s.subjects.length) return undefined;
  return (doc) => !refusal(env, access, entry, keyValues(doc), 'Read', true, doc);
}

/**
 * The change records (`/deletes`, `/keyChanges`) the access may read, as a predicate over the body a record keeps.
 * Organizations and namespaces are checked; people are not: ODS keeps a deleted student's relationships for its
 * change queries ("including deletes" views), while edfi-mock's index holds the current associations only.
 */
export function changeFilter(env: Env, access: Access | undefined, entry: ResourceEntry): ((body: string) => boolean) | undefined {
  if (!access || access.unrestricted || access.claimSet.read === 'all') return undefined;
  const s = securablesOf(env.authz, entry);
  if (s.kind === 'descriptor' || s.kind === 'education-organization' || s.kind === 'person') return undefined;
  return (body) => !refusal(env, access, entry, bodyValues(JSON.parse(body)), 'Read', false);
}
