import { Argument, type Command } from 'commander';
import type { CommandContext } from '../commandContext.js';
import { replayCommand } from '../commands/replay.js';
import { RECORD_FILE } from '../defaults.js';

/** Registers `thaw replay`: replay a scenario (or the history a what-if file gives) event by event and check its checkpoints (default: the historical record). */
export function registerReplay(program: Command, { io, write, exit, color, sources, refuseMistypedCommand }: CommandContext): void {
  program
    .command('replay', { isDefault: true })
    .description('replay a scenario (or the history a what-if file gives) event by event and check its checkpoints (default: the historical record)')
    .addArgument(new Argument('[file]', 'scenario YAML file').default(RECORD_FILE, 'scenarios/record.yaml, the record'))
    .option('--json', 'print the timeline (or, with --at, the state) as JSON')
    .option('--at <date>', 'print the state on a date (YYYY-MM-DD or YYYY-MM) instead of the timeline')
    .option('--sources <dir>', 'folder of article texts to check quotes against (default: $THAW_SOURCES)')
    .option('--reported-only', 'leave out the inferred events, and say which checkpoints then fail')
    .option('--check-order', 'run each checkpoint under every order of same-month events the sources allow; exit 1 if one depends on the order')
    .addOption(color())
    .action((file: string, options: { json?: boolean; at?: string; sources?: string; reportedOnly?: boolean; checkOrder?: boolean; color: boolean }) => {
      refuseMistypedCommand(file);
      exit(
        replayCommand({
          file,
          json: options.json ?? false,
          at: options.at,
          sourcesDir: sources(options.sources),
          reportedOnly: options.reportedOnly ?? false,
          checkOrder: options.checkOrder ?? false,
          color: options.color,
          cwd: io.cwd,
          write,
        }),
      );
    });
}
