import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DATA_STANDARDS } from '../model/data-standards';
import type { CompiledModel } from '../model/types';
import { SCHEMAS_DIR } from '../schemas-dir';

/** Reads one compiled release from schemas/ (`5.2` -> schemas/ds-5.2/model.json); an unknown one lists those there are. */
function compiledModel(version: string): CompiledModel {
  const file = join(SCHEMAS_DIR, `ds-${version}`, 'model.json');
  if (!/^\d+\.\d+$/.test(version) || !existsSync(file)) {
    throw new Error(`unknown Data Standard '${version}' (available: ${DATA_STANDARDS.map((d) => d.dataStandard).join(', ')})`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as CompiledModel;
}

/**
 * `edfi-mock model`: compiles ../shared/edfi into schemas/ (run by developers; the server only reads schemas/), and
 * `edfi-mock model diff A B`: what changes for a vendor between two Data Standards.
 */
export function registerModel(program: Command): void {
  const model = program.command('model').description('the Ed-Fi model: compile it from the official specs (developers), or compare two Data Standards');
  model
    .command('compile', { isDefault: true })
    .description('compile the official Ed-Fi OpenAPI specs, XSDs, ODS tables and descriptor XML into schemas/ (developer tool)')
    .option('--edfi <dir>', 'folder with openapi/, descriptors/, xsd/ and ods-ddl/', '../shared/edfi')
    .option('--out <dir>', 'schemas folder to write', 'schemas')
    .option('--ds <versions>', 'comma-separated Data Standards to compile', DATA_STANDARDS.map((d) => d.dataStandard).join(','))
    .action(async (opts: { edfi: string; out: string; ds: string }) => {
      // Loaded here, not at start-up: the server never needs the YAML/XML parsers.
      const { compileToDisk } = await import('../model/compiler/run-compiler');
      const edfi = resolve(opts.edfi);
      if (!existsSync(edfi)) throw new Error(`Ed-Fi inputs not found at ${edfi} (use --edfi <dir>)`);
      const wanted = opts.ds.split(',').map((s) => s.trim());
      const unknown = wanted.filter((w) => !DATA_STANDARDS.some((d) => d.dataStandard === w));
      if (unknown.length) throw new Error(`unknown Data Standard ${unknown.join(', ')} (available: ${DATA_STANDARDS.map((d) => d.dataStandard).join(', ')})`);
      for (const ds of DATA_STANDARDS.filter((d) => wanted.includes(d.dataStandard))) {
        compileToDisk(ds, edfi, resolve(opts.out), (m) => console.log(m));
      }
    });
  model
    .command('diff <from> <to>')
    .description('list the resources and members added, removed, renamed, newly required or changed in type or length between two Data Standards')
    .option('--json', 'print the differences as JSON')
    .addHelpText('after', '\nExamples:\n  edfi-mock model diff 5.2 6.1\n  edfi-mock model diff 5.0 5.2 --json > changes.json')
    .action(async (from: string, to: string, opts: { json?: boolean }) => {
      const { diffModels, diffText } = await import('../model/model-diff');
      const d = diffModels(compiledModel(from), compiledModel(to));
      process.stdout.write(opts.json ? `${JSON.stringify(d, null, 2)}\n` : diffText(d));
    });
}
