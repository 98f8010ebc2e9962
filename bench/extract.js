#!/usr/bin/env node
// `npm run bench:extract` (and part of `npm run bench`): the Illinois Student Course Assignment file of a generated
// district of 50,000 students (CI mode: 10,000), built in-process from an il ODS loaded through the write pipeline:
// the il-district fixture, then per high-school student an enrollment, two rosters (a year-long course whose task is
// marked in both semesters, and a one-term course) and three grades; per middle-school student an enrollment, a roster
// and a grade. Reported, per round (3 rounds, median):
//   X0  a bare pass over the same data: every document the extract reads, parsed once          (the baseline)
//   X1  the state-format file (every rule, every field)                                        <= 5x the bare pass
// The run also checks the file: one header line and the expected number of records.
'use strict';
const { performance } = require('node:perf_hooks');
const { resolve } = require('node:path');
const { median, runGoals } = require('./lib');

const argv = process.argv.slice(2);
const CI = argv.includes('--ci') || process.env.BENCH_CI === '1';
const STUDENTS = CI ? 10000 : 50000;
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1]) || 3;
const DIST = resolve(__dirname, '..', 'dist');
const log = (m) => process.stdout.write(`${m}\n`);

const { loadFixtures } = require(`${DIST}/scenarios/load`);
const { postFixtures } = require(`${DIST}/scenarios/run`);
const { hostTarget, scenarioHost } = require(`${DIST}/scenarios/target`);
const { tokenFor } = require(`${DIST}/scenarios/session`);
const { createDataView } = require(`${DIST}/rules/data-view`);
const { buildIlSca } = require(`${DIST}/extracts/il-sca`);
const { mappingOf, queryOptions } = require(`${DIST}/extracts/extracts`);

const YEAR = 2026;
const HS = 508210401;
const MS = 508210402;
const SECTIONS = 100;
const E = 'uri://ed-fi.org/';

/** Posts one document through the API's write path; anything but 200/201 stops the run. */
async function poster(target, base, token) {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return async (path, body) => {
    const a = await target.send('POST', `${base}${path}`, JSON.stringify(body), headers);
    if (a.status !== 201 && a.status !== 200) throw new Error(`POST ${path}: ${a.status} ${a.text.slice(0, 300)}`);
  };
}

const sectionRef = (code, school, session, id) => ({
  localCourseCode: `${code}-${id}`,
  schoolId: school,
  schoolYear: YEAR,
  sessionName: session,
  sectionIdentifier: id,
});

/** Offerings and sections of one course: `n` sections numbered from `first`. */
async function sections(post, code, school, session, first, n) {
  for (let i = 0; i < n; i++) {
    const id = String(first + i).padStart(4, '0');
    await post('/ed-fi/courseOfferings', {
      localCourseCode: `${code}-${id}`,
      courseReference: { courseCode: code, educationOrganizationId: 5082104 },
      schoolReference: { schoolId: school },
      sessionReference: { schoolId: school, schoolYear: YEAR, sessionName: session },
    });
    await post('/ed-fi/sections', {
      sectionIdentifier: id,
      courseOfferingReference: { localCourseCode: `${code}-${id}`, schoolId: school, schoolYear: YEAR, sessionName: session },
    });
  }
}

const period = (school, descriptor, name) => ({
  gradingPeriodDescriptor: `${E}GradingPeriodDescriptor#${descriptor}`,
  gradingPeriodName: name,
  schoolId: school,
  schoolYear: YEAR,
});

