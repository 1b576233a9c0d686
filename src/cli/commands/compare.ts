import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareHistories, type ComparedFile, type Comparison } from '../../compare/comparison.js';
import { freezeChartSpec } from '../../compare/freezeChart.js';
import { freezeRows, FREEZE_COLUMNS } from '../../compare/freezeRows.js';
import { citedOutlets, outsideSourcesText, wrapped } from '../../compare/sourcesLine.js';
import { svgOf } from '../../data/chart.js';
import { toCsv } from '../../data/csv.js';
import { readHistories } from '../../whatif/histories.js';
import { formatComparison } from '../format/compareReport.js';
import { emitOutput } from '../outputFile.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { writeChart } from './chart.js';

/** Options of `thaw compare`. */
export interface CompareCommandOptions {
  /** Scenario or what-if files, or folders whose .yaml files are all compared. */
  files: string[];
  format: 'text' | 'csv' | 'json';
  output: string | undefined;
  /** Also draw the freezes aligned at their first cut, to this SVG or PNG file. */
  chart: string | undefined;
  fonts: string[];
  sourcesDir: string | null;
  color: boolean;
  cwd: string;
  write: (text: string) => void;
}

/** The .yaml files a folder holds directly, by name; a file is itself. */
export function expandFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let folder = false;
    try {
      folder = statSync(path).isDirectory();
    } catch {
      return [path]; // The reader names the missing file.
    }
    if (!folder) return [path];
    const files = readdirSync(path)
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new UsageError(`${path}: a folder with no .yaml file to compare`);
    return files;
  });
}

/** The caption under the chart: each history's sources, and how to read the bars. Pure. */
export function comparisonCaption(comparison: Comparison, scenarios: Map<string, ComparedFile>): string[] {
  const lines = wrapped("Each bar starts at its freeze's first cut or refusal; its colours are the phases the model gives, its end the return to normal relations or the history's end. Sources:");
  for (const history of comparison.histories) {
    const file = scenarios.get(history.file);
    const scenario = file?.histories.find((candidate) => candidate.label === history.label)?.run.scenario;
    if (scenario === undefined) continue;
    const { articles } = citedOutlets(scenario);
    const outside = outsideSourcesText(scenario);
    const parts = [...(articles.length > 0 ? [`articles of ${articles.join(', ')}`] : []), ...(outside ? [outside] : [])];
    lines.push(...wrapped(`${history.label}${history.hypothetical ? ' (what-if: hypothetical)' : ''} (${history.file}): ${parts.join('; ') || 'no sources'}`));
  }
  return lines;
}

/**
 * `thaw compare`: the freezes of several histories side by side (by default every episode of
 * the history library): what set each off, who cut which channels, the months to the first
 * restored channel, to ministerial contact and to normal relations, and what brought each about.
 * Exits 1 if a history's checkpoints do not all hold: its freezes are then the model's, unchecked.
 */
export async function compareCommand(options: CompareCommandOptions): Promise<number> {
  const paths = expandFiles(options.files);
  const files = paths.map((path): ComparedFile => {
    const { histories, title, whatIf } = readHistories(path, { sourcesDir: options.sourcesDir });
    return { file: relative(options.cwd, path) || path, title, histories, whatIf };
  });
  const comparison = compareHistories(files);
  const text =
    options.format === 'json'
      ? `${JSON.stringify(comparison, null, 2)}\n`
      : options.format === 'csv'
        ? toCsv(FREEZE_COLUMNS, freezeRows(comparison))
        : formatComparison(comparison, { color: options.color && options.output === undefined });
  if (options.chart !== undefined) {
    const title = 'Freezes in US–China military contact, aligned at the first cut or refusal';
    const svg = await svgOf(freezeChartSpec(comparison, { title, caption: comparisonCaption(comparison, new Map(files.map((file) => [file.file, file]))) }));
    await writeChart(svg, options.chart, options.fonts, '--chart');
  }
  const written = emitOutput(text, options.output, options.write);
  const unchecked = comparison.histories.some((history) => history.checks !== null && history.checks.hold < history.checks.judged);
  return written !== EXIT.ok ? written : unchecked ? EXIT.checkpointFailed : EXIT.ok;
}
