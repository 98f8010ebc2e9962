import type { Command } from 'commander';
export function registerServe(program: Command): void {
  program.command('serve').action(() => undefined);
}
