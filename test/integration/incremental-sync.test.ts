import type { Backend } from '../../src/backend/backend';
import { type SyncSide, syncChanges, syncedResources, writable } from '../../src/scenarios/change-sync';
import type { TestServer } from '../helpers/api';
import { idOf } from '../helpers/api';
import { backendKinds, serverOver, stopBackends } from '../helpers/backends';
import { LOAD_ORDER, district, loadDistrict } from '../helpers/fixtures';

const kinds = backendKinds('sync');
afterAll(stopBackends);

/** A server as one side of the copy. */
function side(s: TestServer): SyncSide {
  return {
    dataBase: '/data/v3',
    changeQueriesBase: '/changeQueries/v1',
    send: async (method, path, body) => {
      const bearer = { Authorization: `Bearer ${await s.auth()}` };
      const req =
        method === 'GET'
          ? s.http.get(path)
          : method === 'DELETE'
            ? s.http.delete(path)
            : method === 'PUT'
              ? s.http.put(path).send(body as object)
              : s.http.post(path).send(body as object);
      const res = await req.set(bearer);
      return { status: res.status, body: res.body, headers: res.headers };
    },
  };
}

/** Every item of every resource as a client would write it, sorted: two data sets are copies when these are equal. */
async function contents(s: TestServer, resources: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const r of resources) {
    const items: unknown[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await s.get(`${r}?limit=500&offset=${offset}`);
      expect(page.status).toBe(200);
      items.push(...(page.body as unknown[]));
      if (page.body.length < 500) break;
    }
    if (items.length) out[r] = items.map((i) => JSON.stringify(writable(i))).sort();
  }
  return out;
}

const newest = async (s: TestServer) =>
  (await s.http.get('/changeQueries/v1/availableChangeVersions').set('Authorization', `Bearer ${await s.auth()}`)).body.newestChangeVersion as number;

/**
 * Given a source data set that changes in four windows (inserts; updates and new items; a session renamed, which
 * cascades through course offering, section, student section associations and grade: five levels; a section renamed
 * and its grade then deleted, a student deleted and created again, an association deleted), when a client copies it
 * through change queries only after each window, then the copy equals the source item by item, on every backend.
 */
describe.each(kinds)('incremental sync through change queries: $name', (kind) => {
  const opened: Backend[] = [];
  afterAll(async () => {
    for (const b of opened) await b.close();
  });

  it('keeps an identical copy through inserts, updates, a five-level key cascade, deletes and re-creates', async () => {
    const open = async () => {
      const { backend } = await kind.fresh();
      opened.push(backend);
      return serverOver(backend);
    };
    const source = await open();
    const target = await open();
    const resources = await syncedResources(side(source));
    expect(resources.indexOf('/ed-fi/sessions')).toBeLessThan(resources.indexOf('/ed-fi/grades'));
    // Both start from the same default descriptors; the copy tracks the source from there.
    let through = await newest(source);
    const sync = async () => {
      const run = await syncChanges(side(source), side(target), through, resources);
      through = run.through;
      expect(await contents(target, resources)).toEqual(await contents(source, resources));
      return run;
    };

    // Window 1: the district is created.
    const at = await loadDistrict(source);
    const first = await sync();
    expect(first.upserts).toBe(11);
    // The eleven resources of the district, and the school years both sides were seeded with.
    expect(Object.keys(await contents(target, resources)).sort()).toEqual([...new Set([...LOAD_ORDER.map(([, r]) => r), '/ed-fi/schoolYearTypes'])].sort());

    // Window 2: updates and new items.
    const studentId = idOf(at.student);
    expect((await source.put(`/ed-fi/students/${studentId}`, { ...district.student, firstName: 'Elisabeth' })).status).toBe(204);
    const second = { studentUniqueId: '604823', firstName: 'Tom', lastSurname: 'Reyes', birthDate: '2010-03-02' };
    expect((await source.post('/ed-fi/students', second)).status).toBe(201);
    const ssa2 = { ...district.studentSectionAssociation, studentReference: { studentUniqueId: '604823' } };
    expect((await source.post('/ed-fi/studentSectionAssociations', ssa2)).status).toBe(201);
    expect((await sync()).upserts).toBe(3);

    // Window 3: the session is renamed; ODS cascades the new key to five levels of dependents.
    const renamed = { ...district.session, sessionName: 'Fall 2025' };
    expect((await source.put(`/ed-fi/sessions/${idOf(at.session)}`, renamed)).status).toBe(204);
    expect((await source.get('/ed-fi/grades?sessionName=Fall 2025')).body).toHaveLength(1);
    const third = await sync();
    expect(third.keyChanges).toBe(1);
    expect((await target.get('/ed-fi/grades?sessionName=Fall 2025')).body).toHaveLength(1);
    expect((await target.get('/ed-fi/sessions?sessionName=2025-2026 Fall Semester')).body).toHaveLength(0);

    // Window 4: a section renamed and its grade then deleted; an association deleted; a student deleted and re-created.
    const section = (await source.get('/ed-fi/sections?sectionIdentifier=ALG-1-01')).body[0];
    const sectionBody = { ...(writable(section) as object), sectionIdentifier: 'ALG-1-02' };
    expect((await source.put(`/ed-fi/sections/${section.id as string}`, sectionBody)).status).toBe(204);
    const grade = (await source.get('/ed-fi/grades')).body[0];
    expect(grade.studentSectionAssociationReference.sectionIdentifier).toBe('ALG-1-02');
    expect((await source.del(`/ed-fi/grades/${grade.id as string}`)).status).toBe(204);
    const assoc2 = (await source.get('/ed-fi/studentSectionAssociations?studentUniqueId=604823')).body[0];
    expect((await source.del(`/ed-fi/studentSectionAssociations/${assoc2.id as string}`)).status).toBe(204);
    const student2 = (await source.get('/ed-fi/students?studentUniqueId=604823')).body[0];
    expect((await source.del(`/ed-fi/students/${student2.id as string}`)).status).toBe(204);
    expect((await source.post('/ed-fi/students', { ...second, lastSurname: 'Reyes-Diaz' })).status).toBe(201);
    const fourth = await sync();
    expect(fourth.deletes).toBe(2);
    expect((await target.get('/ed-fi/grades')).body).toHaveLength(0);
    expect((await target.get('/ed-fi/students?studentUniqueId=604823')).body[0].lastSurname).toBe('Reyes-Diaz');
    expect((await target.get('/ed-fi/sections?sectionIdentifier=ALG-1-02')).body).toHaveLength(1);

    // Nothing changed since: an empty window applies nothing.
    expect(await syncChanges(side(source), side(target), through, resources)).toEqual({ through, upserts: 0, keyChanges: 0, deletes: 0 });
  });
});
