import type { Command } from 'commander';
import type { CommandContext } from '../commandContext.js';

/** Registers `thaw schema`: print the scenario format as JSON Schema (for editors). */
export function registerSchema(program: Command, { write, exit }: CommandContext): void {
  program
    .command('schema')
    .description('print the scenario format as JSON Schema (for editors)')
    .option('--what-if', 'print the what-if file format instead')
    .action(async (options: { whatIf?: boolean }) => {
      const { schemaCommand } = await import('../commands/schema.js');
      exit(schemaCommand(write, options));
    });
}
