import type { RunReport, ScenarioResult, StepResult } from '../types';
import { schoolYearLabel } from '../../util/school-year';

const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const pre = (v: unknown): string => (v === undefined ? '<em>none</em>' : `<pre>${esc(typeof v === 'string' ? v : JSON.stringify(v, null, 2))}</pre>`);

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:20px}header p{margin:0;opacity:.8}
.summary{display:flex;gap:12px;padding:16px 28px}.pill{padding:8px 14px;border-radius:6px;background:#fff;border:1px solid #d9dce3;font-weight:600}
.pill.passed{color:#17663a}.pill.failed{color:#a3231b}.pill.error{color:#8a5a00}
main{padding:0 28px 40px}details{background:#fff;border:1px solid #d9dce3;border-radius:6px;margin:8px 0}
summary{cursor:pointer;padding:10px 14px;display:flex;gap:12px;align-items:baseline}
.verdict{font-weight:700;min-width:52px}.verdict.passed{color:#17663a}.verdict.failed{color:#a3231b}.verdict.error{color:#8a5a00}
.id{font-family:ui-monospace,Menlo,monospace;font-weight:600}.src{margin-left:auto;color:#5b6275;font-size:12px}
.body{padding:0 14px 14px}table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #e3e5ea;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#f0f1f4}pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,Menlo,monospace;max-height:320px;overflow:auto}
.ok{color:#17663a}.bad{color:#a3231b}ul.diffs{margin:4px 0;padding-left:18px;color:#a3231b}.reading{background:#fff8e1;border-left:3px solid #e0a800;padding:6px 10px;margin:8px 0}
`;

function stepRow(s: StepResult, i: number): string {
  const diffs = s.diffs.length ? `<ul class="diffs">${s.diffs.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : '';
  return `<tr><td>${i + 1}</td><td><b>${esc(s.name)}</b><br><code>${esc(`${s.request.method} ${s.request.path}`)}</code>${s.request.body === undefined ? '' : pre(s.request.body)}</td>
<td>${s.expected.status}${s.expected.body ? ` (${esc(s.expected.body.match)})` : ''}${s.expected.body?.value === undefined ? '' : pre(s.expected.body.value)}</td>
<td class="${s.passed ? 'ok' : 'bad'}">${s.actual.status}${pre(s.actual.body)}${diffs}</td></tr>`;
}

function scenarioBlock(r: ScenarioResult): string {
  const src = `${r.source.document}${r.source.useCase ? ` &middot; use case ${esc(r.source.useCase)}` : ''}`;
  const steps = r.steps.length ? `<table><tr><th>#</th><th>Request</th><th>Expected</th><th>Actual</th></tr>${r.steps.map(stepRow).join('')}</table>` : '';
  const asserts = r.assertions.length
    ? `<table><tr><th>Certification check</th><th>Result</th></tr>${r.assertions
        .map(
          (a) =>
            `<tr><td>${esc(a.that)}</td><td class="${a.passed ? 'ok' : 'bad'}">${a.passed ? 'met' : `not met<ul class="diffs">${a.diffs.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  return `<details${r.status === 'passed' ? '' : ' open'} id="${esc(r.id)}"><summary><span class="verdict ${r.status}">${r.status.toUpperCase()}</span><span class="id">${esc(r.id)}</span><span>${esc(r.title)}</span><span class="src">${src}</span></summary>
<div class="body"><p>Profile <b>${esc(r.profile)}</b>${r.schoolYear ? `, school year ${schoolYearLabel(r.schoolYear)}` : ''} &middot; ${esc(r.file)} &middot; ${r.ms} ms</p>
${r.reading ? `<div class="reading"><b>Reading:</b> ${esc(r.reading)}</div>` : ''}${r.error ? `<p class="bad"><b>Error:</b> ${esc(r.error)}</p>` : ''}${steps}${asserts}</div></details>`;
}

/** A self-contained HTML report (inline CSS, no scripts): summary, then each scenario with its source, steps and verdict. */
export function htmlReport(report: RunReport): string {
  const { passed, failed, error } = report.counts;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>edfi-mock certification report</title><style>${CSS}</style></head><body>
<header><h1>edfi-mock certification report</h1><p>${report.results.length} scenarios against ${esc(report.target)} &middot; ${esc(report.startedAt)} &middot; ${(report.ms / 1000).toFixed(1)} s</p></header>
<section class="summary"><span class="pill passed" id="count-passed">${passed} passed</span><span class="pill failed" id="count-failed">${failed} failed</span><span class="pill error" id="count-error">${error} errors</span></section>
<main>${report.results.map(scenarioBlock).join('\n')}</main></body></html>
`;
}
