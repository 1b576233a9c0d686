import { Argument, type Command } from 'commander';
import type { CommandContext } from '../commandContext.js';
import { HISTORY_DIR } from '../defaults.js';
import { UsageError } from '../exitCodes.js';

/** Registers `thaw compare`: compare freezes across histories: what set each off, who cut which channels, months to the first restored channel, to ministerial contact and to normal relations, and what brought each about. */
export function registerCompare(program: Command, { io, write, warn, exit, color, sources }: CommandContext): void {
  program
    .command('compare')
    .description(
      'compare freezes across histories: what set each off, who cut which channels, months to the first restored channel, to ministerial contact and to normal relations, and what brought each about',
    )
    .addArgument(new Argument('[files...]', 'scenario or what-if YAML files, or folders of them').default([HISTORY_DIR], 'every episode in scenarios/history/'))
    .option('--csv', 'one CSV row per freeze')
    .option('--json', 'the comparison as JSON, with the whole causedBy chain of each step')
    .option('--output <file>', 'write the comparison (text, CSV or JSON) to this file instead of stdout')
    .option('--chart <file>', 'also draw the freezes aligned at their first cut, as SVG, or PNG if the name ends in .png')
    .option(
      '--font <file>',
      'for a PNG chart: a .ttf font (repeat for bold; default: DejaVu or Liberation Sans where installed)',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--sources <dir>', "folder of article texts to check the scenarios' quotes against (default: $THAW_SOURCES)")
    .addOption(color())
    .addHelpText('after', "\nExits 1 if a compared history has a checkpoint that does not hold: its freezes are then the model's alone.")
    .action(
      async (
        files: string[],
        options: { csv?: boolean; json?: boolean; output?: string; chart?: string; font: string[]; sources?: string; color: boolean },
      ) => {
        if (options.csv && options.json) throw new UsageError('choose one of --csv and --json');
        const { compareCommand } = await import('../commands/compare.js');
        exit(
          await compareCommand({
            files,
            format: options.json ? 'json' : options.csv ? 'csv' : 'text',
            output: options.output,
            chart: options.chart,
            fonts: options.font,
            sourcesDir: sources(options.sources),
            color: options.color,
            cwd: io.cwd,
            write,
            warn,
          }),
        );
      },
    );
}
