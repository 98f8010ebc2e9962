import { existsSync, mkdtempSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileToDisk, DATA_STANDARDS } from '../../../src/model/compiler/run-compiler';
import { readXsdIdentities, repairDoubleQuotedRefs } from '../../../src/model/compiler/read-inputs';
import { SCHEMAS, registry } from '../../helpers/api';

const EDFI = resolve(__dirname, '..', '..', '..', '..', 'shared', 'edfi');
const haveInputs = existsSync(EDFI);

describe('model compiler', () => {
  it('repairs exactly the doubly quoted $ref defect', () => {
    expect(repairDoubleQuotedRefs(`- $ref: ""#/components/parameters/offset""`)).toBe(`- $ref: "#/components/parameters/offset"`);
    expect(repairDoubleQuotedRefs(`description: ""quoted"" text`)).toBe(`description: ""quoted"" text`);
  });

  (haveInputs ? it : it.skip)('reproduces the committed schemas/ds-5.0 byte for byte (deterministic, and schemas/ is up to date)', () => {
    const out = mkdtempSync(join(tmpdir(), 'schemas-'));
    cpSync(join(SCHEMAS, 'model-rules.json'), join(out, 'model-rules.json'));
    compileToDisk(DATA_STANDARDS[0], EDFI, out, () => undefined);
    for (const f of ['model.json', 'descriptor-defaults.json']) {
      expect(readFileSync(join(out, 'ds-5.0', f), 'utf8') === readFileSync(join(SCHEMAS, 'ds-5.0', f), 'utf8')).toBe(true);
    }
  });

  (haveInputs ? it : it.skip)('agrees with the XSD identity types on which references are identifying', () => {
    const xsd = readXsdIdentities(join(EDFI, 'xsd', 'Ed-Fi-Core-5.2.0.xsd'));
    const disagreements: string[] = [];
    for (const entry of registry().byName.values()) {
      const elements = xsd.get(entry.model.name);
      if (!elements || entry.model.isDescriptor) continue;
      const refs = entry.model.references.filter((r) => !r.path.includes('.')).map((r) => r.path);
      const named = (e: string) =>
        refs.find((r) => r === `${e.charAt(0).toLowerCase()}${e.slice(1)}` || r.toLowerCase() === `${e}TypeReference`.toLowerCase()) ??
        refs.find((r) => e.endsWith('Reference') && r.endsWith(e));
      const fromXsd = elements
        .map(named)
        .filter((r): r is string => !!r)
        .sort();
      const derived = entry.model.references
        .filter((r) => r.identity)
        .map((r) => r.path)
        .sort();
      if (JSON.stringify(fromXsd) !== JSON.stringify(derived)) disagreements.push(`${entry.model.name}: xsd ${fromXsd} derived ${derived}`);
    }
    expect(disagreements).toEqual([]);
  });
});
