import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIlSca } from '../../src/extracts/il-sca';
import { MESSAGES, readOptions } from '../../src/extracts/il-sca/options';
import { IL_SCA_RULES, type IlScaRuleId } from '../../src/extracts/il-sca/rules';
import { mappingOf, queryOptions } from '../../src/extracts/extracts';
import { createDataView } from '../../src/rules/data-view';
import { SCENARIOS_DIR, loadFixtures, loadScenarios } from '../../src/scenarios/load';
import { postFixtures } from '../../src/scenarios/run';
import { tokenFor } from '../../src/scenarios/session';
import { hostTarget, scenarioHost } from '../../src/scenarios/target';

/** Every extract request of the IL scenarios that has an expected file: the named cases. */
const cases = loadScenarios()
  .filter((s) => s.profile === 'il')
  .flatMap((s) => s.steps.filter((st) => st.expect.file).map((st) => ({ name: `${s.id}: ${st.name}`, path: st.request.path, file: st.expect.file! })));

/** The rules checked on the editor's input rather than on the data (IL-SCA-EDITOR replays their messages). */
const EDITOR_RULES: IlScaRuleId[] = ['IL-SCA-DATES', 'IL-SCA-CALENDAR'];

describe('IL Student Course Assignment: breaking any one rule fails a named case', () => {
  const host = scenarioHost('il', 2026, 0);
  const env = host.byYear.get(2026)!;
  beforeAll(async () => {
    const target = hostTarget(host);
    const token = await tokenFor(target, 'default');
    await postFixtures(['il-district'], loadFixtures(), { target, base: env.urls.data, dataStandard: '5.0', token, vars: { year: 2026, prevYear: 2025 } });
  });
  /** The cases whose file changes when the rule is switched off. */
  const failing = (rule?: IlScaRuleId): string[] =>
    cases
      .filter((c) => {
        const read = queryOptions(Object.fromEntries(new URLSearchParams(c.path.split('?')[1])));
        if (!read.ok) throw new Error(`${c.name}: ${read.errors.join(' ')}`);
        const built = buildIlSca(createDataView(env), mappingOf('il-sca'), { ...read.options, disabled: new Set(rule ? [rule] : []) }, 2026);
        if (!built.ok) throw new Error(built.errors.join(' '));
        return built.file.text !== readFileSync(join(SCENARIOS_DIR, c.file), 'utf8');
      })
      .map((c) => c.name);

  it('has cases, and with every rule on each matches its expected file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
    expect(failing()).toEqual([]);
  });

  it.each(IL_SCA_RULES.filter((r) => !EDITOR_RULES.includes(r.id)).map((r) => [r.id, r.title] as const))('%s (%s): switched off, a case fails', (id) => {
    expect(failing(id).length).toBeGreaterThan(0);
  });

  it('documents every rule id in docs/profiles/il.md', () => {
    const doc = readFileSync(join(SCENARIOS_DIR, '..', 'docs', 'profiles', 'il.md'), 'utf8');
    const short = (id: string) => id.replace(/^IL-SCA/, '');
    expect(
      IL_SCA_RULES.map((r) => r.id).filter(
        (id) => !doc.includes(id) && !new RegExp(`IL-SCA-[A-Z-]+, ${short(id)}\\b|/ ${short(id)}\\b|, ${short(id)}\\b`).test(doc),
      ),
    ).toEqual([]);
  });

  it('answers the editor messages of the seed for missing dates and calendars', () => {
    const read = readOptions({});
    expect(read.ok ? [] : read.errors).toEqual([MESSAGES.start, MESSAGES.end, MESSAGES.calendar]);
    expect(MESSAGES).toEqual({
      start: 'Must Enter A Start Date for Course Assignment.',
      end: 'Must Enter A End Date for Course Assignment.',
      calendar: 'Must Select 1 or More Calendars.',
    });
  });
});
