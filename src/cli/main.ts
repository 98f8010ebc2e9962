import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { registerModel } from './model';
import { registerServe } from './serve';
import { registerValidate } from './validate';
import { registerCertify } from './certify';
import { registerRepair } from './repair';
import { registerSnapshot } from './snapshot';
import { registerExtract } from './extract';
import { registerSandbox } from './sandbox';
import { registerGenerate } from './generate';

/** The package's version (src/ and dist/ sit two levels below package.json). */
export const VERSION = (JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Builds the CLI; one file per command registers itself. */
export function buildProgram(): Command {
  const program = new Command('edfi-mock')
    .description('An in-memory Ed-Fi ODS/API that behaves like the real one on the wire')
    .version(VERSION, '-V, --version', 'print the edfi-mock version')
    .showHelpAfterError();
  registerServe(program);
  registerModel(program);
  registerValidate(program);
  registerCertify(program);
  registerRepair(program);
  registerSnapshot(program);
  registerExtract(program);
  registerSandbox(program);
  registerGenerate(program);
  return program;
}

/** Runs the CLI with process arguments. */
export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
