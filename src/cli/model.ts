import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DATA_STANDARDS } from '../model/data-standards';

/** `edfi-mock model`: compiles ../shared/edfi into schemas/ (run by developers; the server only reads schemas/). */
export function registerModel(program: Command): void {
  program
    .command('model')
    .description('compile the official Ed-Fi OpenAPI specs and descriptor XML into schemas/ (developer tool)')
    .option('--edfi <dir>', 'folder with openapi/, descriptors/ and xsd/', '../shared/edfi')
    .option('--out <dir>', 'schemas folder to write', 'schemas')
    .option('--ds <versions>', 'comma-separated Data Standards to compile', DATA_STANDARDS.map((d) => d.dataStandard).join(','))
    .action(async (opts: { edfi: string; out: string; ds: string }) => {
      // Loaded here, not at start-up: the server never needs the YAML/XML parsers.
      const { compileToDisk } = await import('../model/compiler/run-compiler');
      const edfi = resolve(opts.edfi);
      if (!existsSync(edfi)) throw new Error(`Ed-Fi inputs not found at ${edfi} (use --edfi <dir>)`);
      const wanted = opts.ds.split(',').map((s) => s.trim());
      for (const ds of DATA_STANDARDS.filter((d) => wanted.includes(d.dataStandard))) {
        compileToDisk(ds, edfi, resolve(opts.out), (m) => console.log(m));
      }
    });
}
