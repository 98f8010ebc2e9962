import { CLAIM_SETS, type Client } from '../auth/clients';
import type { Profile } from '../pipeline/profile';
import { instancesOf, withDataStandard } from '../pipeline/profile';
import { SCHEMAS_DIR } from '../schemas-dir';
import type { SandboxSpec } from './fleet';
import { TEMPLATE_NAMES, type TemplateName } from './templates';

const MEMBERS = [
  'name',
  'profile',
  'dataStandard',
  'years',
  'template',
  'students',
  'seed',
  'limits',
  'attributes',
  'educationOrganizationIds',
  'claimSetName',
  'namespacePrefixes',
  'ownershipToken',
];
/** The largest generated district a sandbox may ask for (a server's memory holds about 28 documents per student). */
export const MAX_STUDENTS = 100_000;

const whole = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Reads a sandbox request (`POST /admin/sandboxes`, `edfi-mock sandbox create`): every problem at once, unknown
 * members named (a typo must not silently give the default).
 */
export function parseSandboxSpec(body: unknown, profileOf: (name: string) => Profile, dataStandardsDir = SCHEMAS_DIR): SandboxSpec | { errors: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { errors: ['The body must be a JSON object.'] };
  const b = body as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of Object.keys(b)) if (!MEMBERS.includes(k)) errors.push(`Unknown member '${k}' (known: ${MEMBERS.join(', ')}).`);
  if (b.name !== undefined && (typeof b.name !== 'string' || !b.name.trim() || b.name.length > 100)) errors.push("'name' must be text of 1 to 100 characters.");
  const template = (b.template ?? 'empty') as TemplateName;
  if (!TEMPLATE_NAMES.includes(template)) errors.push(`'template' must be one of ${TEMPLATE_NAMES.join(', ')}.`);
  let profile: Profile | undefined;
  try {
    profile = profileOf(typeof b.profile === 'string' ? b.profile : 'edfi');
  } catch (err) {
    errors.push((err as Error).message);
  }
  if (b.dataStandard !== undefined && profile) {
    try {
      profile = withDataStandard(profile, String(b.dataStandard), dataStandardsDir);
    } catch (err) {
      errors.push(`'dataStandard': ${(err as Error).message}.`);
    }
  }
  const years = b.years as number[] | undefined;
  if (years !== undefined) {
    const offered = profile ? instancesOf(profile).map((i) => i.schoolYear) : [];
    if (!Array.isArray(years) || !years.length || !years.every((y) => Number.isInteger(y))) errors.push("'years' must be a list of school years, e.g. [2026].");
    else if (profile && years.some((y) => !offered.includes(y)))
      errors.push(
        `Profile ${profile.name} has the school years ${offered.filter((y) => y !== undefined).join(', ') || '(none: it has no years)'}, not ${years.join(', ')}.`,
      );
  }
  if (b.students !== undefined && (template !== 'generated' || !whole(b.students, 1, MAX_STUDENTS)))
    errors.push(`'students' goes with the generated template: a whole number from 1 to ${MAX_STUDENTS}.`);
  if (b.seed !== undefined && !whole(b.seed, 0, 2 ** 31 - 1)) errors.push("'seed' must be a whole number, 0 or more.");
  const limits = b.limits as Record<string, unknown> | undefined;
  if (limits !== undefined) {
    if (!limits || typeof limits !== 'object' || Array.isArray(limits)) errors.push('\'limits\' must be an object: {"documents": n, "tokens": n}.');
    else {
      if (limits.documents !== undefined && !whole(limits.documents, 0, 100_000_000)) errors.push("'limits.documents' must be a whole number, 0 or more.");
      if (limits.tokens !== undefined && !whole(limits.tokens, 1, 100_000)) errors.push("'limits.tokens' must be a whole number, 1 or more.");
      for (const k of Object.keys(limits)) if (k !== 'documents' && k !== 'tokens') errors.push(`Unknown limit '${k}' (documents, tokens).`);
    }
  }
  const attributes = b.attributes as Record<string, unknown> | undefined;
  if (attributes !== undefined) {
    if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) errors.push("'attributes' must be an object of texts.");
    else
      for (const [k, v] of Object.entries(attributes)) {
        const known = profile?.clientAttributes?.[k];
        if (!known) errors.push(`Profile ${profile?.name ?? '?'} has no client attribute '${k}'.`);
        else if (typeof v !== 'string' || !known.values.includes(v))
          errors.push(`'attributes.${k}' must be one of ${known.values.map((x) => `"${x}"`).join(', ')}.`);
      }
  }
  const claims = clientClaims(b, errors);
  if (errors.length || !profile) return { errors };
  return {
    ...(b.name ? { name: (b.name as string).trim() } : {}),
    template: {
      name: template,
      profile: profile.name,
      ...(b.dataStandard !== undefined ? { dataStandard: String(b.dataStandard) } : {}),
      ...(years ? { years: [...years].sort((x, y) => x - y) } : {}),
      ...(template === 'generated' ? { students: (b.students as number | undefined) ?? 500, seed: (b.seed as number | undefined) ?? 1 } : {}),
    },
    ...(limits ? { limits: limits as SandboxSpec['limits'] } : {}),
    ...(attributes ? { attributes: attributes as Record<string, string> } : {}),
    ...(Object.keys(claims).length ? { claims } : {}),
  };
}

/**
 * A client's authorization claims in a request (Ed-Fi Admin API's members): education organizations, claim set,
 * namespace prefixes. Problems are added to `errors`.
 */
export function clientClaims(b: Record<string, unknown>, errors: string[]): ClientClaims {
  const out: ClientClaims = {};
  if (b.educationOrganizationIds !== undefined) {
    if (!Array.isArray(b.educationOrganizationIds) || !b.educationOrganizationIds.every((v) => Number.isInteger(v) && (v as number) > 0))
      errors.push("'educationOrganizationIds' must be a list of education organization ids, e.g. [255901].");
    else out.educationOrganizationIds = b.educationOrganizationIds as number[];
  }
  if (b.claimSetName !== undefined) {
    if (typeof b.claimSetName !== 'string' || !CLAIM_SETS.includes(b.claimSetName)) errors.push(`'claimSetName' must be one of ${CLAIM_SETS.join(', ')}.`);
    else out.claimSetName = b.claimSetName;
  }
  if (b.ownershipToken !== undefined) {
    if (typeof b.ownershipToken !== 'string' || !b.ownershipToken) errors.push("'ownershipToken' must be a non-empty text.");
    else out.ownershipToken = b.ownershipToken;
  }
  if (b.ownershipToken !== undefined) {
    if (typeof b.ownershipToken !== 'string' || !b.ownershipToken) errors.push("'ownershipToken' must be a non-empty text.");
    else out.ownershipToken = b.ownershipToken;
  }
  if (b.namespacePrefixes !== undefined) {
    if (!Array.isArray(b.namespacePrefixes) || !b.namespacePrefixes.every((v) => typeof v === 'string' && v))
      errors.push('\'namespacePrefixes\' must be a list of texts, e.g. ["uri://ed-fi.org"].');
    else out.namespacePrefixes = b.namespacePrefixes as string[];
  }
  return out;
}

/** The claims a sandbox client may carry. */
export type ClientClaims = Pick<Client, 'educationOrganizationIds' | 'claimSetName' | 'namespacePrefixes' | 'ownershipToken'>;
