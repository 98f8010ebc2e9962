/** One rule of the Student Course Assignment extract (seed 003), cited by `--explain`, the HTML format and the docs. */
export interface ExtractRule {
  id: string;
  title: string;
  /** What the seed says, in its words. */
  quote: string;
}

/** Every rule of seed 003 the extract implements, in the order the seed states them. */
export const IL_SCA_RULES = [
  { id: 'IL-SCA-DATES', title: 'Start and End Date are required', quote: 'The Start Date is required for this report' },
  { id: 'IL-SCA-CALENDAR', title: 'At least one calendar is selected', quote: 'At least one calendar needs to be selected for the report to generate.' },
  {
    id: 'IL-SCA-ENROLLMENT',
    title: 'An active Primary, Special Education or Partial enrollment between Start and End Date in a selected calendar',
    quote:
      'Students must have had an active enrollment (includes Primary, Special Education or Partial enrollments) within the selected Start Date and End Date',
  },
  {
    id: 'IL-SCA-SECTION',
    title: 'Active in the course section between Start and End Date',
    quote: 'must have been active in a course/section within the Start Date and End Date',
  },
  { id: 'IL-SCA-STATE-CODE', title: 'The State Course Code is not null', quote: 'The State Course Code field must not be null.' },
  { id: 'IL-SCA-STATE-EXCLUDE', title: 'Courses marked State Exclude do not report', quote: 'If a course is marked as state exclude, it does not report.' },
  { id: 'IL-SCA-DUAL-CREDIT', title: 'Courses marked Dual Credit do not report', quote: 'If a course is marked as Dual Credit, it does not report.' },
  {
    id: 'IL-SCA-TASK',
    title: 'A grading task marked State Reported is assigned to the course',
    quote: 'A Grading Task must be marked as State Reported. The state-reported Grading Task must be assigned to the Course.',
  },
  {
    id: 'IL-SCA-SCORE-GROUP',
    title: "The task's score group has grades mapped to state grades",
    quote: 'Score Groups must have grades mapped to state grades.',
  },
  {
    id: 'IL-SCA-GRADE',
    title: 'The student has a grade posted to the state-reported task',
    quote: 'Students must have a grade posted to a grading task that is associated with the grade task and the score group.',
  },
  { id: 'IL-SCA-STATE-GRADE', title: 'Enrolled in state grade 15 (K) or 01-12', quote: 'A student must be enrolled in a state grade of the following' },
  {
    id: 'IL-SCA-GRADE-FILTER',
    title: 'Only the selected grade levels report',
    quote: 'Only those students in the selected grade levels report if they meet the reporting requirements.',
  },
  {
    id: 'IL-SCA-STATE-ID',
    title: 'Students without a state ID report only when asked for',
    quote: 'Students without State IDs: When marked, the report returned students who do not have state IDs assigned.',
  },
  { id: 'IL-SCA-ONCE', title: 'One row per student and course section', quote: 'The Course/Section reports once per student unless the following is met' },
  {
    id: 'IL-SCA-MULTI-TERM',
    title: 'One row per term when the state-reported task is marked in more than one term and the section is scheduled in them',
    quote:
      'The grading task marked as state reports has the term mask on the course marked in more than one term AND the section is scheduled into both of those terms.',
  },
  {
    id: 'IL-SCA-ENROLLMENT-SPLIT',
    title: 'One row per enrollment when enrollments differ in Displaced Homemaker, Single Parent or RCDTS',
    quote: 'The student has multiple enrollments with different values between the enrollments in any of the following fields',
  },
  {
    id: 'IL-SCA-F-ENROLLMENT',
    title: 'Single Parent and Displaced Homemaker come from the most recent enrollment, primary preferred',
    quote: 'If the student has no primary enrollments in the selected calendars, the most recent enrollment is used.',
  },
  {
    id: 'IL-SCA-F-TERM',
    title: 'Term: the code of the term selected on the section, else empty; 05 for summer school',
    quote: 'If the section is tied to a calendar with the Summer School checkbox marked, 05 reports.',
  },
  {
    id: 'IL-SCA-F-START',
    title: "Start date: the student's schedule, else the roster, else the earliest scheduled term",
    quote: "The date noted on the student's Schedule is used first.",
  },
  {
    id: 'IL-SCA-F-LEVEL',
    title: 'Course Level 05 (Special Education) reports empty',
    quote: 'If a course/section is assigned a value of 05: Special Education, a NULL value reports.',
  },
  {
    id: 'IL-SCA-F-CREDIT',
    title: "Course Credit: each state-reported task's credit times its terms the section is scheduled in, summed",
    quote: 'This number is multiplied by the credit amount placed on the grading task.',
  },
  {
    id: 'IL-SCA-F-CREDIT-DEFAULT',
    title: 'Without potential credit: 1.00 for K-08, 0.00 for 09-12',
    quote: 'If the student is enrolled in a state grade of K-08 AND there is no potential credit available, a value of 1.00 reports.',
  },
  { id: 'IL-SCA-F-LANGUAGE', title: 'Language code 000 when none', quote: 'If no language is selected, reports a value of 000.' },
  { id: 'IL-SCA-F-SETTING', title: 'Course Setting 01 Traditional by default', quote: '01: Traditional (default selection)' },
  {
    id: 'IL-SCA-PROTECTED',
    title: 'Protected identities report the legal names when populated',
    quote: "the student's last name reports from the Legal Last Name field if populated",
  },
  {
    id: 'IL-SCA-STRIP',
    title: "Strip Apostrophes removes ' , . and the umlaut, tilde, grave, acute and circumflex marks",
    quote: 'When marked, the following marks are removed from student names and other reported data',
  },
] as const satisfies readonly ExtractRule[];

/** A rule id of the extract. */
export type IlScaRuleId = (typeof IL_SCA_RULES)[number]['id'];
