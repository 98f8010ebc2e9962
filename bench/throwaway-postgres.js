// A PostgreSQL server of a test's or benchmark's own: initdb in a temporary folder, a free port on 127.0.0.1, stopped
// and removed by stop(). Debian's server programs (/usr/lib/postgresql/<version>/bin). As root, the cluster and the
// server process belong to the `postgres` user (the server refuses to run as root). Durability settings are off: the
// callers check edfi-mock's invariants and throughput, not the disk's.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const pg = require('pg');

/** Where the server programs are, newest version first; else the PATH's initdb; undefined when absent. */
function serverBin() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      if (existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres'))) return join(root, v, 'bin');
    }
  }
  try {
    return execFileSync('sh', ['-c', 'dirname "$(command -v initdb)"'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => ok(port));
    });
  });

async function startPostgres() {
  const bin = serverBin();
  if (!bin) throw new Error('PostgreSQL server programs not found (Debian: apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'edfi-mock-pg-'));
  const data = join(dir, 'data');
  const user =
    process.getuid && process.getuid() === 0
      ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
      : {};
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { stdio: 'pipe', cwd: dir, ...user });
  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
  const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: dir,
    ...user,
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d.toString()));
  server.stderr.on('data', (d) => (log += d.toString()));
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  // Ready once it accepts a connection; counted attempts, the caller's timeout guards a hang.
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log}`);
    const client = new pg.Client({ connectionString: url() });
    const ok = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      return url(name);
    },
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startPostgres, postgresAvailable: () => serverBin() !== undefined };
