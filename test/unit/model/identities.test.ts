import { loadRegistry } from '../../../src/model/registry';
import { SCHEMAS, registry } from '../../helpers/api';

/** Natural keys of the resources the seeds use, as edfi-data-model.md §4 and Appendix A state them for DS 5.x. */
const EXPECTED: Record<string, string[]> = {
  LocalEducationAgency: ['localEducationAgencyId'],
  School: ['schoolId'],
  Student: ['studentUniqueId'],
  Staff: ['staffUniqueId'],
  Program: ['educationOrganizationReference.educationOrganizationId', 'programName', 'programTypeDescriptor'],
  Course: ['courseCode', 'educationOrganizationReference.educationOrganizationId'],
  Session: ['schoolReference.schoolId', 'schoolYearTypeReference.schoolYear', 'sessionName'],
  GradingPeriod: ['gradingPeriodDescriptor', 'gradingPeriodName', 'schoolReference.schoolId', 'schoolYearTypeReference.schoolYear'],
  Calendar: ['calendarCode', 'schoolReference.schoolId', 'schoolYearTypeReference.schoolYear'],
  CourseOffering: ['localCourseCode', 'schoolReference.schoolId', 'sessionReference.schoolYear', 'sessionReference.sessionName'],
  Section: [
    'sectionIdentifier',
    'courseOfferingReference.localCourseCode',
    'courseOfferingReference.schoolId',
    'courseOfferingReference.schoolYear',
    'courseOfferingReference.sessionName',
  ],
  StudentSchoolAssociation: ['entryDate', 'schoolReference.schoolId', 'studentReference.studentUniqueId'],
  StudentSectionAssociation: [
    'beginDate',
    'sectionReference.localCourseCode',
    'sectionReference.schoolId',
    'sectionReference.schoolYear',
    'sectionReference.sectionIdentifier',
    'sectionReference.sessionName',
    'studentReference.studentUniqueId',
  ],
  StaffSectionAssociation: [
    'beginDate',
    'sectionReference.localCourseCode',
    'sectionReference.schoolId',
    'sectionReference.schoolYear',
    'sectionReference.sectionIdentifier',
    'sectionReference.sessionName',
    'staffReference.staffUniqueId',
  ],
  Grade: [
    'gradeTypeDescriptor',
    'gradingPeriodReference.gradingPeriodDescriptor',
    'gradingPeriodReference.gradingPeriodName',
    'gradingPeriodReference.schoolId',
    'gradingPeriodReference.schoolYear',
    'studentSectionAssociationReference.beginDate',
    'studentSectionAssociationReference.localCourseCode',
    'studentSectionAssociationReference.schoolYear',
    'studentSectionAssociationReference.sectionIdentifier',
    'studentSectionAssociationReference.sessionName',
    'studentSectionAssociationReference.studentUniqueId',
  ],
  StudentCTEProgramAssociation: [
    'beginDate',
    'educationOrganizationReference.educationOrganizationId',
    'programReference.educationOrganizationId',
    'programReference.programName',
    'programReference.programTypeDescriptor',
    'studentReference.studentUniqueId',
  ],
  StudentDisciplineIncidentBehaviorAssociation: [
    'behaviorDescriptor',
    'disciplineIncidentReference.incidentIdentifier',
    'disciplineIncidentReference.schoolId',
    'studentReference.studentUniqueId',
  ],
  DisciplineIncident: ['incidentIdentifier', 'schoolReference.schoolId'],
  DisciplineAction: ['disciplineActionIdentifier', 'disciplineDate', 'studentReference.studentUniqueId'],
  StaffEducationOrganizationAssignmentAssociation: [
    'beginDate',
    'educationOrganizationReference.educationOrganizationId',
    'staffClassificationDescriptor',
    'staffReference.staffUniqueId',
  ],
};

