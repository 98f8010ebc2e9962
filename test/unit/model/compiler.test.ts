import { existsSync, mkdtempSync, readFileSync, readdirSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileToDisk, DATA_STANDARDS } from '../../../src/model/compiler/run-compiler';
import { readXsdDecimals, readXsdIdentities, repairDoubleQuotedRefs } from '../../../src/model/compiler/read-inputs';
import { deriveUnifications } from '../../../src/model/compiler/derive-identity';
import type { FoundReference } from '../../../src/model/compiler/find-members';
import { SCHEMAS, registry } from '../../helpers/api';

const EDFI = resolve(__dirname, '..', '..', '..', '..', 'shared', 'edfi');
const haveInputs = existsSync(EDFI);

describe('model compiler', () => {
  it('repairs exactly the doubly quoted $ref defect', () => {
    expect(repairDoubleQuotedRefs(`- $ref: ""#/components/parameters/offset""`)).toBe(`- $ref: "#/components/parameters/offset"`);
    expect(repairDoubleQuotedRefs(`description: ""quoted"" text`)).toBe(`description: ""quoted"" text`);
  });

  it('reads decimal ranges from the XSD: precision and scale, and the facets that bound them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xsd-')), 'core.xsd');
    writeFileSync(
      file,
      `<xs:simpleType name="NumberOfYears"><xs:restriction base="xs:decimal"><xs:totalDigits value="5" /><xs:fractionDigits value="2" /></xs:restriction></xs:simpleType>
       <xs:simpleType name="Percent"><xs:restriction base="xs:decimal"><xs:totalDigits value="5" /><xs:fractionDigits value="4" /><xs:minInclusive value="0" /><xs:maxInclusive value="1" /></xs:restriction></xs:simpleType>
       <xs:simpleType name="GPA"><xs:restriction base="xs:decimal"><xs:totalDigits value="18" /><xs:fractionDigits value="4" /><xs:minInclusive value="0" /></xs:restriction></xs:simpleType>
       <xs:element name="YearsOfPriorProfessionalExperience" type="NumberOfYears" minOccurs="0">
       <xs:element name="PercentOfTime" type="Percent" />
       <xs:element name="CumulativeGradePointAverage" type="GPA" />
       <xs:element name="Name" type="xs:string" />`,
    );
    const ranges = readXsdDecimals(file);
    expect(ranges.get('yearsOfPriorProfessionalExperience')).toEqual({ minimum: -999.99, maximum: 999.99, text: ['-999.99', '999.99'] });
    expect(ranges.get('percentOfTime')).toEqual({ minimum: 0, maximum: 1, text: ['0', '1'] });
    expect(ranges.get('cumulativeGradePointAverage')?.text).toEqual(['0', '99999999999999.9999']);
    expect(ranges.has('name')).toBe(false);
  });

  it('unifies every member that feeds one query parameter, and not a role-named one', () => {
    const ref = (member: string, fields: string[]): FoundReference => ({
      path: member,
      member,
      target: 'X',
      required: false,
      atRoot: true,
      holder: 'LocalAccount',
      fields,
    });
    const refs = [
      ref('chartOfAccountReference', ['accountIdentifier', 'educationOrganizationId', 'fiscalYear']),
      ref('educationOrganizationReference', ['educationOrganizationId']),
    ];
    // chartOfAccountEducationOrganizationId is the chart's own column; fiscalYear has none of its own.
    const params = ['accountIdentifier', 'fiscalYear', 'educationOrganizationId', 'chartOfAccountIdentifier', 'chartOfAccountEducationOrganizationId'];
    expect(deriveUnifications(params, new Set(['accountIdentifier', 'fiscalYear']), refs)).toEqual([
      { field: 'fiscalYear', paths: ['fiscalYear', 'chartOfAccountReference.fiscalYear'] },
    ]);
    // Without its own parameter the chart's educationOrganizationId would share the column.
    expect(deriveUnifications(params.slice(0, 4), new Set(['accountIdentifier', 'fiscalYear']), refs)).toContainEqual({
      field: 'educationOrganizationId',
      paths: ['chartOfAccountReference.educationOrganizationId', 'educationOrganizationReference.educationOrganizationId'],
    });
  });

  (haveInputs ? it.each : it.skip.each)(DATA_STANDARDS.map((d) => [d.dataStandard, d]))(
    'reproduces the committed schemas/ds-%s byte for byte (deterministic, and schemas/ is up to date)',
    (version, ds) => {
      const out = mkdtempSync(join(tmpdir(), 'schemas-'));
      cpSync(join(SCHEMAS, 'model-rules.json'), join(out, 'model-rules.json'));
      cpSync(join(SCHEMAS, 'extensions'), join(out, 'extensions'), { recursive: true, filter: (f) => !f.endsWith('.json') });
      const warnings: string[] = [];
      compileToDisk(ds, EDFI, out, (m) => m.includes('warning') && warnings.push(m));
      expect(warnings).toEqual([]);
      // The state extensions exist for the Data Standards the state profiles' years serve (3.3, 4.0, 5.0), not for the newer ones.
      const extDir = join(SCHEMAS, `ds-${version}`, 'extensions');
      const extensions = existsSync(extDir) ? readdirSync(extDir).map((f) => `extensions/${f}`) : [];
      expect(extensions.length > 0).toBe(['3.3', '4.0', '5.0'].includes(version));
      expect(existsSync(join(out, `ds-${version}`, 'extensions'))).toBe(extensions.length > 0);
      for (const f of ['model.json', 'descriptor-defaults.json', 'openapi-resources.json', 'openapi-descriptors.json', ...extensions]) {
        expect(readFileSync(join(out, `ds-${version}`, f), 'utf8') === readFileSync(join(SCHEMAS, `ds-${version}`, f), 'utf8')).toBe(true);
      }
    },
  );

  (haveInputs ? it : it.skip)('agrees with the XSD identity types on which references are identifying', () => {
    const xsd = readXsdIdentities(join(EDFI, 'xsd', 'Ed-Fi-Core-5.0.0.xsd'));
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
