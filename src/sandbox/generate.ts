import type { Client } from '../auth/clients';
import type { Env } from '../pipeline/context';
import type { Profile } from '../pipeline/profile';
import { shortDs, type Target } from '../scenarios/target';
import { dialectOf, type Dialect } from './dialects';

/** How large a district to generate, and from which seed (the same seed and size give the same district). */
export interface GenerateOptions {
  students: number;
  seed: number;
}

/** One document to POST, relative to a year's data API. */
export interface GeneratedItem {
  path: string;
  body: Record<string, unknown>;
}

/** A generated district for one school year: its documents in load order, and how many of each resource. */
export interface District {
  schoolYear: number;
  dataStandard: string;
  items: GeneratedItem[];
  counts: Map<string, number>;
}

/** A small, fast, deterministic random source (mulberry32): the same seed gives the same district on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ava',
  'Liam',
  'Olivia',
  'Noah',
  'Emma',
  'Oliver',
  'Sophia',
  'Elijah',
  'Isabella',
  'Mateo',
  'Mia',
  'Lucas',
  'Amelia',
  'Levi',
  'Harper',
  'Ezra',
  'Evelyn',
  'Asher',
  'Aaliyah',
  'Kai',
  'Maya',
  'Jayden',
  'Nora',
  'Santiago',
  'Zoe',
  'Malik',
  'Hana',
  'Diego',
  'Priya',
  'Tenzin',
];
const LAST = [
  'Nelson',
  'Olson',
  'Garcia',
  'Johnson',
  'Nguyen',
  'Schmidt',
  'Lopez',
  'Thao',
  'Williams',
  'Brown',
  'Hernandez',
  'Miller',
  'Vang',
  'Davis',
  'Kowalski',
  'Anderson',
  'Martinez',
  'Xiong',
  'Wilson',
  'Moore',
  'Jackson',
  'Patel',
  'Lee',
  'Walker',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
];
const GRADES = [
  'Kindergarten',
  'First grade',
  'Second grade',
  'Third grade',
  'Fourth grade',
  'Fifth grade',
  'Sixth grade',
  'Seventh grade',
  'Eighth grade',
  'Ninth grade',
  'Tenth grade',
  'Eleventh grade',
  'Twelfth grade',
];
/** Courses per grade: K-5 four, 6-12 six (the last an elective: art, or in 9-12 art or career and technical education). */
const SUBJECTS: [code: string, title: string, subject: string][] = [
  ['ELA', 'English Language Arts', 'English Language Arts'],
  ['MATH', 'Mathematics', 'Mathematics'],
  ['SCI', 'Science', 'Science'],
  ['SOC', 'Social Studies', 'Social Studies'],
  ['PE', 'Physical Education', 'Physical, Health, and Safety Education'],
  ['ART', 'Visual Arts', 'Fine and Performing Arts'],
  ['CTE', 'Health Science Foundations', 'Career and Technical Education'],
];
const SECTION_SIZE = 28;
const SECTIONS_PER_TEACHER = 5;
const PERIODS = 7;

/** A school of the district: which grades it serves. */
interface School {
  id: number;
  name: string;
  grades: number[];
}

/**
 * Builds a coherent district for one school year, in dependency order: education organizations, calendars and their
 * dates, the session and its grading periods, class periods, courses, offerings and sections, staff with assignments
 * and section associations, students with enrollments, sections, grades, programs and attendance, and discipline
 * incidents with the students' behaviors and the actions taken. Shapes follow the year's Data Standard; descriptors
 * and state members follow the profile (a dialect), so the profile's rules refuse nothing and report no error.
 */