describe('derived identities match the data model reference', () => {
  it.each(Object.entries(EXPECTED))('%s', (name, paths) => {
    const entry = registry().byName.get(name)!;
    expect(entry.model.keyFields.map((k) => k.path).sort()).toEqual([...paths].sort());
  });

  it.each([
    ['CourseOffering', 'schoolId', ['schoolReference.schoolId', 'sessionReference.schoolId']],
    ['Grade', 'schoolId', ['gradingPeriodReference.schoolId', 'studentSectionAssociationReference.schoolId']],
  ])('%s unifies %s across its references', (name, field, paths) => {
    const u = registry()
      .byName.get(name)!
      .model.unifications.find((x) => x.field === field);
    expect(u?.paths).toEqual(paths);
  });

  it('flags exactly the eight key-updatable resources', () => {
    const updatable = [...registry().byName.values()]
      .filter((e) => e.model.keyUpdatable)
      .map((e) => e.model.name)
      .sort();
    expect(updatable).toEqual([
      'ClassPeriod',
      'Grade',
      'GradebookEntry',
      'Location',
      'Section',
      'Session',
      'StudentSchoolAssociation',
      'StudentSectionAssociation',
    ]);
  });

  it('resolves the abstract EducationOrganization to its concrete subtypes', () => {
    const edorg = registry().abstracts.get('EducationOrganization')!;
    expect(edorg.subtypes.map((s) => s.resource)).toEqual(expect.arrayContaining(['School', 'LocalEducationAgency', 'StateEducationAgency']));
    expect(edorg.subtypes.find((s) => s.resource === 'School')!.keyMap).toEqual({ educationOrganizationId: 'schoolId' });
  });

  it('serves all DS 5.2 resources and descriptors', () => {
    const all = [...registry().byName.values()];
    expect(all.filter((e) => !e.model.isDescriptor)).toHaveLength(153);
    expect(all.filter((e) => e.model.isDescriptor)).toHaveLength(229);
    expect(Object.values(registry().descriptorDefaults).flat().length).toBeGreaterThan(3000);
  });

  it('gives every resource a natural key', () => {
    const keyless = [...registry().byName.values()].filter((e) => e.model.keyFields.length === 0).map((e) => e.model.name);
    expect(keyless).toEqual([]);
  });
});

describe('the other Data Standards compiled', () => {
  const earlier = (ds: string) => loadRegistry(SCHEMAS, ds);

  it.each([
    ['3.3', 129, 201],
    ['4.0', 140, 207],
    ['5.0', 143, 218],
    ['6.0', 187, 268],
    ['6.1', 192, 280],
  ])('DS %s: %i resources and %i descriptors, every one with a natural key', (ds, resources, descriptors) => {
    const all = [...earlier(ds).byName.values()];
    // DS 4.0 includes schoolYearTypes, borrowed from 3.3 because the official 4.0 document omits it (model-rules.json).
    expect(
      earlier(ds)
        .byRoute.get('ed-fi/schoolyeartypes')
        ?.model.keyFields.map((k) => k.name),
    ).toEqual(['schoolYear']);
    expect(all.filter((e) => !e.model.isDescriptor)).toHaveLength(resources);
    expect(all.filter((e) => e.model.isDescriptor)).toHaveLength(descriptors);
    expect(all.filter((e) => e.model.keyFields.length === 0).map((e) => e.model.name)).toEqual([]);
  });

  it.each(['3.3', '4.0'])('DS %s keeps studentDisciplineIncidentAssociations with behaviors and studentParticipationCodeDescriptor', (ds) => {
    const sdia = earlier(ds).byName.get('StudentDisciplineIncidentAssociation')!;
    expect(sdia.route).toBe('/ed-fi/studentDisciplineIncidentAssociations');
    expect(sdia.model.keyFields.map((k) => k.path).sort()).toEqual([
      'disciplineIncidentReference.incidentIdentifier',
      'disciplineIncidentReference.schoolId',
      'studentReference.studentUniqueId',
    ]);
    expect(sdia.model.collections).toContainEqual({
      path: 'behaviors',
      entity: 'StudentDisciplineIncidentAssociationBehavior',
      itemKey: ['behaviorDescriptor'],
    });
    expect(sdia.model.descriptors.map((d) => d.descriptor)).toContain('StudentParticipationCodeDescriptor');
  });

  it('DS 3.3 identities differ from DS 5 where the data model reference says so', () => {
    const r = earlier('3.3');
    expect(r.byName.get('StaffSectionAssociation')!.model.keyFields.map((k) => k.path)).not.toContain('beginDate');
    expect(r.byName.get('GradingPeriod')!.model.keyFields.map((k) => k.path)).toContain('periodSequence');
  });
});
