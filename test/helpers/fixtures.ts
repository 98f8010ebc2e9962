import type { TestServer } from './api';

const D = (name: string, code: string) => `uri://ed-fi.org/${name}#${code}`;

/** A small district, in dependency order: LEA, school, student, session, course, offering, section, enrollment. */
export const district = {
  lea: {
    localEducationAgencyId: 255901,
    nameOfInstitution: 'Grand Bend ISD',
    localEducationAgencyCategoryDescriptor: D('LocalEducationAgencyCategoryDescriptor', 'Independent'),
    categories: [{ educationOrganizationCategoryDescriptor: D('EducationOrganizationCategoryDescriptor', 'Local Education Agency') }],
  },
  school: {
    schoolId: 255901001,
    nameOfInstitution: 'Grand Bend High School',
    localEducationAgencyReference: { localEducationAgencyId: 255901 },
    educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: D('EducationOrganizationCategoryDescriptor', 'School') }],
    gradeLevels: [{ gradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade') }],
  },
  student: { studentUniqueId: '604822', firstName: 'Lisa', lastSurname: 'Woods', birthDate: '2010-01-13' },
  session: {
    sessionName: '2025-2026 Fall Semester',
    schoolReference: { schoolId: 255901001 },
    schoolYearTypeReference: { schoolYear: 2026 },
    termDescriptor: D('TermDescriptor', 'Fall Semester'),
    beginDate: '2025-08-25',
    endDate: '2025-12-19',
    totalInstructionalDays: 80,
  },
  course: {
    courseCode: 'ALG-1',
    courseTitle: 'Algebra I',
    numberOfParts: 1,
    educationOrganizationReference: { educationOrganizationId: 255901 },
    identificationCodes: [{ courseIdentificationSystemDescriptor: D('CourseIdentificationSystemDescriptor', 'LEA course code'), identificationCode: 'ALG-1' }],
  },
  courseOffering: {
    localCourseCode: 'ALG-1',
    courseReference: { courseCode: 'ALG-1', educationOrganizationId: 255901 },
    schoolReference: { schoolId: 255901001 },
    sessionReference: { schoolId: 255901001, schoolYear: 2026, sessionName: '2025-2026 Fall Semester' },
  },
  section: {
    sectionIdentifier: 'ALG-1-01',
    courseOfferingReference: { localCourseCode: 'ALG-1', schoolId: 255901001, schoolYear: 2026, sessionName: '2025-2026 Fall Semester' },
  },
  studentSchoolAssociation: {
    entryDate: '2025-08-25',
    schoolReference: { schoolId: 255901001 },
    studentReference: { studentUniqueId: '604822' },
    entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
  },
  studentSectionAssociation: {
    beginDate: '2025-08-25',
    sectionReference: {
      localCourseCode: 'ALG-1',
      schoolId: 255901001,
      schoolYear: 2026,
      sectionIdentifier: 'ALG-1-01',
      sessionName: '2025-2026 Fall Semester',
    },
    studentReference: { studentUniqueId: '604822' },
  },
  gradingPeriod: {
    gradingPeriodDescriptor: D('GradingPeriodDescriptor', 'First Six Weeks'),
    gradingPeriodName: 'GP1',
    schoolReference: { schoolId: 255901001 },
    schoolYearTypeReference: { schoolYear: 2026 },
    beginDate: '2025-08-25',
    endDate: '2025-10-03',
    totalInstructionalDays: 30,
  },
  grade: {
    gradeTypeDescriptor: D('GradeTypeDescriptor', 'Grading Period'),
    gradingPeriodReference: {
      gradingPeriodDescriptor: D('GradingPeriodDescriptor', 'First Six Weeks'),
      gradingPeriodName: 'GP1',
      schoolId: 255901001,
      schoolYear: 2026,
    },
    studentSectionAssociationReference: {
      beginDate: '2025-08-25',
      localCourseCode: 'ALG-1',
      schoolId: 255901001,
      schoolYear: 2026,
      sectionIdentifier: 'ALG-1-01',
      sessionName: '2025-2026 Fall Semester',
      studentUniqueId: '604822',
    },
    letterGradeEarned: 'B',
  },
};

/** Routes of the district's items, in load order. */
export const LOAD_ORDER: [keyof typeof district, string][] = [
  ['lea', '/ed-fi/localEducationAgencies'],
  ['school', '/ed-fi/schools'],
  ['student', '/ed-fi/students'],
  ['session', '/ed-fi/sessions'],
  ['course', '/ed-fi/courses'],
  ['courseOffering', '/ed-fi/courseOfferings'],
  ['section', '/ed-fi/sections'],
  ['studentSchoolAssociation', '/ed-fi/studentSchoolAssociations'],
  ['studentSectionAssociation', '/ed-fi/studentSectionAssociations'],
  ['gradingPeriod', '/ed-fi/gradingPeriods'],
  ['grade', '/ed-fi/grades'],
];

/** Loads the district up to (and including) `until`; returns the Location of each item. */
export async function loadDistrict(s: TestServer, until: keyof typeof district = 'grade'): Promise<Record<string, string>> {
  const locations: Record<string, string> = {};
  for (const [name, route] of LOAD_ORDER) {
    const res = await s.post(route, district[name]);
    if (res.status !== 201) throw new Error(`loading ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    locations[name] = res.headers.location as string;
    if (name === until) break;
  }
  return locations;
}
