import { relative } from 'node:path';
import { outsideSourcesText, wrapped } from '../../compare/sourcesLine.js';
import { chartSvg } from '../../data/chart.js';
import { chartFonts, NoFontError, svgToPng } from '../../data/chartPng.js';
import { escapeControls } from '../../scenario/problems.js';
import { articleTitle, type Scenario } from '../../scenario/schema.js';
import { mergeNotes, stepNotes } from '../../whatif/compareRuns.js';
import { type History, readHistories } from '../../whatif/histories.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { emitOutput, writeOutputFile } from '../outputFile.js';

/** The articles a scenario cites: outlet, headline and when reported on one line, the address (if any) on the next. Pure. */
export function citedSources(scenario: Scenario): string[] {
  return Object.values(scenario.sources).flatMap((article) => [
    `${article.outlet}, ${articleTitle(article)}, reported ${article.date}`,
    ...(article.url ? [`    ${article.url}`] : []),
  ]);
}

// A caption has room for this many notes; the rest are counted, and the timeline has them all.
const MAX_CAPTION_NOTES = 24;

/** The machine's notes for a chart's caption: one history's, or both a what-if's and its base's, marked. Pure. */
export function chartNotes(histories: History[]): string[] {
  const [first, second] = histories;
  if (first === undefined) return [];
  const who = { both: 'both', base: first.label, whatIf: 'what-if' };
  const lines =
    second === undefined
      ? stepNotes(first.run).flatMap((step) => step.notes.map((note) => `  ${step.date}  ${step.id}: ${escapeControls(note)}`))
      : mergeNotes({ base: stepNotes(first.run), whatIf: stepNotes(second.run) }).map(
          (note) => `  ${note.date}  ${note.id} (${who[note.in]}): ${escapeControls(note.note)}`,
        );
  if (lines.length === 0) return [];
  const shown = lines.slice(0, MAX_CAPTION_NOTES);
  const rest = lines.length - shown.length;
  return [
    "The machine's notes (why an event changed less than it might have, or a stated reason that is gone):",
    ...shown,
    ...(rest > 0 ? [`  and ${rest} more: thaw ${second ? 'whatif' : 'replay'} lists them all`] : []),
  ];
}

/**
 * `thaw chart`: the phase and each channel's link over time as a standalone SVG, with a title,
 * a legend and the sources in a caption; a what-if's rows under its base's.
 */
export async function chartCommand(options: {
  file: string;
  output: string | undefined;
  fonts: string[];
  sourcesDir: string | null;
  cwd: string;
  write: (text: string) => void;
}): Promise<number> {
  const { file, sourcesDir } = options;
  const { histories, title: own, cited: sources, whatIf } = readHistories(file, { sourcesDir });
  const title = whatIf ? `${own} (rows "what-if" under the record's)` : own;
  const outside = outsideSourcesText(sources);
  const caption = [
    `Sources${Object.keys(sources.sources).length > 0 ? ': the articles the events cite' : ''} (${relative(options.cwd, file) || file}, drawn by thaw):`,
    ...citedSources(sources).map((line) => `  ${line}`),
    // An episode of the history library cites no article: its sources are the pages each event names.
    ...(outside ? wrapped(`  ${outside}; each event names its page (thaw replay prints them).`) : []),
    ...(histories.length > 1 ? ['The what-if rows are hypothetical: the history the model gives once the edits are made.'] : []),
    ...chartNotes(histories),
  ];
  const svg = await chartSvg(histories, { title, caption });
  if (options.output === undefined) return emitOutput(svg, undefined, options.write, '--out');
  return writeChart(svg, options.output, options.fonts, '--out');
}

/** Writes a drawn chart to a file: as PNG if its name ends in .png, else as the SVG itself. */
export async function writeChart(svg: string, output: string, fonts: string[], option: string): Promise<number> {
  if (!output.toLowerCase().endsWith('.png')) return emitOutput(svg, output, () => undefined, option);
  let png: Uint8Array;
  try {
    png = await svgToPng(svg, chartFonts(fonts));
  } catch (error) {
    if (error instanceof NoFontError) throw new UsageError(`${option}: ${error.message}`);
    throw error;
  }
  try {
    writeOutputFile(output, png);
  } catch (error) {
    throw new UsageError(`${option}: cannot write "${output}": ${(error as Error).message}`, EXIT.outputFailed);
  }
  return EXIT.ok;
}
