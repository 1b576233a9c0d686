import { Argument, type Command } from 'commander';
import type { CommandContext } from '../commandContext.js';
import { RECORD_FILE } from '../defaults.js';
import { UsageError } from '../exitCodes.js';

/** Registers `thaw explore`: count what every ordering (or subset) of candidate events leads to: end phases, shortest way to resumed contact, needed events. */
export function registerExplore(program: Command, { io, write, exit, color, progress, sources, refuseMistypedCommand }: CommandContext): void {
  program
    .command('explore')
    .description('count what every ordering (or subset) of candidate events leads to: end phases, shortest way to resumed contact, needed events')
    .addArgument(new Argument('[file]', 'scenario YAML file the start and the --events come from').default(RECORD_FILE, 'the record'))
    .option('--events <ids>', 'candidate events, by id, from the scenario (comma-separated)')
    .option('--candidates <file>', 'candidate events from a YAML file: a list of events as in a scenario')
    .option(
      '--start <id>',
      'start after this event of the scenario, or "initial" (default: just before the first --events event, else the end of the scenario)',
    )
    .option('--subsets', 'count every ordering of every subset of the candidates, not only orderings of them all')
    .option('--json', 'print the result as JSON')
    .option('--max-memory <MiB>', 'refuse a search that needs more memory than this, before or while it runs', '1024')
    .option('--no-progress', 'draw no progress bar (none is drawn unless stderr is a terminal)')
    .addOption(color())
    .action(
      async (
        file: string,
        options: {
          events?: string;
          candidates?: string;
          start?: string;
          subsets?: boolean;
          json?: boolean;
          maxMemory: string;
          progress: boolean;
          color: boolean;
        },
      ) => {
        refuseMistypedCommand(file);
        const maxMemoryMiB = Number(options.maxMemory);
        if (!/^\d+$/.test(options.maxMemory.trim()) || maxMemoryMiB < 1)
          throw new UsageError(`--max-memory: "${options.maxMemory}" is not a whole number of MiB`);
        const { exploreCommand } = await import('../commands/explore.js');
        exit(
          exploreCommand({
            file,
            events: options.events,
            candidates: options.candidates,
            start: options.start,
            subsets: options.subsets ?? false,
            json: options.json ?? false,
            color: options.color,
            progress: progress(options.progress),
            sourcesDir: sources(undefined),
            cwd: io.cwd,
            maxMemoryMiB,
            write,
          }),
        );
      },
    );
}
