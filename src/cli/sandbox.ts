import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { fetchJson, fetchText } from './http-client';

/** What every `sandbox` subcommand needs: the server and the admin key. */
interface AdminOptions {
  url: string;
  adminKey: string;
  json?: boolean;
}

interface CreateOptions extends AdminOptions {
  template: string;
  profile: string;
  dataStandard?: string;
  name?: string;
  years?: number[];
  students?: number;
  seed?: number;
  count: number;
  documentLimit?: number;
  tokenLimit?: number;
  attribute?: string[];
}

/** A created sandbox as the admin API answers it. */
interface Created {
  id: string;
  name: string;
  key: string;
  secret: string;
  baseUrl: string;
  documents: number;
  schoolYears: { schoolYear: number | null; data: string }[];
}

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number, 1 or more.`);
  return n;
};

/** The admin options every subcommand takes. */
function adminOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--url <url>', 'base URL of the server').env('EDFI_MOCK_URL').default('http://127.0.0.1:54746'))
    .addOption(new Option('--admin-key <key>', 'the admin key the server was started with (--admin-key)').env('EDFI_MOCK_ADMIN_KEY').makeOptionMandatory());
}

/** Calls the admin API, turning a refusal into its sentence. */
async function admin(o: AdminOptions, method: string, path: string, body?: unknown): Promise<unknown> {
  if (!o.adminKey) throw new Error('--admin-key (or EDFI_MOCK_ADMIN_KEY) must name the key the server was started with');
  const base = o.url.replace(/\/+$/, '');
  const init = {
    method,
    headers: { Authorization: `Bearer ${o.adminKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  };
  try {
    // A DELETE answers 204 without a body.
    return method === 'DELETE' ? (await fetchText(`${base}${path}`, init)).text : await fetchJson(`${base}${path}`, init);
  } catch (err) {
    const m = /answered (\d+): ([\s\S]*)$/.exec((err as Error).message);
    if (!m) throw err;
    let detail = m[2];
    try {
      const p = JSON.parse(m[2]) as { detail?: string; errors?: string[] };
      detail = [p.detail, ...(p.errors ?? [])].filter(Boolean).join('\n  ');
    } catch {
      // not JSON: the text as it came
    }
    throw new Error(`${method} ${path}: ${m[1]} ${detail}`, { cause: err });
  }
}

