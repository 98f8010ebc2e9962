import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffModels, diffText } from '../../../src/model/model-diff';
import type { CompiledModel, ResourceModel } from '../../../src/model/types';
import { SCHEMAS } from '../../helpers/api';

const model = (ds: string): CompiledModel => JSON.parse(readFileSync(join(SCHEMAS, `ds-${ds}`, 'model.json'), 'utf8')) as CompiledModel;

/** A one-resource model whose write schema is `properties` (required: `required`). */
function tiny(properties: Record<string, unknown>, required: string[] = []): CompiledModel {
  const r = {
    name: 'Thing',
    schema: 'ed-fi',
    plural: 'things',
    isDescriptor: false,
    jsonSchema: { type: 'object', properties, required },
  } as unknown as ResourceModel;
  return { dataStandard: 'x', informationalVersion: 'x', resources: [r], abstracts: [], dependencies: [] };
}

describe('edfi-mock model diff', () => {
  describe('given the committed 5.2 and 6.1 models', () => {
    const d = diffModels(model('5.2'), model('6.1'));

    it('lists the resources DS 6 adds and the TPDM endpoints it folds into ed-fi', () => {
      expect(d.resourcesAdded).toEqual(expect.arrayContaining(['ed-fi/studentDemographics', 'ed-fi/studentDirectories', 'ed-fi/studentIdentificationCodes']));
      expect(d.resourcesRemoved).toEqual(expect.arrayContaining(['tpdm/candidates']));
    });

    it('shows the assessment subject becoming one required descriptor and the demographics leaving the association', () => {
      expect(d.changed['ed-fi/assessments']).toEqual(
        expect.arrayContaining([
          { member: 'academicSubjectDescriptor', change: 'added', detail: 'required' },
          { member: 'academicSubjects', change: 'removed' },
        ]),
      );
      expect(d.changed['ed-fi/studentEducationOrganizationAssociations']).toEqual(expect.arrayContaining([{ member: 'races', change: 'removed' }]));
      expect(d.changed['ed-fi/studentAssessments']).toEqual(expect.arrayContaining([{ member: 'schoolYearTypeReference', change: 'now required' }]));
    });

    it('names a renamed special-education member', () => {
      expect(d.changed['ed-fi/studentSpecialEducationProgramAssociations']).toContainEqual({
        member: 'lastEvaluationDate',
        change: 'renamed',
        detail: 'iepLastEvaluationDate',
      });
    });
  });

  it.each([
    [
      'a longer text',
      { a: { type: 'string', maxLength: 60 } },
      { a: { type: 'string', maxLength: 120 } },
      { member: 'a', change: 'length', detail: '0..60 -> 0..120' },
    ],
    ['another type', { a: { type: 'integer' } }, { a: { type: 'string' } }, { member: 'a', change: 'type', detail: 'integer -> string' }],
    ['an ambiguous rename', { aDate: { type: 'string' } }, { bADate: { type: 'string' }, cADate: { type: 'string' } }, { member: 'aDate', change: 'removed' }],
  ])('reports %s', (_what, before, after, change) => {
    expect(diffModels(tiny(before), tiny(after)).changed['ed-fi/things']).toContainEqual(change);
  });

  it('prints a line per change under its resource', () => {
    const text = diffText(diffModels(tiny({ a: { type: 'string' } }), tiny({ a: { type: 'string' }, b: { type: 'string' } }, ['b'])));
    expect(text).toBe('Data Standard x -> x\n\nResources changed (1):\n  ed-fi/things\n    added        b  required\n');
  });
});
