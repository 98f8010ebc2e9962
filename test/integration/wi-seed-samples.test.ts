import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { profileServer } from '../helpers/api';
import { sectionRef, wiFixtures } from '../helpers/wi-fixtures';
import { S000_SSA, S001_SCTEPA, S001_SSA } from '../fixtures/seed-samples';

const SEEDS = resolve(__dirname, '..', '..', '..', 'shared', 'seeds');
const squash = (s: string) => s.replace(/\s+/g, '');

/** Loads the seeds' fixtures into one year; `sectionYear` is the school year the seed payload's section names. */
async function prepare(s: ReturnType<typeof profileServer>, year: number, sectionYear = year) {
  const y = s.year(year);
  for (const [route, body] of wiFixtures(y.env.registry.dataStandard, sectionYear)) {
    const res = await y.post(route, body);
    if (res.status !== 201) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return y;
}

const postText = async (s: ReturnType<typeof profileServer>, path: string, text: string) =>
  s.http
    .post(path)
    .set(await s.bearer(s.host.envs[0].clients[0]))
    .set('Content-Type', 'application/json')
    .send(text);

describe('seed JSON samples, replayed verbatim', () => {
  (existsSync(SEEDS) ? it : it.skip)('are the samples of the seed documents, character for character (whitespace aside)', () => {
    const s000 = squash(readFileSync(resolve(SEEDS, '000_e92aa85afb992122.txt'), 'utf8'));
    const s001 = squash(readFileSync(resolve(SEEDS, '001_c3ce380d4d23b608.txt'), 'utf8'));
    expect(s000.includes(squash(S000_SSA))).toBe(true);
    expect(s001.includes(squash(S001_SCTEPA))).toBe(true);
    expect(s001.includes(squash(S001_SSA))).toBe(true);
  });

  it('000 studentSectionAssociation (Dual, Non Certified, Certified programs) is accepted in 2022-23 (ODS/API 5.3, DS 3.3)', async () => {
    const s = profileServer('wi');
    await prepare(s, 2023);
    const res = await postText(s, '/data/v3/2023/ed-fi/studentSectionAssociations', S000_SSA);
    expect(res.status).toBe(201);
    const item = (await s.http.get(new URL(res.headers.location as string).pathname).set(await s.bearer(s.host.envs[0].clients[0]))).body;
    expect(item._ext.wi.programs.map((p: { programReference: { programName: string } }) => p.programReference.programName)).toEqual([
      'College Course with WI Tribal College',
      'Internship/Local Co-op',
      'State Co-op Ed. Skill Standards - DPI Youth Leadership',
    ]);
    expect(item._ext.wi.programs[0].programReference.link.rel).toBe('Program');
  });

  it('001 studentCTEProgramAssociation (_EXT.WI, programtypeDescriptor, #b) is accepted in 2022-23 and read back in canonical form', async () => {
    const s = profileServer('wi');
    await prepare(s, 2023);
    const res = await postText(s, '/data/v3/2023/ed-fi/studentCTEProgramAssociations', S001_SCTEPA);
    expect(res.status).toBe(201);
    const item = (await s.http.get(new URL(res.headers.location as string).pathname).set(await s.bearer(s.host.envs[0].clients[0]))).body;
    expect(item.programReference).toMatchObject({
      programName: 'Career and Technical Education',
      programTypeDescriptor: 'uri://dpi.wi.gov/ProgramTypeDescriptor#CTE',
    });
    expect(item._ext).toEqual({
      wi: {
        certificatedProgramStatusDescriptor: 'uri://dpi.wi.gov/CertificatedProgramStatusDescriptor#b',
        cteConcentrationCteProgramAreas: [{ cteProgramAreaDescriptor: 'uri://dpi.wi.gov/CteProgramAreaDescriptor#H' }],
      },
    });
  });

  it('001 studentSectionAssociation (Dual, WBL, Certified) is accepted in 2024-25, the year both WBL and Certified exist (decision W1)', async () => {
    const s = profileServer('wi');
    await prepare(s, 2025, 2023);
    expect((await postText(s, '/data/v3/2025/ed-fi/studentSectionAssociations', S001_SSA)).status).toBe(201);
  });

  it.each([2023, 2024])('001 studentSectionAssociation is refused in %i, before WBL existed, with the descriptor error', async (year) => {
    const s = profileServer('wi');
    await prepare(s, year, 2023);
    const res = await postText(s, `/data/v3/${year}/ed-fi/studentSectionAssociations`, S001_SSA);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Unable to resolve value 'uri://dpi.wi.gov/ProgramTypeDescriptor#WBL' to an existing 'ProgramTypeDescriptor' resource.");
  });

  it('the same participation is sent in core programs from 2025-26 (DS 5), where _ext.wi.programs no longer exists', async () => {
    const s = profileServer('wi');
    const y = await prepare(s, 2026);
    const body = JSON.parse(S000_SSA.replace(/2023/g, '2026')) as Record<string, unknown> & {
      _ext: { wi: { programs: { programReference: { programTypeDescriptor: string } }[] } };
    };
    const programs = body._ext.wi.programs.filter((p) => p.programReference.programTypeDescriptor.endsWith('#Dual'));
    const res = await y.post('/ed-fi/studentSectionAssociations', { ...body, _ext: undefined, programs });
    expect(res.status).toBe(201);
    const stored = (await y.get('/ed-fi/studentSectionAssociations')).body[0];
    expect(stored.programs).toHaveLength(1);
    expect(stored._ext).toBeUndefined();
    expect(sectionRef(2026).schoolYear).toBe(stored.sectionReference.schoolYear);
  });
});
