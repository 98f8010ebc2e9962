import { resolve } from 'node:path';
import request from 'supertest';
import type { Client } from '../../src/auth/clients';
import { createApp } from '../../src/http/app';
import { createProfileHost } from '../../src/pipeline/host';
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
  // Everything: the tests of the API's behavior are not about authorization (test/integration/authorization.test.ts is).
  claimSetName: 'Ed-Fi Sandbox',
  namespacePrefixes: ['uri://ed-fi.org'],
};

let shared: Registry | undefined;
/** The DS 5.2 registry (ODS/API 7.3's default), loaded once per test file. */
export const registry = (): Registry => (shared ??= loadRegistry(SCHEMAS, '5.2'));

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

/** A WI district client (configuration profile Public) and a Choice school client, for state-profile tests. */
export const PUBLIC_CLIENT: Client = {
  ...CLIENT,
  key: 'publickey',
  secret: 'publicsecret',
  name: 'Public district',
  attributes: { configurationProfile: 'Public' },
};
export const CHOICE_CLIENT: Client = {
  ...CLIENT,
  key: 'choicekey',
  secret: 'choicesecret',
  name: 'Choice school',
  attributes: { configurationProfile: 'Choice' },
};

/** A WI client whose configuration profile is Choice + Private Opt In. */
export const OPT_IN_CLIENT: Client = {
  ...CHOICE_CLIENT,
  key: 'optinkey',
  secret: 'optinsecret',
  name: 'Choice + opt-in',
  attributes: { configurationProfile: 'Choice + Private Opt In' },
};

/** A server for every year of a state profile, with helpers addressing one year's data API as a given client. */
export function profileServer(profile: string, clients: Client[] = [PUBLIC_CLIENT, CHOICE_CLIENT, OPT_IN_CLIENT], years?: number[]) {
  const host = createProfileHost({ schemasDir: SCHEMAS, profile, clients, logger: createLogger('silent'), tokenLimit: 0, years });
  const app = createApp(host);
  const http = request(app);
  const tokens = new Map<string, string>();
  const bearer = async (client: Client) => {
    let token = tokens.get(client.key);
    if (!token) {
      const res = await http.post('/oauth/token').auth(client.key, client.secret).type('form').send({ grant_type: 'client_credentials' });
      tokens.set(client.key, (token = res.body.access_token as string));
    }
    return { Authorization: `Bearer ${token}` };
  };
  const year = (schoolYear: number, client: Client = clients[0]) => {
    const env = host.byYear.get(schoolYear);
    if (!env) throw new Error(`no year ${schoolYear}`);
    const data = env.urls.data;
    return {
      env,
      data,
      post: async (path: string, body: unknown) =>
        http
          .post(`${data}${path}`)
          .set(await bearer(client))
          .send(body as object),
      put: async (path: string, body: unknown) =>
        http
          .put(`${data}${path}`)
          .set(await bearer(client))
          .send(body as object),
      get: async (path: string) => http.get(`${data}${path}`).set(await bearer(client)),
      del: async (path: string) => http.delete(`${data}${path}`).set(await bearer(client)),
      validations: async () => http.get(`/${schoolYear}/validations`).set(await bearer(client)),
    };
  };
  return { host, app, http, bearer, year };
}
