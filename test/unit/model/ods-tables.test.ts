import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type OdsTables, apiNameOfColumn, findTable, readOdsTables, referenceColumns } from '../../../src/model/compiler/ods-ddl';
import type { CompiledModel, JsonSchema, ReferenceModel, ResourceModel } from '../../../src/model/types';
import { SCHEMAS } from '../../helpers/api';

const DDL = resolve(__dirname, '..', '..', '..', '..', 'shared', 'edfi', 'ods-ddl');
const RELEASES: [string, string][] = [
  ['5.0', '5.0.0'],
  ['5.2', '5.2.0'],
  ['6.0', '6.0.0'],
  ['6.1', '6.1.0'],
];

/** The ed-fi resources of a compiled release (descriptors and extensions have tables of their own design). */
const resourcesOf = (m: CompiledModel): ResourceModel[] => m.resources.filter((r) => r.schema === 'ed-fi' && !r.isDescriptor);
const superOf = (m: CompiledModel, name: string) => m.resources.find((r) => r.name === name)?.superclass;

/** Columns of the foreign key that stores one of `owner`'s references. */
function fkColumns(t: OdsTables, m: CompiledModel, owner: string, ref: ReferenceModel & { member?: string }): Set<string> {
  const withBase = (n: string) => [n, superOf(m, n)].filter((x): x is string => !!x);
  const member = ref.path.split('.').pop()!;
  return referenceColumns(t, withBase(owner), withBase(ref.target), { member, target: ref.target, fields: ref.fields });
}

/** Every disagreement between a compiled model and ODS/API's tables of the same release. */
function disagreements(m: CompiledModel, t: OdsTables): string[] {
  const out: string[] = [];
  for (const r of resourcesOf(m)) {
    const table = findTable(t, r.name);
    if (!table) {
      out.push(`${r.name}: no table`);
      continue;
    }
    const key = table.primaryKey.map(apiNameOfColumn).sort().join();
    const own = r.keyFields
      .map((k) => k.name)
      .sort()
      .join();
    if (key !== own) out.push(`${r.name}: identity ${own} where the table's key is ${key}`);
    const props = r.jsonSchema.properties as Record<string, JsonSchema>;
    for (const c of table.columns) {
      const p = props[apiNameOfColumn(c.name)];
      if (!p) continue;
      if (c.type === 'VARCHAR' && p.type === 'string' && p.maxLength !== c.size)
        out.push(`${r.name}.${c.name}: maxLength ${String(p.maxLength)}, VARCHAR(${c.size})`);
      if (c.type === 'DECIMAL' && p.type === 'number') {
        const limit = 10 ** (c.size! - (c.scale ?? 0)) - 10 ** -(c.scale ?? 0);
        const ok = typeof p.maximum === 'number' && p.maximum <= limit + 1e-9 && typeof p.minimum === 'number' && p.minimum >= -limit - 1e-9;
        if (!ok) out.push(`${r.name}.${c.name}: range ${String(p.minimum)}..${String(p.maximum)} outside DECIMAL(${c.size}, ${c.scale})`);
      }
    }
    for (const ref of r.references.filter((x) => !x.path.includes('.') && !x.path.includes('[]') && x.target !== 'SchoolYearType')) {
      if (!fkColumns(t, m, r.name, ref).size) out.push(`${r.name}.${ref.path}: no foreign key to ${ref.target}`);
    }
    for (const u of r.unifications) {
      const refs = u.paths.map((p) => r.references.find((x) => !x.path.includes('[]') && !x.path.includes('.') && p.startsWith(`${x.path}.`)));
      if (refs.some((x) => !x || x.target === 'SchoolYearType')) continue;
      const sets = refs.map((x) => fkColumns(t, m, r.name, x!));
      if (![...sets[0]].some((c) => sets.every((s) => s.has(c)))) out.push(`${r.name}: ${u.paths.join(' = ')} unified, but the tables keep two columns`);
    }
  }
  return out;
}

(existsSync(DDL) ? describe : describe.skip)('every compiled release agrees with its own ODS/API tables', () => {
  it.each(RELEASES)('Data Standard %s: identities, references, unified keys, lengths and decimal precision', (ds, release) => {
    const model = JSON.parse(readFileSync(join(SCHEMAS, `ds-${ds}`, 'model.json'), 'utf8')) as CompiledModel;
    expect(disagreements(model, readOdsTables(join(DDL, release)))).toEqual([]);
  });

  it('catches a model that merges two references into one key field, or unifies two columns', () => {
    const model = JSON.parse(readFileSync(join(SCHEMAS, 'ds-5.2', 'model.json'), 'utf8')) as CompiledModel;
    const peer = model.resources.find((r) => r.name === 'EducationOrganizationPeerAssociation')!;
    peer.keyFields = peer.keyFields.filter((k) => k.name !== 'peerEducationOrganizationId');
    const section = model.resources.find((r) => r.name === 'StudentSchoolAssociation')!;
    section.unifications.push({ field: 'schoolId', paths: ['schoolReference.schoolId', 'nextYearSchoolReference.schoolId'] });
    const title = model.resources.find((r) => r.name === 'Course')!.jsonSchema.properties as Record<string, JsonSchema>;
    title.courseTitle.maxLength = 61;
    expect(disagreements(model, readOdsTables(join(DDL, '5.2.0')))).toEqual([
      'Course.CourseTitle: maxLength 61, VARCHAR(60)',
      "EducationOrganizationPeerAssociation: identity educationOrganizationId where the table's key is educationOrganizationId,peerEducationOrganizationId",
      'StudentSchoolAssociation: schoolReference.schoolId = nextYearSchoolReference.schoolId unified, but the tables keep two columns',
    ]);
  });
});
