import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioFileError, loadFixtures, loadScenario } from '../../../src/scenarios/load';
import { matchBody } from '../../../src/scenarios/match';
import { runScenario } from '../../../src/scenarios/run';
import { inProcessTarget } from '../../../src/scenarios/target';
import type { Scenario } from '../../../src/scenarios/types';

const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const base: Scenario = { id: 'T-1', title: 't', profile: 'edfi', source: { document: 'test' }, steps: [], file: 'x.yaml' };
const student = { studentUniqueId: 'R-1', firstName: 'A', lastSurname: 'B', birthDate: '2010-01-01' };

describe('scenario loader', () => {
  it('names the file and line of a schema error', () => {
    const f = file(
      'bad.yaml',
      'id: CORE-X-1\ntitle: x\nprofile: edfi\nsource: { document: d }\nsteps:\n  - request: { method: GET, path: /ed-fi/students }\n    expect: { status: "two hundred" }\n',
    );
    expect(() => loadScenario(f)).toThrow(ScenarioFileError);
    expect(() => loadScenario(f)).toThrow(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:7: steps.0.expect.status: must be integer`));
  });

  it('names the line of a YAML syntax error and refuses unknown members', () => {
    expect(() => loadScenario(file('syntax.yaml', 'id: CORE-X-1\ntitle: [unclosed\n'))).toThrow(/syntax\.yaml:\d+: /);
    expect(() => loadScenario(file('extra.yaml', 'id: CORE-X-1\ntitle: x\nprofile: edfi\nsource: { document: d }\nsteps: []\ncolour: blue\n'))).toThrow(
      /extra\.yaml:6: unknown member 'colour'/,
    );
  });
});

describe('body matching', () => {
  it.each([
    ['subset', { a: 1 }, { a: 1, b: 2 }, []],
    ['exact', { a: 1 }, { a: 1, b: 2 }, ['$.b: unexpected member 2']],
    ['subset', { a: '*' }, {}, ['$.a: expected a value, got nothing']],
    ['subset', { a: '/^x\\d$/' }, { a: 'x7' }, []],
    ['subset', [{ a: 1 }], [{ a: 2 }], ['$[0].a: expected 1, got 2']],
    ['keys', ['id', 'x'], { id: 1 }, ['$.x: missing']],
    ['empty', undefined, { a: 1 }, ['$: expected no body, got {"a":1}']],
  ] as const)('%s %j against %j', (mode, expected, actual, diffs) => {
    expect(matchBody(mode, expected, actual)).toEqual(diffs);
  });
});

describe('scenario runner', () => {
  const fixtures = loadFixtures();

  it('passes a scenario whose expectations hold, with captures between steps', async () => {
    const s: Scenario = {
      ...base,
      steps: [
        { request: { method: 'POST', path: '/ed-fi/students', body: student }, expect: { status: 201 }, capture: { id: 'location.id' } },
        { request: { method: 'GET', path: '/ed-fi/students/${id}' }, expect: { status: 200, body: { match: 'subset', value: { studentUniqueId: 'R-1' } } } },
      ],
    };
    const r = await runScenario(s, inProcessTarget('edfi'), fixtures);
    expect(r.status).toBe('passed');
  });

  it('fails with the differences when the status, the body or a journal assertion does not hold', async () => {
    const s: Scenario = {
      ...base,
      steps: [
        { request: { method: 'POST', path: '/ed-fi/students', body: student }, expect: { status: 200, body: { match: 'subset', value: { x: 1 } } } },
        { request: { method: 'GET', path: '/ed-fi/students' }, expect: { status: 200, count: 3, text: { excludes: ['R-1'] } } },
      ],
      expect: [
        { that: 'a grade was deleted', journal: { some: { method: 'DELETE', resource: 'Grade' } } },
        { that: 'two students', data: { path: '/ed-fi/students?studentUniqueId=R-1', count: 2 } },
      ],
    };
    const r = await runScenario(s, inProcessTarget('edfi'), fixtures);
    expect(r.status).toBe('failed');
    expect(r.steps[0].diffs).toEqual(['status: expected 200, got 201', '$: expected an object, got nothing']);
    expect(r.steps[1].diffs).toEqual(['count: expected 3 items, got 1', 'body: expected not to contain "R-1"']);
    expect(r.assertions.map((a) => a.diffs)).toEqual([['journal: no DELETE Grade'], ['/ed-fi/students?studentUniqueId=R-1: expected 2 items, found 1']]);
  });

  it('says so when the API keeps no request journal, instead of judging an empty one', async () => {
    const target = { ...inProcessTarget('edfi'), label: 'https://ods.example.org', journal: async () => undefined };
    const s: Scenario = { ...base, expect: [{ that: 'nothing was deleted', journal: { none: { method: 'DELETE' } } }] };
    const r = await runScenario(s, target, fixtures);
    expect(r.assertions[0].diffs).toEqual([
      'journal: https://ods.example.org keeps no request journal: start edfi-mock with --journal-size 10000 (GET /admin/journal); other Ed-Fi APIs keep none',
    ]);
  });

  it('reports an error (not a failure) for an unknown fixture or variable', async () => {
    const r1 = await runScenario({ ...base, given: ['nope'] }, inProcessTarget('edfi'), fixtures);
    expect([r1.status, r1.error]).toEqual(['error', expect.stringMatching(/^unknown fixture 'nope' \(known: /)]);
    const r2 = await runScenario(
      { ...base, steps: [{ request: { method: 'GET', path: '/ed-fi/students/${missing}' }, expect: { status: 200 } }] },
      inProcessTarget('edfi'),
      fixtures,
    );
    expect([r2.status, r2.error]).toEqual(['error', 'step 1: unknown variable ${missing}']);
  });
});