/** `sandbox create`: one sandbox per --count, each printed with its key and secret. */
async function create(o: CreateOptions): Promise<void> {
  const attributes = Object.fromEntries((o.attribute ?? []).map((a) => a.split('=', 2)));
  const limits = { ...(o.documentLimit ? { documents: o.documentLimit } : {}), ...(o.tokenLimit ? { tokens: o.tokenLimit } : {}) };
  for (let i = 1; i <= o.count; i++) {
    const name = o.name ? (o.count > 1 ? `${o.name} ${i}` : o.name) : undefined;
    const body = {
      ...(name ? { name } : {}),
      profile: o.profile,
      ...(o.dataStandard ? { dataStandard: o.dataStandard } : {}),
      template: o.template,
      ...(o.years ? { years: o.years } : {}),
      ...(o.students ? { students: o.students } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(Object.keys(limits).length ? { limits } : {}),
      ...(Object.keys(attributes).length ? { attributes } : {}),
    };
    const s = (await admin(o, 'POST', '/admin/sandboxes', body)) as Created;
    if (o.json) process.stdout.write(`${JSON.stringify({ id: s.id, key: s.key, secret: s.secret, baseUrl: s.baseUrl })}\n`);
    else {
      process.stdout.write(`Sandbox ${s.id} (${s.name}): ${s.documents} documents from the ${o.template} template\n`);
      process.stdout.write(`  key ${s.key}  secret ${s.secret}\n`);
      process.stdout.write(`  data ${s.schoolYears.map((y) => `${s.baseUrl}${y.data}`).join('  ')}\n`);
    }
  }
  if (!o.json)
    process.stdout.write(`Watch the requests and refusals at ${o.url.replace(/\/+$/, '')}/console/ (sign in with a key and secret, or the admin key).\n`);
}

/** `edfi-mock sandbox ...`: training sandboxes on a running server (started with --admin-key). */
export function registerSandbox(program: Command): void {
  const sandbox = program
    .command('sandbox')
    .description('training sandboxes on a running server (edfi-mock serve --admin-key KEY): create, list, reset, delete, export, import')
    .addHelpText(
      'after',
      "\nEvery sandbox is its own set of school-year ODS instances with its own key and secret: nothing one trainee writes\nis visible to another. The console at /console shows a sandbox's data, its requests and why each refusal happened.\n\nExamples:\n  edfi-mock serve --admin-key a-long-admin-key\n  edfi-mock sandbox create --template sample --count 20 --name Trainee --admin-key a-long-admin-key\n  edfi-mock sandbox create --profile wi --template generated --students 5000 --json --admin-key a-long-admin-key\n  edfi-mock sandbox list --admin-key a-long-admin-key",
    );
  adminOptions(
    sandbox
      .command('create')
      .description('create sandboxes from a template and print their keys and secrets')
      .addOption(new Option('--template <name>', 'what each starts from').choices(['empty', 'minimal', 'sample', 'generated']).default('empty'))
      .option('--profile <name>', 'edfi, wi, mi or il', 'edfi')
      .option('--data-standard <version>', 'edfi: the Data Standard of the sandbox (4.0, 5.0, 5.2, 6.0, 6.1; default 5.2)')
      .option('--name <name>', 'its name (numbered with --count)')
      .option('--years <years>', 'only these school years of the profile, e.g. 2026 or 2025,2026', (v) =>
        v.split(',').map((y) => positive('--years')(y.trim())),
      )
      .option('--students <n>', 'generated: the district size (default 500)', positive('--students'))
      .option('--seed <n>', 'generated: the same seed gives the same district (default 1)', (v) => Number(v))
      .option('--count <n>', 'how many sandboxes to create', positive('--count'), 1)
      .option('--document-limit <n>', 'documents the sandbox may hold (default: its template plus 50,000)', positive('--document-limit'))
      .option('--token-limit <n>', 'active tokens of its clients (default 20)', positive('--token-limit'))
      .option('--attribute <name=value...>', 'client attribute, e.g. configurationProfile=Choice (wi)')
      .option('--json', 'print each sandbox as one JSON line: {"id","key","secret","baseUrl"}'),
  ).action(create);
  adminOptions(sandbox.command('list').description('list the sandboxes').option('--json', 'print JSON')).action(async (o: AdminOptions) => {
    const list = (await admin(o, 'GET', '/admin/sandboxes')) as (Created & { profile: string; template: { name: string }; clients: { key: string }[] })[];
    if (o.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    if (!list.length) return void process.stdout.write('No sandboxes. Create one with: edfi-mock sandbox create --template sample\n');
    for (const s of list)
      process.stdout.write(`${s.id}  ${s.name}  ${s.profile}  ${s.template.name}  ${s.documents} documents  keys ${s.clients.map((c) => c.key).join(', ')}\n`);
    return undefined;
  });
  adminOptions(sandbox.command('reset').argument('<id>', 'sandbox id').description("return a sandbox's data to its template (keys stay)")).action(
    async (id: string, o: AdminOptions) => {
      const s = (await admin(o, 'POST', `/admin/sandboxes/${encodeURIComponent(id)}/reset`)) as Created;
      process.stdout.write(`Sandbox ${s.id} reset: ${s.documents} documents\n`);
    },
  );
  adminOptions(sandbox.command('delete').argument('<id>', 'sandbox id').description('delete a sandbox, its data and its keys')).action(
    async (id: string, o: AdminOptions) => {
      await admin(o, 'DELETE', `/admin/sandboxes/${encodeURIComponent(id)}`);
      process.stdout.write(`Sandbox ${id} deleted\n`);
    },
  );
  adminOptions(
    sandbox
      .command('export')
      .argument('<id>', 'sandbox id')
      .description('write every document of a sandbox to a file (import it on any server)')
      .option('--out <file>', 'the file (default sandbox-<id>.json)'),
  ).action(async (id: string, o: AdminOptions & { out?: string }) => {
    const file = resolve(o.out ?? `sandbox-${id}.json`);
    const data = await admin(o, 'GET', `/admin/sandboxes/${encodeURIComponent(id)}/export`);
    writeFileSync(file, JSON.stringify(data));
    const n = (data as { instances: { documents: unknown[] }[] }).instances.reduce((k, i) => k + i.documents.length, 0);
    process.stdout.write(`Sandbox ${id}: ${n} documents written to ${file}\n`);
  });
  adminOptions(
    sandbox
      .command('import')
      .argument('<file>', 'a file from sandbox export')
      .description('create a sandbox holding the data of an exported file (a reset returns to it)')
      .option('--name <name>', 'its name (default: the exported one)')
      .option('--json', 'print {"id","key","secret","baseUrl"} as JSON'),
  ).action(async (file: string, o: AdminOptions & { name?: string }) => {
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (err) {
      throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
    const query = o.name ? `?name=${encodeURIComponent(o.name)}` : '';
    const s = (await admin(o, 'POST', `/admin/sandboxes/import${query}`, text)) as Created;
    if (o.json) process.stdout.write(`${JSON.stringify({ id: s.id, key: s.key, secret: s.secret, baseUrl: s.baseUrl })}\n`);
    else process.stdout.write(`Sandbox ${s.id} (${s.name}) imported: ${s.documents} documents\n  key ${s.key}  secret ${s.secret}\n`);
  });
}
