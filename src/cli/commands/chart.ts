import { relative } from 'node:path';
import { chartSvg } from '../../data/chart.js';
import type { Scenario } from '../../scenario/schema.js';
import { readHistories } from '../../whatif/histories.js';
import { emitOutput, writeOutputFile } from '../outputFile.js';
import { chartFonts, NoFontError, svgToPng } from '../../data/chartPng.js';
import { EXIT, UsageError } from '../exitCodes.js';

/** The articles a scenario cites: outlet, headline and when reported on one line, the address (if any) on the next. Pure. */
export function citedSources(scenario: Scenario): string[] {
  return Object.values(scenario.sources).flatMap((article) => [`${article.outlet}, "${article.headline}", reported ${article.date}`, ...(article.url ? [`    ${article.url}`] : [])]);
}

/**
 * `thaw chart`: the phase and each channel's link over time as a standalone SVG, with a title,
 * a legend and the sources in a caption; a what-if's rows under its base's.
 */
export async function chartCommand(options: { file: string; output: string | undefined; fonts: string[]; sourcesDir: string | null; cwd: string; write: (text: string) => void }): Promise<number> {
  const { file, sourcesDir } = options;
  const { histories, title: own, cited: sources, whatIf } = readHistories(file, { sourcesDir });
  const title = whatIf ? `${own} (rows "what-if" under the record's)` : own;
  const caption = [
    `Sources: the articles the events cite (${relative(options.cwd, file) || file}, drawn by thaw):`,
    ...citedSources(sources).map((line) => `  ${line}`),
    ...(histories.length > 1 ? ['The what-if rows are hypothetical: the history the model gives once the edits are made.'] : []),
  ];
  const svg = await chartSvg(histories, { title, caption });
  if (options.output?.toLowerCase().endsWith('.png')) {
    let png: Uint8Array;
    try {
      png = await svgToPng(svg, chartFonts(options.fonts));
    } catch (error) {
      if (error instanceof NoFontError) throw new UsageError(`--out: ${error.message}`);
      throw error;
    }
    try {
      writeOutputFile(options.output, png);
    } catch (error) {
      throw new UsageError(`--out: cannot write "${options.output}": ${(error as Error).message}`, EXIT.outputFailed);
    }
    return EXIT.ok;
  }
  return emitOutput(svg, options.output, options.write, '--out');
}
