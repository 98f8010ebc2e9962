#!/usr/bin/env node
// `npm run bench`: the performance goals of ../shared/reference/performance-goals.md as ratios to a bare express
// server measured in the same run (interleaved rounds, each scenario in fresh processes pinned to core 0, the load
// generator on core 1). Options: --ci (5 s, 1 round, thresholds 10 points looser), --bulk N (default 100000),
// --rounds N, --skip-million, --skip-paging (P1-P2 of bench/paging.js), --skip-extract (X1 of bench/extract.js), --skip-sandbox (T1-T2 of bench/sandbox.js), --skip-authorization (A1-A2 of bench/authorization.js), --skip-store (the store goals S1-S4 of bench/store.js). Writes bench-results/<timestamp>.{json,md}; exits 1 when a goal fails.
'use strict';
const { mkdirSync, mkdtempSync, writeFileSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { startNode, stop, cpuSnapshot, cpuDelta, cannon, median, json, hasTaskset, spawnToFirst200 } = require('./lib');

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const CI = argv.includes('--ci') || process.env.BENCH_CI === '1';
const DURATION = CI ? 5 : 10;
const WARMUP = CI ? 2 : 3;
const ROUNDS = Number(arg('--rounds', CI ? 1 : 3));
const BULK = Number(arg('--bulk', CI ? 20000 : 100000));
const SLACK = CI ? 0.1 : 0;
const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'edfi-mock.js');

// Pin this process (the load generator) to core 1; servers run on core 0.
if (hasTaskset && require.main === module) {
  try {
    execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  } catch {
    /* single core machine: run unpinned */
  }
}

