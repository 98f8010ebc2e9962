import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * What a user gets from `npm pack`: the tarball installs on its own (dependencies from the registry, no build step) and
 * its `edfi-mock` command serves the sample district. dist/ is the one `npm ci` built (--ignore-scripts: no rebuild
 * under the other tests' feet).
 */
describe('the packed package', () => {
  it('installs from its tarball and serves with --seed sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, ROOT], { encoding: 'utf8' });
    expect(packed.status).toBe(0);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const install = spawnSync('npm', ['install', '--prefix', join(dir, 'app'), '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)], {
      encoding: 'utf8',
    });
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
    const bin = join(dir, 'app', 'node_modules', '.bin', 'edfi-mock');
    expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const child = spawn(bin, ['serve', '--port', '0', '--seed', 'sample', '--key', 'k', '--secret', 's', '--log-level', 'silent'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const banner = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Get a token')) ok(out);
        });
        child.once('exit', () => fail(new Error(out)));
      });
      const url = /listening on (\S+)/.exec(banner)![1];
      const token = (await (
        await fetch(`${url}/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'k', client_secret: 's' }),
        })
      ).json()) as { access_token: string };
      const res = await fetch(`${url}/data/v3/ed-fi/students`, { headers: { Authorization: `Bearer ${token.access_token}` } });
      expect(((await res.json()) as unknown[]).length).toBe(3);
      expect((await fetch(`${url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
