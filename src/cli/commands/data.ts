import { toCsv } from '../../data/csv.js';
import { CAMEO_COLUMNS, cameoRows, ploverRecords } from '../../data/eventRecords.js';
import { CUT_COLUMNS, channelCuts, flatCut, flatSeriesRow, monthlySeries, monthsOf, SERIES_COLUMNS } from '../../data/series.js';
import type { Replay } from '../../replay/replay.js';
import { escapeControls } from '../../scenario/problems.js';
import { type History, readHistories } from '../../whatif/histories.js';
import { UsageError } from '../exitCodes.js';
import { expandFiles } from '../inputs.js';
import { emitOutput } from '../outputFile.js';

/** What `thaw data` writes. */
export type DataKind = 'events' | 'series' | 'durations';

/** Options of `thaw data`. */
export interface DataCommandOptions {
  kind: DataKind;
  /** One file for events; for series and durations, any number (a what-if counts as its two histories). */
  files: string[];
  /** For events: PLOVER JSON Lines or CAMEO CSV. */
  format: 'plover' | 'cameo';
  json: boolean;
  output: string | undefined;
  sourcesDir: string | null;
  write: (text: string) => void;
  warn: (text: string) => void;
}

/**
 * `thaw data`: a scenario or what-if as data for event-dataset users: its events as PLOVER
 * records (JSON Lines) or CAMEO rows (CSV), the state month by month, or how long each channel
 * was cut. For a what-if, series and durations give both histories, a `history` column apart,
 * and for several files every file's, each history once; events are the what-if's own, its
 * inserted ones marked hypothetical.
 */
export function dataCommand(options: DataCommandOptions): number {
  if (options.kind === 'events' && options.json && options.format === 'plover') {
    throw new UsageError('--json is for --format cameo; PLOVER records are JSON already (one per line)');
  }
  const files = distinctHistories(
    expandFiles(options.files).map((file) => ({ file, histories: readHistories(file, { sourcesDir: options.sourcesDir }).histories })),
  );
  let text: string;
  if (options.kind === 'events') {
    const { run } = (files[0] as History[]).at(-1) as { run: Replay };
    const { records, uncoded } = options.format === 'plover' ? ploverRecords(run) : cameoRows(run);
    for (const event of uncoded) options.warn(escapeControls(`thaw data: ${event.id} has no code: ${event.reason}; written with an empty code`));
    if (options.json && options.format === 'cameo') text = `${JSON.stringify(records, null, 2)}\n`;
    else
      text =
        options.format === 'plover'
          ? records.map((record) => `${JSON.stringify(record)}\n`).join('')
          : toCsv(CAMEO_COLUMNS, records as Array<Record<(typeof CAMEO_COLUMNS)[number], string | number | null>>);
  } else if (options.kind === 'series') {
    // A what-if's two histories over the same months, so their rows line up; files decades apart each over their own.
    const rows = files.flatMap((histories) => {
      const months = [...new Set(histories.flatMap(({ run }) => monthsOf(run)))].sort();
      const range = months.length > 0 ? { from: months[0] as string, to: months.at(-1) as string } : {};
      return histories.flatMap(({ label, run }) => monthlySeries(run, label, monthsOf(run, range)));
    });
    text = options.json ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(SERIES_COLUMNS, rows.map(flatSeriesRow));
  } else {
    const cuts = files.flat().flatMap(({ label, run }) => channelCuts(run, label));
    text = options.json ? `${JSON.stringify(cuts, null, 2)}\n` : toCsv(CUT_COLUMNS, cuts.map(flatCut));
  }
  return emitOutput(text, options.output, options.write);
}

// Each history once (two what-ifs of the record share it); two different histories under one
// name would mix in the `history` column, so they are refused.
function distinctHistories(files: Array<{ file: string; histories: History[] }>): History[][] {
  const seen = new Map<string, History>();
  const sameEvents = (a: History, b: History) =>
    a.run.scenario.events.length === b.run.scenario.events.length &&
    a.run.scenario.events.every((event, index) => JSON.stringify(event) === JSON.stringify(b.run.scenario.events[index]));
  return files.map(({ file, histories }) =>
    histories.filter((history) => {
      const earlier = seen.get(history.label);
      if (earlier === undefined) {
        seen.set(history.label, history);
        return true;
      }
      if (sameEvents(earlier, history)) return false;
      throw new UsageError(
        `${file}: a second, different history named "${history.label}"; the history column could not tell them apart (give the scenarios distinct ids)`,
      );
    }),
  );
}
