import { Argument, type Command } from 'commander';
import type { CommandContext } from '../commandContext.js';
import { RECORD_FILE } from '../defaults.js';

/** Registers `thaw inspect`: open the local viewer and replay a scenario (or what-if) through a live, inspected actor. */
export function registerInspect(program: Command, { io, write, warn, exit, sources, refuseMistypedCommand }: CommandContext): void {
  program
    .command('inspect')
    .description('open the local viewer and replay a scenario (or what-if) through a live, inspected actor')
    .addArgument(new Argument('[file]', 'scenario or what-if YAML file').default(RECORD_FILE, 'the record'))
    .option('--port <port>', 'port on 127.0.0.1 for the viewer (0: any free port)', '4700')
    .option('--pace <ms>', 'milliseconds between events', '700')
    .option('--step', 'wait for Enter before each event')
    .option('--stately', 'also print a page that forwards the events to the Stately inspector (needs internet)')
    .option('--sources <dir>', 'folder of article texts to check quotes against (default: $THAW_SOURCES)')
    .action(async (file: string, options: { port: string; pace: string; step?: boolean; stately?: boolean; sources?: string }) => {
      refuseMistypedCommand(file);
      const { inspectCommand } = await import('../commands/inspect.js');
      exit(
        await inspectCommand({
          file,
          port: options.port,
          pace: options.pace,
          step: options.step ?? false,
          stately: options.stately ?? false,
          sourcesDir: sources(options.sources),
          io,
          write,
          warn,
        }),
      );
    });
}
