import { existsSync } from 'node:fs';

/** Debian's chromium, when installed (`.ci/run` installs it). */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** CI sets REQUIRE_BROWSER=1: there a missing browser fails the test instead of skipping it. */
export const BROWSER_REQUIRED = process.env.REQUIRE_BROWSER === '1';

/** Flags for a headless run as root on a machine without network: no sandbox, GPU or background connections. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `it`, or `it.skip` with a note when no browser is installed and none is required. */
export function browserIt(what: string): jest.It {
  if (!CHROMIUM && !BROWSER_REQUIRED) console.warn(`${what} browser test skipped: install Debian's chromium (apt-get install chromium) to run it`);
  return CHROMIUM || BROWSER_REQUIRED ? it : it.skip;
}
