#!/usr/bin/env node
// `npm run bench:paging` (and part of `npm run bench`): reading a large collection three ways, in this run, on one
// in-memory server holding 100k students (CI mode: 20k). Each walk is timed from its first request to its last and
// must see every item exactly once; the ratios are to the plain offset walk measured in the same round.
//   P0  offset walk: GET ?limit=500&offset=k until an empty page                          (the baseline)
//   P1  cursor walk: the first page's Next-Page-Token, then pageToken&pageSize=500        <= 1.5x the offset walk
//   P2  change-query sync of the same items: availableChangeVersions, then every          <= 3x the offset walk
//       resource's keyChanges, changed items and deletes in the window (the sync client of
//       src/scenarios/change-sync.ts), with a target that only counts what it is sent
// Rounds alternate P0, P1, P2 (3 rounds; the median ratio is reported). Options: --ci, --rounds N.
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { startNode, stop, cannon, json, median, runGoals } = require('./lib');

const argv = process.argv.slice(2);
const CI = argv.includes('--ci') || process.env.BENCH_CI === '1';
const ITEMS = CI ? 20000 : 100000;
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1]) || 3;
const PAGE = 500;
const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'edfi-mock.js');
const log = (m) => process.stdout.write(`${m}\n`);

const work = mkdtempSync(join(tmpdir(), 'edfi-bench-paging-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const clientsFile = join(work, 'clients.json');
writeFileSync(clientsFile, JSON.stringify([{ key: 'bench', secret: 'bench-secret', name: 'bench' }]));

async function bearer(base) {
  const r = await json(`${base}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('bench:bench-secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return { Authorization: `Bearer ${r.body.access_token}` };
}

/** GET a JSON array page; returns the items and the Next-Page-Token. */
async function page(base, headers, path) {
  const res = await fetch(`${base}${path}`, { headers });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return { items: await res.json(), next: res.headers.get('next-page-token') };
}

/** P0: limit/offset until an empty page. */
async function offsetWalk(base, headers) {
  let seen = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { items } = await page(base, headers, `/data/v3/ed-fi/students?limit=${PAGE}&offset=${offset}`);
    seen += items.length;
    if (items.length === 0) return seen;
  }
}

/** P1: the first page, then pageToken until a page without Next-Page-Token. */
async function cursorWalk(base, headers) {
  let { items, next } = await page(base, headers, `/data/v3/ed-fi/students?limit=${PAGE}`);
  let seen = items.length;
  while (next) {
    ({ items, next } = await page(base, headers, `/data/v3/ed-fi/students?pageToken=${encodeURIComponent(next)}&pageSize=${PAGE}`));
    seen += items.length;
  }
  return seen;
}

/** P2: the sync client over every resource's feeds; the target counts what it would write. */
async function changeSync(base, headers, since, resources) {
  const { syncChanges } = require(join(ROOT, 'dist', 'scenarios', 'change-sync.js'));
  const source = {
    dataBase: '/data/v3',
    changeQueriesBase: '/changeQueries/v1',
    send: async (method, path) => {
      const res = await fetch(`${base}${path}`, { method, headers });
      return { status: res.status, body: await res.json(), headers: {} };
    },
  };
  let written = 0;
  const target = {
    dataBase: '/data/v3',
    changeQueriesBase: '/changeQueries/v1',
    send: async (method) => {
      if (method === 'GET') return { status: 200, body: [], headers: {} };
      written++;
      return { status: 201, body: undefined, headers: {} };
    },
  };
  const run = await syncChanges(source, target, since, resources);
  return written === run.upserts ? run.upserts : -1;
}

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const seen = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, seen };
}

async function runPagingBench() {
  const p = await startNode([BIN, 'serve', '--port', '0', '--log-level', 'warn', '--token-limit', '0', '--clients', clientsFile]);
  try {
    const base = `http://127.0.0.1:${p.port}`;
    const headers = await bearer(base);
    const since = (await json(`${base}/changeQueries/v1/availableChangeVersions`, { headers })).body.newestChangeVersion;
    const posting = { ...headers, 'Content-Type': 'application/json' };
    let next = 0;
    const body = () => JSON.stringify({ studentUniqueId: `P${next++}`, firstName: 'Lisa', lastSurname: 'Woods', birthDate: '2010-01-13' });
    log(`  loading ${ITEMS} students`);
    const load = await cannon({
      url: base,
      requests: [{ method: 'POST', path: '/data/v3/ed-fi/students', headers: posting, setupRequest: (req) => ({ ...req, body: body() }) }],
      amount: ITEMS,
    });
    if (load.non2xx) throw new Error(`${load.non2xx} POSTs failed while loading`);
    const deps = (await json(`${base}/metadata/data/v3/dependencies`)).body;
    const resources = [...new Set(deps.filter((d) => !d.resource.endsWith('Descriptors')).map((d) => d.resource))];
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const offset = await timed(() => offsetWalk(base, headers));
      const cursor = await timed(() => cursorWalk(base, headers));
      const sync = await timed(() => changeSync(base, headers, since, resources));
      rounds.push({ offset, cursor, sync });
      log(
        `  round ${r + 1}: offset ${offset.ms.toFixed(0)} ms (${offset.seen}), cursor ${cursor.ms.toFixed(0)} ms (${cursor.seen}), ` +
          `change-query sync ${sync.ms.toFixed(0)} ms (${sync.seen} items, ${resources.length} resources)`,
      );
    }
    const everyItem = rounds.every((x) => x.offset.seen === ITEMS && x.cursor.seen === ITEMS && x.sync.seen === ITEMS);
    const p1 = median(rounds.map((x) => x.cursor.ms / x.offset.ms));
    const p2 = median(rounds.map((x) => x.sync.ms / x.offset.ms));
    const offsetMs = median(rounds.map((x) => x.offset.ms));
    return {
      P1: {
        text: `cursor walk through ${ITEMS} items (pageSize ${PAGE}) vs offset walk`,
        shown: `${p1.toFixed(2)}x (${median(rounds.map((x) => x.cursor.ms)).toFixed(0)} vs ${offsetMs.toFixed(0)} ms)${everyItem ? '' : '; items MISSING'}`,
        threshold: '<= 1.5x, every item once',
        pass: p1 <= 1.5 && everyItem,
      },
      P2: {
        text: `change-query sync of ${ITEMS} items (${resources.length} resources' feeds) vs offset walk`,
        shown: `${p2.toFixed(2)}x (${median(rounds.map((x) => x.sync.ms)).toFixed(0)} vs ${offsetMs.toFixed(0)} ms)${everyItem ? '' : '; items MISSING'}`,
        threshold: '<= 3x, every item once',
        pass: p2 <= 3 && everyItem,
      },
    };
  } finally {
    await stop(p);
  }
}

module.exports = { runPagingBench };

if (require.main === module) runGoals(runPagingBench);
