import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, browserIt } from '../helpers/browser';
import { ADMIN_KEY, sandboxServer } from '../helpers/sandbox-server';

const VIEWPORT = { width: 1280, height: 900 };

/** A screenshot's width and height, from its PNG header (and that it is a PNG at all). */
function pngSize(file: string): { width: number; height: number; bytes: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

describe('the training console at /console in headless Chromium', () => {
  browserIt('console')(
    'a trainee signs in, browses the data, sees a refusal explained, certifies and resets; the admin sees every sandbox',
    async () => {
      expect(CHROMIUM).toBeDefined();
      const server = await sandboxServer();
      const sandbox = await server.sandbox({ template: 'sample', name: 'Trainee 7' });
      // What the trainee's SIS sent: a student, then a section whose course offering does not exist.
      await server.call('POST', '/data/v3/ed-fi/students', {
        token: sandbox.token,
        body: { studentUniqueId: 'T-7', firstName: 'Tea', lastSurname: 'Cher', birthDate: '2011-04-05' },
      });
      await server.call('POST', '/data/v3/ed-fi/sections', {
        token: sandbox.token,
        body: {
          sectionIdentifier: 'S-7',
          courseOfferingReference: { localCourseCode: 'NO-SUCH', schoolId: 255901001, schoolYear: 2026, sessionName: '2025-2026 Fall Semester' },
        },
      });
      const shots = mkdtempSync(join(tmpdir(), 'edfi-mock-console-'));
      const shot = async (page: Page, name: string) => {
        const file = join(shots, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      };
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      try {
        const page = await browser.newPage({ viewport: VIEWPORT });
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
        await page.goto(`${server.url}/console/`);
        const signin = await shot(page, '1-signin');

        // A wrong secret is refused in words.
        await page.fill('#key', sandbox.key);
        await page.fill('#secret', 'wrong');
        await page.click('#keyform button');
        await page.locator('#signin-error', { hasText: 'refused' }).waitFor();

        await page.fill('#secret', sandbox.secret);
        await page.click('#keyform button');
        await page.waitForSelector('#workspace:not([hidden])');
        expect(await page.textContent('#who')).toBe(`Trainee 7 (edfi, ${sandbox.id})`);

        // Browse: the students of the sample district and the one the trainee added.
        await page.selectOption('#resource', '/ed-fi/students');
        await page.click('#browse button');
        await page.locator('#data-table tbody tr').first().waitFor();
        const data = await page.textContent('#data-table');
        expect(data).toContain('604822');
        expect(data).toContain('T-7');
        expect(await page.textContent('#data-count')).toMatch(/^4 items; showing 1-4$/);
        const browsed = await shot(page, '2-data');

        // The journal: the refused section, with what happened, the JSON path and what to do next.
        await page.click('nav button[data-tab="journal"]');
        const refused = page.locator('#journal-table tr.refused', { hasText: '/data/v3/ed-fi/sections' });
        await refused.waitFor();
        const why = await refused.textContent();
        expect(why).toContain('409');
        expect(why).toContain('Section refers to a CourseOffering that does not exist in this data set.');
        expect(why).toContain('$.courseOfferingReference');
        expect(why).toContain('Create the CourseOffering first (POST /ed-fi/courseOfferings)');
        // A request sent now shows up by itself.
        await server.call('DELETE', '/data/v3/ed-fi/students/00000000000000000000000000000000', { token: sandbox.token });
        await page.locator('#journal-table tr', { hasText: 'DELETE /data/v3/ed-fi/students/' }).waitFor();
        const journal = await shot(page, '3-journal');

        // Validation findings and a certification run against the sandbox.
        await page.click('nav button[data-tab="validation"]');
        await page.click('#validate');
        await page.locator('#findings', { hasText: 'No findings' }).waitFor();
        await page.click('nav button[data-tab="certify"]');
        await page.selectOption('#scenario', 'CORE-REF-UNRESOLVED');
        await page.click('#certify button');
        await page
          .locator('#certify-result p', { hasText: /CORE-REF-UNRESOLVED: (PASSED|FAILED|ERROR)/ })
          .first()
          .waitFor();
        expect(await page.textContent('#certify-result p')).toBe('CORE-REF-UNRESOLVED: PASSED');
        await shot(page, '4-certify');

        // Reset: the trainee's student is gone, the sample district is back.
        await page.click('nav button[data-tab="reset"]');
        page.once('dialog', (d) => void d.accept());
        await page.click('#reset');
        await page.locator('#reset-result', { hasText: /^Reset:/ }).waitFor();
        expect((await server.call('GET', '/data/v3/ed-fi/students?studentUniqueId=T-7', { token: sandbox.token })).body).toEqual([]);
        expect((await server.call('GET', '/data/v3/ed-fi/students', { token: sandbox.token })).body).toHaveLength(3);
        await shot(page, '5-reset');

        // The admin key lists every sandbox and opens any.
        const other = await server.sandbox({ template: 'empty', name: 'Trainee 8' });
        const admin = await browser.newPage({ viewport: VIEWPORT });
        await admin.goto(`${server.url}/console/`);
        await admin.fill('#adminkey', ADMIN_KEY);
        await admin.click('#adminform button');
        await admin.waitForSelector('#sandboxes:not([hidden])');
        const rows = await admin.locator('#sandbox-rows tr').allTextContents();
        expect(rows.map((r) => r.split(sandbox.id)[0])).toEqual(expect.arrayContaining(['Trainee 7']));
        expect(rows.some((r) => r.startsWith(`Trainee 8${other.id}`))).toBe(true);
        const list = await shot(admin, '6-admin');
        await admin.click(`[data-open="${sandbox.id}"]`);
        await admin.waitForSelector('#workspace:not([hidden])');
        expect(await admin.textContent('#who')).toBe(`Admin on Trainee 7 (edfi, ${sandbox.id})`);

        expect(problems).toEqual([]);
        // Every screenshot is a full viewport PNG, and the pages differ (a blank or unchanged page would not).
        const files = [signin, browsed, journal, list];
        for (const f of files) expect(pngSize(f)).toMatchObject(VIEWPORT);
        const contents = new Set(files.map((f) => readFileSync(f).toString('base64')));
        expect(contents.size).toBe(files.length);
        expect(pngSize(journal).bytes).toBeGreaterThan(pngSize(signin).bytes);
      } finally {
        await browser.close();
        await server.stop();
      }
    },
    60_000,
  );
});
