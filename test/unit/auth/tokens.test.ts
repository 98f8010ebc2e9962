import { createTokenStore } from '../../../src/auth/tokens';

const client = { key: 'k', secret: 's', name: 'n' };

describe('token store', () => {
  it('issues 32-hex tokens that expire after their lifetime', () => {
    let now = 0;
    const tokens = createTokenStore(() => now, 1800, 15);
    const t = tokens.issue(client)!;
    expect(t.value).toMatch(/^[0-9a-f]{32}$/);
    now = 1799 * 1000;
    expect(tokens.check(t.value)).toBeDefined();
    now = 1800 * 1000;
    expect(tokens.check(t.value)).toBeUndefined();
  });

  it('frees a slot under the per-client limit when a token expires', () => {
    let now = 0;
    const tokens = createTokenStore(() => now, 60, 2);
    expect(tokens.issue(client)).toBeDefined();
    expect(tokens.issue(client)).toBeDefined();
    expect(tokens.issue(client)).toBeUndefined();
    now = 61_000;
    expect(tokens.issue(client)).toBeDefined();
  });

  it('does not keep expired tokens forever when there is no per-client limit', () => {
    let now = 0;
    const tokens = createTokenStore(() => now, 60, 0);
    for (let i = 0; i < 3000; i++) tokens.issue(client);
    now = 61_000;
    for (let i = 0; i < 2048; i++) tokens.issue(client);
    expect(tokens.size()).toBeLessThan(3000);
  });
});
