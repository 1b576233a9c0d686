import { dirname, resolve } from 'node:path';
import { type ExportFormat, exportDiagram } from '../../export/formats.js';
import { machineGraph } from '../../export/machineGraph.js';
import { viewerPage } from '../../viewer/page.js';
import { pageModel, publishedPath } from '../../viewer/pageModel.js';
import { viewerBundle } from '../../viewer/server.js';
import { RECORD_FILE } from '../defaults.js';
import { UsageError } from '../exitCodes.js';
import { emitOutput } from '../outputFile.js';

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
    // A page is made to be published: it names files without the exporter's folders, and a
    // what-if saved from it names its base from where the page is written, so that it is found
    // when the saved file sits beside the page.
    const cwd = options.cwd;
    const folder = options.output === undefined ? cwd : dirname(resolve(cwd, options.output));
    const model = await pageModel(file, {
      sourcesDir: options.sourcesDir,
      shown: publishedPath(file, { cwd, folder: cwd }),
      nameBase: (base) => publishedPath(base, { cwd, folder }),
    });
    text = viewerPage({ title: model.title, modelJson: JSON.stringify(model), script: viewerBundle() });
  } else {
    if (options.file !== undefined)
      throw new UsageError(`a scenario file is read only with --format html; --format ${options.format} writes the statechart itself`);
    text = exportDiagram(machineGraph(), options.format);
  }
  return emitOutput(text, options.output, options.write);
}
