#!/usr/bin/env node
// Runs `npm test` while other processes keep CPU cores busy, to prove no test depends on the machine's speed.
// Usage: node bench/test-under-load.js [--burners N] [--runs N]   (defaults: 1 burner, 2 runs in a row)
'use strict';
const { spawn, spawnSync } = require('node:child_process');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const burners = arg('--burners', 1);
const runs = arg('--runs', 2);
const children = Array.from({ length: burners }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stop = () => children.forEach((c) => c.kill('SIGKILL'));
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));
let failed = 0;
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  console.log(`test-under-load: run ${i}/${runs} with ${burners} CPU-burning process(es)`);
  const res = spawnSync('npm', ['test'], { stdio: 'inherit' });
  console.log(`test-under-load: run ${i}/${runs} exited ${res.status} after ${Math.round((Date.now() - started) / 1000)} s`);
  if (res.status !== 0) failed++;
}
// Killed here, not only on 'exit': the running burners would keep this process (and so 'exit') from ever coming.
stop();
console.log(`test-under-load: ${runs - failed} of ${runs} runs passed`);
process.exitCode = failed ? 1 : 0;
