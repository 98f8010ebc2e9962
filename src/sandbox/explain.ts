import type { Registry } from '../model/registry';
import type { JournalEntry } from '../pipeline/request-journal';

/** A refused request in plain words: what happened, where in the body (a JSON path), and what to do next. */
export interface Explanation {
  summary: string;
  path?: string;
  next: string;
}

const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');
/** `StudentSchoolAssociation` -> `/ed-fi/studentSchoolAssociations` when the registry serves it. */
const routeOf = (registry: Registry | undefined, entity: string) => {
  const entry = registry?.byName.get(entity);
  return entry ? entry.route : undefined;
};

/** The entity a 5.x/6.x message names in camel case (`'courseOffering'`), as the model names it. */
function entityNamed(registry: Registry | undefined, name: string): string {
  const lower = name.toLowerCase();
  for (const entity of registry?.byName.keys() ?? []) if (entity.toLowerCase() === lower) return entity;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Explains an unresolved reference: which reference of the body, and what to create first. */
function unresolved(registry: Registry | undefined, resource: string | undefined, target: string): Explanation {
  const entry = resource ? registry?.byName.get(resource) : undefined;
  const ref = entry?.model.references.find((r) => r.target === target) ?? entry?.model.references.find((r) => registry?.abstracts.has(r.target));
  const route = routeOf(registry, target);
  const what = resource ?? 'The item';
  return {
    summary: `${what} refers to ${article(target)} ${target} that does not exist in this data set.`,
    path: ref ? `$.${ref.path}` : undefined,
    next: `Create the ${target} first${route ? ` (POST ${route})` : ''}: ${what} depends on ${target}. Check that every value of the reference matches the ${target}'s key exactly.`,
  };
}

/** One validation message (`$.path: text`) in plain words. */
function invalid(registry: Registry | undefined, text: string): Explanation {
  const m = /^(\$[^:]*): (.*)$/.exec(text);
  const path = m?.[1];
  const message = m?.[2] ?? text;
  const descriptor = /^(\w+Descriptor) value '([^']*)' does not exist/.exec(message);
  if (descriptor) {
    const route = routeOf(registry, descriptor[1]);
    return {
      summary: `'${descriptor[2]}' is not a ${descriptor[1]} this data set knows.`,
      path,
      next: `Use one of the values listed by GET ${route ?? `the ${descriptor[1]}s`} (namespace#codeValue, e.g. uri://ed-fi.org/...#...), or create it first.`,
    };
  }
  if (/is required/.test(message))
    return { summary: message, path, next: `Add ${path && path !== '$' ? `the member at ${path}` : 'a body'} and send the request again.` };
  if (/must match/.test(message)) return { summary: message, path, next: 'Give every reference the same value for that key member (they name one item).' };
  return { summary: message, path, next: `Correct the value${path ? ` at ${path}` : ''} and send the request again.` };
}

/**
 * Explains a refused request from its journal entry (status, resource and error texts), in the words a trainee needs:
 * undefined for an answer that was not a refusal.
 */
export function explain(entry: JournalEntry, registry: Registry | undefined): Explanation | undefined {
  if (entry.status < 400) return undefined;
  const errors = entry.errors ?? [];
  const all = errors.join(' ');
  const missing = /The referenced '(\w+)' item does not exist|The value supplied for the related '(\w+)' resource does not exist/.exec(all);
  if (missing) return unresolved(registry, entry.resource, missing[1] ?? entityNamed(registry, missing[2]));
  const dependent = /referenced by an existing '(\w+)' item|dependency of the '(\w+)' entity/.exec(all);
  if (dependent) {
    const holder = dependent[1] ?? entityNamed(registry, dependent[2]);
    return {
      summary: `Other items still refer to this ${entry.resource ?? 'item'}: ${article(holder)} ${holder}.`,
      next: `Delete the ${holder} items that refer to it first (a Grade goes before its StudentSectionAssociation, a StudentSectionAssociation before its Section), then delete this one.`,
    };
  }
  if (/\/oauth\/token\/?$/i.test(entry.path) && (entry.status === 400 || entry.status === 401))
    return {
      summary: `The token request was refused${errors.length ? ` (${errors.join(', ')})` : ''}.`,
      next: 'Check the key and secret (a rotated secret replaces the old one), and send grant_type=client_credentials.',
    };
  const pathed = errors.find((e) => e.startsWith('$'));
  if (pathed) return invalid(registry, pathed);
  switch (entry.status) {
    case 401:
      return {
        summary: errors[0] ?? 'The request has no valid token.',
        next: 'Get a token from /oauth/token with your key and secret and send it as Authorization: Bearer <token> (tokens last 30 minutes).',
      };
    case 403:
      return {
        summary: errors.join(' ') || 'The request is not allowed.',
        next: 'A state rule or a limit of this sandbox refused it: read the reason, change the data, and send it again.',
      };
    case 404:
      return {
        summary: 'Nothing is at that address.',
        next: 'Check the resource name and the id (GET the collection to find ids), and the school year in the path.',
      };
    case 405:
      return { summary: 'That method is not allowed there.', next: 'Use POST on a collection, GET/PUT/DELETE on an item by id.' };
    case 409:
      return {
        summary: errors.join(' ') || 'The request conflicts with stored data.',
        next: 'Read the reason: usually another item with the same natural key exists, or one refers to this.',
      };
    case 412:
      return {
        summary: 'The item changed since you read it (If-Match did not match its ETag).',
        next: 'GET the item again and send its new ETag in If-Match.',
      };
    case 413:
      return { summary: errors[0] ?? 'The body is too large.', next: 'Send smaller requests: one item per POST.' };
    case 415:
      return { summary: 'The body was not sent as JSON.', next: 'Send Content-Type: application/json.' };
    case 429:
      return { summary: errors.join(' ') || 'Too many tokens.', next: 'Reuse your token until it expires instead of asking for a new one per request.' };
    default:
      return {
        summary: errors.join(' ') || `The API answered ${entry.status}.`,
        next: entry.status >= 500 ? 'Try again in a moment.' : 'Read the reason and correct the request.',
      };
  }
}
