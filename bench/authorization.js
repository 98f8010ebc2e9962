#!/usr/bin/env node
// `npm run bench:authorization` (and part of `npm run bench`): relationship-based authorization on a generated
// district of 5,000 students (CI mode 1,000), in-process, the same requests as a client with claims (SIS Vendor of the
// LEA) and as one without (the development client), alternating, three rounds, medians:
//   A1  POST students and their enrollments: requests/s with claims vs without                     >= 0.7
//   A2  GET every page (limit 500) of students and of studentSectionAssociations: items/s ratio   >= 0.7
// Both runs must see the same items (every generated student is enrolled in the LEA's schools).
'use strict';
const { performance } = require('node:perf_hooks');
const { resolve } = require('node:path');
const { median, runGoals } = require('./lib');

const argv = process.argv.slice(2);
const CI = argv.includes('--ci') || process.env.BENCH_CI === '1';
const STUDENTS = CI ? 1000 : 5000;
const POSTS = CI ? 500 : 2000;
const DIST = resolve(__dirname, '..', 'dist');
const log = (m) => process.stdout.write(`${m}\n`);

const { createProfileHost } = require(`${DIST}/pipeline/host`);
const { hostTarget } = require(`${DIST}/scenarios/target`);
const { generateDistrict, loadGenerated } = require(`${DIST}/sandbox/generate`);
const { createLogger } = require(`${DIST}/util/logger`);
const { loadProfile } = require(`${DIST}/pipeline/profile`);
const { SCHEMAS_DIR } = require(`${DIST}/schemas-dir`);

const OPEN = { key: 'open', secret: 'open-secret', name: 'no claims' };
const DISTRICT = { key: 'district', secret: 'district-secret', name: 'SIS Vendor', educationOrganizationIds: [255901], claimSetName: 'SIS Vendor' };

async function runAuthorizationBench() {
  const host = createProfileHost({
    schemasDir: SCHEMAS_DIR,
    profile: 'edfi',
    clients: [OPEN, DISTRICT],
    logger: createLogger('silent'),
    tokenLimit: 0,
    journalSize: 0,
  });
  const env = host.root;
  const target = hostTarget(host, 'bench');
  log(`A1/A2 loading a generated district of ${STUDENTS} students`);
  const district = generateDistrict(loadProfile(SCHEMAS_DIR, 'edfi'), env, { students: STUDENTS, seed: 5 });
  const loaded = await loadGenerated(target, env, district, OPEN);
  if (loaded.rejected.length) throw new Error(`the district was refused: ${loaded.rejected[0].answer}`);
  const headers = (client) => ({ Authorization: `Bearer ${env.tokens.issue(client).value}`, 'Content-Type': 'application/json' });
  const asOpen = headers(OPEN);
  const asDistrict = headers(DISTRICT);
  const school = 255901001;
  let serial = 0;
  const posts = async (h) => {
    const t0 = performance.now();
    for (let i = 0; i < POSTS; i++) {
      const id = `B-${++serial}`;
      const a = await target.send(
        'POST',
        '/data/v3/ed-fi/students',
        JSON.stringify({ studentUniqueId: id, firstName: 'B', lastSurname: 'C', birthDate: '2011-01-01' }),
        h,
      );
      const b = await target.send(
        'POST',
        '/data/v3/ed-fi/studentSchoolAssociations',
        JSON.stringify({
          studentReference: { studentUniqueId: id },
          schoolReference: { schoolId: school },
          entryDate: '2025-08-20',
          entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Kindergarten',
        }),
        h,
      );
      if (a.status !== 201 || b.status !== 201) throw new Error(`POST answered ${a.status}/${b.status}: ${b.text}`);
    }
    return (2 * POSTS) / ((performance.now() - t0) / 1000);
  };
  const walk = async (h) => {
    const t0 = performance.now();
    let items = 0;
    for (const resource of ['students', 'studentSectionAssociations']) {
      for (let offset = 0; ; offset += 500) {
        const page = await target.send('GET', `/data/v3/ed-fi/${resource}?limit=500&offset=${offset}`, undefined, h);
        const n = JSON.parse(page.text).length;
        items += n;
        if (n < 500) break;
      }
    }
    return { rate: items / ((performance.now() - t0) / 1000), items };
  };
  const rounds = [];
  for (let r = 0; r < 3; r++) {
    const open = await posts(asOpen);
    const claimed = await posts(asDistrict);
    const wOpen = await walk(asOpen);
    const wClaimed = await walk(asDistrict);
    if (wOpen.items !== wClaimed.items) throw new Error(`the district client saw ${wClaimed.items} items, the open one ${wOpen.items}`);
    rounds.push({
      post: claimed / open,
      get: wClaimed.rate / wOpen.rate,
      postRates: [claimed, open],
      getRates: [wClaimed.rate, wOpen.rate],
      items: wOpen.items,
    });
    log(
      `  round ${r + 1}: POST ${claimed.toFixed(0)} vs ${open.toFixed(0)} req/s; GET ${wClaimed.rate.toFixed(0)} vs ${wOpen.rate.toFixed(0)} items/s (${wOpen.items} items)`,
    );
  }
  const post = median(rounds.map((x) => x.post));
  const get = median(rounds.map((x) => x.get));
  return {
    A1: {
      text: `POST students and enrollments with relationship authorization vs without (${STUDENTS}-student district)`,
      shown: `${(post * 100).toFixed(0)}% (${median(rounds.map((x) => x.postRates[0])).toFixed(0)} vs ${median(rounds.map((x) => x.postRates[1])).toFixed(0)} req/s)`,
      threshold: '>= 70%',
      pass: post >= 0.7,
    },
    A2: {
      text: 'GET every page of students and studentSectionAssociations, filtered by relationships vs not',
      shown: `${(get * 100).toFixed(0)}% (${median(rounds.map((x) => x.getRates[0])).toFixed(0)} vs ${median(rounds.map((x) => x.getRates[1])).toFixed(0)} items/s, ${rounds[0].items} items)`,
      threshold: '>= 70%',
      pass: get >= 0.7,
    },
  };
}

module.exports = { runAuthorizationBench };
if (require.main === module) runGoals(runAuthorizationBench);
