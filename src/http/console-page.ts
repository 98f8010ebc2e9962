/**
 * The training console (`/console`): one page, no framework, no CDN. It signs in with a sandbox's key and secret (or
 * the admin key), then shows the sandbox's data, its request journal with every refusal explained, the state
 * validation findings, certification runs and reset, all through the public API and `/admin/me`.
 */

export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>edfi-mock console</title>
<link rel="stylesheet" href="/console/console.css">
<link rel="icon" href="data:,">
</head>
<body>
<header><h1>edfi-mock console</h1><span id="who"></span><button id="signout" hidden>Sign out</button></header>
<main>
<section id="signin">
  <h2>Sign in</h2>
  <form id="keyform">
    <p>With the key and secret of your sandbox:</p>
    <label>Key <input id="key" autocomplete="username" required></label>
    <label>Secret <input id="secret" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
  <form id="adminform">
    <p>Trainer: with the admin key, to see every sandbox:</p>
    <label>Admin key <input id="adminkey" type="password" autocomplete="off" required></label>
    <button type="submit">Sign in as admin</button>
  </form>
  <p id="signin-error" class="error" role="alert"></p>
</section>
<section id="sandboxes" hidden>
  <h2>Sandboxes</h2>
  <table><thead><tr><th>Name</th><th>Id</th><th>Profile</th><th>Template</th><th>Documents</th><th></th></tr></thead><tbody id="sandbox-rows"></tbody></table>
</section>
<section id="workspace" hidden>
  <nav>
    <button data-tab="data" class="active">Data</button>
    <button data-tab="journal">Requests</button>
    <button data-tab="validation">Validation</button>
    <button data-tab="certify">Certification</button>
    <button data-tab="reset">Reset</button>
  </nav>
  <div id="tab-data" class="tab">
    <form id="browse">
      <label>School year <select id="year"></select></label>
      <label>Resource <select id="resource"></select></label>
      <label>Filters <input id="filters" placeholder="studentUniqueId=604822"></label>
      <button type="submit">Show</button>
    </form>
    <p id="data-count"></p>
    <table id="data-table"><thead><tr><th>id</th><th>item</th></tr></thead><tbody></tbody></table>
    <p><button id="prev">Previous</button> <button id="next">Next</button></p>
  </div>
  <div id="tab-journal" class="tab" hidden>
    <p>Every request this sandbox received, newest first; a refused one says why and what to do next. It updates by itself.</p>
    <table id="journal-table"><thead><tr><th>#</th><th>Time</th><th>Request</th><th>Status</th><th>Why, and what to do</th></tr></thead><tbody></tbody></table>
  </div>
  <div id="tab-validation" class="tab" hidden>
    <p><button id="validate">Check the data now</button></p>
    <div id="findings"></div>
  </div>
  <div id="tab-certify" class="tab" hidden>
    <form id="certify"><label>Scenario <select id="scenario"></select></label> <button type="submit">Run</button></form>
    <div id="certify-result"></div>
  </div>
  <div id="tab-reset" class="tab" hidden>
    <p>Reset returns this sandbox's data to its template. The key, the secret and the request journal stay.</p>
    <button id="reset" class="danger">Reset the sandbox</button>
    <p id="reset-result" role="status"></p>
  </div>
</section>
</main>
<script src="/console/console.js"></script>
</body>
</html>
`;

export const CONSOLE_CSS = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d232b; background: #f6f7f9; }
header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1.2rem; background: #173a5e; color: #fff; }
header h1 { font-size: 1.15rem; margin: 0; }
header #who { flex: 1; }
main { padding: 1rem 1.2rem; }
section, .tab { background: #fff; border: 1px solid #d8dde3; border-radius: 6px; padding: .8rem 1rem; margin-bottom: 1rem; }
form { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: .8rem; }
form p { flex-basis: 100%; margin: 0; }
label { display: flex; flex-direction: column; font-size: .85rem; gap: .15rem; }
input, select { font: inherit; padding: .3rem .4rem; min-width: 12rem; }
button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
button.danger { background: #a4262c; color: #fff; border: 0; border-radius: 4px; }
nav { display: flex; gap: .3rem; margin-bottom: .6rem; }
nav button.active { background: #173a5e; color: #fff; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #e4e7eb; padding: .3rem .4rem; }
td pre { margin: 0; white-space: pre-wrap; word-break: break-word; max-height: 14rem; overflow: auto; }
tr.refused td { background: #fff4f4; }
.status-ok { color: #1e6b35; font-weight: 600; }
.status-bad { color: #a4262c; font-weight: 600; }
.why b { display: block; }
.why code { background: #f0f2f5; padding: 0 .2rem; }
.error { color: #a4262c; }
.finding { border-left: 4px solid #a4262c; padding: .2rem .6rem; margin: .4rem 0; }
.finding.warning { border-color: #c77c02; }
.finding.info { border-color: #3b6ea5; }
`;

