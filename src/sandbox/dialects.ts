/**
 * What a generated district says differently per state profile: its identifiers, the descriptors the state takes
 * (WISEdata's `uri://dpi.wi.gov/...` attempt statuses and classroom positions, Michigan's behavior codes) and the
 * members its rules require. The generator builds the same district shape for every profile and asks its dialect.
 */

type Body = Record<string, unknown>;
type Rnd = () => number;

/** A program's reference members. */
export interface ProgramRef {
  educationOrganizationId: number;
  programName: string;
  programTypeDescriptor: string;
}

export interface Dialect {
  leaId: number;
  districtName: string;
  schoolId(i: number): number;
  studentId(i: number): string;
  staffId(i: number): string;
  /** The term of a year-long session. */
  yearTerm: string;
  /** A section's teacher of record. */
  teacherOfRecord: string;
  behavior: string;
  /** Programs the district defines itself (a state catalogue is seeded by the profile). */
  programs: { name: string; type: string }[];
  specialEducation?: ProgramRef;
  /** The programs a CTE course's roster carries. */
  ctePrograms: ProgramRef[];
  leaExtension(): Body;
  schoolExtension(schoolId: number): Body;
  calendarExtension(): Body;
  courseExtension(subject: string, grade: number): Body;
  seoaExtension(rnd: Rnd): Body;
  enrollment(schoolId: number): Body;
  /** A roster's members besides its keys and dates (attempt status, programs). */
  roster(programs: ProgramRef[]): Body;
  /** A grade's members besides letter and number. */
  gradeExtras(passed: boolean): Body;
  /** A high-school student's CTE program association, when the district reports one. */
  cteAssociation?(student: Body, begin: string, end: string, rnd: Rnd): Body;
  /** Data Standard 3.3: the student's part in an incident (later standards use the behavior association). */
  incidentAssociation(incident: Body, student: Body): Body;
}

const E = (descriptor: string, value: string) => `uri://ed-fi.org/${descriptor}#${value}`;
const none = (): Body => ({});

/** Plain Ed-Fi: the Grand Bend district of the Ed-Fi examples, Ed-Fi descriptors only. */
function edfi(leaId = 255901): Dialect {
  const cte: ProgramRef = {
    educationOrganizationId: leaId,
    programName: 'Career and Technical Education',
    programTypeDescriptor: E('ProgramTypeDescriptor', 'Career and Technical Education'),
  };
  return {
    leaId,
    districtName: 'Grand Bend',
    schoolId: (i) => leaId * 1000 + 1 + i,
    studentId: (i) => String(700000 + i),
    staffId: (i) => String(300000 + i),
    yearTerm: E('TermDescriptor', 'Year Round'),
    teacherOfRecord: E('ClassroomPositionDescriptor', 'Teacher of Record'),
    behavior: E('BehaviorDescriptor', 'School Code of Conduct'),
    programs: [
      { name: 'Special Education', type: E('ProgramTypeDescriptor', 'Special Education') },
      { name: cte.programName, type: cte.programTypeDescriptor },
    ],
    specialEducation: {
      educationOrganizationId: leaId,
      programName: 'Special Education',
      programTypeDescriptor: E('ProgramTypeDescriptor', 'Special Education'),
    },
    ctePrograms: [],
    leaExtension: none,
    schoolExtension: none,
    calendarExtension: none,
    courseExtension: none,
    seoaExtension: none,
    enrollment: none,
    roster: none,
    gradeExtras: none,
    cteAssociation: (student, begin, end) => ({
      studentReference: student,
      educationOrganizationReference: { educationOrganizationId: leaId },
      programReference: cte,
      beginDate: begin,
      endDate: end,
    }),
    incidentAssociation: (incident, student) => ({
      disciplineIncidentReference: incident,
      studentReference: student,
      studentParticipationCodeDescriptor: E('StudentParticipationCodeDescriptor', 'Perpetrator'),
      behaviors: [{ behaviorDescriptor: E('BehaviorDescriptor', 'School Code of Conduct') }],
    }),
  };
}

