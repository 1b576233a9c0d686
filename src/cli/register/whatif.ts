import type { Command } from 'commander';
import type { CommandContext } from '../commandContext.js';

/** Registers `thaw whatif`: replay a what-if file and compare it with its base: first divergence, checkpoints in both, channels, phase over time. */
export function registerWhatif(program: Command, { io, write, exit, color, sources }: CommandContext): void {
  program
    .command('whatif')
    .description('replay a what-if file and compare it with its base: first divergence, checkpoints in both, channels, phase over time')
    .argument('<file>', 'what-if YAML file (see scenarios/what-if/)')
    .option('--json', 'print the comparison as JSON')
    .option('--sources <dir>', "folder of article texts to check the base scenario's quotes against (default: $THAW_SOURCES)")
    .option('--check-order', "run the what-if's checkpoints under every order of same-month events the sources allow, instead of comparing")
    .addOption(color())
    .action(async (file: string, options: { json?: boolean; sources?: string; checkOrder?: boolean; color: boolean }) => {
      const { whatIfCommand } = await import('../commands/whatif.js');
      exit(
        whatIfCommand({
          file,
          json: options.json ?? false,
          sourcesDir: sources(options.sources),
          checkOrder: options.checkOrder ?? false,
          color: options.color,
          cwd: io.cwd,
          write,
        }),
      );
    });
}
