import { problemsOds5 } from '../../../src/errors/problems-ods5';
import type { CorrelationId } from '../../../src/util/brand';

const cid = 'c' as CorrelationId;

/** The ods5 flavor rewords the ods7 validation texts the way ODS/API 5.x words them (edfi-api-behavior.md §8.1, §8.2). */
describe('ods5 error bodies', () => {
  it.each([
    [
      { '$.gradeLevels': ['The 2nd item of the SchoolGradeLevels has the same identifying values as another item earlier in the list.'] },
      'GradeLevels enumerable contains duplicate at index: 1',
    ],
    [{ '$.classPeriods': ['BellScheduleClassPeriods must have at least one item.'] }, 'ClassPeriods requires at least one object in the collection.'],
    [
      {
        '$.schoolReference.schoolId': [
          "All values supplied for 'schoolId' must match. Review all references and align the following conflicting values: '1', '2'",
        ],
      },
      "Supplied values for unified key property 'schoolId' on 'Grade' are not consistent: '1', '2'",
    ],
    [
      { '$.codeValue': ['CodeValue cannot contain leading or trailing spaces.'] },
      'CodeValue property is part of the primary key and therefore its value cannot contain leading or trailing whitespace.',
    ],
    [
      { '$.codeValue': ['CodeValue is required.'], '$.shortDescription': ['ShortDescription is required.'] },
      'CodeValue is required.\n\tShortDescription is required.',
    ],
  ])('words %j as a pipeline validation message', (errors, line) => {
    expect(problemsOds5.dataValidation(cid, errors, 'Grade')).toEqual({ status: 400, body: { message: `Validation of 'Grade' failed.\n\t${line}\n` } });
  });

  it('reports JSON binding failures as modelState, keyed request.<path>', () => {
    const out = problemsOds5.dataValidation(
      cid,
      { '$.schoolReference.schoolId': ["Could not convert string to integer: abc. Path 'schoolReference.schoolId'."] },
      'School',
    );
    expect(out.body).toEqual({ message: 'The request is invalid.', modelState: { 'request.schoolReference.schoolId': ['The supplied value is invalid.'] } });
  });

  it('reports only the first unknown descriptor, with the descriptor cache wording', () => {
    const out = problemsOds5.dataValidation(
      cid,
      { '$.a': ["TermDescriptor value 'uri://x#1' does not exist."], '$.b': ["SexDescriptor value 'uri://y#2' does not exist."] },
      'Session',
    );
    expect(out.body).toEqual({ message: "Unable to resolve value 'uri://x#1' to an existing 'TermDescriptor' resource." });
  });

  it.each([
    ['routeNotFound', problemsOds5.routeNotFound(cid), 404],
    ['authentication', problemsOds5.authentication(cid, 'x'), 401],
    ['methodNotAllowed', problemsOds5.methodNotAllowed(cid, 'x'), 405],
    ['unsupportedMediaType', problemsOds5.unsupportedMediaType(cid, true), 415],
  ])('answers %s with an empty body', (_name, out, status) => {
    expect(out).toEqual({ status });
  });

  it.each([
    [401, 'invalid_client', 400, { error: 'invalid_client' }],
    [400, 'invalid_request', 401, undefined],
    [401, 'invalid_request', 401, undefined],
    [400, 'unsupported_grant_type', 400, { error: 'unsupported_grant_type' }],
  ])('maps the OAuth answer %i %s to ODS 5 status %i', (status, error, expected, body) => {
    const out = problemsOds5.oauth(status, error);
    expect(out.status).toBe(expected);
    expect(out.body).toEqual(body);
  });

  it('words a blocked delete after the camel-cased table of the holder', () => {
    expect(problemsOds5.dependentItemExists(cid, { holder: 'Grade', root: 'Grade' }).body).toEqual({
      message: "The resource (or a subordinate entity of the resource) cannot be deleted because it is a dependency of the 'grade' entity.",
    });
  });
});
