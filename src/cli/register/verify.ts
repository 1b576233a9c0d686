import type { Command } from 'commander';
import type { CommandContext } from '../commandContext.js';

/** Registers `thaw verify`: search every state the machine can reach: invariants, declared states never reached, traps; each violation with its shortest event path. */
export function registerVerify(program: Command, { write, exit, color, progress }: CommandContext): void {
  program
    .command('verify')
    .description('search every state the machine can reach: invariants, declared states never reached, traps; each violation with its shortest event path')
    .option('--channels <list>', 'search only these channels, each on its own (comma-separated; default: every channel)')
    .option('--json', 'print the report as JSON')
    .option('--no-progress', 'say nothing while searching (nothing is said unless stderr is a terminal)')
    .addOption(color())
    .action(async (options: { channels?: string; json?: boolean; progress: boolean; color: boolean }) => {
      const { verifyCommand } = await import('../commands/verify.js');
      exit(verifyCommand({ channels: options.channels, json: options.json ?? false, color: options.color, progress: progress(options.progress), write }));
    });
}
