import { type Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.js';
import type { CommandContext } from '../commandContext.js';

/** Registers `thaw export`: write the statechart's diagram (every region, state and transition) as Mermaid, Graphviz DOT, SCXML or JSON, or a scenario in the viewer as one HTML file. */
export function registerExport(program: Command, { io, write, exit, sources }: CommandContext): void {
  program
    .command('export')
    .description(
      "write the statechart's diagram (every region, state and transition) as Mermaid, Graphviz DOT, SCXML or JSON, or a scenario in the viewer as one HTML file",
    )
    .argument('[file]', 'with --format html: the scenario or what-if to show (default: the record)')
    .addOption(new Option('--format <format>', 'diagram format, or html for a standalone viewer page').choices([...EXPORT_FORMATS, 'html']).default('mermaid'))
    .option('--output <file>', 'write to this file instead of stdout')
    .option('--sources <dir>', "folder of article texts to check the scenario's quotes against (default: $THAW_SOURCES)")
    .action(async (file: string | undefined, options: { format: ExportFormat | 'html'; output?: string; sources?: string }) => {
      const { exportCommand } = await import('../commands/export.js');
      exit(await exportCommand({ format: options.format, file, output: options.output, sourcesDir: sources(options.sources), cwd: io.cwd, write }));
    });
}
