import type { Answer, Target } from './target';

/** A header of an answer, whatever the case of its name (HTTP targets and the in-process one spell them differently). */
export const headerOf = (answer: Answer, name: string): string | undefined =>
  Object.entries(answer.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** Tokens per target and client, fetched once. */
const tokens = new WeakMap<Target, Map<string, Promise<string>>>();

export async function tokenFor(target: Target, client: string): Promise<string> {
  let byClient = tokens.get(target);
  if (!byClient) tokens.set(target, (byClient = new Map()));
  let t = byClient.get(client);
  if (!t) {
    const creds = target.credentials(client);
    if (!creds) throw new Error(`no credentials for client '${client}' (pass --client ${client}=KEY:SECRET)`);
    t = target
      .send('POST', '/oauth/token', 'grant_type=client_credentials', {
        Authorization: `Basic ${Buffer.from(`${creds.key}:${creds.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      .then((a) => {
        if (a.status !== 200) throw new Error(`token for client '${client}': ${a.status} ${a.text}`);
        return (JSON.parse(a.text) as { access_token: string }).access_token;
      });
    byClient.set(client, t);
  }
  return t;
}

/** A body as JSON when it parses, else the text. */
export const parse = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** `a.b[0].c` of a parsed body. */
export function at(value: unknown, path: string): unknown {
  let cur = value;
  for (const seg of path.split(/\.|\[(\d+)\]/).filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
