import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'edfi-mock.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('edfi-mock CLI', () => {
  it('explains itself with --help', () => {
    const res = run('serve', '--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('--port <port>');
    expect(res.stdout).toContain('--clients <file>');
  });

  it.each([
    [['serve', '--port', 'abc'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--clients', '/nonexistent/clients.json'], /clients file not found/],
    [['nonsense'], /too many arguments|unknown command/],
  ])('refuses bad input %j with a clear message and no stack trace', (args, message) => {
    const res = run(...args);
    expect(res.status).not.toBe(0);
    expect(`${res.stderr}${res.stdout}`).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('starts on an embedded default and prints a working development client', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('secret')) ok(out);
        });
        child.once('exit', () => fail(new Error(out)));
      });
      const url = /listening on (\S+)/.exec(banner)![1];
      const [, key, secret] = /key (\S+)\s+secret (\S+)/.exec(banner)!;
      const res = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { access_token: string };
      const students = await fetch(`${url}/data/v3/ed-fi/gradeLevelDescriptors?limit=1`, { headers: { Authorization: `Bearer ${body.access_token}` } });
      expect(students.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
