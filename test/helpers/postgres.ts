import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian keeps the server programs (`/usr/lib/postgresql/<version>/bin`), newest first; else the PATH. */
function serverBin(): string | undefined {
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
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Whether the PostgreSQL tests must run (CI installs the server and sets this); elsewhere they are skipped without it. */
export const POSTGRES_REQUIRED = process.env.REQUIRE_POSTGRES === '1';
/** Whether this machine has PostgreSQL's server programs. */
export const POSTGRES_AVAILABLE = serverBin() !== undefined;

/** A PostgreSQL server of the test's own: initdb in a temporary folder, a free port, stopped and removed by `stop`. */
export interface Throwaway {
  /** A connection string to a database of the server. */
  url(database?: string): string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway server. As root, the cluster belongs to the `postgres` user (the server refuses to run as root).
 * Durability settings are off: the tests check edfi-mock's invariants, not the disk.
 */
export async function startPostgres(): Promise<Throwaway> {
  const bin = serverBin();
  if (!bin) throw new Error('PostgreSQL server programs not found (Debian: apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'edfi-mock-pg-'));
  const data = join(dir, 'data');
  // The server refuses to run as root: as root, the cluster and the processes belong to the `postgres` user.
  const user =
    process.getuid?.() === 0
      ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
      : {};
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { stdio: 'pipe', ...user, cwd: dir });
  const port = await freePort();
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...user, cwd: dir },
  );
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  // Ready once it accepts a connection; counted attempts, the test timeout guards a hang.
  for (let attempt = 0; ; attempt++) {
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

/** `describe` when PostgreSQL can run here (or must: CI), else `describe.skip` with a note. */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (POSTGRES_AVAILABLE || POSTGRES_REQUIRED) describe(name, fn);
  else {
    console.warn(`skipped "${name}": PostgreSQL's server programs are not installed (CI requires them)`);
    describe.skip(name, fn);
  }
}
