import { Argument, type Command, Option } from 'commander';
import type { CommandContext } from '../commandContext.js';
import { RECORD_FILE } from '../defaults.js';

/** Registers `thaw data`: a scenario or what-if as data: its events as PLOVER or CAMEO records, the state month by month, how long each channel was cut. */
export function registerData(program: Command, { write, warn, exit, sources }: CommandContext): void {
  const data = program
    .command('data')
    .description('a scenario or what-if as data: its events as PLOVER or CAMEO records, the state month by month, how long each channel was cut');
  const dataKind = (kind: 'events' | 'series' | 'durations', description: string, argument: Argument) =>
    data
      .command(kind)
      .description(description)
      .addArgument(argument)
      .option('--output <file>', 'write to this file instead of stdout')
      .option('--sources <dir>', "folder of article texts to check the scenario's quotes against (default: $THAW_SOURCES)");
  dataKind(
    'events',
    'every event as a PLOVER record (JSON Lines) or a CAMEO row with its Goldstein value (CSV)',
    new Argument('[file]', 'scenario or what-if YAML file').default(RECORD_FILE, 'the record'),
  )
    .addOption(
      new Option('--format <format>', 'plover (JSON Lines, as POLECAT exchanges events) or cameo (CSV, as GDELT and ICEWS)')
        .choices(['plover', 'cameo'])
        .default('plover'),
    )
    .option('--json', 'with --format cameo: a JSON array instead of CSV')
    .action(async (file: string, options: { format: 'plover' | 'cameo'; json?: boolean; output?: string; sources?: string }) => {
      const { dataCommand } = await import('../commands/data.js');
      exit(
        dataCommand({
          kind: 'events',
          files: [file],
          format: options.format,
          json: options.json ?? false,
          output: options.output,
          sourcesDir: sources(options.sources),
          write,
          warn,
        }),
      );
    });
  for (const [kind, description] of [
    ['series', "month by month: the phase, each channel's link, months since its last contact, incidents (CSV, or --json)"],
    ['durations', 'each time a channel was cut: how, by whom, from when, when it reopened, for how many months (CSV, or --json)'],
  ] as const) {
    dataKind(
      kind,
      description,
      new Argument('[files...]', 'scenario or what-if YAML files, or folders of them, a history column apart').default([RECORD_FILE], 'the record'),
    )
      .option('--json', 'JSON instead of CSV')
      .action(async (files: string[], options: { json?: boolean; output?: string; sources?: string }) => {
        const { dataCommand } = await import('../commands/data.js');
        exit(
          dataCommand({
            kind,
            files,
            format: 'plover',
            json: options.json ?? false,
            output: options.output,
            sourcesDir: sources(options.sources),
            write,
            warn,
          }),
        );
      });
  }
}
