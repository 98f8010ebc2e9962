import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, loadScenarios } from '../../src/scenarios/load';
import { htmlReport } from '../../src/scenarios/report/html';
import { runAll } from '../../src/scenarios/run-all';
import { CHROMIUM, CHROMIUM_FLAGS, browserIt } from '../helpers/browser';

const FLAGS = ['--headless', ...CHROMIUM_FLAGS];

/** The HTML report renders in a real browser: a screenshot is taken and the rendered page shows each verdict. */
describe('HTML certification report in headless Chromium', () => {
  browserIt('HTML report')(
    'renders the summary and a passed and a failed scenario',
    async () => {
      expect(CHROMIUM).toBeDefined();
      const dir = mkdtempSync(join(tmpdir(), 'html-report-'));
      const failing = join(dir, 'failing.yaml');
      writeFileSync(
        failing,
        'id: CORE-TEST-FAIL\ntitle: expects the wrong status\nprofile: edfi\nsource: { document: test }\nsteps:\n  - request: { method: GET, path: /ed-fi/students/0123456789abcdef0123456789abcdef }\n    expect: { status: 200 }\n',
      );
      const report = await runAll([...loadScenarios(undefined, { ids: ['WI-CTE-15.2-DELETE', 'CORE-CRUD-CREATE'] }), loadScenario(failing)]);
      const page = join(dir, 'report.html');
      writeFileSync(page, htmlReport(report));
      const png = join(dir, 'report.png');
      const user = join(dir, 'profile');
      const shot = spawnSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${user}`, '--window-size=1280,1000', `--screenshot=${png}`, `file://${page}`], {
        encoding: 'utf8',
        timeout: 150_000,
      });
      expect(shot.status).toBe(0);
      expect(statSync(png).size).toBeGreaterThan(10_000);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      const dom = spawnSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${user}`, '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 150_000 });
      expect(dom.status).toBe(0);
      expect(dom.stdout).toContain('<span class="pill passed" id="count-passed">2 passed</span>');
      expect(dom.stdout).toContain('<span class="pill failed" id="count-failed">1 failed</span>');
      expect(dom.stdout).toMatch(/<details open="" id="CORE-TEST-FAIL">/);
      expect(dom.stdout).toContain('status: expected 200, got 404');
      expect(dom.stdout).toContain('the grade is deleted before the studentSectionAssociation');
    },
    120_000,
  );
});
