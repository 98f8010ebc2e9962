#!/usr/bin/env node
// `npm run bench:store` (and part of `npm run bench`): the store goals of issue 9, each measured in this run.
//   S1  GET filtered by natural key vs GET by id, at 100k students (CI mode: 20k)      >= 0.8x
//   S2  heap per small student document (~94 bytes of JSON)                            <= 400 bytes (half of ~800)
//   S3  kill -9 soak: 20 kills during steady writes with --data                        0 acknowledged writes lost
//   S4  PostgreSQL: POST and GET throughput with one and two edfi-mock processes       reported (two should beat one)
// Options: --ci (shorter runs, 20k students), --skip-postgres. Prints a table; exits 1 when a goal fails.
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const { startNode, stop, cannon, json, runGoals } = require('./lib');

const argv = process.argv.slice(2);
const CI = argv.includes('--ci') || process.env.BENCH_CI === '1';
const STUDENTS = CI ? 20000 : 100000;
const DURATION = CI ? 5 : 10;
const KILLS = 20;
const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'edfi-mock.js');
const log = (m) => process.stdout.write(`${m}\n`);

const work = mkdtempSync(join(tmpdir(), 'edfi-bench-store-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const clientsFile = join(work, 'clients.json');
writeFileSync(clientsFile, JSON.stringify([{ key: 'bench', secret: 'bench-secret', name: 'bench' }]));
const BASIC = `Basic ${Buffer.from('bench:bench-secret').toString('base64')}`;

const start = (extra = [], core = 0) =>
  startNode([BIN, 'serve', '--port', '0', '--log-level', 'warn', '--token-limit', '0', '--clients', clientsFile, '--debug', ...extra], {
    nodeArgs: ['--expose-gc'],
    core,
  });
async function headersFor(port) {
  const r = await json(`http://127.0.0.1:${port}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: BASIC, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return { Authorization: `Bearer ${r.body.access_token}`, 'Content-Type': 'application/json' };
}
const student = (i) => JSON.stringify({ studentUniqueId: `S${i}`, firstName: 'Lisa', lastSurname: 'Woods', birthDate: '2010-01-13' });
/** Requests that POST distinct students, numbered from a shared counter. */
const postStudents = (headers, counter) => [
  { method: 'POST', path: '/data/v3/ed-fi/students', headers, setupRequest: (req) => ({ ...req, body: student(counter.next++) }) },
];
const run = (port, requests, opts) => cannon({ url: `http://127.0.0.1:${port}`, requests, ...opts });

/** S1 and S2: one in-memory server loaded with students. */
async function indexedGets() {
  const p = await start();
  try {
    const headers = await headersFor(p.port);
    const counter = { next: 0 };
    // Warm-up: the validator compiles and the request path is optimized (code, not documents) before the heap is read.
    await run(p.port, postStudents(headers, { next: -5000 }), { amount: 5000 });
    const before = (await json(`http://127.0.0.1:${p.port}/__debug/memory`)).body;
    const load = await run(p.port, postStudents(headers, counter), { amount: STUDENTS });
    const after = (await json(`http://127.0.0.1:${p.port}/__debug/memory`)).body;
    const bytesPerDoc = (after.heapUsed - before.heapUsed) / (after.documents - before.documents);
    const jsonPerDoc = (after.storedBytes - before.storedBytes) / (after.documents - before.documents);
    const one = (await json(`http://127.0.0.1:${p.port}/data/v3/ed-fi/students?studentUniqueId=S7`, { headers })).body[0];
    await run(p.port, [{ method: 'GET', path: `/data/v3/ed-fi/students/${one.id}`, headers }], { duration: 2 });
    const byId = await run(p.port, [{ method: 'GET', path: `/data/v3/ed-fi/students/${one.id}`, headers }], { duration: DURATION });
    let k = 0;
    const filtered = await run(
      p.port,
      [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: `/data/v3/ed-fi/students?studentUniqueId=S${(k = (k * 7919 + 13) % STUDENTS)}` }) }],
      { duration: DURATION },
    );
    return {
      loaded: load.requests.total,
      non2xx: load.non2xx + byId.non2xx + filtered.non2xx,
      bytesPerDoc,
      jsonPerDoc,
      byIdRps: byId.requests.average,
      filteredRps: filtered.requests.average,
      ratio: filtered.requests.average / byId.requests.average,
    };
  } finally {
    await stop(p);
  }
}

/** S3: writers POST students to a journaled server; kill -9 after a count of acknowledgements, 20 times; then compare. */
async function killSoak() {
  const file = join(work, 'soak.journal');
  const acknowledged = new Set();
  let next = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    const p = await start(['--data', file]);
    const headers = await headersFor(p.port);
    const target = 20 + ((kill * 37) % 200);
    let thisRound = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const id = next++;
        const res = await fetch(`http://127.0.0.1:${p.port}/data/v3/ed-fi/students`, { method: 'POST', headers, body: student(id) }).catch(() => undefined);
        if (!res) return;
        await res.arrayBuffer().catch(() => undefined);
        if (res.status === 201) {
          acknowledged.add(`S${id}`);
          if (++thisRound === target) {
            killed = true;
            p.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    await new Promise((ok) => (p.child.exitCode !== null || p.child.signalCode !== null ? ok() : p.child.once('exit', ok)));
  }
  const { applyRecord, scanJournal } = require('../dist/store/journal-format');
  const { createMemoryStore } = require('../dist/store/memory-store');
  const store = createMemoryStore();
  const scan = scanJournal(file, (r) => applyRecord(store, r));
  const stored = new Set([...store.all('Student')].map((d) => JSON.parse(d.body).studentUniqueId));
  const lost = [...acknowledged].filter((id) => !stored.has(id));
  return { kills: KILLS, acknowledged: acknowledged.size, lost: lost.length, damaged: !!scan.damage };
}

/** S4: throughput over one PostgreSQL with one process, then two (each load generator at its own process). */
async function postgresThroughput() {
  const { startPostgres, postgresAvailable } = require('./throwaway-postgres');
  if (!postgresAvailable()) return { skipped: 'PostgreSQL server programs not installed' };
  const pgServer = await startPostgres();
  try {
    const measureWith = async (count) => {
      const url = await pgServer.createDatabase(`bench_${count}_${Date.now()}`);
      const procs = [];
      for (let i = 0; i < count; i++) procs.push(await start(['--store', url], i % 2));
      try {
        // Tokens belong to the process that issued them.
        const headers = await Promise.all(procs.map((p) => headersFor(p.port)));
        const counter = { next: 0 };
        await run(procs[0].port, postStudents(headers[0], counter), { amount: 200 });
        const posts = await Promise.all(procs.map((p, i) => run(p.port, postStudents(headers[i], counter), { duration: DURATION, connections: 32 / count })));
        const one = (await json(`http://127.0.0.1:${procs[0].port}/data/v3/ed-fi/students?studentUniqueId=S7`, { headers: headers[0] })).body[0];
        const gets = await Promise.all(
          procs.map((p, i) =>
            run(p.port, [{ method: 'GET', path: `/data/v3/ed-fi/students/${one.id}`, headers: headers[i] }], { duration: DURATION, connections: 32 / count }),
          ),
        );
        const sum = (rs) => rs.reduce((a, r) => a + r.requests.average, 0);
        return { postRps: sum(posts), getRps: sum(gets), non2xx: [...posts, ...gets].reduce((a, r) => a + r.non2xx + r.errors, 0) };
      } finally {
        for (const p of procs) await stop(p);
      }
    };
    const one = await measureWith(1);
    const two = await measureWith(2);
    return { one, two };
  } finally {
    await pgServer.stop();
  }
}

async function runStoreBench() {
  const goals = {};
  log(`S1/S2 ${STUDENTS} students in memory: heap per document, GET by natural key vs GET by id`);
  const s1 = await indexedGets();
  log(
    `  ${s1.loaded} loaded; ${s1.bytesPerDoc.toFixed(0)} bytes of heap per document (${s1.jsonPerDoc.toFixed(0)} bytes of JSON); by id ${s1.byIdRps.toFixed(0)} req/s, by studentUniqueId ${s1.filteredRps.toFixed(0)} req/s`,
  );
  goals.S1 = {
    text: `GET ?studentUniqueId= vs GET by id at ${STUDENTS} students`,
    shown: `${(s1.ratio * 100).toFixed(0)}% (${s1.filteredRps.toFixed(0)} vs ${s1.byIdRps.toFixed(0)} req/s)`,
    threshold: '>= 80%',
    pass: s1.ratio >= 0.8 && s1.non2xx === 0,
  };
  goals.S2 = {
    text: 'heap per small student document',
    shown: `${s1.bytesPerDoc.toFixed(0)} bytes (${(s1.bytesPerDoc / s1.jsonPerDoc).toFixed(1)}x its ${s1.jsonPerDoc.toFixed(0)} bytes of JSON)`,
    threshold: '<= 400 bytes',
    pass: s1.bytesPerDoc <= 400,
  };
  log(`S3 kill -9 soak: ${KILLS} kills during writes (8 writers, --data)`);
  const s3 = await killSoak();
  log(`  ${s3.acknowledged} acknowledged, ${s3.lost} lost${s3.damaged ? ', journal DAMAGED' : ''}`);
  goals.S3 = {
    text: `kill -9 soak (${KILLS} kills during writes)`,
    shown: `${s3.lost} of ${s3.acknowledged} acknowledged writes lost`,
    threshold: '0 lost',
    pass: s3.lost === 0 && !s3.damaged,
  };
  if (!argv.includes('--skip-postgres')) {
    log('S4 PostgreSQL throughput, one and two edfi-mock processes (c=32 in all)');
    const s4 = await postgresThroughput();
    if (s4.skipped) log(`  skipped: ${s4.skipped}`);
    else {
      log(`  one process: POST ${s4.one.postRps.toFixed(0)} req/s, GET ${s4.one.getRps.toFixed(0)} req/s`);
      log(`  two processes: POST ${s4.two.postRps.toFixed(0)} req/s, GET ${s4.two.getRps.toFixed(0)} req/s`);
      goals.S4 = {
        text: 'PostgreSQL: two processes vs one (POST, GET)',
        shown: `POST ${(s4.two.postRps / s4.one.postRps).toFixed(2)}x (${s4.two.postRps.toFixed(0)} vs ${s4.one.postRps.toFixed(0)}), GET ${(s4.two.getRps / s4.one.getRps).toFixed(2)}x (${s4.two.getRps.toFixed(0)} vs ${s4.one.getRps.toFixed(0)})`,
        // The ratios are reported; the goal fails only when a request failed.
        threshold: 'reported; 0 errors',
        pass: s4.one.non2xx === 0 && s4.two.non2xx === 0,
      };
    }
  }
  return goals;
}

module.exports = { runStoreBench };

if (require.main === module) runGoals(runStoreBench);
