import { testServer } from '../helpers/api';
import { district } from '../helpers/fixtures';

describe('robustness', () => {
  it('answers 413 problem+json for a body over the limit', async () => {
    const s = testServer({ api: { bodyLimitBytes: 2048 } });
    const res = await s.post('/ed-fi/students', { ...district.student, middleName: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('keeps __proto__ and constructor members inert', async () => {
    const s = testServer();
    const body = `{"studentUniqueId":"p1","firstName":"A","lastSurname":"B","birthDate":"2010-01-01","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
    const res = await s.http
      .post('/data/v3/ed-fi/students')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const got = await s.get('/ed-fi/students');
    expect(Object.keys(got.body[0])).not.toContain('__proto__');
    expect(Object.keys(got.body[0])).not.toContain('constructor');
  });

  it('rejects deeply nested bodies cleanly', async () => {
    const s = testServer();
    const deep = `${'['.repeat(50000)}${']'.repeat(50000)}`;
    const res = await s.http
      .post('/data/v3/ed-fi/students')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('Content-Type', 'application/json')
      .send(`{"firstName":${deep}}`);
    expect(res.status).toBe(400);
  });

  it('rejects huge numbers cleanly', async () => {
    const s = testServer();
    const res = await s.http
      .post('/data/v3/ed-fi/schools')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('Content-Type', 'application/json')
      .send('{"schoolId": 25590111111122222222222222222222222222222, "nameOfInstitution": "x"}');
    expect(res.status).toBe(400);
    expect(res.body.validationErrors['$.schoolId'][0]).toMatch(/^Error converting value .* to type 'System.Int64'/);
  });

  it.each([
    ['an array body', '[1,2]'],
    ['a string body', '"x"'],
    ['a null body', 'null'],
    ['wrong types everywhere', '{"studentUniqueId":{},"firstName":[],"lastSurname":1e400,"birthDate":true}'],
    ['a reference that is a string', '{"studentReference":"x","schoolReference":[],"entryDate":"2020-01-01","entryGradeLevelDescriptor":5}'],
    ['invalid UTF-8 escapes', '{"firstName":"\\ud800"}'],
  ])('never answers 500 to %s', async (_what, body) => {
    const s = testServer();
    for (const route of ['/ed-fi/students', '/ed-fi/studentSchoolAssociations', '/ed-fi/schools']) {
      const res = await s.http
        .post(`/data/v3${route}`)
        .set('Authorization', `Bearer ${await s.auth()}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });

  it('answers 404 (not 500) for malformed percent-encoding in the path', async () => {
    const s = testServer();
    const res = await s.http.get('/data/v3/ed-fi/%E0%A4%A').set('Authorization', `Bearer ${await s.auth()}`);
    expect(res.status).toBe(404);
  });

  it('turns an unexpected exception into the generic 500 problem with the correlation id', async () => {
    const s = testServer();
    s.env.store.getByKey = () => {
      throw new Error('boom');
    };
    const res = await s.http
      .post('/data/v3/ed-fi/students')
      .set('Authorization', `Bearer ${await s.auth()}`)
      .set('correlation-id', 'c-1')
      .send(district.student);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      detail: 'An unexpected problem has occurred.',
      type: 'urn:ed-fi:api:system',
      title: 'System Error',
      status: 500,
      correlationId: 'c-1',
    });
  });
});
