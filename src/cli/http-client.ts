/** What the CLI commands that talk to a running server (validate, snapshot) share: JSON requests and a token. */

/** Fetches a body as text, turning every way it can fail into a sentence that says what to check (no stack trace). */
export async function fetchText(url: string, init: RequestInit): Promise<{ text: string; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message} (is edfi-mock serving there? --url sets the address)`, {
      cause: err,
    });
  }
  const text = await res.text();
  // ODS/API 7.x answers bad client credentials with 401, 5.x/6.x with 400.
  if ((res.status === 401 || res.status === 400) && url.endsWith('/oauth/token'))
    throw new Error(
      `${url} refused the key and secret (${res.status}${text ? `: ${text}` : ''}): is this the server that printed them? --url sets the address`,
    );
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}${text ? `: ${text}` : ''}`);
  return { text, headers: res.headers };
}

/** Fetches JSON (see fetchText for the errors). */
export async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  const { text } = await fetchText(url, init);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${url} did not answer JSON (is it an edfi-mock server?): ${text.slice(0, 200)}`);
  }
}

/** A bearer token for a client of the server at `base` (client-credentials grant). */
export async function clientToken(base: string, key: string, secret: string): Promise<string> {
  const auth = Buffer.from(`${key}:${secret}`).toString('base64');
  const token = (await fetchJson(`${base}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  })) as { access_token: string };
  return token.access_token;
}
