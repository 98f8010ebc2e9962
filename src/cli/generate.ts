import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { loadRegistry } from '../model/registry';
import { instancesOf, loadProfileOn } from '../pipeline/profile';
import { validationReport } from '../rules/report';
import { type District, type GeneratedItem, generateDistrict } from '../sandbox/generate';
import { MAX_STUDENTS } from '../sandbox/spec';
import { buildTemplate } from '../sandbox/templates';
import { SCHEMAS_DIR } from '../schemas-dir';
import { httpTarget } from '../scenarios/target';
import { createLogger } from '../util/logger';
import { clientToken } from './http-client';

interface GenerateCliOptions {
  profile: string;
  dataStandard?: string;
  year?: number;
  students: number;
  seed: number;
  out?: string;
  url?: string;
  key?: string;
  secret?: string;
}

const whole = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
};
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Writes a district as a fixture file (`serve --seed FILE` loads it): one flow mapping per item, fast to write and read. */
function writeFixture(file: string, d: District): void {
  const name = basename(file).replace(/\.ya?ml$/, '');
  const lines = [`name: ${name}`, `description: 'A generated district: school year ${d.schoolYear}, Data Standard ${d.dataStandard}.'`, 'items:'];
  for (const it of d.items) lines.push(`  - ${JSON.stringify({ path: it.path, dataStandards: [d.dataStandard], body: it.body })}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** POSTs a district to a running server: in load order, the items of one resource 16 at a time. */
async function loadOverHttp(o: GenerateCliOptions, d: District, year: number | undefined, order: Map<string, number>): Promise<number> {
  const base = o.url!.replace(/\/+$/, '');
  const target = httpTarget(base, {});
  const token = await clientToken(base, o.key!, o.secret!);
  const data = await target.dataBase(year);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const sorted = [...d.items].sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  let done = 0;
  let refused = 0;
  const step = Math.max(1, Math.floor(sorted.length / 10));
  const send = async (it: GeneratedItem) => {
    const answer = await target.send('POST', `${data}${it.path}`, JSON.stringify(it.body), headers);
    if (answer.status !== 200 && answer.status !== 201) {
      if (++refused <= 5) say(`  refused: POST ${it.path} ${answer.status} ${answer.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    if (++done % step === 0) say(`  ${done} of ${sorted.length} documents (${refused} refused)`);
  };
  for (let i = 0; i < sorted.length;) {
    const level = order.get(sorted[i].path);
    let j = i;
    while (j < sorted.length && order.get(sorted[j].path) === level) j++;
    const group = sorted.slice(i, j);
    for (let k = 0; k < group.length; k += 16) await Promise.all(group.slice(k, k + 16).map(send));
    i = j;
  }
  return refused;
}

/** `edfi-mock generate`: a coherent district, checked in-process (or loaded into a running server, or written to a file). */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description("generate a realistic district valid under a profile's rules: load it in-process and check it, write it, or load it into a server")
    .option('--profile <name>', 'edfi, wi, mi or il', 'edfi')
    .option('--data-standard <version>', 'edfi: the Data Standard to generate for (4.0, 5.0, 5.2, 6.0, 6.1; default 5.2)')
    .option('--year <year>', "school year (default: the profile's newest)", whole('--year', 1991, 2050))
    .option('--students <n>', 'students in the district', whole('--students', 1, MAX_STUDENTS), 500)
    .option('--seed <n>', 'the same seed and size give the same district', whole('--seed', 0, 2 ** 31 - 1), 1)
    .option('--out <file>', 'write it as a fixture file (serve --seed FILE loads it)')
    .option('--url <url>', 'load it into this running server (with --key and --secret)')
    .option('--key <key>', 'API client key (with --url)')
    .option('--secret <secret>', 'API client secret (with --url)')
    .addHelpText(
      'after',
      "\nWithout --out or --url it loads the district into an in-process server through the API's write path and checks\nit: the exit status is 1 if a document is refused or the state validation report has an error.\n\nExamples:\n  edfi-mock generate --profile wi --year 2026 --students 5000 --seed 42\n  edfi-mock generate --students 2000 --out district.yaml && edfi-mock serve --seed district.yaml\n  edfi-mock generate --profile wi --url http://127.0.0.1:54746 --key KEY --secret SECRET",
    )
    .action(async (o: GenerateCliOptions) => {
      if (o.url && !(o.key && o.secret)) throw new Error('--url needs --key and --secret (a client of that server)');
      const profile = loadProfileOn(SCHEMAS_DIR, o.profile, o.dataStandard);
      const instances = instancesOf(profile);
      const years = instances.map((i) => i.schoolYear).filter((y): y is number => y !== undefined);
      if (o.year !== undefined && years.length && !years.includes(o.year)) throw new Error(`profile ${profile.name} has the school years ${years.join(', ')}`);
      const instance = instances.find((i) => i.schoolYear === (o.year ?? years.at(-1))) ?? instances[0];
      const started = Date.now();
      if (o.out || o.url) {
        const registry = loadRegistry(SCHEMAS_DIR, instance.dataStandard, instance.extensions);
        const district = generateDistrict(profile, { schoolYear: instance.schoolYear, registry }, o);
        say(
          `Generated ${district.items.length} documents for ${o.students} students (school year ${district.schoolYear}, Data Standard ${district.dataStandard}).`,
        );
        if (o.out) {
          writeFixture(resolve(o.out), district);
          say(`Written to ${resolve(o.out)}`);
        }
        if (o.url) {
          // The load order of creates (the list also places updates, later, for the resources that have a cycle).
          const order = new Map(registry.dependencies.filter((dep) => dep.operations.includes('Create')).map((dep) => [dep.resource, dep.order]));
          const refused = await loadOverHttp(o, district, instance.schoolYear, order);
          say(`Loaded into ${o.url} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${district.items.length - refused} written, ${refused} refused.`);
          if (refused) process.exitCode = 1;
        }
        return;
      }
      const spec = {
        name: 'generated' as const,
        profile: profile.name,
        ...(o.dataStandard ? { dataStandard: o.dataStandard } : {}),
        ...(instance.schoolYear ? { years: [instance.schoolYear] } : {}),
        students: o.students,
        seed: o.seed,
      };
      say(
        `Generating and loading a district of ${o.students} students (profile ${profile.name}${instance.schoolYear ? `, school year ${instance.schoolYear}` : ''}, seed ${o.seed})...`,
      );
      const template = await buildTemplate(SCHEMAS_DIR, spec, createLogger('silent'), undefined, say);
      const seconds = (Date.now() - started) / 1000;
      say(`Loaded ${template.documents} documents (descriptors included) in ${seconds.toFixed(1)} s, 0 refused.`);
      let errors = 0;
      for (const env of template.host.envs) {
        const report = validationReport(env, {
          key: 'generate',
          secret: '',
          name: 'generate',
          ...(profile.devClients?.[0]?.attributes ? { attributes: profile.devClients[0].attributes } : {}),
        });
        const found = report.findings.filter((f) => f.severity === 'error');
        errors += found.length;
        say(`Validation report: ${found.length} errors, ${report.findings.length - found.length} warnings and notes.`);
        for (const f of found.slice(0, 5)) say(`  ${JSON.stringify(f)}`);
      }
      if (errors) process.exitCode = 1;
    });
}
