// Benchmark helpers: processes pinned to one core each, CPU accounting from /proc, autocannon runs.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { readFileSync, existsSync } = require('node:fs');
const autocannon = require('autocannon');

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Starts a node process (on core `core` when taskset exists) and resolves with its port once it prints it. */
function startNode(args, { core = 0, env = {}, nodeArgs = [] } = {}) {
  const cmd = hasTaskset ? 'taskset' : process.execPath;
  const full = hasTaskset ? ['-c', String(core), process.execPath, ...nodeArgs, ...args] : [...nodeArgs, ...args];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, full, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d.toString();
      const m = /listening (?:on http:\/\/127\.0\.0\.1:)?(\d+)/.exec(output);
      if (m) {
        child.stdout.off('data', onData);
        resolve({ child, port: Number(m[1]), pid: child.pid, started });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before listening:\n${output}`)));
  });
}

const stop = (p) =>
  new Promise((resolve) => {
    if (!p || p.child.exitCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill('SIGTERM');
    setTimeout(() => p.child.kill('SIGKILL'), 5000).unref();
  });

/** CPU ticks of a process (utime+stime) and of the whole machine, for the validity check. */
function cpuSnapshot(pid) {
  const ticks = (p) => {
    if (!existsSync(`/proc/${p}/stat`)) return 0;
    const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.reduce((a, b) => a + b, 0);
  return { server: ticks(pid), self: ticks(process.pid), idle, total, at: Date.now() };
}

/** Percent of one core used by server and generator, and machine busy %, between two snapshots. */
function cpuDelta(a, b) {
  const hz = 100;
  const secs = (b.at - a.at) / 1000;
  const cores = require('node:os').cpus().length;
  const machineBusy = (1 - (b.idle - a.idle) / (b.total - a.total)) * 100;
  const server = ((b.server - a.server) / hz / secs) * 100;
  const generator = ((b.self - a.self) / hz / secs) * 100;
  return { server, generator, machineBusy, foreign: machineBusy - (server + generator) / cores };
}

/** Runs autocannon; `requests` may use setupRequest for unique bodies. */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 32, pipelining: 1, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function json(url, init) {
  const res = await fetch(url, init);
  return { status: res.status, body: res.status === 204 ? undefined : await res.json().catch(() => undefined), headers: res.headers };
}

/** Runs a bench module's goals when it is the main script: prints the goal table, exits 1 when a goal fails (2 on an error). */
function runGoals(run) {
  run()
    .then((goals) => {
      const rows = Object.entries(goals);
      const table = rows.map(([id, g]) => `| ${id} | ${g.text} | ${g.shown} | ${g.threshold} | ${g.pass ? 'PASS' : 'FAIL'} |`).join('\n');
      process.stdout.write(`\n| goal | what | measured | threshold | result |\n|---|---|---|---|---|\n${table}\n`);
      process.exit(rows.every(([, g]) => g.pass) ? 0 : 1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(2);
    });
}

/** Milliseconds from spawning a server (`start` resolves with its port) to its first 200 on GET /; stops it after. */
async function spawnToFirst200(start) {
  const t0 = process.hrtime.bigint();
  const p = await start();
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${p.port}/`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await stop(p);
  return ms;
}

module.exports = {
  spawnToFirst200,
  startNode,
  stop,
  cpuSnapshot,
  cpuDelta,
  cannon,
  median,
  json,
  hasTaskset,
  runGoals,
};
