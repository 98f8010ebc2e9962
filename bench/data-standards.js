#!/usr/bin/env node
// `npm run bench:data-standards`: per Data Standard, the model compile time (`edfi-mock model --ds X`, only where the
// Ed-Fi inputs folder ../shared/edfi exists) and the server start (spawn to first 200 on GET /), each the median of
// --samples runs (default 5), beside a bare express server started the same way in the same run. Start must stay
// about 1 s. Writes nothing; prints a table.
'use strict';
const { existsSync, mkdtempSync, cpSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { spawnSync } = require('node:child_process');
const { startNode, median, spawnToFirst200 } = require('./lib');

const argv = process.argv.slice(2);
const SAMPLES = Number(argv[argv.indexOf('--samples') + 1] || 5) || 5;
const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'edfi-mock.js');
const EDFI = resolve(ROOT, '..', 'shared', 'edfi');
const RELEASES = ['4.0', '5.0', '5.2', '6.0', '6.1'];
const log = (m) => process.stdout.write(`${m}\n`);

function compileMs(ds, out) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'model', '--ds', ds, '--edfi', EDFI, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`model --ds ${ds} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'edfi-ds-bench-'));
  try {
    cpSync(join(ROOT, 'schemas', 'model-rules.json'), join(work, 'model-rules.json'));
    cpSync(join(ROOT, 'schemas', 'extensions'), join(work, 'extensions'), { recursive: true });
    const canCompile = existsSync(join(EDFI, 'ods-ddl'));
    const bare = [];
    const rows = [];
    for (const ds of RELEASES) {
      const starts = [];
      const compiles = [];
      for (let i = 0; i < SAMPLES; i++) {
        bare.push(await spawnToFirst200(() => startNode([join(__dirname, 'baseline-server.js')], { env: { BASELINE_DOC: '{}' } })));
        starts.push(await spawnToFirst200(() => startNode([BIN, 'serve', '--port', '0', '--log-level', 'warn', '--data-standard', ds])));
        if (canCompile && i < 3) compiles.push(compileMs(ds, work));
      }
      rows.push({ ds, start: median(starts), compile: compiles.length ? median(compiles) : undefined });
      log(`  ${ds}: start ${median(starts).toFixed(0)} ms${compiles.length ? `, compile ${median(compiles).toFixed(0)} ms` : ''}`);
    }
    const b = median(bare);
    log(`\nData Standards (${SAMPLES} starts each, median; bare express start ${b.toFixed(0)} ms in the same run)`);
    log('| DS | server start (ms) | start / bare | model compile (ms) |');
    log('|---|---|---|---|');
    for (const r of rows)
      log(`| ${r.ds} | ${r.start.toFixed(0)} | ${(r.start / b).toFixed(2)}x | ${r.compile === undefined ? 'n/a (no ../shared/edfi)' : r.compile.toFixed(0)} |`);
    const worst = Math.max(...rows.map((r) => r.start));
    log(`\nslowest start ${worst.toFixed(0)} ms: ${worst <= 1500 ? 'PASS' : 'FAIL'} (goal: about 1 s, at most 1.5 s)`);
    if (worst > 1500) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
