import { relative, resolve } from 'node:path';
import { type ComparedEntry, compareHistories, SameLabelError, uncheckedHistories } from '../../compare/comparison.js';
import { comparisonCaption, freezeChartSpec } from '../../compare/freezeChart.js';
import { FREEZE_COLUMNS, freezeRows } from '../../compare/freezeRows.js';
import { svgOf } from '../../data/chart.js';
import { toCsv } from '../../data/csv.js';
import { escapeControls } from '../../scenario/problems.js';
import { readHistories } from '../../whatif/histories.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { formatComparison } from '../format/compareReport.js';
import { expandFiles } from '../inputs.js';
import { emitOutput } from '../outputFile.js';
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
  warn: (text: string) => void;
}

// A what-if file gives two histories: its base's, from the base's own file, and its own.
function entriesOf(path: string, options: Pick<CompareCommandOptions, 'cwd' | 'sourcesDir'>): ComparedEntry[] {
  const shown = (file: string) => relative(options.cwd, file) || file;
  const { histories, title, whatIf, basePath } = readHistories(path, { sourcesDir: options.sourcesDir });
  if (!whatIf) return histories.map((history) => ({ file: shown(path), title, history, hypothetical: false }));
  const [base, edited] = histories as [(typeof histories)[0], (typeof histories)[0]];
  return [
    { file: shown(basePath ?? path), title: base.run.scenario.title, history: base, hypothetical: false },
    { file: shown(path), title, history: edited, hypothetical: true },
  ];
}

/**
 * `thaw compare`: the freezes of several histories side by side (by default every episode of
 * the history library): what set each off, who cut which channels, the months to the first
 * restored channel, to ministerial contact and to normal relations, and what brought each about.
 * Exits 1, saying why on stderr, if a history's checkpoints do not all hold: its freezes are then
 * the model's alone.
 */
export async function compareCommand(options: CompareCommandOptions): Promise<number> {
  if (options.chart !== undefined && options.output !== undefined && resolve(options.chart) === resolve(options.output)) {
    throw new UsageError('--chart and --output name the same file; give each its own');
  }
  const entries = expandFiles(options.files).flatMap((path) => entriesOf(path, options));
  let comparison;
  try {
    comparison = compareHistories(entries);
  } catch (error) {
    if (error instanceof SameLabelError) throw new UsageError(error.message);
    throw error;
  }
  const text =
    options.format === 'json'
      ? `${JSON.stringify(comparison, null, 2)}\n`
      : options.format === 'csv'
        ? toCsv(FREEZE_COLUMNS, freezeRows(comparison))
        : formatComparison(comparison, { color: options.color && options.output === undefined });
  if (options.chart !== undefined) {
    const title = 'Freezes in US–China military contact, aligned at the first cut or refusal';
    const svg = await svgOf(freezeChartSpec(comparison, { title, caption: comparisonCaption(comparison, entries) }));
    await writeChart(svg, options.chart, options.fonts, '--chart');
  }
  const written = emitOutput(text, options.output, options.write);
  if (written !== EXIT.ok) return written;
  const unchecked = uncheckedHistories(comparison);
  for (const { label, file, checks } of unchecked) {
    options.warn(
      escapeControls(
        `thaw compare: ${file}: ${checks.judged - checks.hold} of ${checks.judged} checkpoints of ${label} do not hold (thaw replay ${file} says which); its freezes are the model's alone`,
      ),
    );
  }
  return unchecked.length === 0 ? EXIT.ok : EXIT.checkpointFailed;
}