/** Wisconsin (WISEdata): a Public district; DPI attempt statuses, classroom positions, terms and the DPI CTE program. */
function wi(ds: string): Dialect {
  const base = edfi(7525);
  const DPI = 'uri://dpi.wi.gov';
  const cte: ProgramRef = {
    educationOrganizationId: 48856,
    programName: 'Career and Technical Education',
    programTypeDescriptor: `${DPI}/ProgramTypeDescriptor#CTE`,
  };
  const ext = (body: Body): Body => ({ _ext: { wi: body } });
  return {
    ...base,
    districtName: 'Lakeshore',
    schoolId: (i) => 1302 + i,
    studentId: (i) => String(5281000000 + i * 7),
    staffId: (i) => String(900100 + i),
    yearTerm: `${DPI}/TermDescriptor#A`,
    // The district sits under DPI (its programs and state courses are readable by the district's key).
    leaExtension: () => ({ stateEducationAgencyReference: { stateEducationAgencyId: 48856 } }),
    teacherOfRecord: `${DPI}/ClassroomPositionDescriptor#05971`,
    programs: [],
    specialEducation: undefined,
    ctePrograms: [cte],
    // WISEdata: attempt status Sufficient once graded (UC 6.x); the CTE program on the roster of a CTE course.
    roster: (programs) => ({
      attemptStatusDescriptor: `${DPI}/AttemptStatusDescriptor#S`,
      ...(programs.length
        ? Number(ds) >= 5
          ? { programs: programs.map((p) => ({ programReference: p })) }
          : ext({ programs: programs.map((p) => ({ programReference: p })) })
        : {}),
    }),
    gradeExtras: (passed) => ({ performanceBaseConversionDescriptor: `${DPI}/PerformanceBaseConversionDescriptor#${passed ? 'Pass' : 'Fail'}` }),
    cteAssociation: (student, begin, end, rnd) => ({
      educationOrganizationReference: { educationOrganizationId: 7525 },
      programReference: cte,
      studentReference: student,
      beginDate: begin,
      endDate: end,
      ...(Number(ds) >= 5
        ? { cteProgramServices: [{ cteProgramServiceDescriptor: `${DPI}/cteProgramServiceDescriptor#8`, cipCode: '51.0000' }] }
        : { ctePrograms: [{ careerPathwayDescriptor: `${DPI}/CareerPathwayDescriptor#8`, cipCode: '51.0000' }] }),
      ...ext({
        certificatedProgramStatusDescriptor: `${DPI}/certificatedProgramStatusDescriptor#${rnd() < 0.2 ? 'A' : 'B'}`,
        cteConcentrationCteProgramAreas: [{ cteProgramAreaDescriptor: `${DPI}/cteProgramAreaDescriptor#H` }],
      }),
    }),
  };
}

/** Michigan: Data Standard 3.3 with MI behavior codes and the order of each behavior (MI-SDIA-ORDER-REQUIRED). */
function mi(): Dialect {
  const base = edfi(82010);
  const behavior = 'uri://michigan.gov/BehaviorDescriptor#06';
  return {
    ...base,
    districtName: 'Great Lakes',
    schoolId: (i) => 8201001 + i,
    studentId: (i) => `MI-${100001 + i}`,
    staffId: (i) => `MIS-${10001 + i}`,
    behavior,
    incidentAssociation: (incident, student) => ({
      disciplineIncidentReference: incident,
      studentReference: student,
      studentParticipationCodeDescriptor: E('StudentParticipationCodeDescriptor', 'Perpetrator'),
      behaviors: [{ behaviorDescriptor: behavior, _ext: { mi: { orderOfBehavior: 1 } } }],
    }),
  };
}

/** Illinois: the district of the Student Course Assignment examples (RCDTS 50-082-1040-02), state course codes on courses. */
function il(): Dialect {
  const base = edfi(5082104);
  return {
    ...base,
    districtName: 'Prairie',
    schoolId: (i) => 508210401 + i,
    studentId: (i) => String(800000001 + i),
    staffId: (i) => `IL-${20001 + i}`,
    leaExtension: () => ({ _ext: { il: { rcdt: '50082104002' } } }),
    schoolExtension: (id) => ({ _ext: { il: { stateSchoolNumber: String(1001 + (id - 508210401)).padStart(4, '0') } } }),
  };
}

/** The dialect of a profile (plain Ed-Fi for a profile without one). */
export function dialectOf(profile: string, ds: string): Dialect {
  switch (profile) {
    case 'wi':
      return wi(ds);
    case 'mi':
      return mi();
    case 'il':
      return il();
    default:
      return edfi();
  }
}
