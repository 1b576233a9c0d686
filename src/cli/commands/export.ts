import { exportDiagram, type ExportFormat } from '../../export/formats.js';
import { machineGraph } from '../../export/machineGraph.js';
import { UsageError } from '../exitCodes.js';
import { emitOutput } from '../outputFile.js';
import { relative } from 'node:path';
import { RECORD_FILE } from '../defaults.js';
import { viewerPage } from '../../viewer/page.js';
import { pageModel } from '../../viewer/pageModel.js';
import { viewerBundle } from '../../viewer/server.js';

/** What `thaw export` writes: a diagram of the statechart, or a standalone viewer page. */
export type ExportCommandFormat = ExportFormat | 'html';

/** Options of `thaw export`. */
export interface ExportCommandOptions {
  format: ExportCommandFormat;
  /** For html: the scenario or what-if file (default the record); diagrams take none. */
  file: string | undefined;
  output: string | undefined;
  sourcesDir: string | null;
  cwd: string;
  write: (text: string) => void;
}

/**
 * `thaw export`: writes the statechart's diagram in a format, or, with `--format html`, one
 * self-contained HTML file of a scenario or what-if in the viewer (no server, no network: the
 * model, the styles and the bundled script are inside), to stdout or a file.
 */
export async function exportCommand(options: ExportCommandOptions): Promise<number> {
  let text: string;
  if (options.format === 'html') {
    const file = options.file ?? RECORD_FILE;
    const model = await pageModel(file, { sourcesDir: options.sourcesDir, shown: relative(options.cwd, file) || file });
    text = viewerPage({ title: model.title, modelJson: JSON.stringify(model), script: viewerBundle() });
  } else {
    if (options.file !== undefined) throw new UsageError(`a scenario file is read only with --format html; --format ${options.format} writes the statechart itself`);
    text = exportDiagram(machineGraph(), options.format);
  }
  return emitOutput(text, options.output, options.write);
}
