import { CLIENT, testServer } from '../helpers/api';

const basic = (v: string) => `Basic ${Buffer.from(v).toString('base64')}`;

describe('POST /oauth/token', () => {
  it('issues a 32-hex bearer token for Basic credentials with a form body', async () => {
    const s = testServer();
    const res = await s.http
      .post('/oauth/token')
      .set('Authorization', basic(`${CLIENT.key}:${CLIENT.secret}`))
      .type('form')
      .send('grant_type=client_credentials');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{32}$/), expires_in: 1800, token_type: 'bearer' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('accepts credentials in a JSON body with case-insensitive names, and echoes a granted scope', async () => {
    const s = testServer();
    const res = await s.http
      .post('/oauth/token')
      .send({ Grant_Type: 'client_credentials', client_id: CLIENT.key, CLIENT_SECRET: CLIENT.secret, scope: '255901' });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('255901');
  });

  it.each([
    ['a header that is not "<scheme> <value>"', { Authorization: 'Basic' }, 'grant_type=client_credentials', 400, { error: 'invalid_request' }],
    ['bad base64', { Authorization: 'Basic ***' }, 'grant_type=client_credentials', 400, { error: 'invalid_request' }],
    ['a scheme other than Basic', { Authorization: 'Digest abcd' }, 'grant_type=client_credentials', 401, { error: 'invalid_client' }],
    ['a decoded value without a single colon', { Authorization: basic('nocolon') }, 'grant_type=client_credentials', 400, { error: 'invalid_client' }],
    [
      'credentials in both header and body',
      { Authorization: basic('a:b') },
      'grant_type=client_credentials&client_id=a&client_secret=b',
      400,
      { error: 'invalid_client' },
    ],
    ['no credentials at all', {}, 'grant_type=client_credentials', 401, { error: 'invalid_request' }],
    ['another grant type', {}, 'grant_type=password&client_id=testkey&client_secret=testsecret', 400, { error: 'unsupported_grant_type' }],
    ['an unknown key', {}, 'grant_type=client_credentials&client_id=nope&client_secret=testsecret', 401, { error: 'invalid_client' }],
    ['a wrong secret', {}, 'grant_type=client_credentials&client_id=testkey&client_secret=wrong', 401, { error: 'invalid_client' }],
    [
      'a non-numeric scope',
      {},
      'grant_type=client_credentials&client_id=testkey&client_secret=testsecret&scope=abc',
      400,
      {
        error: 'invalid_scope',
        error_description: "The supplied 'scope' was not a number (it should be an EducationOrganizationId that is explicitly associated with the client).",
      },
    ],
    [
      'a scope the client is not associated with',
      {},
      'grant_type=client_credentials&client_id=testkey&client_secret=testsecret&scope=1',
      400,
      {
        error: 'invalid_scope',
        error_description: "The client is not explicitly associated with the EducationOrganizationId specified in the requested 'scope'.",
      },
    ],
  ])('answers %s', async (_what, headers, body, status, expected) => {
    const s = testServer();
    const res = await s.http.post('/oauth/token').set(headers).type('form').send(body);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(expected);
  });

  it('answers 429 past the per-client active token limit', async () => {
    const s = testServer({ tokenLimit: 2 });
    const get = () => s.http.post('/oauth/token').auth(CLIENT.key, CLIENT.secret).type('form').send('grant_type=client_credentials');
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const third = await get();
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({
      type: 'urn:ed-fi:api:security:authentication:too-many-tokens',
      title: 'Too Many Tokens',
      errors: ['Too many access tokens have been requested (limit is 2). Access tokens should be reused until they expire.'],
    });
  });
});

describe('using the token', () => {
  it.each([
    ['no header', undefined, 'Authorization header is missing.'],
    ['another scheme', 'Basic abc', 'Unknown Authorization header scheme.'],
    ['Bearer without a value', 'Bearer', 'Missing Authorization header bearer token value.'],
    ['an unknown token', 'Bearer 0123456789abcdef0123456789abcdef', 'Invalid token'],
  ])('answers 401 problem+json for %s, without WWW-Authenticate', async (_what, header, error) => {
    const s = testServer();
    const req = s.http.get('/data/v3/ed-fi/students');
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.body).toEqual({
      detail: 'The caller could not be authenticated.',
      type: 'urn:ed-fi:api:security:authentication',
      title: 'Authentication Failed',
      status: 401,
      correlationId: expect.any(String),
      errors: [error],
    });
  });

  it('rejects an expired token', async () => {
    let now = 1_700_000_000_000;
    const s = testServer({ now: () => now });
    const token = await s.auth();
    now += 1801 * 1000;
    const res = await s.http.get('/data/v3/ed-fi/students').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual(['Invalid token']);
  });

  it('accepts the scheme in any case', async () => {
    const s = testServer();
    const res = await s.http.get('/data/v3/ed-fi/students').set('Authorization', `bEaReR ${await s.auth()}`);
    expect(res.status).toBe(200);
  });
});

describe('POST /oauth/token_info', () => {
  it('describes the caller own token', async () => {
    const s = testServer();
    const token = await s.auth();
    const res = await s.http.post('/oauth/token_info').set('Authorization', `Bearer ${token}`).type('form').send(`token=${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: true, client_id: CLIENT.key, namespace_prefixes: ['uri://ed-fi.org'], claim_set: { name: 'Ed-Fi Sandbox' } });
    expect(res.body.resources).toContainEqual({ resource: '/ed-fi/students', operations: ['Create', 'Read', 'Update', 'Delete', 'ReadChanges'] });
  });

  it.each([
    [
      'another token',
      '0123456789abcdef0123456789abcdef',
      'The authentication token and the token to inspect must match.',
      'The authentication token (header) and the token to inspect in the body must match.',
    ],
    ['a non-GUID', 'zzz', 'An invalid token was provided', 'The token was not present, or was not processable as a GUID value.'],
  ])('answers 400 for %s', async (_what, inspected, detail, error) => {
    const s = testServer();
    const res = await s.http
      .post('/oauth/token_info')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .type('form')
      .send(`token=${inspected}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe(detail);
    expect(res.body.errors).toEqual([error]);
  });

  it('requires a bearer token', async () => {
    const s = testServer();
    const res = await s.http.post('/oauth/token_info').type('form').send('token=x');
    expect(res.status).toBe(401);
  });
});
