import { startServer } from '../../src/cli/serve';

export const ADMIN_KEY = 'test-admin-key-1';

/** A running server with training sandboxes (the admin key above), over memory, a journal (`data`) or PostgreSQL (`store`). */
export async function sandboxServer(storage: { data?: string; store?: string } = {}) {
  const server = await startServer({
    profile: 'edfi',
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    tokenLimit: 0,
    bodyLimit: 1 << 20,
    journalSize: 100,
    key: 'main-key',
    secret: 'main-secret',
    adminKey: ADMIN_KEY,
    ...storage,
  });
  const call = async (method: string, path: string, o: { token?: string; admin?: boolean; body?: unknown; basic?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (o.admin) headers.Authorization = `Bearer ${ADMIN_KEY}`;
    if (o.token) headers.Authorization = `Bearer ${o.token}`;
    if (o.basic) headers.Authorization = `Basic ${Buffer.from(o.basic).toString('base64')}`;
    if (o.body !== undefined) headers['Content-Type'] = o.basic ? 'application/x-www-form-urlencoded' : 'application/json';
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: typeof o.body === 'string' ? o.body : o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, body: body as Record<string, unknown> & unknown[], headers: res.headers };
  };
  /** A token of a client (key and secret), through the public token endpoint. */
  const token = async (key: string, secret: string) => {
    const res = await call('POST', '/oauth/token', { basic: `${key}:${secret}`, body: 'grant_type=client_credentials' });
    return res.body.access_token as string | undefined;
  };
  /** A new sandbox: its answer, and a token of its client. */
  const sandbox = async (spec: Record<string, unknown> = {}) => {
    const res = await call('POST', '/admin/sandboxes', { admin: true, body: spec });
    if (res.status !== 201) throw new Error(`sandbox not created: ${res.status} ${JSON.stringify(res.body)}`);
    const b = res.body as unknown as { id: string; key: string; secret: string; documents: number };
    return { ...b, token: (await token(b.key, b.secret))! };
  };
  return { ...server, call, token, sandbox };
}
