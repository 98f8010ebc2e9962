import { loadRegistry } from '../../../src/model/registry';
import type { JournalEntry } from '../../../src/pipeline/request-journal';
import { explain } from '../../../src/sandbox/explain';
import { SCHEMAS } from '../../helpers/api';

const ds5 = loadRegistry(SCHEMAS, '5.0');
const ds33 = loadRegistry(SCHEMAS, '3.3');
const entry = (status: number, resource: string | undefined, errors: string[]): JournalEntry => ({
  seq: 1,
  at: '2026-01-01T00:00:00Z',
  method: 'POST',
  path: '/data/v3/ed-fi/x',
  status,
  correlationId: 'c',
  ...(resource ? { resource } : {}),
  errors,
});

describe('a refusal explained in plain words', () => {
  it.each([
    [
      'an unresolved reference (7.x): create the target first, at the reference path',
      ds5,
      entry(409, 'Grade', ["The referenced 'StudentSectionAssociation' item does not exist."]),
      { summary: 'Grade refers to a StudentSectionAssociation that does not exist in this data set.', path: '$.studentSectionAssociationReference' },
      /^Create the StudentSectionAssociation first \(POST \/ed-fi\/studentSectionAssociations\): Grade depends on StudentSectionAssociation\./,
    ],
    [
      'an unresolved reference (5.x wording)',
      ds33,
      entry(409, 'Section', ["The value supplied for the related 'courseOffering' resource does not exist."]),
      { summary: 'Section refers to a CourseOffering that does not exist in this data set.', path: '$.courseOfferingReference' },
      /^Create the CourseOffering first \(POST \/ed-fi\/courseOfferings\)/,
    ],
    [
      'a dependent item: delete the dependents first',
      ds5,
      entry(409, 'StudentSectionAssociation', ["The requested action cannot be performed because this item is referenced by an existing 'Grade' item."]),
      { summary: 'Other items still refer to this StudentSectionAssociation: a Grade.' },
      /^Delete the Grade items that refer to it first/,
    ],
    [
      'an unknown descriptor: where to find the values',
      ds5,
      entry(400, 'Student', ["$.birthSexDescriptor: SexDescriptor value 'uri://ed-fi.org/SexDescriptor#X' does not exist."]),
      { summary: "'uri://ed-fi.org/SexDescriptor#X' is not a SexDescriptor this data set knows.", path: '$.birthSexDescriptor' },
      /^Use one of the values listed by GET \/ed-fi\/sexDescriptors/,
    ],
    [
      'a missing member',
      ds5,
      entry(400, 'Student', ['$.firstName: FirstName is required.']),
      { summary: 'FirstName is required.', path: '$.firstName' },
      /^Add the member at \$\.firstName/,
    ],
    [
      'refused credentials at the token endpoint',
      ds5,
      { ...entry(401, undefined, ['invalid_client']), path: '/oauth/token' },
      { summary: 'The token request was refused (invalid_client).' },
      /^Check the key and secret/,
    ],
    ['an expired token', ds5, entry(401, undefined, ['Invalid token']), { summary: 'Invalid token' }, /^Get a token from \/oauth\/token/],
    ['a lost If-Match race', ds5, entry(412, 'Student', ['x']), { summary: expect.stringMatching(/ETag/) }, /^GET the item again/],
  ])('%s', (_what, registry, e, expected, next) => {
    const x = explain(e, registry)!;
    expect(x).toMatchObject(expected);
    expect(x.next).toMatch(next);
  });

  it('an answer that is not a refusal has no explanation', () => {
    expect(explain(entry(201, 'Student', []), ds5)).toBeUndefined();
  });
});
