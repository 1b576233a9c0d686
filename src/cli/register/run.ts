import { type Command, Option } from 'commander';
import type { CommandContext } from '../commandContext.js';

/** Registers `thaw run`: read events as JSON Lines (file or stdin) and write the state after each as JSON Lines. */
export function registerRun(program: Command, { io, warn, exit, sources }: CommandContext): void {
  program
    .command('run')
    .description('read events as JSON Lines (file or stdin) and write the state after each as JSON Lines')
    .argument('[events]', 'JSON Lines file of events, same fields as scenario events; - or nothing for stdin')
    .option('--from <scenario>', "start from the end state of this scenario (default: the machine's initial state)")
    .addOption(new Option('--on-error <mode>', 'on a bad line: stop, or skip it and go on (exit 2 either way)').choices(['stop', 'skip']).default('stop'))
    .option('--no-state', 'write each line without the whole state: phase, changes and notes only (a tenth of the size, for long streams)')
    .action(async (events: string | undefined, options: { from?: string; onError: 'stop' | 'skip'; state: boolean }) => {
      const { runCommand } = await import('../commands/run.js');
      exit(
        await runCommand({
          input: events,
          from: options.from,
          onError: options.onError,
          state: options.state,
          sourcesDir: sources(undefined),
          stdin: io.stdin,
          checkWorker: io.checkWorker,
          write: io.stdout,
          drained: io.stdoutDrained,
          warn,
        }),
      );
    });
}
