import { chromium } from 'playwright-core';
import { startServer } from '../../src/cli/serve';
import { CHROMIUM, CHROMIUM_FLAGS, browserIt } from '../helpers/browser';

describe('Swagger UI at /docs in headless Chromium', () => {
  browserIt('Swagger UI')('loads every year, authorizes with client credentials and executes a GET that answers 200 with seeded data', async () => {
    expect(CHROMIUM).toBeDefined();
    const server = await startServer({
      profile: 'wi',
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      tokenLimit: 15,
      bodyLimit: 1 << 20,
      journalSize: 0,
      seed: 'sample',
      key: 'docs-key',
      secret: 'docs-secret',
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(`${server.url}/docs`);
      expect(page.url()).toBe(`${server.url}/docs/`);
      // One entry per school year and document, newest first.
      const options = await page.locator('select#select option').allTextContents();
      expect(options).toEqual([
        '2025-26 Resources (ODS/API 7.3, DS 5.0.0)',
        '2025-26 Descriptors (ODS/API 7.3, DS 5.0.0)',
        '2024-25 Resources (ODS/API 6.1, DS 4.0.0)',
        '2024-25 Descriptors (ODS/API 6.1, DS 4.0.0)',
        '2023-24 Resources (ODS/API 6.1, DS 4.0.0)',
        '2023-24 Descriptors (ODS/API 6.1, DS 4.0.0)',
        '2022-23 Resources (ODS/API 5.3, DS 3.3.1-b)',
        '2022-23 Descriptors (ODS/API 5.3, DS 3.3.1-b)',
      ]);
      await page.locator('.btn.authorize').click();
      await page.locator('#client_id_clientCredentials').fill('docs-key');
      await page.locator('#client_secret_clientCredentials').fill('docs-secret');
      await page.locator('.auth-btn-wrapper .btn.authorize').click();
      // Swagger UI fetched a token from /2026/oauth/token: the dialog now offers Logout.
      await page.locator('.auth-btn-wrapper button', { hasText: 'Logout' }).waitFor({ timeout: 60_000 });
      await page.locator('.auth-btn-wrapper .btn-done').click();
      // The filter box narrows 150 resources (Swagger UI renders long lists lazily) to the one the user types.
      await page.locator('input.operation-filter-input').fill('studentSectionAssociations');
      // The filter applies after a pause: wait until the one matching resource is all that is listed.
      await page.locator('.opblock-tag').nth(1).waitFor({ state: 'detached', timeout: 60_000 });
      await page.locator('#operations-tag-studentSectionAssociations').click();
      const op = page.locator('.opblock-get', { has: page.locator('[data-path="/ed-fi/studentSectionAssociations"]') }).first();
      await op.locator('.opblock-summary-control').click();
      await op.locator('button.try-out__btn').click();
      await op.locator('button.execute').click();
      const status = op.locator('.live-responses-table tr.response .response-col_status').first();
      await status.waitFor({ timeout: 60_000 });
      expect((await status.textContent())?.trim()).toBe('200');
      const body = await op.locator('.live-responses-table tr.response .response-col_description pre').first().textContent();
      expect(body).toContain('5281033584');
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
