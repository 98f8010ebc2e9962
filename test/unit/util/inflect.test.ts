import { ordinal, pluralize } from '../../../src/util/inflect';

describe('ODS pluralization', () => {
  it.each([
    ['Staff', 'Staffs'],
    ['Person', 'People'],
    ['LocalEducationAgency', 'LocalEducationAgencies'],
    ['StaffLeave', 'StaffLeaves'],
    ['SchoolGradeLevel', 'SchoolGradeLevels'],
    ['EducationOrganizationCategory', 'EducationOrganizationCategories'],
    ['AttemptStatusDescriptor', 'AttemptStatusDescriptors'],
    ['ParticipationStatus', 'ParticipationStatuses'],
    ['StudentSectionAttendanceEvent', 'StudentSectionAttendanceEvents'],
    ['Address', 'Addresses'],
    ['Equipment', 'Equipment'],
  ])('%s -> %s', (one, many) => expect(pluralize(one)).toBe(many));

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
  ])('ordinal %i -> %s', (n, text) => expect(ordinal(n)).toBe(text));
});