const work = mkdtempSync(join(tmpdir(), 'edfi-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const clientsFile = join(work, 'clients.json');
writeFileSync(clientsFile, JSON.stringify([{ key: 'bench', secret: 'bench-secret', name: 'bench' }]));
const BASIC = `Basic ${Buffer.from('bench:bench-secret').toString('base64')}`;
const log = (m) => process.stdout.write(`${m}\n`);

// ---------- the documents ----------
const defaults = JSON.parse(readFileSync(join(ROOT, 'schemas', 'ds-5.2', 'descriptor-defaults.json'), 'utf8'));
const D = (name) => `${defaults[name][0][3]}#${defaults[name][0][0]}`;
const STUDENTS = 20;
const day = (i) => new Date(Date.UTC(1901, 0, 1) + i * 86400000).toISOString().slice(0, 10);
/** A ~1.2 KB studentSchoolAssociation with three references; natural key unique per i. */
function ssa(i) {
  return {
    entryDate: day(Math.floor(i / STUDENTS)),
    schoolReference: { schoolId: 255901001 },
    studentReference: { studentUniqueId: `B${i % STUDENTS}` },
    classOfSchoolYearTypeReference: { schoolYear: 2030 },
    entryGradeLevelDescriptor: D('GradeLevelDescriptor'),
    entryTypeDescriptor: D('EntryTypeDescriptor'),
    exitWithdrawTypeDescriptor: D('ExitWithdrawTypeDescriptor'),
    residencyStatusDescriptor: D('ResidencyStatusDescriptor'),
    schoolChoiceBasisDescriptor: D('SchoolChoiceBasisDescriptor'),
    enrollmentTypeDescriptor: D('EnrollmentTypeDescriptor'),
    nextYearGradeLevelDescriptor: D('GradeLevelDescriptor'),
    educationPlans: defaults.EducationPlanDescriptor.slice(0, 4).map((r) => ({ educationPlanDescriptor: `${r[3]}#${r[0]}` })),
    exitWithdrawDate: '2099-06-30',
    fullTimeEquivalency: 1,
    primarySchool: true,
    repeatGradeIndicator: false,
    schoolChoice: false,
    schoolChoiceTransfer: false,
    termCompletionIndicator: true,
    employedWhileEnrolled: false,
  };
}
const SSA_BYTES = Buffer.byteLength(JSON.stringify(ssa(0)));

// ---------- servers ----------
const startBaseline = (doc = {}) => startNode([join(__dirname, 'baseline-server.js')], { env: { BASELINE_DOC: JSON.stringify(doc) } });
const startSubject = (extra = [], nodeArgs = []) =>
  startNode([BIN, 'serve', '--port', '0', '--log-level', 'warn', '--token-limit', '0', '--clients', clientsFile, '--debug', ...extra], {
    nodeArgs: ['--expose-gc', ...nodeArgs],
  });

async function tokenFor(port) {
  const r = await json(`http://127.0.0.1:${port}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: BASIC, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return r.body.access_token;
}

/** Seeds the LEA, school and students the SSAs reference; returns request headers. */
async function seed(port) {
  const token = await tokenFor(port);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const post = async (route, body) => {
    const r = await json(`http://127.0.0.1:${port}/data/v3/ed-fi/${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (r.status !== 201 && r.status !== 200) throw new Error(`seeding ${route}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.headers.get('location');
  };
  await post('localEducationAgencies', {
    localEducationAgencyId: 255901,
    nameOfInstitution: 'Bench ISD',
    localEducationAgencyCategoryDescriptor: D('LocalEducationAgencyCategoryDescriptor'),
    categories: [{ educationOrganizationCategoryDescriptor: D('EducationOrganizationCategoryDescriptor') }],
  });
  await post('schools', {
    schoolId: 255901001,
    nameOfInstitution: 'Bench High',
    localEducationAgencyReference: { localEducationAgencyId: 255901 },
    educationOrganizationCategories: [{ educationOrganizationCategoryDescriptor: D('EducationOrganizationCategoryDescriptor') }],
    gradeLevels: [{ gradeLevelDescriptor: D('GradeLevelDescriptor') }],
  });
  for (let i = 0; i < STUDENTS; i++)
    await post('students', { studentUniqueId: `B${i}`, firstName: 'Bench', lastSurname: `Student${i}`, birthDate: '2010-01-01' });
  return { headers, post };
}

// ---------- measurement ----------
/** Waits until the subject has compiled every validator (it does so in the background after start-up). */
async function warmed(port) {
  if (!port) return;
  for (let i = 0; i < 200; i++) {
    const r = await json(`http://127.0.0.1:${port}/__debug/compiles`).catch(() => undefined);
    if (!r || r.status !== 200 || r.body.compiles >= r.body.resources) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

async function measure(proc, requests, { amount } = {}) {
  const url = `http://127.0.0.1:${proc.port}`;
  await warmed(proc.port);
  if (!amount) await cannon({ url, requests, duration: WARMUP });
  const before = cpuSnapshot(proc.pid);
  // autocannon notices the end of an `amount` run on its once-a-second tick: time the last response ourselves.
  let lastResponse = 0n;
  const timed = requests.map((r) => ({ ...r, onResponse: () => (lastResponse = process.hrtime.bigint()) }));
  const t0 = process.hrtime.bigint();
  const r = await cannon(amount ? { url, requests: timed, amount } : { url, requests: timed, duration: DURATION });
  const wall = Number((amount ? lastResponse : process.hrtime.bigint()) - t0) / 1e9;
  const cpu = cpuDelta(before, cpuSnapshot(proc.pid));
  const codes = r.statusCodeStats ?? {};
  return {
    rps: r.requests.average,
    total: r.requests.total,
    wall,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    created: codes['201']?.count ?? 0,
    cpu,
    valid: cpu.generator < 95 && cpu.foreign < 20,
  };
}

let counter = 0;
const uniquePost = (path, headers) => [{ method: 'POST', path, headers, setupRequest: (req) => ({ ...req, body: JSON.stringify(ssa(counter++)) }) }];

/** One ABAB scenario: baseline then subject per round, fresh processes each time. */
async function abab(name, baselineRun, subjectRun) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = await baselineRun();
      const b = await subjectRun();
      const valid = a.valid && b.valid;
      log(
        `  ${name} round ${r + 1}: baseline ${a.rps.toFixed(0)} req/s, edfi-mock ${b.rps.toFixed(0)} req/s (${((b.rps / a.rps) * 100).toFixed(0)}%)${valid ? '' : ' [invalid round: generator-bound or foreign load, re-running]'}`,
      );
      if (valid || attempt === 2) {
        rounds.push({ baseline: a, subject: b, ratio: b.rps / a.rps, valid });
        break;
      }
    }
  }
  return { rounds, ratio: median(rounds.map((x) => x.ratio)), range: [Math.min(...rounds.map((x) => x.ratio)), Math.max(...rounds.map((x) => x.ratio))] };
}

/** Runs `fn` against a fresh process and always stops it. */
async function withProcess(started, fn) {
  const p = await started;
  try {
    return await fn(p);
  } finally {
    await stop(p);
  }
}
const withSubject = (fn, extra) => withProcess(startSubject(extra), fn);
const withBaseline = (doc, fn) => withProcess(startBaseline(doc), fn);

async function main() {
  log(
    `edfi-mock benchmark (${CI ? 'CI mode: ' : ''}${DURATION}s runs, ${ROUNDS} round(s), bulk ${BULK}, taskset ${hasTaskset ? 'on' : 'off'}; SSA body ${SSA_BYTES} bytes)`,
  );
  const results = { at: new Date().toISOString(), ci: CI, node: process.version, ssaBytes: SSA_BYTES, goals: {} };

  log('G1 POST create (studentSchoolAssociation, 3 references), c=32');
  const g1compiles = [];
  results.G1 = await abab(
    'G1',
    () => withBaseline({}, (b) => measure(b, uniquePost('/baseline/doc', { 'Content-Type': 'application/json' }))),
    () =>
      withSubject(async (s) => {
        const { headers } = await seed(s.port);
        const m = await measure(s, uniquePost('/data/v3/ed-fi/studentSchoolAssociations', headers));
        g1compiles.push((await json(`http://127.0.0.1:${s.port}/__debug/compiles`)).body.compiles);
        return m;
      }),
  );

  log('G2 GET by id, c=32');
  results.G2 = await abab(
    'G2',
    async () => {
      const item = await withSubject(async (s) => {
        const { headers, post } = await seed(s.port);
        const loc = await post('studentSchoolAssociations', ssa(0));
        return (await json(loc, { headers })).body;
      });
      return withBaseline(item, (b) => measure(b, [{ method: 'GET', path: '/baseline/doc' }]));
    },
    () =>
      withSubject(async (s) => {
        const { headers, post } = await seed(s.port);
        const loc = await post('studentSchoolAssociations', ssa(0));
        return measure(s, [{ method: 'GET', path: new URL(loc).pathname, headers }]);
      }),
  );

  log('G3 GET collection page (limit=25), c=32');
  results.G3 = await abab(
    'G3',
    () => withBaseline(ssa(0), (b) => measure(b, [{ method: 'GET', path: '/baseline/page' }])),
    () =>
      withSubject(async (s) => {
        const { headers, post } = await seed(s.port);
        for (let i = 0; i < 100; i++) await post('studentSchoolAssociations', ssa(i));
        return measure(s, [{ method: 'GET', path: '/data/v3/ed-fi/studentSchoolAssociations?limit=25', headers }]);
      }),
  );

  log('G12 token endpoint, c=32');
  const tokenReq = (path) => [
    { method: 'POST', path, headers: { Authorization: BASIC, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' },
  ];
  results.G12 = await abab(
    'G12',
    () => withBaseline({}, (b) => measure(b, tokenReq('/baseline/token'))),
    () => withSubject((s) => measure(s, tokenReq('/oauth/token'))),
  );

  log(`G6/G7/G8/G9 bulk load of ${BULK} distinct POSTs, c=32`);
  counter = 0;
  const bulkBaseline = await withBaseline({}, (b) => measure(b, uniquePost('/baseline/doc', { 'Content-Type': 'application/json' }), { amount: BULK }));
  log(`  baseline: ${bulkBaseline.wall.toFixed(1)} s`);
  counter = 0;
  const bulkMemory = await withSubject(async (s) => {
    const { headers } = await seed(s.port);
    const before = (await json(`http://127.0.0.1:${s.port}/__debug/memory`)).body;
    const m = await measure(s, uniquePost('/data/v3/ed-fi/studentSchoolAssociations', headers), { amount: BULK });
    const after = (await json(`http://127.0.0.1:${s.port}/__debug/memory`)).body;
    const t0 = Date.now();
    let pages = 0;
    for (let offset = 0; ; offset += 100) {
      const r = await json(`http://127.0.0.1:${s.port}/data/v3/ed-fi/studentSchoolAssociations?limit=100&offset=${offset}`, { headers });
      pages++;
      if (r.body.length < 100) break;
    }
    const heapRatio = (after.heapUsed - before.heapUsed) / (after.storedBytes - before.storedBytes);
    return { load: m, pageSeconds: (Date.now() - t0) / 1000, pages, before, after, heapRatio, bytesPerDoc: (after.heapUsed - before.heapUsed) / BULK };
  });
  log(
    `  edfi-mock in memory: ${bulkMemory.load.wall.toFixed(1)} s, paging ${bulkMemory.pages} pages in ${bulkMemory.pageSeconds.toFixed(1)} s, heap ${bulkMemory.heapRatio.toFixed(2)}x stored JSON`,
  );
  counter = 0;
  const journal = join(work, 'bulk.journal');
  const bulkPersist = await withSubject(
    async (s) => {
      const { headers } = await seed(s.port);
      const m = await measure(s, uniquePost('/data/v3/ed-fi/studentSchoolAssociations', headers), { amount: BULK });
      await json(`http://127.0.0.1:${s.port}/__debug/flush`, { method: 'POST' });
      await json(`http://127.0.0.1:${s.port}/__debug/loop`);
      const compact = (await json(`http://127.0.0.1:${s.port}/__debug/compact`, { method: 'POST' })).body;
      const loop = (await json(`http://127.0.0.1:${s.port}/__debug/loop`)).body;
      return { load: m, compactMs: compact.ms, loopMaxMs: loop.maxMs };
    },
    ['--data', journal],
  );
  log(
    `  edfi-mock persistent: ${bulkPersist.load.wall.toFixed(1)} s; snapshot ${bulkPersist.compactMs} ms, longest event-loop block ${bulkPersist.loopMaxMs.toFixed(1)} ms`,
  );
  results.bulk = { baseline: bulkBaseline, memory: bulkMemory, persistent: bulkPersist };

  log('G10 startup: spawn to first 200 on GET / (5 samples each)');
  const startups = { baseline: [], subject: [], reload: [] };
  for (let i = 0; i < 5; i++) {
    startups.baseline.push(await spawnToFirst200(() => startBaseline()));
    startups.subject.push(await spawnToFirst200(() => startSubject()));
    startups.reload.push(await spawnToFirst200(() => startSubject(['--data', journal])));
  }
  results.G10 = { baselineMs: median(startups.baseline), subjectMs: median(startups.subject), reloadMs: median(startups.reload), samples: startups };
  log(
    `  baseline ${results.G10.baselineMs.toFixed(0)} ms, edfi-mock ${results.G10.subjectMs.toFixed(0)} ms, with ${BULK} persisted documents ${results.G10.reloadMs.toFixed(0)} ms`,
  );

  if (!argv.includes('--skip-million')) {
    log('G9 1M documents persisted, compacted and reloaded (in-process journal)');
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', join(__dirname, 'million.js'), join(work, 'million.journal')], { encoding: 'utf8' });
    results.million = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: r.stderr || r.stdout };
    log(`  ${JSON.stringify(results.million)}`);
  }

  if (!argv.includes('--skip-paging')) {
    // Cursor paging and a change-query sync vs a plain offset walk (P1, P2), from bench/paging.js.
    log('P1/P2 cursor walk and change-query sync vs offset walk');
    const { runPagingBench } = require('./paging');
    results.paging = await runPagingBench();
  }

  if (!argv.includes('--skip-extract')) {
    // The Illinois Student Course Assignment file of a generated district (X1), from bench/extract.js.
    log('X1 Illinois Student Course Assignment extract vs a bare pass over its data');
    const { runExtractBench } = require('./extract');
    results.extract = await runExtractBench();
  }

  if (!argv.includes('--skip-sandbox')) {
    // Training sandboxes (T1: a generated district loaded through the write path; T2: a sandbox cloned from a template).
    const { runSandboxBench } = require('./sandbox');
    results.sandbox = await runSandboxBench();
  }

  if (!argv.includes('--skip-authorization')) {
    // Relationship-based authorization vs none on a generated district (A1: POST, A2: filtered GET), from bench/authorization.js.
    const { runAuthorizationBench } = require('./authorization');
    results.authorization = await runAuthorizationBench();
  }

  if (!argv.includes('--skip-store')) {
    // The store goals (S1-S4: indexed GETs, heap per document, kill -9 soak, PostgreSQL), from bench/store.js.
    const { runStoreBench } = require('./store');
    results.store = await runStoreBench();
  }

  // ---------- goals ----------
  const all1 = results.G1.rounds.flatMap((x) => [x.subject]);
  const goal = (id, text, value, threshold, pass, shown) => (results.goals[id] = { text, value, threshold, pass, shown });
  const t = (x) => x - SLACK;
  goal(
    'G1',
    'POST create vs bare express POST',
    results.G1.ratio,
    `>= ${(t(0.7) * 100).toFixed(0)}%`,
    results.G1.ratio >= t(0.7),
    `${(results.G1.ratio * 100).toFixed(0)}% (${results.G1.range.map((x) => (x * 100).toFixed(0)).join('-')}%)`,
  );
  goal(
    'G2',
    'GET by id vs bare express GET',
    results.G2.ratio,
    `>= ${(t(0.8) * 100).toFixed(0)}%`,
    results.G2.ratio >= t(0.8),
    `${(results.G2.ratio * 100).toFixed(0)}% (${results.G2.range.map((x) => (x * 100).toFixed(0)).join('-')}%)`,
  );
  goal(
    'G3',
    'GET page of 25 vs bare express 25-item array',
    results.G3.ratio,
    `>= ${(t(0.5) * 100).toFixed(0)}%`,
    results.G3.ratio >= t(0.5),
    `${(results.G3.ratio * 100).toFixed(0)}%`,
  );
  const positive = [...all1, bulkMemory.load, bulkPersist.load];
  const g5 = positive.every((m) => m.non2xx === 0 && m.errors === 0) && bulkMemory.load.created === BULK && bulkPersist.load.created === BULK;
  goal(
    'G5',
    '0 non-2xx / errors in positive runs; 201 count = requests',
    g5,
    '0 and equal',
    g5,
    `non2xx ${positive.reduce((a, m) => a + m.non2xx, 0)}, errors ${positive.reduce((a, m) => a + m.errors, 0)}, 201s ${bulkMemory.load.created}/${BULK}`,
  );
  const g6 = bulkMemory.load.wall / bulkBaseline.wall;
  goal(
    'G6',
    `bulk ${BULK} POSTs time vs bare express`,
    g6,
    `<= ${(1.5 + SLACK).toFixed(2)}x`,
    g6 <= 1.5 + SLACK,
    `${g6.toFixed(2)}x (${bulkMemory.load.wall.toFixed(1)} s vs ${bulkBaseline.wall.toFixed(1)} s)`,
  );
  const g7 = bulkPersist.load.wall / bulkMemory.load.wall;
  goal('G7', 'bulk with persistence vs without', g7, `<= ${(1.1 + SLACK).toFixed(2)}x`, g7 <= 1.1 + SLACK, `${g7.toFixed(2)}x`);
  goal(
    'G8',
    'heap after GC vs stored JSON bytes',
    bulkMemory.heapRatio,
    // CI mode loads fewer documents, where fixed costs (hash tables sized in powers of two) weigh more: 10% looser.
    `<= ${(2 * (1 + SLACK)).toFixed(1)}x`,
    bulkMemory.heapRatio <= 2 * (1 + SLACK),
    `${bulkMemory.heapRatio.toFixed(2)}x (${(bulkMemory.bytesPerDoc / 1024).toFixed(2)} KB/doc)`,
  );
  const millionOk = !results.million || (results.million.documents === 1000000 && results.million.reloaded === 1000000);
  const g9 = bulkPersist.loopMaxMs <= 100 && bulkPersist.compactMs <= 2000 * (BULK / 100000) && millionOk;
  goal(
    'G9',
    'snapshot: longest block, time; 1M persists',
    g9,
    '<= 100 ms; <= 2 s/100k; 1M ok',
    g9,
    `${bulkPersist.loopMaxMs.toFixed(0)} ms block, ${bulkPersist.compactMs} ms snapshot${results.million ? `, 1M: ${results.million.error ? 'FAILED' : `${results.million.reloaded} reloaded, ${results.million.compactLoopMaxMs} ms max block`}` : ''}`,
  );
  const g10 = results.G10.subjectMs / results.G10.baselineMs;
  const reloadExtra = (results.G10.reloadMs - results.G10.subjectMs) / (BULK / 100000);
  goal(
    'G10',
    'startup vs bare express; reload extra per 100k',
    g10,
    `<= ${(3 + SLACK * 3).toFixed(1)}x; <= 2000 ms`,
    g10 <= 3 + SLACK * 3 && reloadExtra <= 2000,
    `${g10.toFixed(2)}x (${results.G10.subjectMs.toFixed(0)} vs ${results.G10.baselineMs.toFixed(0)} ms); +${reloadExtra.toFixed(0)} ms/100k`,
  );
  const g11 = new Set(g1compiles).size === 1 || g1compiles.length === 0;
  goal('G11', 'ajv compile count stable across runs (no per-request compiles)', g1compiles, 'constant', g11, `${g1compiles.join(', ')}`);
  const g12 = results.G12.ratio;
  goal('G12', 'token endpoint vs bare express POST', g12, `>= ${(t(0.5) * 100).toFixed(0)}%`, g12 >= t(0.5), `${(g12 * 100).toFixed(0)}%`);
  const p99 = median(results.G1.rounds.map((x) => x.subject.p99 / Math.max(1, x.baseline.p99)));
  goal('G4', 'p99 latency of POST vs bare express (reported)', p99, '<= 2x', p99 <= 2, `${p99.toFixed(2)}x`);

  Object.assign(results.goals, results.paging ?? {}, results.extract ?? {}, results.sandbox ?? {}, results.authorization ?? {}, results.store ?? {});
  const rows = Object.entries(results.goals).sort(([a], [b]) => a[0].localeCompare(b[0]) || Number(a.slice(1)) - Number(b.slice(1)));
  const table = [
    '| goal | what | measured | threshold | result |',
    '|---|---|---|---|---|',
    ...rows.map(([id, g]) => `| ${id} | ${g.text} | ${g.shown} | ${g.threshold} | ${g.pass ? 'PASS' : 'FAIL'} |`),
  ].join('\n');
  const abs = [
    '',
    '| scenario | baseline req/s | edfi-mock req/s | edfi-mock p50/p99 ms | server CPU % |',
    '|---|---|---|---|---|',
    ...['G1', 'G2', 'G3', 'G12'].map((k) => {
      const r = results[k].rounds[Math.floor(results[k].rounds.length / 2)];
      return `| ${k} | ${r.baseline.rps.toFixed(0)} | ${r.subject.rps.toFixed(0)} | ${r.subject.p50}/${r.subject.p99} | ${r.subject.cpu.server.toFixed(0)} |`;
    }),
  ].join('\n');
  log(`\n${table}\n${abs}`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const stamp = results.at.replace(/[:.]/g, '-');
  writeFileSync(join(ROOT, 'bench-results', `${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(ROOT, 'bench-results', `${stamp}.md`), `# edfi-mock benchmark ${results.at}\n\n${table}\n${abs}\n`);
  log(`\nwritten to bench-results/${stamp}.{json,md}`);
  process.exit(rows.every(([id, g]) => g.pass || id === 'G4') ? 0 : 1);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}

module.exports = { seed, ssa, startSubject, startBaseline, measure, uniquePost, withSubject, withBaseline, resetCounter: () => (counter = 0) };