export const CONSOLE_JS = `'use strict';
const $ = (id) => document.getElementById(id);
const state = { token: null, admin: null, sandbox: null, view: null, since: 0, offset: 0, timer: null };
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function call(method, path, body, auth) {
  const headers = {};
  if (auth) headers.Authorization = auth;
  const form = typeof body === 'string';
  if (body !== undefined) headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: res.status, json, text, headers: res.headers };
}
/** /admin/me answers for the sandbox of a sandbox token, or of ?sandbox= with the admin key. */
const meAuth = () => (state.admin ? 'Bearer ' + state.admin : 'Bearer ' + state.token);
const mePath = (p) => '/admin/me' + p + (state.admin ? (p.includes('?') ? '&' : '?') + 'sandbox=' + encodeURIComponent(state.sandbox) : '');
const problemText = (r) => (r.json && (r.json.detail || r.json.message || r.json.error_description || r.json.error)) || r.text || 'HTTP ' + r.status;

$('keyform').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signin-error').textContent = '';
  const basic = 'Basic ' + btoa($('key').value + ':' + $('secret').value);
  const r = await call('POST', '/oauth/token', 'grant_type=client_credentials', basic);
  if (r.status !== 200) { $('signin-error').textContent = 'The key and secret were refused (' + r.status + ' ' + problemText(r) + ').'; return; }
  state.token = r.json.access_token;
  await openSandbox();
});
$('adminform').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signin-error').textContent = '';
  const key = $('adminkey').value;
  const r = await call('GET', '/admin/sandboxes', undefined, 'Bearer ' + key);
  if (r.status !== 200) { $('signin-error').textContent = 'The admin key was refused (' + problemText(r) + ').'; return; }
  state.admin = key;
  showSandboxes(r.json);
});
$('signout').addEventListener('click', () => location.reload());

function showSandboxes(list) {
  $('signin').hidden = true; $('sandboxes').hidden = false; $('signout').hidden = false;
  $('who').textContent = 'Admin: ' + list.length + ' sandboxes';
  $('sandbox-rows').innerHTML = list.map((s) => '<tr><td>' + esc(s.name) + '</td><td>' + esc(s.id) + '</td><td>' + esc(s.profile) + '</td><td>' + esc(s.template.name) +
    '</td><td>' + s.documents + '</td><td><button data-open="' + esc(s.id) + '">Open</button></td></tr>').join('') || '<tr><td colspan="6">No sandboxes yet: create some with edfi-mock sandbox create.</td></tr>';
  for (const b of document.querySelectorAll('[data-open]')) b.addEventListener('click', async () => {
    state.sandbox = b.dataset.open;
    const t = await call('POST', '/admin/sandboxes/' + encodeURIComponent(state.sandbox) + '/token', undefined, 'Bearer ' + state.admin);
    state.token = t.json && t.json.access_token;
    await openSandbox();
  });
}

async function openSandbox() {
  const r = await call('GET', mePath(''), undefined, meAuth());
  if (r.status !== 200) { $('signin-error').textContent = problemText(r); return; }
  state.view = r.json; state.since = 0;
  $('signin').hidden = true; $('workspace').hidden = false; $('signout').hidden = false;
  $('who').textContent = (state.admin ? 'Admin on ' : '') + r.json.name + ' (' + r.json.profile + ', ' + r.json.id + ')';
  $('year').innerHTML = r.json.schoolYears.map((y, i) => '<option value="' + i + '">' + esc(y.label || 'current') + ' (DS ' + esc(y.dataStandard) + ')</option>').join('');
  await loadResources();
  $('journal-table').querySelector('tbody').innerHTML = '';
  clearInterval(state.timer);
  await pollJournal();
  state.timer = setInterval(pollJournal, 1500);
  const s = await call('GET', mePath('/scenarios'), undefined, meAuth());
  $('scenario').innerHTML = (s.json || []).map((x) => '<option value="' + esc(x.id) + '">' + esc(x.id) + ' - ' + esc(x.title) + '</option>').join('');
}

const yearView = () => state.view.schoolYears[Number($('year').value || 0)];
async function loadResources() {
  const y = yearView();
  const r = await call('GET', y.data.replace(/\\/data\\/v3\\/?/, '/metadata/data/v3/').replace(/\\/$/, '') + '/dependencies');
  const list = Array.isArray(r.json) ? r.json.map((d) => d.resource).filter((p) => !/Descriptors$/.test(p)).sort() : [];
  $('resource').innerHTML = list.map((p) => '<option' + (p === '/ed-fi/students' ? ' selected' : '') + '>' + esc(p) + '</option>').join('');
}
$('year').addEventListener('change', loadResources);
async function browse() {
  const y = yearView();
  const filters = $('filters').value.trim();
  const path = y.data.replace(/\\/$/, '') + $('resource').value + '?limit=25&offset=' + state.offset + '&totalCount=true' + (filters ? '&' + filters : '');
  const r = await call('GET', path, undefined, 'Bearer ' + state.token);
  const rows = Array.isArray(r.json) ? r.json : [];
  $('data-count').textContent = r.status === 200 ? (r.headers.get('Total-Count') || rows.length) + ' items; showing ' + (rows.length ? state.offset + 1 : 0) + '-' + (state.offset + rows.length) : problemText(r);
  $('data-table').querySelector('tbody').innerHTML = rows.map((it) => {
    const { id, _etag, _lastModifiedDate, ...rest } = it;
    return '<tr><td>' + esc(id) + '</td><td><pre>' + esc(JSON.stringify(rest, null, 1)) + '</pre></td></tr>';
  }).join('');
}
$('browse').addEventListener('submit', (e) => { e.preventDefault(); state.offset = 0; browse(); });
$('next').addEventListener('click', () => { state.offset += 25; browse(); });
$('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - 25); browse(); });

function whyCell(e) {
  const x = e.explanation;
  if (!x) return (e.errors || []).map(esc).join('<br>');
  return '<div class="why"><b>' + esc(x.summary) + '</b>' + (x.path ? 'At <code>' + esc(x.path) + '</code>. ' : '') + esc(x.next) + '</div>';
}
async function pollJournal() {
  const r = await call('GET', mePath('/journal?since=' + state.since), undefined, meAuth());
  if (r.status !== 200 || !r.json) return;
  const body = $('journal-table').querySelector('tbody');
  for (const e of r.json.entries) {
    state.since = Math.max(state.since, e.seq);
    const tr = document.createElement('tr');
    if (e.status >= 400) tr.className = 'refused';
    tr.innerHTML = '<td>' + e.seq + '</td><td>' + esc(e.at.slice(11, 19)) + '</td><td>' + esc(e.method + ' ' + e.path) + '</td><td class="' + (e.status >= 400 ? 'status-bad' : 'status-ok') + '">' + e.status + '</td><td>' + whyCell(e) + '</td>';
    body.insertBefore(tr, body.firstChild);
  }
}

$('validate').addEventListener('click', async () => {
  const r = await call('GET', mePath('/validations'), undefined, meAuth());
  const reports = (r.json && r.json.reports) || [];
  $('findings').innerHTML = reports.map((rep) => '<h3>' + esc(rep.schoolYear ? 'School year ' + rep.schoolYear : 'Findings') + ': ' + rep.findings.length + '</h3>' +
    (rep.findings.length ? rep.findings.map((f) => '<div class="finding ' + esc(f.severity) + '"><b>[' + esc(f.ruleId || f.rule || '') + '] ' + esc(f.severity) + '</b> ' + esc(f.message) +
      '<br><small>' + esc(f.resource || '') + ' ' + esc(f.key || f.id || '') + '</small></div>').join('') : '<p>No findings: the state would accept this data.</p>')).join('');
});

$('certify').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('certify-result').textContent = 'Running ' + $('scenario').value + '...';
  const r = await call('POST', mePath('/certify'), { id: $('scenario').value }, meAuth());
  if (r.status !== 200) { $('certify-result').innerHTML = '<p class="error">' + esc(problemText(r)) + '</p>'; return; }
  const x = r.json;
  const steps = (x.steps || []).map((s, i) => '<tr><td>' + (i + 1) + '</td><td>' + esc((s.request && (s.request.method + ' ' + s.request.path)) || s.name || '') + '</td><td class="' + (s.passed ? 'status-ok">PASS' : 'status-bad">FAIL') + '</td><td>' + esc((s.diffs || []).join('; ')) + '</td></tr>').join('');
  const checks = (x.assertions || []).map((a) => '<tr><td></td><td>' + esc(a.that || '') + '</td><td class="' + (a.passed ? 'status-ok">PASS' : 'status-bad">FAIL') + '</td><td>' + esc((a.problems || a.diffs || []).join('; ')) + '</td></tr>').join('');
  $('certify-result').innerHTML = '<p class="' + (x.status === 'passed' ? 'status-ok' : 'status-bad') + '">' + esc(x.id) + ': ' + esc(x.status.toUpperCase()) + '</p>' + (x.error ? '<p class="error">' + esc(x.error) + '</p>' : '') +
    '<table><thead><tr><th>#</th><th>Step or check</th><th>Verdict</th><th>Differences</th></tr></thead><tbody>' + steps + checks + '</tbody></table>';
});

$('reset').addEventListener('click', async () => {
  if (!confirm('Reset this sandbox to its template? Everything sent to it is gone.')) return;
  const r = await call('POST', mePath('/reset'), undefined, meAuth());
  $('reset-result').textContent = r.status === 200 ? 'Reset: the sandbox holds its template again (' + r.json.documents + ' documents).' : problemText(r);
});

for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => {
  for (const x of document.querySelectorAll('nav button')) x.classList.toggle('active', x === b);
  for (const t of document.querySelectorAll('.tab')) t.hidden = t.id !== 'tab-' + b.dataset.tab;
});
`;
