import { loadFixtures, loadScenarios } from '../../src/scenarios/load';
import { SCENARIO_CLIENTS } from '../../src/scenarios/target';
import { type Sandbox, startSandbox } from '../../src/scenarios/vendor';

/** A minimal SIS: obtains a token and sends JSON requests to the sandbox over HTTP. */
async function sis(sandbox: Sandbox, client = SCENARIO_CLIENTS.public) {
  const token = (await (
    await fetch(`${sandbox.url}${sandbox.host.root.urls.oauth}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    })
  ).json()) as { access_token: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.dataUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const idOf = async (path: string) => ((await call('GET', path)).body as { id: string }[])[0].id;
  return { call, idOf };
}

const scenario = (id: string) => loadScenarios(undefined, { ids: [id] })[0];
const fixtures = loadFixtures();

/** Given a vendor-certification sandbox, when a correct SIS and a wrong one do what the instructions say, the verdicts differ. */
describe('vendor certification', () => {
  describe('WI-CTE-15.2-DELETE: the grade must be deleted before its studentSectionAssociation', () => {
    const grades = '/ed-fi/grades?studentUniqueId=5281033584';
    const rosters = '/ed-fi/studentSectionAssociations?studentUniqueId=5281033584';

    it('passes a correct SIS (grade first)', async () => {
      const box = await startSandbox(scenario('WI-CTE-15.2-DELETE'), { fixtures });
      try {
        const s = await sis(box);
        expect((await s.call('DELETE', `/ed-fi/grades/${await s.idOf(grades)}`)).status).toBe(204);
        expect((await s.call('DELETE', `/ed-fi/studentSectionAssociations/${await s.idOf(rosters)}`)).status).toBe(204);
        const verdict = await box.verdict();
        expect(verdict.map((a) => [a.that, a.passed])).toEqual([
          ['the grade is deleted before the studentSectionAssociation', true],
          ['the SIS never tries to delete the studentSectionAssociation while its grade exists', true],
          ['no studentSectionAssociation is left for the student', true],
        ]);
      } finally {
        await box.close();
      }
    });

    it('fails a wrong SIS (the studentSectionAssociation first, then a retry after the 409)', async () => {
      const box = await startSandbox(scenario('WI-CTE-15.2-DELETE'), { fixtures });
      try {
        const s = await sis(box);
        const ssa = await s.idOf(rosters);
        expect((await s.call('DELETE', `/ed-fi/studentSectionAssociations/${ssa}`)).status).toBe(409);
        expect((await s.call('DELETE', `/ed-fi/grades/${await s.idOf(grades)}`)).status).toBe(204);
        expect((await s.call('DELETE', `/ed-fi/studentSectionAssociations/${ssa}`)).status).toBe(204);
        const verdict = await box.verdict();
        const failed = verdict.filter((a) => !a.passed);
        expect(failed.map((a) => a.that)).toEqual(['the SIS never tries to delete the studentSectionAssociation while its grade exists']);
        expect(failed[0].diffs[0]).toMatch(
          /^journal: #\d+ DELETE \/data\/v3\/2023\/ed-fi\/studentSectionAssociations\/[0-9a-f]{32} answered 409, and none was expected/,
        );
      } finally {
        await box.close();
      }
    });
  });

  describe("WI-STAFF-ROLE-XX: no staff section record for role 'XX: Not State Reported'", () => {
    it('passes an SIS that sends nothing and fails one that posts the teacher anyway', async () => {
      const good = await startSandbox(scenario('WI-STAFF-ROLE-XX'), { fixtures });
      try {
        expect((await good.verdict()).every((a) => a.passed)).toBe(true);
      } finally {
        await good.close();
      }
      const bad = await startSandbox(scenario('WI-STAFF-ROLE-XX'), { fixtures });
      try {
        const s = await sis(bad);
        const section = {
          localCourseCode: 'LCC-121941',
          schoolId: 1302,
          schoolYear: 2025,
          sectionIdentifier: 'Section-121941',
          sessionName: 'Sessions-121941',
        };
        const posted = await s.call('POST', '/ed-fi/staffSectionAssociations', {
          sectionReference: section,
          staffReference: { staffUniqueId: '900100' },
          classroomPositionDescriptor: 'uri://dpi.wi.gov/ClassroomPositionDescriptor#05971',
          beginDate: '2024-08-20',
        });
        expect(posted.status).toBe(201);
        const verdict = await bad.verdict();
        expect(verdict.filter((a) => !a.passed).map((a) => a.that)).toEqual([
          'no staffSectionAssociation exists for staff 900100 (role XX)',
          'the SIS sent no staffSectionAssociation',
        ]);
      } finally {
        await bad.close();
      }
    });
  });
});