export function generateDistrict(profile: Profile, env: Pick<Env, 'schoolYear' | 'registry'>, o: GenerateOptions): District {
  const ds = shortDs(env.registry.informationalVersion);
  const year = env.schoolYear ?? 2026;
  const d = dialectOf(profile.name, ds);
  const rnd = random(o.seed * 7919 + year);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const items: GeneratedItem[] = [];
  const add = (path: string, body: Record<string, unknown>) => items.push({ path, body });
  const E = (descriptor: string, value: string) => `uri://ed-fi.org/${descriptor}#${value}`;
  const prev = year - 1;
  const first = `${prev}-08-20`;
  const last = `${year}-06-05`;
  const sessionName = `${prev}-${year} School Year`;

  // Education organizations: one school per band and size (elementary K-5, middle 6-8, high 9-12).
  add('/ed-fi/localEducationAgencies', {
    localEducationAgencyId: d.leaId,
    nameOfInstitution: `${d.districtName} School District`,
    localEducationAgencyCategoryDescriptor: E('LocalEducationAgencyCategoryDescriptor', 'Independent'),
    categories: [{ educationOrganizationCategoryDescriptor: E('EducationOrganizationCategoryDescriptor', 'Local Education Agency') }],
    ...d.leaExtension(),
  });
  const perGrade = Math.max(1, Math.round(o.students / GRADES.length));
  const bands: [string, number[], number][] = [
    ['Elementary', [0, 1, 2, 3, 4, 5], 450],
    ['Middle', [6, 7, 8], 700],
    ['High', [9, 10, 11, 12], 1200],
  ];
  const schools: School[] = [];
  for (const [band, grades, size] of bands) {
    const n = Math.max(1, Math.ceil((perGrade * grades.length) / size));
    for (let i = 0; i < n; i++) schools.push({ id: d.schoolId(schools.length), name: `${d.districtName} ${band} School${n > 1 ? ` ${i + 1}` : ''}`, grades });
  }
  for (const s of schools) {
    add('/ed-fi/schools', {
      schoolId: s.id,
      nameOfInstitution: s.name,
      localEducationAgencyReference: { localEducationAgencyId: d.leaId },
      educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: E('EducationOrganizationCategoryDescriptor', 'School') }],
      gradeLevels: s.grades.map((g) => ({ gradeLevelDescriptor: E('GradeLevelDescriptor', GRADES[g]) })),
      ...d.schoolExtension(s.id),
    });
  }
  for (const p of d.programs)
    add('/ed-fi/programs', { programName: p.name, programTypeDescriptor: p.type, educationOrganizationReference: { educationOrganizationId: d.leaId } });

  // The school year of each school: a calendar with a few dates, the session, grading periods, class periods.
  const holidays = [`${prev}-09-01`, `${prev}-11-26`, `${prev}-12-24`, `${year}-01-19`];
  for (const s of schools) {
    const school = { schoolId: s.id };
    const calendarCode = `${s.id}-REG`;
    add('/ed-fi/calendars', {
      calendarCode,
      schoolReference: school,
      schoolYearTypeReference: { schoolYear: year },
      calendarTypeDescriptor: E('CalendarTypeDescriptor', 'School'),
      gradeLevels: s.grades.map((g) => ({ gradeLevelDescriptor: E('GradeLevelDescriptor', GRADES[g]) })),
      ...d.calendarExtension(),
    });
    for (const date of [first, ...holidays])
      add('/ed-fi/calendarDates', {
        date,
        calendarReference: { calendarCode, schoolId: s.id, schoolYear: year },
        calendarEvents: [{ calendarEventDescriptor: E('CalendarEventDescriptor', date === first ? 'Instructional day' : 'Holiday') }],
      });
    add('/ed-fi/sessions', {
      sessionName,
      schoolReference: school,
      schoolYearTypeReference: { schoolYear: year },
      termDescriptor: d.yearTerm,
      beginDate: `${prev}-07-01`,
      endDate: `${year}-06-30`,
      totalInstructionalDays: 180,
    });
    add('/ed-fi/gradingPeriods', {
      gradingPeriodDescriptor: E('GradingPeriodDescriptor', 'End of Year'),
      ...(Number(ds) >= 5 ? { gradingPeriodName: 'EOY' } : { periodSequence: 1 }),
      schoolReference: school,
      schoolYearTypeReference: { schoolYear: year },
      beginDate: first,
      endDate: last,
      totalInstructionalDays: 180,
    });
    for (let p = 1; p <= PERIODS; p++) add('/ed-fi/classPeriods', { classPeriodName: `Period ${p}`, schoolReference: school });
  }

  // Courses: one per grade and subject, in the district's catalogue.
  const subjectsOf = (grade: number) => (grade <= 5 ? SUBJECTS.slice(0, 4) : grade <= 8 ? SUBJECTS.slice(0, 6) : SUBJECTS);
  /** A student's courses: every subject of the grade but one elective in 9-12 (every other student takes CTE). */
  const coursesOf = (grade: number, n: number) => subjectsOf(grade).filter(([code]) => grade < 9 || code !== (n % 2 ? 'ART' : 'CTE'));
  const courseCode = (grade: number, code: string) => `${code}-${String(grade).padStart(2, '0')}`;
  for (let g = 0; g < GRADES.length; g++)
    for (const [code, title, subject] of subjectsOf(g)) {
      const cc = courseCode(g, code);
      add('/ed-fi/courses', {
        courseCode: cc,
        courseTitle: `${title} ${g === 0 ? 'K' : g}`,
        numberOfParts: 1,
        educationOrganizationReference: { educationOrganizationId: d.leaId },
        identificationCodes: [{ courseIdentificationSystemDescriptor: E('CourseIdentificationSystemDescriptor', 'LEA course code'), identificationCode: cc }],
        ...(Number(ds) >= 5
          ? { academicSubjects: [{ academicSubjectDescriptor: E('AcademicSubjectDescriptor', subject) }] }
          : { academicSubjectDescriptor: E('AcademicSubjectDescriptor', subject) }),
        ...d.courseExtension(code, g),
      });
    }

  // Students, spread over the grades and the schools of their band.
  interface Student {
    id: string;
    grade: number;
    school: School;
    /** Position among the students of its grade and school: decides its sections. */
    n: number;
  }
  const students: Student[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < o.students; i++) {
    const grade = i % GRADES.length;
    const band = schools.filter((s) => s.grades.includes(grade));
    const school = band[Math.floor(i / GRADES.length) % band.length];
    const k = `${school.id}|${grade}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    students.push({ id: d.studentId(i), grade, school, n });
  }
  // Sections: per school, grade and course, enough for its students; each taught by one teacher (5 sections each).
  interface Section {
    school: School;
    grade: number;
    code: string;
    id: string;
    offering: string;
    period: number;
  }
  const sections = new Map<string, Section[]>();
  const offerings: [School, number, string][] = [];
  for (const [k, count] of seen) {
    const [schoolId, grade] = k.split('|').map(Number);
    const school = schools.find((s) => s.id === schoolId)!;
    subjectsOf(grade).forEach(([code], si) => {
      const list: Section[] = [];
      const offering = courseCode(grade, code);
      offerings.push([school, grade, code]);
      for (let x = 0; x < Math.ceil(count / SECTION_SIZE); x++)
        list.push({ school, grade, code, offering, id: `${offering}-${String(x + 1).padStart(2, '0')}`, period: (si % PERIODS) + 1 });
      sections.set(`${k}|${code}`, list);
    });
  }
  for (const [school, grade, code] of offerings) {
    const cc = courseCode(grade, code);
    add('/ed-fi/courseOfferings', {
      localCourseCode: cc,
      courseReference: { courseCode: cc, educationOrganizationId: d.leaId },
      schoolReference: { schoolId: school.id },
      sessionReference: { schoolId: school.id, schoolYear: year, sessionName },
    });
  }
  const sectionRef = (s: Section) => ({ localCourseCode: s.offering, schoolId: s.school.id, schoolYear: year, sectionIdentifier: s.id, sessionName });
  const allSections = [...sections.values()].flat();
  for (const s of allSections) {
    add('/ed-fi/sections', {
      sectionIdentifier: s.id,
      courseOfferingReference: { localCourseCode: s.offering, schoolId: s.school.id, schoolYear: year, sessionName },
      classPeriods: [{ classPeriodReference: { classPeriodName: `Period ${s.period}`, schoolId: s.school.id } }],
    });
  }
  // Staff: a teacher per five sections of a school, a principal per school.
  let staffNo = 0;
  /** A new staff member assigned to a school in a position; their unique id. */
  const hire = (school: School, position: 'Principal' | 'Teacher', beginDate: string) => {
    const id = d.staffId(staffNo++);
    add('/ed-fi/staffs', { staffUniqueId: id, firstName: pick(FIRST), lastSurname: pick(LAST) });
    add('/ed-fi/staffEducationOrganizationAssignmentAssociations', {
      staffReference: { staffUniqueId: id },
      educationOrganizationReference: { educationOrganizationId: school.id },
      staffClassificationDescriptor: E('StaffClassificationDescriptor', position),
      beginDate,
      positionTitle: position,
    });
    return id;
  };
  for (const s of schools) {
    hire(s, 'Principal', `${prev}-07-01`);
    const own = allSections.filter((x) => x.school === s);
    for (let i = 0; i < own.length; i += SECTIONS_PER_TEACHER) {
      const teacher = hire(s, 'Teacher', `${prev}-08-01`);
      add('/ed-fi/staffSchoolAssociations', {
        staffReference: { staffUniqueId: teacher },
        schoolReference: { schoolId: s.id },
        programAssignmentDescriptor: E('ProgramAssignmentDescriptor', 'Regular Education'),
      });
      for (const section of own.slice(i, i + SECTIONS_PER_TEACHER))
        add('/ed-fi/staffSectionAssociations', {
          staffReference: { staffUniqueId: teacher },
          sectionReference: sectionRef(section),
          classroomPositionDescriptor: d.teacherOfRecord,
          beginDate: first,
          endDate: last,
        });
    }
  }
  // Students and everything about them.
  const absences = [
    E('AttendanceEventCategoryDescriptor', 'Excused Absence'),
    E('AttendanceEventCategoryDescriptor', 'Unexcused Absence'),
    E('AttendanceEventCategoryDescriptor', 'Tardy'),
  ];
  const schoolDays = instructionalDays(prev, year, new Set(holidays));
  let incidents = 0;
  for (const st of students) {
    const age = 5 + st.grade;
    const birth = `${prev - age}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const sex = rnd() < 0.5 ? 'Female' : 'Male';
    add('/ed-fi/students', { studentUniqueId: st.id, firstName: pick(FIRST), lastSurname: pick(LAST), birthDate: birth });
    const student = { studentUniqueId: st.id };
    // Data Standard 6 moves sex, races and the other demographics to their own resource.
    add(Number(ds) >= 6 ? '/ed-fi/studentDemographics' : '/ed-fi/studentEducationOrganizationAssociations', {
      studentReference: student,
      educationOrganizationReference: { educationOrganizationId: d.leaId },
      sexDescriptor: E('SexDescriptor', sex),
      ...d.seoaExtension(rnd),
    });
    add('/ed-fi/studentSchoolAssociations', {
      studentReference: student,
      schoolReference: { schoolId: st.school.id },
      entryDate: first,
      entryGradeLevelDescriptor: E('GradeLevelDescriptor', GRADES[st.grade]),
      ...d.enrollment(st.school.id),
    });
    const graded: Section[] = [];
    for (const [code] of coursesOf(st.grade, st.n)) {
      const list = sections.get(`${st.school.id}|${st.grade}|${code}`)!;
      const section = list[Math.floor(st.n / SECTION_SIZE) % list.length];
      graded.push(section);
      const cte = code === 'CTE' ? d.ctePrograms : [];
      add('/ed-fi/studentSectionAssociations', {
        studentReference: student,
        sectionReference: sectionRef(section),
        beginDate: first,
        endDate: last,
        ...d.roster(cte),
      });
    }
    for (const section of graded) {
      const score = Math.min(100, Math.max(40, Math.round(82 + (rnd() - 0.5) * 40)));
      add('/ed-fi/grades', {
        gradeTypeDescriptor: E('GradeTypeDescriptor', 'Final'),
        letterGradeEarned: score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'F',
        numericGradeEarned: score,
        ...d.gradeExtras(score >= 60),
        gradingPeriodReference: {
          gradingPeriodDescriptor: E('GradingPeriodDescriptor', 'End of Year'),
          ...(Number(ds) >= 5 ? { gradingPeriodName: 'EOY' } : { periodSequence: 1 }),
          schoolId: st.school.id,
          schoolYear: year,
        },
        studentSectionAssociationReference: { ...sectionRef(section), beginDate: first, studentUniqueId: st.id },
      });
    }
    // Programs: special education for about one student in eight; the CTE program for high schoolers in a CTE course.
    if (rnd() < 0.12 && d.specialEducation)
      add('/ed-fi/studentProgramAssociations', {
        studentReference: student,
        educationOrganizationReference: { educationOrganizationId: d.leaId },
        programReference: d.specialEducation,
        beginDate: first,
      });
    if (st.grade >= 9 && st.n % 2 === 1 && d.cteAssociation) add('/ed-fi/studentCTEProgramAssociations', d.cteAssociation(student, first, last, rnd));
    // Attendance: most students miss a few days (skewed: many none, some many).
    const missed = Math.floor(-Math.log(1 - rnd() * 0.999) * 3);
    const days = new Set<string>();
    for (let a = 0; a < missed; a++) days.add(schoolDays[Math.floor(rnd() * schoolDays.length)]);
    for (const day of [...days].sort())
      add('/ed-fi/studentSchoolAttendanceEvents', {
        studentReference: student,
        schoolReference: { schoolId: st.school.id },
        sessionReference: { schoolId: st.school.id, schoolYear: year, sessionName },
        attendanceEventCategoryDescriptor: pick(absences),
        eventDate: day,
      });
    // Discipline: about one student in thirty in grades 6-12 has an incident and an action.
    if (st.grade >= 6 && rnd() < 1 / 30) {
      const incident = `INC-${String(++incidents).padStart(5, '0')}`;
      const date = schoolDays[Math.floor(rnd() * schoolDays.length)];
      add('/ed-fi/disciplineIncidents', {
        incidentIdentifier: incident,
        schoolReference: { schoolId: st.school.id },
        incidentDate: date,
        incidentLocationDescriptor: E('IncidentLocationDescriptor', pick(['Classroom', 'Hallway or stairs', 'Cafeteria area', 'Athletic field or playground'])),
        ...(ds === '3.3' ? {} : { behaviors: [{ behaviorDescriptor: d.behavior }] }),
      });
      const ref = { incidentIdentifier: incident, schoolId: st.school.id };
      const discipline = pick(['In School Suspension', 'Out of School Suspension', 'Removal from Classroom']);
      // Data Standard 3.3 ties the action to the student's part in the incident, later ones to the student's behavior.
      const [participation, link] =
        ds === '3.3'
          ? [
              { path: '/ed-fi/studentDisciplineIncidentAssociations', body: d.incidentAssociation(ref, student) },
              { studentDisciplineIncidentAssociations: [{ studentDisciplineIncidentAssociationReference: { ...ref, studentUniqueId: st.id } }] },
            ]
          : [
              {
                path: '/ed-fi/studentDisciplineIncidentBehaviorAssociations',
                body: { disciplineIncidentReference: ref, studentReference: student, behaviorDescriptor: d.behavior },
              },
              {
                studentDisciplineIncidentBehaviorAssociations: [
                  { studentDisciplineIncidentBehaviorAssociationReference: { ...ref, behaviorDescriptor: d.behavior, studentUniqueId: st.id } },
                ],
              },
            ];
      add(participation.path, participation.body);
      add('/ed-fi/disciplineActions', {
        disciplineActionIdentifier: `DA-${incident.slice(4)}`,
        disciplineDate: date,
        disciplines: [{ disciplineDescriptor: E('DisciplineDescriptor', discipline) }],
        responsibilitySchoolReference: { schoolId: st.school.id },
        studentReference: student,
        ...link,
      });
    }
  }
  const counts = new Map<string, number>();
  for (const it of items) counts.set(it.path, (counts.get(it.path) ?? 0) + 1);
  return { schoolYear: year, dataStandard: ds, items, counts };
}

