import { relative } from 'node:path';
import { parsePartialDate } from '../../vocabulary/dates.js';
import { readScenario } from '../../scenario/readScenario.js';
import { DATE_FORMAT } from '../../scenario/schema.js';
import { elapsedOf } from '../../replay/elapsed.js';
import { replay, stateAt } from '../../replay/replay.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { formatState, formatTimeline } from '../format/timeline.js';
import { sourcesFolder } from '../inputs.js';

/** Options of `thaw replay`. */
export interface ReplayCommandOptions {
  file: string;
  json: boolean;
  at?: string | undefined;
  sources?: string | undefined;
  color: boolean;
  write: (text: string) => void;
}

/** `thaw replay`: replays a scenario and prints its timeline or its state on a date; returns the exit code. */
export function replayCommand(options: ReplayCommandOptions): number {
  if (options.at !== undefined && !parsePartialDate(options.at)) {
    throw new UsageError(`--at: "${options.at}" is not a date; ${DATE_FORMAT}`);
  }
  const scenario = readScenario(options.file, { sourcesDir: sourcesFolder(options.sources) ?? null });
  const result = replay(scenario);
  const shown = relative(process.cwd(), options.file) || options.file;

  if (options.at !== undefined) {
    const { afterIndex, state } = stateAt(result, options.at);
    const lastEvent = afterIndex >= 0 ? scenario.events[afterIndex]?.id : undefined;
    if (options.json) {
      options.write(JSON.stringify({ scenario: scenario.id, at: options.at, afterEvent: lastEvent ?? null, state, elapsed: elapsedOf(state, options.at) }, null, 2));
    } else {
      const heading = `${scenario.title}: state at ${options.at} (after ${lastEvent ? `"${lastEvent}", event ${afterIndex + 1} of ${scenario.events.length}` : 'no event'})`;
      options.write(formatState(state, { color: options.color, heading, asOf: options.at }));
    }
  } else if (options.json) {
    options.write(
      JSON.stringify(
        {
          scenario: { id: scenario.id, title: scenario.title, file: shown },
          initial: result.initial,
          steps: result.steps,
          checkpoints: result.verdicts.map((verdict) => ({
            id: verdict.checkpoint.id,
            reportedBy: verdict.checkpoint.reportedBy ?? null,
            afterEvent: verdict.afterIndex >= 0 ? scenario.events[verdict.afterIndex]?.id : null,
            holds: verdict.holds,
            mismatches: verdict.mismatches,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    options.write(formatTimeline(result, { color: options.color, file: shown }));
  }
  return result.verdicts.every((verdict) => verdict.holds) ? EXIT.ok : EXIT.checkpointFailed;
}
