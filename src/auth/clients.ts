import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An API client (key/secret pair) as configured in the clients file. */
export interface Client {
  key: string;
  secret: string;
  name: string;
  /** Education organizations the client is associated with (OAuth `scope` must name one of them). */
  educationOrganizationIds?: number[];
  /** Descriptor/assessment namespace prefixes: namespace-based authorization and token_info. */
  namespacePrefixes?: string[];
  /**
   * The claim set (Ed-Fi Admin API's `claimSetName`): `SIS Vendor`, `District Hosted SIS Vendor`, `Assessment Vendor`,
   * `Ed-Fi API Publisher - Reader` or `Ed-Fi Sandbox` (everything). A client with education organizations and no claim
   * set is an SIS Vendor; one with neither may do everything (the development client).
   */
  claimSetName?: string;
  /**
   * Ownership-based authorization (ODS's optional ownership tokens): what this client creates is stamped with its
   * token, and it reads and changes only items stamped with its token or one of `ownershipTokens`.
   */
  ownershipToken?: string;
  /** Further ownership tokens whose items this client may access. */
  ownershipTokens?: string[];
  /** State profile attributes, e.g. WI {"configurationProfile": "Choice"}; the profile's defaults apply when absent. */
  attributes?: Record<string, string>;
}

/** The claim sets a client may name (schemas/authorization.json defines what each allows). */
export const CLAIM_SETS = ['SIS Vendor', 'District Hosted SIS Vendor', 'Assessment Vendor', 'Ed-Fi API Publisher - Reader', 'Ed-Fi Sandbox'];

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Compares two secrets in constant time (digests have equal length whatever the inputs). */
export const safeEqual = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/** Finds the client whose key and secret both match, comparing every candidate in constant time. */
export function findClient(clients: readonly Client[], key: string, secret: string): Client | undefined {
  let found: Client | undefined;
  for (const c of clients) {
    const keyOk = safeEqual(c.key, key);
    const secretOk = safeEqual(c.secret, secret);
    if (keyOk && secretOk) found = c;
  }
  return found;
}

/** A development client with random credentials, printed at start-up when no clients file is given. */
export function developmentClient(): Client {
  const alnum = (n: number) =>
    randomBytes(n * 2)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, n);
  return { key: alnum(12), secret: alnum(24), name: 'Development client', namespacePrefixes: ['uri://ed-fi.org'] };
}

/** Validates a parsed clients file (a JSON array of {key, secret, name}); returns a list of problems. */
export function checkClients(value: unknown): { clients: Client[]; errors: string[] } {
  const errors: string[] = [];
  if (!Array.isArray(value)) return { clients: [], errors: ['the clients file must contain a JSON array of {"key","secret","name"} objects'] };
  const clients: Client[] = [];
  value.forEach((c: unknown, i) => {
    const o = c as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') return errors.push(`item ${i}: not an object`);
    for (const f of ['key', 'secret'] as const) if (typeof o[f] !== 'string' || !o[f]) errors.push(`item ${i}: "${f}" must be a non-empty string`);
    if (o.educationOrganizationIds !== undefined && !(Array.isArray(o.educationOrganizationIds) && o.educationOrganizationIds.every(Number.isInteger))) {
      errors.push(`item ${i}: "educationOrganizationIds" must be an array of integers`);
    }
    if (typeof o.key === 'string' && clients.some((k) => k.key === o.key)) errors.push(`item ${i}: duplicate key "${o.key}"`);
    if (o.claimSetName !== undefined && !(typeof o.claimSetName === 'string' && CLAIM_SETS.includes(o.claimSetName)))
      errors.push(`item ${i}: "claimSetName" must be one of ${CLAIM_SETS.map((c) => `"${c}"`).join(', ')}`);
    if (o.ownershipToken !== undefined && !(typeof o.ownershipToken === 'string' && o.ownershipToken))
      errors.push(`item ${i}: "ownershipToken" must be a non-empty text`);
    if (o.ownershipTokens !== undefined && !(Array.isArray(o.ownershipTokens) && o.ownershipTokens.every((t) => typeof t === 'string' && t)))
      errors.push(`item ${i}: "ownershipTokens" must be an array of texts`);
    if (o.namespacePrefixes !== undefined && !(Array.isArray(o.namespacePrefixes) && o.namespacePrefixes.every((p) => typeof p === 'string' && p)))
      errors.push(`item ${i}: "namespacePrefixes" must be an array of texts, e.g. ["uri://ed-fi.org"]`);
    const attrs = o.attributes as Record<string, unknown> | undefined;
    if (
      attrs !== undefined &&
      (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs) || Object.values(attrs).some((v) => typeof v !== 'string'))
    ) {
      errors.push(`item ${i}: "attributes" must be an object of strings, e.g. {"configurationProfile": "Choice"}`);
    }
    clients.push({
      key: String(o.key),
      secret: String(o.secret),
      name: typeof o.name === 'string' ? o.name : String(o.key),
      educationOrganizationIds: o.educationOrganizationIds as number[] | undefined,
      namespacePrefixes: Array.isArray(o.namespacePrefixes) ? (o.namespacePrefixes as string[]) : ['uri://ed-fi.org'],
      ...(typeof o.claimSetName === 'string' ? { claimSetName: o.claimSetName } : {}),
      ...(typeof o.ownershipToken === 'string' ? { ownershipToken: o.ownershipToken } : {}),
      ...(Array.isArray(o.ownershipTokens) ? { ownershipTokens: o.ownershipTokens as string[] } : {}),
      ...(attrs && typeof attrs === 'object' ? { attributes: attrs as Record<string, string> } : {}),
    });
    return undefined;
  });
  return { clients, errors };
}
