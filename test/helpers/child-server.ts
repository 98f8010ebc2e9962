import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The CLI entry point (it runs the built dist/). */
export const BIN = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');

/** A client file with one client `k`/`s`. */
export function clientsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'edfi-mock-')), 'clients.json');
  writeFileSync(file, JSON.stringify([{ key: 'k', secret: 's', name: 'n' }]));
  return file;
}

/** A `serve` process of its own (kill -9, file size limits), with a token and small fetch helpers. */
export async function childServer(args: string[], prefix: string[] = []) {
  const command = [...prefix, process.execPath, BIN, 'serve', '--port', '0', '--clients', clientsFile(), '--token-limit', '0', ...args];
  const child: ChildProcessWithoutNullStreams = spawn(command[0], command.slice(1), { stdio: 'pipe' });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening on (\S+)/.exec(output);
      if (m) ok(m[1]);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', () => fail(new Error(`server exited early:\n${output}`)));
  });
  const tok = (await (
    await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('k:s').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
  ).json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${tok.access_token}`, 'Content-Type': 'application/json' };
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return {
    child,
    url,
    output: () => output,
    /** POST to a data path; undefined when the connection failed (the server is gone). */
    post: (path: string, body: unknown) =>
      fetch(`${url}/data/v3${path}`, { method: 'POST', headers, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, text: await r.text() }),
        () => undefined,
      ),
    get: async (path: string) => {
      const r = await fetch(`${url}/data/v3${path}`, { headers });
      return { status: r.status, body: (await r.json()) as unknown };
    },
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
