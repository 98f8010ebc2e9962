import { resolve } from 'node:path';
import request from 'supertest';
import type { Client } from '../../src/auth/clients';
import { createApp } from '../../src/http/app';
import { type Registry, loadRegistry } from '../../src/model/registry';
import type { Env } from '../../src/pipeline/context';
import { type EnvOptions, createEnv } from '../../src/pipeline/create-env';
import { createLogger } from '../../src/util/logger';

/** The committed schemas folder. */
export const SCHEMAS = resolve(__dirname, '..', '..', 'schemas');
/** The client every test authenticates as. */
export const CLIENT: Client = {
  key: 'testkey',
  secret: 'testsecret',
  name: 'Test client',
  educationOrganizationIds: [255901],
  namespacePrefixes: ['uri://ed-fi.org'],
};

let shared: Registry | undefined;
/** The DS 5.0 registry, loaded once per test file. */
export const registry = (): Registry => (shared ??= loadRegistry(SCHEMAS, '5.0'));

/** A fresh server (empty store, default descriptors) with a supertest agent and a token helper. */
export function testServer(overrides: Partial<EnvOptions> = {}) {
  const env: Env = createEnv({ schemasDir: SCHEMAS, registry: registry(), clients: [CLIENT], logger: createLogger('silent'), tokenLimit: 0, ...overrides });
  const app = createApp(env);
  const http = request(app);
  let token: string | undefined;
  const auth = async (): Promise<string> => {
    if (!token) {
      const res = await http.post('/oauth/token').auth(CLIENT.key, CLIENT.secret).type('form').send({ grant_type: 'client_credentials' });
      token = res.body.access_token as string;
    }
    return token;
  };
  const bearer = async () => ({ Authorization: `Bearer ${await auth()}` });
  return {
    env,
    app,
    http,
    auth,
    post: async (path: string, body: unknown) =>
      http
        .post(`/data/v3${path}`)
        .set(await bearer())
        .send(body as object),
    put: async (path: string, body: unknown) =>
      http
        .put(`/data/v3${path}`)
        .set(await bearer())
        .send(body as object),
    get: async (path: string) => http.get(`/data/v3${path}`).set(await bearer()),
    del: async (path: string) => http.delete(`/data/v3${path}`).set(await bearer()),
  };
}

/** The test server type. */
export type TestServer = ReturnType<typeof testServer>;

/** The id at the end of a Location header. */
export const idOf = (location: string | undefined): string => String(location).split('/').pop()!;
