import { Argument, type Command } from 'commander';
import type { CommandContext } from '../commandContext.js';
import { RECORD_FILE } from '../defaults.js';

/** Registers `thaw chart`: draw the phase and each channel over time as a standalone SVG, with a legend and the sources; a what-if's rows under its base's. */
export function registerChart(program: Command, { io, write, exit, sources }: CommandContext): void {
  program
    .command('chart')
    .description("draw the phase and each channel over time as a standalone SVG, with a legend and the sources; a what-if's rows under its base's")
    .addArgument(new Argument('[file]', 'scenario or what-if YAML file').default(RECORD_FILE, 'the record'))
    .option('--out <file>', 'write the chart to this file instead of stdout: SVG, or PNG if the name ends in .png')
    .option(
      '--font <file>',
      'for a PNG: a .ttf font to draw the text with (repeat for bold; default: DejaVu or Liberation Sans where installed)',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--sources <dir>', "folder of article texts to check the scenario's quotes against (default: $THAW_SOURCES)")
    .action(async (file: string, options: { out?: string; font: string[]; sources?: string }) => {
      const { chartCommand } = await import('../commands/chart.js');
      exit(await chartCommand({ file, output: options.out, fonts: options.font, sourcesDir: sources(options.sources), cwd: io.cwd, write }));
    });
}
