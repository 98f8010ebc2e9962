import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../../../src/schemas-dir';

/** A user reading a finding has the state's documents, not our working files: sources cite the public documents. */
describe.each(['wi', 'mi'])('rule sources of the %s profile', (profile) => {
  const rules = (JSON.parse(readFileSync(join(SCHEMAS_DIR, 'profiles', `${profile}.json`), 'utf8')) as { rules: { id: string; source: string }[] }).rules;
  it.each(rules.map((r) => [r.id, r.source]))('%s cites a public document, not an internal file', (_id, source) => {
    expect(source).not.toMatch(/\bseed \d|\.txt\b|\.md\b|§/);
    expect(source).toMatch(/^(WISEdata Ed-Fi Docs|Infinite Campus), /);
  });
});
