import type { RunReport } from '../types';
import { failureDetail } from './console';

const xml = (s: string): string =>
  s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 cannot carry control characters other than tab, newline and carriage return.
    .replace(/[^\t\n\r\u0020-\uffff]/g, '');

/** JUnit XML: one testsuite per profile, one testcase per scenario (classname = profile, name = id and title). */
export function junitXml(report: RunReport): string {
  const profiles = [...new Set(report.results.map((r) => r.profile))];
  const suites = profiles.map((p) => {
    const rs = report.results.filter((r) => r.profile === p);
    const cases = rs.map((r) => {
      const head = `    <testcase classname="edfi-mock.${xml(p)}" name="${xml(`${r.id} ${r.title}`)}" file="${xml(r.file)}" time="${(r.ms / 1000).toFixed(3)}"`;
      if (r.status === 'passed') return `${head}/>`;
      const tag = r.status === 'error' ? 'error' : 'failure';
      const message = r.error ?? [...r.steps.flatMap((s) => s.diffs), ...r.assertions.flatMap((a) => a.diffs)][0] ?? r.status;
      return `${head}>\n      <${tag} message="${xml(message)}">${xml(failureDetail(r))}</${tag}>\n    </testcase>`;
    });
    const failures = rs.filter((r) => r.status === 'failed').length;
    const errors = rs.filter((r) => r.status === 'error').length;
    const time = rs.reduce((t, r) => t + r.ms, 0) / 1000;
    return `  <testsuite name="edfi-mock ${xml(p)} scenarios" tests="${rs.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}" timestamp="${report.startedAt}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const { failed, error } = report.counts;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="edfi-mock certification" tests="${report.results.length}" failures="${failed}" errors="${error}" time="${(report.ms / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
