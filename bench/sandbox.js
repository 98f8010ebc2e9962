#!/usr/bin/env node
// `npm run bench:sandbox` (and part of `npm run bench`): training sandboxes.
//   T1  edfi-mock generate --students 50,000 (CI mode 5,000): the district loaded in-process through the API's write
//       path; 0 refused and 0 validation-report errors required; load time and documents/s reported
//   T2  a sandbox created from a 5,000-student template (CI mode 1,000) vs building that template (the reload it
//       avoids), in the same run; median of 5 creations; heap each sandbox adds is reported
// Ratios, not seconds, are the goals (the machines are noisy): T2 <= 0.25x the build.
'use strict';
const { performance } = require('node:perf_hooks');
const { resolve } = require('node:path');
const { median, runGoals } = require('./lib');

const argv = process.argv.slice(2);
const CI = argv.includes('--ci') || process.env.BENCH_CI === '1';
const DIST = resolve(__dirname, '..', 'dist');
const log = (m) => process.stdout.write(`${m}\n`);

const { buildTemplate } = require(`${DIST}/sandbox/templates`);
const { createFleet, createSandbox } = require(`${DIST}/sandbox/fleet`);
const { memoryStorage } = require(`${DIST}/sandbox/storage`);
const { createProfileHost } = require(`${DIST}/pipeline/host`);
const { validationReport } = require(`${DIST}/rules/report`);
const { createLogger } = require(`${DIST}/util/logger`);
const { SCHEMAS_DIR } = require(`${DIST}/schemas-dir`);

const silent = createLogger('silent');
const gc = () => global.gc?.();

async function runSandboxBench() {
  const goals = {};
  // T1: the large district, loaded through the write path.
  const students = CI ? 5000 : 50000;
  log(`T1 generating and loading a ${students}-student district (profile edfi)`);
  let started = performance.now();
  let t1;
  try {
    t1 = await buildTemplate(SCHEMAS_DIR, { name: 'generated', profile: 'edfi', students, seed: 1 }, silent, undefined, (l) => log(l));
  } catch (err) {
    t1 = { error: err.message };
  }
  const t1Seconds = (performance.now() - started) / 1000;
  const errors = t1.error ? -1 : validationReport(t1.host.envs[0], undefined).counts.error;
  const docs = t1.error ? 0 : t1.documents;
  log(`  ${docs} documents in ${t1Seconds.toFixed(1)} s (${Math.round(docs / t1Seconds)} documents/s), validation errors ${errors}`);
  goals.T1 = {
    text: `edfi-mock generate --students ${students}: load through the write path (time reported)`,
    shown: t1.error
      ? `refused: ${t1.error.slice(0, 200)}`
      : `${t1Seconds.toFixed(1)} s, ${docs} documents (${Math.round(docs / t1Seconds)}/s), 0 refused, ${errors} errors`,
    threshold: '0 refused, 0 validation errors',
    pass: !t1.error && errors === 0,
  };
  t1 = undefined;
  gc();

  // T2: sandboxes cloned from a template vs building the template.
  const size = CI ? 1000 : 5000;
  log(`T2 sandboxes from a ${size}-student template`);
  const main = createProfileHost({ schemasDir: SCHEMAS_DIR, profile: 'edfi', clients: [], logger: silent, journalSize: 0 });
  const fleet = createFleet({ main, storage: memoryStorage(), schemasDir: SCHEMAS_DIR, logger: silent });
  const spec = { name: 'generated', profile: 'edfi', students: size, seed: 1 };
  started = performance.now();
  const template = await fleet.templates.get(spec);
  const buildMs = performance.now() - started;
  gc();
  const creations = [];
  const heaps = [];
  for (let i = 0; i < 5; i++) {
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const sandbox = await createSandbox(fleet, { template: spec });
    creations.push(performance.now() - t0);
    gc();
    heaps.push((process.memoryUsage().heapUsed - before) / 1024 / 1024);
    if (sandbox.host.envs[0].store.size() !== template.documents) throw new Error('a sandbox does not hold its template');
  }
  const createMs = median(creations);
  const ratio = createMs / buildMs;
  log(
    `  template: ${template.documents} documents built in ${buildMs.toFixed(0)} ms; sandboxes created in ${creations.map((m) => m.toFixed(0)).join(', ')} ms`,
  );
  goals.T2 = {
    text: `sandbox from a ${size}-student template (${template.documents} documents) vs building the template`,
    shown: `${ratio.toFixed(3)}x (${createMs.toFixed(0)} vs ${buildMs.toFixed(0)} ms); +${median(heaps).toFixed(1)} MB heap per sandbox`,
    threshold: '<= 0.25x',
    pass: ratio <= 0.25,
  };
  return goals;
}

module.exports = { runSandboxBench };
if (require.main === module) runGoals(runSandboxBench);
