/**
 * The fixtures the Wisconsin seed examples assume (edfi-data-model.md §9.6): LEA 7525, school 1302, students
 * 5281033584 and 8660232105, session Sessions-121941, course offering LCC-121941 (a CTE course), section
 * Section-121941, a grading period and a staff member, shaped for the Data Standard of the target year.
 */
const E = (name: string, code: string) => `uri://ed-fi.org/${name}#${code}`;

/** Bodies in load order for one ODS; `sectionYear` is the school year of the seed's section reference. */
export function wiFixtures(dataStandard: string, sectionYear: number): [string, Record<string, unknown>][] {
  const ds5 = dataStandard === '5.0';
  const session = { schoolId: 1302, schoolYear: sectionYear, sessionName: 'Sessions-121941' };
  const subject = E('AcademicSubjectDescriptor', 'Career and Technical Education');
  return [
    [
      '/ed-fi/localEducationAgencies',
      {
        localEducationAgencyId: 7525,
        nameOfInstitution: 'Sample WI District',
        localEducationAgencyCategoryDescriptor: E('LocalEducationAgencyCategoryDescriptor', 'Independent'),
        categories: [{ educationOrganizationCategoryDescriptor: E('EducationOrganizationCategoryDescriptor', 'Local Education Agency') }],
      },
    ],
    [
      '/ed-fi/schools',
      {
        schoolId: 1302,
        nameOfInstitution: 'Sample WI High School',
        localEducationAgencyReference: { localEducationAgencyId: 7525 },
        educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: E('EducationOrganizationCategoryDescriptor', 'School') }],
        gradeLevels: [{ gradeLevelDescriptor: E('GradeLevelDescriptor', 'Tenth grade') }],
      },
    ],
    ['/ed-fi/students', { studentUniqueId: '5281033584', firstName: 'Ava', lastSurname: 'Nelson', birthDate: '2007-03-14' }],
    ['/ed-fi/students', { studentUniqueId: '8660232105', firstName: 'Liam', lastSurname: 'Olson', birthDate: '2006-11-02' }],
    ['/ed-fi/staffs', { staffUniqueId: '900100', firstName: 'Maria', lastSurname: 'Lopez' }],
    [
      '/ed-fi/sessions',
      {
        sessionName: 'Sessions-121941',
        schoolReference: { schoolId: 1302 },
        schoolYearTypeReference: { schoolYear: sectionYear },
        termDescriptor: 'uri://dpi.wi.gov/TermDescriptor#A',
        beginDate: `${sectionYear - 1}-07-01`,
        endDate: `${sectionYear}-06-30`,
        totalInstructionalDays: 180,
      },
    ],
    [
      '/ed-fi/courses',
      {
        courseCode: 'CTE-HS-1',
        courseTitle: 'Health Science Foundations',
        numberOfParts: 1,
        educationOrganizationReference: { educationOrganizationId: 7525 },
        identificationCodes: [
          { courseIdentificationSystemDescriptor: E('CourseIdentificationSystemDescriptor', 'LEA course code'), identificationCode: 'CTE-HS-1' },
        ],
        ...(ds5 ? { academicSubjects: [{ academicSubjectDescriptor: subject }] } : { academicSubjectDescriptor: subject }),
      },
    ],
    [
      '/ed-fi/courseOfferings',
      {
        localCourseCode: 'LCC-121941',
        courseReference: { courseCode: 'CTE-HS-1', educationOrganizationId: 7525 },
        schoolReference: { schoolId: 1302 },
        sessionReference: session,
      },
    ],
    ['/ed-fi/sections', { sectionIdentifier: 'Section-121941', courseOfferingReference: { ...session, localCourseCode: 'LCC-121941' } }],
    [
      '/ed-fi/gradingPeriods',
      {
        gradingPeriodDescriptor: E('GradingPeriodDescriptor', 'End of Year'),
        ...(ds5 ? { gradingPeriodName: 'EOY' } : { periodSequence: 1 }),
        schoolReference: { schoolId: 1302 },
        schoolYearTypeReference: { schoolYear: sectionYear },
        beginDate: `${sectionYear - 1}-08-15`,
        endDate: `${sectionYear}-06-05`,
        totalInstructionalDays: 180,
      },
    ],
  ];
}

/** The section reference of the seeds (five key fields). */
export const sectionRef = (schoolYear: number) => ({
  localCourseCode: 'LCC-121941',
  schoolId: 1302,
  schoolYear,
  sectionIdentifier: 'Section-121941',
  sessionName: 'Sessions-121941',
});

/** A grade for a student section association of the seeds. */
export function wiGrade(dataStandard: string, schoolYear: number, studentUniqueId: string, beginDate: string, performance = 'Pass') {
  return {
    gradeTypeDescriptor: 'uri://ed-fi.org/GradeTypeDescriptor#Final',
    performanceBaseConversionDescriptor: `uri://dpi.wi.gov/PerformanceBaseConversionDescriptor#${performance}`,
    gradingPeriodReference: {
      gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#End of Year',
      ...(dataStandard === '5.0' ? { gradingPeriodName: 'EOY' } : { periodSequence: 1 }),
      schoolId: 1302,
      schoolYear,
    },
    studentSectionAssociationReference: { ...sectionRef(schoolYear), beginDate, studentUniqueId },
  };
}