/** One generated student with enrollment, rosters and grades; returns the number of records the file should hold. */
async function student(post, n) {
  const uid = `B-${n}`;
  const high = n % 5 !== 0;
  await post('/ed-fi/students', {
    studentUniqueId: uid,
    firstName: `First${n}`,
    lastSurname: `Last${n}`,
    birthDate: high ? '2009-05-05' : '2012-05-05',
    _ext: { il: { stateStudentId: String(200000000 + n), sapId: String(n % 100000) } },
  });
  const school = high ? HS : MS;
  await post('/ed-fi/studentSchoolAssociations', {
    studentReference: { studentUniqueId: uid },
    schoolReference: { schoolId: school },
    entryDate: '2025-08-18',
    entryGradeLevelDescriptor: `${E}GradeLevelDescriptor#${high ? 'Tenth grade' : 'Seventh grade'}`,
    calendarReference: { calendarCode: high ? 'HS-REG' : 'MS-REG', schoolId: school, schoolYear: YEAR },
    _ext: { il: { serviceType: 'Primary' } },
  });
  const roster = async (ref, grades) => {
    await post('/ed-fi/studentSectionAssociations', { studentReference: { studentUniqueId: uid }, sectionReference: ref, beginDate: '2025-08-18' });
    for (const [type, gp] of grades)
      await post('/ed-fi/grades', {
        gradeTypeDescriptor: `${E}GradeTypeDescriptor#${type}`,
        gradingPeriodReference: gp,
        studentSectionAssociationReference: { ...ref, studentUniqueId: uid, beginDate: '2025-08-18' },
        letterGradeEarned: 'B',
      });
  };
  const id = (first) => String(first + (n % SECTIONS)).padStart(4, '0');
  if (!high) {
    await roster(sectionRef('MTH7', MS, '2025-2026 MS Year', id(7000)), [['Final', period(MS, 'End of Year', 'MS Year')]]);
    return 1;
  }
  await roster(sectionRef('ALG1', HS, '2025-2026 Year', id(5000)), [
    ['Semester', period(HS, 'First Semester', 'HS S1')],
    ['Semester', period(HS, 'Second Semester', 'HS S2')],
  ]);
  await roster(sectionRef('ENG9', HS, '2025-2026 Year', id(6000)), [['Final', period(HS, 'First Semester', 'HS S1')]]);
  return 3;
}

/** The documents the extract reads, parsed once each: what any report over this data must at least do. */
function barePass(env, mapping) {
  const view = createDataView(env);
  let n = 0;
  for (const { resource } of Object.values(mapping.sources)) n += view.all(resource).length;
  return n;
}

async function runExtractBench() {
  const host = scenarioHost('il', YEAR, 0);
  const env = host.byYear.get(YEAR);
  const target = hostTarget(host);
  const token = await tokenFor(target, 'default');
  const started = performance.now();
  await postFixtures(['il-district'], loadFixtures(), { target, base: env.urls.data, dataStandard: '5.0', token, vars: { year: YEAR, prevYear: YEAR - 1 } });
  const post = await poster(target, env.urls.data, token);
  await sections(post, 'ALG1', HS, '2025-2026 Year', 5000, SECTIONS);
  await sections(post, 'ENG9', HS, '2025-2026 Year', 6000, SECTIONS);
  await sections(post, 'MTH7', MS, '2025-2026 MS Year', 7000, SECTIONS);
  // The fixture's own district reports 10 records for these dates and every calendar.
  let expected = 10;
  for (let n = 1; n <= STUDENTS; n++) {
    expected += await student(post, n);
    if (n % 10000 === 0) log(`  ${n} students loaded (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  const documents = barePass(env, mappingOf('il-sca'));
  log(`  loaded ${STUDENTS} students, ${documents} documents the extract reads, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const read = queryOptions({ start: '2025-09-01', end: '2026-06-30', calendar: 'all', fileDate: '2026-06-30', fileId: '001' });
  if (!read.ok) throw new Error(read.errors.join(' '));
  const rounds = [];
  let records = -1;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    barePass(env, mappingOf('il-sca'));
    const bare = performance.now() - t0;
    const t1 = performance.now();
    const built = buildIlSca(createDataView(env), mappingOf('il-sca'), read.options, YEAR);
    const ms = performance.now() - t1;
    if (!built.ok) throw new Error(built.errors.join(' '));
    records = built.file.header.totalRecords;
    const lines = built.file.text.split('\r\n').filter(Boolean).length;
    if (lines !== records + 1) throw new Error(`the file has ${lines} lines for ${records} records`);
    rounds.push({ bare, ms });
    log(`  round ${r + 1}: bare pass ${bare.toFixed(0)} ms, extract ${ms.toFixed(0)} ms (${records} records, ${(built.file.text.length / 1e6).toFixed(1)} MB)`);
  }
  const ratio = median(rounds.map((x) => x.ms / x.bare));
  return {
    X1: {
      text: `Student Course Assignment file of ${STUDENTS} students (${documents} documents) vs a bare pass over them`,
      shown: `${ratio.toFixed(2)}x (${median(rounds.map((x) => x.ms)).toFixed(0)} vs ${median(rounds.map((x) => x.bare)).toFixed(0)} ms), ${records} records${records === expected ? '' : ` (expected ${expected})`}`,
      threshold: `<= 5x, ${expected} records`,
      pass: ratio <= 5 && records === expected,
    },
  };
}

module.exports = { runExtractBench };
if (require.main === module) runGoals(runExtractBench);
