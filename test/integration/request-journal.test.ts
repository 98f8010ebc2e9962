import request from 'supertest';
import { createApp } from '../../src/http/app';
import { createProfileHost } from '../../src/pipeline/host';
import { createLogger } from '../../src/util/logger';
import { CLIENT, SCHEMAS } from '../helpers/api';

/** Given a server, when clients send requests, then GET /admin/journal lists them (bounded, oldest first). */
describe('request journal', () => {
  const server = (journalSize = 1000) => {
    const host = createProfileHost({ schemasDir: SCHEMAS, clients: [CLIENT], logger: createLogger('silent'), tokenLimit: 0, journalSize });
    const http = request(createApp(host));
    const token = async () =>
      (await http.post('/oauth/token').auth(CLIENT.key, CLIENT.secret).type('form').send({ grant_type: 'client_credentials' })).body.access_token as string;
    return { host, http, token };
  };
  const student = { studentUniqueId: 'J-1', firstName: 'A', lastSurname: 'B', birthDate: '2010-01-01' };

  it('records method, path, status, resource, item id, client, body digest and error texts', async () => {
    const s = server();
    const t = await s.token();
    const created = await s.http.post('/data/v3/ed-fi/students').set('Authorization', `Bearer ${t}`).send(student);
    await s.http.post('/data/v3/ed-fi/students').set('Authorization', `Bearer ${t}`).send({ studentUniqueId: 'J-2' });
    const res = await s.http.get('/admin/journal?since=1').set('Authorization', `Bearer ${t}`);
    expect(res.status).toBe(200);
    expect(res.body.last).toBe(3);
    const [post, bad] = res.body.entries;
    expect(post).toEqual({
      seq: 2,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      method: 'POST',
      path: '/data/v3/ed-fi/students',
      status: 201,
      resource: 'Student',
      id: String(created.headers.location).split('/').pop(),
      client: CLIENT.key,
      correlationId: expect.any(String),
      bodyDigest: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(bad.status).toBe(400);
    expect(bad.errors).toContain('$.birthDate: BirthDate is required.');
  });

  it('keeps only the newest entries, refuses a missing token, and is off unless asked for', async () => {
    const s = server(2);
    const t = await s.token();
    for (let i = 0; i < 3; i++) await s.http.get('/data/v3/ed-fi/students').set('Authorization', `Bearer ${t}`);
    const res = await s.http.get('/admin/journal').set('Authorization', `Bearer ${t}`);
    expect(res.body.entries.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
    expect((await s.http.get('/admin/journal')).status).toBe(401);
    expect((await s.http.get('/admin/journal?since=-1').set('Authorization', `Bearer ${t}`)).status).toBe(400);
    const off = createProfileHost({ schemasDir: SCHEMAS, clients: [CLIENT], logger: createLogger('silent') });
    expect(off.journal.capacity).toBe(0);
    const offServer = server(0);
    const t0 = await offServer.token();
    expect((await offServer.http.get('/admin/journal').set('Authorization', `Bearer ${t0}`)).body).toEqual({ last: 0, capacity: 0, entries: [] });
  });
});
