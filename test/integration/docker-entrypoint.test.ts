import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The container's entry point decides the arguments `node bin/edfi-mock.js` gets (no Docker engine runs here, so the
 * script runs with `node` replaced by a stub that prints them).
 */
describe('bin/docker-entrypoint.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entry-'));
  const stub = join(dir, 'node');
  writeFileSync(stub, '#!/bin/sh\nshift\necho "$@"\n');
  chmodSync(stub, 0o755);
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync('sh', [join(ROOT, 'bin', 'docker-entrypoint.sh'), ...args], {
      encoding: 'utf8',
      env: { PATH: `${dir}:${process.env.PATH}`, ...env },
    }).stdout.trim();

  it.each([
    [[], 'serve --host 0.0.0.0'],
    [['serve'], 'serve --host 0.0.0.0'],
    [['serve', '--profile', 'wi', '--seed', 'sample'], 'serve --host 0.0.0.0 --profile wi --seed sample'],
    [['--profile', 'mi'], 'serve --host 0.0.0.0 --profile mi'],
    [['serve', '--host', '127.0.0.1'], 'serve --host 127.0.0.1'],
    [['certify', 'list'], 'certify list'],
    [['--version'], '--version'],
  ])('docker run IMAGE %j runs edfi-mock %s', (args, expected) => {
    expect(run(args)).toBe(expected);
  });

  it('leaves the address to EDFI_MOCK_HOST when it is set', () => {
    expect(run(['serve'], { EDFI_MOCK_HOST: '::' })).toBe('serve');
  });

  it('the image declares the volume, the health check on /health and the entry point', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/bin\/docker-entrypoint\.sh"\]$/m);
    expect(dockerfile).toMatch(/chown node:node \/data/);
  });
});
