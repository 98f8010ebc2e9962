import type { RunReport, ScenarioResult } from '../types';

const MARK = { passed: 'PASS', failed: 'FAIL', error: 'ERROR' } as const;
const indent = (text: string, by = '      '): string => text.replace(/^/gm, by);
const short = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  return s === undefined ? '(none)' : s.length > 1200 ? `${s.slice(0, 1200)}\n...` : s;
};

/** One progress line per scenario, as it finishes. */
export const progressLine = (r: ScenarioResult, n: number, total: number): string =>
  `${MARK[r.status].padEnd(5)} [${String(n).padStart(String(total).length)}/${total}] ${r.id}  ${r.title} (${r.ms} ms)`;

/** What went wrong in one scenario: the request, the expected and the actual answer, and the differences. */
export function failureDetail(r: ScenarioResult): string {
  const lines = [`${r.id} (${r.file})`, `  source: ${r.source.document}${r.source.useCase ? ` use case ${r.source.useCase}` : ''}`];
  if (r.error) lines.push(`  error: ${r.error}`);
  for (const [i, s] of r.steps.entries()) {
    if (s.passed) continue;
    lines.push(`  step ${i + 1}: ${s.name}`, `    request: ${s.request.method} ${s.request.path}`);
    if (s.request.body !== undefined) lines.push(indent(short(s.request.body)));
    lines.push(`    expected: ${s.expected.status}${s.expected.body ? ` with ${s.expected.body.match} body` : ''}`);
    if (s.expected.body?.value !== undefined) lines.push(indent(short(s.expected.body.value)));
    lines.push(`    actual: ${s.actual.status}`);
    if (s.actual.body !== undefined) lines.push(indent(short(s.actual.body)));
    lines.push('    differences:', ...s.diffs.map((d) => `      - ${d}`));
  }
  for (const a of r.assertions.filter((x) => !x.passed)) lines.push(`  expected: ${a.that}`, ...a.diffs.map((d) => `      - ${d}`));
  return lines.join('\n');
}

/** The end of a run: failures in detail, then the counts. */
export function consoleSummary(report: RunReport): string {
  const bad = report.results.filter((r) => r.status !== 'passed');
  const parts = bad.map(failureDetail);
  const { passed, failed, error } = report.counts;
  parts.push(
    `${report.results.length} scenarios against ${report.target}: ${passed} passed, ${failed} failed, ${error} errors (${(report.ms / 1000).toFixed(1)} s)`,
  );
  return `${parts.join('\n\n')}\n`;
}