/** Weekdays from the first day of school to the last, without holidays. */
function instructionalDays(prev: number, year: number, holidays: Set<string>): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(prev, 7, 21); t <= Date.UTC(year, 5, 5); t += 86_400_000) {
    const day = new Date(t);
    const text = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !holidays.has(text)) out.push(text);
  }
  return out;
}

/** What loading a district found: documents written, and every refusal with the API's answer. */
export interface LoadResult {
  written: number;
  rejected: { path: string; status: number; answer: string; body: Record<string, unknown> }[];
}

/**
 * Loads a district through the API's own write path (as a client's POSTs), in order, printing progress every tenth
 * of the way. A refusal is kept with the API's answer and the load goes on (the caller decides what a refusal means).
 */
export async function loadGenerated(target: Target, env: Env, district: District, client: Client, progress?: (line: string) => void): Promise<LoadResult> {
  const token = env.tokens.issue(client)?.value;
  if (!token) throw new Error('no token could be issued to load the district');
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const result: LoadResult = { written: 0, rejected: [] };
  const step = Math.max(1, Math.floor(district.items.length / 10));
  for (let i = 0; i < district.items.length; i++) {
    const { path, body } = district.items[i];
    const answer = await target.send('POST', `${env.urls.data}${path}`, JSON.stringify(body), headers);
    if (answer.status === 200 || answer.status === 201) result.written++;
    else result.rejected.push({ path, status: answer.status, answer: answer.text, body });
    if (progress && (i + 1) % step === 0) progress(`  ${i + 1} of ${district.items.length} documents (${result.rejected.length} refused)`);
  }
  return result;
}

export type { Dialect };
