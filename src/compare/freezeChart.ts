// Freezes side by side for a report: one bar per freeze, coloured by phase, every bar starting at
// its first cut or refusal, so their lengths and the order of their steps compare at a glance.
import type * as vl from 'vega-lite';
import { reportSpec } from '../data/chart.js';
import { PHASE_COLOURS } from '../data/palette.js';
import { PHASE_LABELS } from '../vocabulary/channels.js';
import { partialDate } from '../vocabulary/dates.js';
import type { ComparedEntry, Comparison } from './comparison.js';
import { citedOutlets, outsideSourcesText, wrapped } from './sourcesLine.js';

const DAY = 24 * 60 * 60 * 1000;
const AVERAGE_MONTH_DAYS = 365.25 / 12;

/** Months from one date to another, as a fraction (a date known to the month read as its first day): for drawing only. Pure. */
function fractionalMonths(from: string, to: string): number {
  return (Date.parse(partialDate(to).start) - Date.parse(partialDate(from).start)) / DAY / AVERAGE_MONTH_DAYS;
}

/** The row that names a freeze in the chart: the history, and the freeze's number where it has several. Pure. */
function freezeRowName(history: { label: string; hypothetical: boolean; freezes: readonly unknown[] }, number: number, began: string): string {
  return `${history.label}${history.hypothetical ? ' (what-if)' : ''}${history.freezes.length > 1 ? ` #${number}` : ''}, from ${began}`;
}

/** The Vega-Lite specification of the aligned chart: pure data, also for a user's own tools. Pure. */
export function freezeChartSpec(comparison: Comparison, text: { title: string; caption: string[] }): vl.TopLevelSpec {
  const rows: string[] = [];
  const bars: Array<{ row: string; from: number; to: number; phase: string; since: string }> = [];
  const ends: Array<{ row: string; at: number; label: string }> = [];
  for (const history of comparison.histories) {
    // A history with no freeze keeps its row, said so: a what-if in which nothing is cut is an answer.
    if (history.freezes.length === 0) {
      const row = `${history.label}${history.hypothetical ? ' (what-if)' : ''}`;
      rows.push(row);
      ends.push({ row, at: 0, label: 'no freeze: relations stay normal throughout' });
    }
    for (const freeze of history.freezes) {
      const row = freezeRowName(history, freeze.number, freeze.began.date);
      rows.push(row);
      const start = freeze.began.date;
      freeze.phases.forEach((stretch, index) => {
        if (stretch.phase === 'normal') return;
        const next = freeze.phases[index + 1]?.date ?? freeze.until;
        // A stretch that starts and ends in the same month still gets a visible sliver.
        const from = fractionalMonths(start, stretch.date);
        bars.push({ row, from, to: Math.max(fractionalMonths(start, next), from + 0.25), phase: PHASE_LABELS[stretch.phase], since: stretch.date });
      });
      const at = fractionalMonths(start, freeze.until);
      ends.push({ row, at, label: freeze.ongoing ? `${freeze.months}+ months, no end by ${freeze.until}` : `normal after ${freeze.months} months` });
    }
  }
  const phases = (['channelsSuspended', 'partiallyRestored', 'ministerialResumed'] as const).map((phase) => PHASE_LABELS[phase]);
  const range = (['channelsSuspended', 'partiallyRestored', 'ministerialResumed'] as const).map((phase) => PHASE_COLOURS[phase]);
  const y = { field: 'row', type: 'nominal', sort: rows, title: null, axis: { labelLimit: 360 } } as const;
  return reportSpec(text, 900, {
    width: 900,
    height: { step: 22 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'from', type: 'quantitative', title: 'months since the first cut or refusal', axis: { grid: true, tickMinStep: 1 } },
          x2: { field: 'to' },
          color: { field: 'phase', type: 'nominal', title: 'phase', scale: { domain: phases, range }, legend: { orient: 'bottom', labelLimit: 260 } },
          tooltip: [{ field: 'row' }, { field: 'phase' }, { field: 'since', title: 'from' }],
        },
      },
      {
        data: { values: ends },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333' },
        encoding: { y, x: { field: 'at', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  });
}

/** The caption under the chart: how to read the bars, then each history's sources. Pure. */
export function comparisonCaption(comparison: Comparison, entries: readonly ComparedEntry[]): string[] {
  const lines = wrapped(
    "Each bar starts at its freeze's first cut or refusal; its colours are the phases the model gives, its end the return to normal relations or the history's end. Sources:",
  );
  for (const history of comparison.histories) {
    const scenario = entries.find((entry) => entry.file === history.file && entry.history.label === history.label)?.history.run.scenario;
    if (scenario === undefined) continue;
    const { articles } = citedOutlets(scenario);
    const outside = outsideSourcesText(scenario);
    const parts = [...(articles.length > 0 ? [`articles of ${articles.join(', ')}`] : []), ...(outside ? [outside] : [])];
    lines.push(...wrapped(`${history.label}${history.hypothetical ? ' (what-if: hypothetical)' : ''} (${history.file}): ${parts.join('; ') || 'no sources'}`));
  }
  return lines;
}
