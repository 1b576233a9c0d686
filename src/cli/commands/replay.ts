import { relative } from 'node:path';
import { checkOrder, OrderCheckLimitError, type Replay, type ReportedOnly, replay, reportedOnly, type Scenario, stateAt } from '../../index.js';
import { checkpointSource, isObservation } from '../../replay/checkpoints.js';
import { elapsedOf } from '../../replay/elapsed.js';
import { DATE_FORMAT } from '../../scenario/schema.js';
import { parsePartialDate } from '../../vocabulary/dates.js';
import { readScenarioOrWhatIf } from '../../whatif/whatIfFile.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { formatOrderCheck } from '../format/orderCheck.js';
import { formatReportedOnly, formatState, formatTimeline } from '../format/timeline.js';

/** Options of `thaw replay`. */
export interface ReplayCommandOptions {
  file: string;
  json: boolean;
  at?: string | undefined;
  /** Folder of article texts to check quotes against, or null for no check. */
  sourcesDir: string | null;
  /** The folder file names are shown relative to. */
  cwd: string;
  /** Replay without the scenario's inferred events, and say which checkpoints then fail. */
  reportedOnly?: boolean;
  /** Run each checkpoint under every order of its month's events the sources allow. */
  checkOrder?: boolean;
  color: boolean;
  write: (text: string) => void;
}

/** Which checkpoints hold with the inferences and fail without them. Pure. */
function restingOnInference(full: Replay, reduced: Replay): string[] {
  const heldBefore = new Set(full.verdicts.filter((verdict) => verdict.holds).map((verdict) => verdict.checkpoint.id));
  return reduced.verdicts.filter((verdict) => !verdict.holds && heldBefore.has(verdict.checkpoint.id)).map((verdict) => verdict.checkpoint.id);
}

/** `thaw replay`: replays a scenario and prints its timeline, its state on a date, or its order check; returns the exit code. */
export function replayCommand(options: ReplayCommandOptions): number {
  if (options.at !== undefined && !parsePartialDate(options.at)) {
    throw new UsageError(`--at: "${options.at}" is not a date; ${DATE_FORMAT}`);
  }
  if (options.at !== undefined && options.checkOrder) throw new UsageError('--check-order checks the checkpoints of the whole scenario; leave out --at');
  // A what-if file replays as the history its edits give; `thaw whatif` sets it against its base.
  const file = readScenarioOrWhatIf(options.file, { sourcesDir: options.sourcesDir });
  const whatIf = file.whatIf;
  const read: Scenario = whatIf ? whatIf.scenario : (file.scenario as Scenario);
  const reduced: ReportedOnly | undefined = options.reportedOnly ? reportedOnly(read) : undefined;
  const scenario: Scenario = reduced?.scenario ?? read;
  const result = replay(scenario);
  const shown = relative(options.cwd, options.file) || options.file;
  const resting = reduced ? restingOnInference(replay(read), result) : [];
  const reducedJson = reduced && { dropped: reduced.dropped.map((event) => event.id), moved: reduced.moved, restOnInference: resting };
  const whatIfJson = whatIf && { whatIf: { base: whatIf.base.id, baseFile: whatIf.definition.base, edits: whatIf.definition.edits.length } };
  const whatIfLine =
    whatIf &&
    `a what-if over ${whatIf.base.id} (${whatIf.definition.base}), ${whatIf.definition.edits.length} edit${whatIf.definition.edits.length === 1 ? '' : 's'}: its history alone; \`thaw whatif ${shown}\` sets it against its base`;

  if (options.checkOrder) {
    let check;
    try {
      check = checkOrder(scenario, result.verdicts);
    } catch (error) {
      if (error instanceof OrderCheckLimitError) throw new UsageError(`--check-order: ${error.message}`);
      throw error;
    }
    options.write(
      options.json
        ? JSON.stringify(
            {
              scenario: { id: scenario.id, file: shown },
              ...whatIfJson,
              ...(reducedJson ? { reportedOnly: reducedJson } : {}),
              settled: check.settled,
              checkpoints: check.verdicts.map(({ checkpoint, ...verdict }) => ({ id: checkpoint.id, observation: isObservation(checkpoint), ...verdict })),
            },
            null,
            2,
          )
        : formatOrderCheck(check, { color: options.color, title: scenario.title, file: shown, reportedOnly: reduced !== undefined }),
    );
    return check.settled && result.verdicts.every((verdict) => verdict.holds) ? EXIT.ok : EXIT.checkpointFailed;
  }

  if (options.at !== undefined) {
    const { afterIndex, state } = stateAt(result, options.at);
    const lastEvent = afterIndex >= 0 ? scenario.events[afterIndex]?.id : undefined;
    if (options.json) {
      options.write(
        JSON.stringify(
          {
            scenario: scenario.id,
            ...whatIfJson,
            at: options.at,
            afterEvent: lastEvent ?? null,
            ...(reducedJson ? { reportedOnly: reducedJson } : {}),
            state,
            elapsed: elapsedOf(state, options.at),
          },
          null,
          2,
        ),
      );
    } else {
      const heading = `${scenario.title}: state at ${options.at} (after ${lastEvent ? `"${lastEvent}", event ${afterIndex + 1} of ${scenario.events.length}` : 'no event'})${reduced ? ', reported facts only' : ''}`;
      options.write(formatState(state, { color: options.color, heading, asOf: options.at }));
    }
  } else if (options.json) {
    options.write(
      JSON.stringify(
        {
          scenario: { id: scenario.id, title: scenario.title, file: shown },
          ...whatIfJson,
          ...(reducedJson ? { reportedOnly: reducedJson } : {}),
          initial: result.initial,
          steps: result.steps,
          checkpoints: result.verdicts.map((verdict) => ({
            id: verdict.checkpoint.id,
            reportedBy: verdict.checkpoint.reportedBy ?? null,
            source: checkpointSource(verdict.checkpoint, scenario.sources),
            outside: verdict.checkpoint.outside ?? [],
            afterEvent: verdict.afterIndex >= 0 ? scenario.events[verdict.afterIndex]?.id : null,
            holds: verdict.holds,
            observation: verdict.observation,
            phase: verdict.state.phase,
            mismatches: verdict.mismatches,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    const timeline = formatTimeline(result, { color: options.color, file: shown, ...(whatIfLine ? { subtitle: whatIfLine } : {}) });
    options.write(reduced ? formatReportedOnly(timeline, reduced, resting, { color: options.color }) : timeline);
  }
  return result.verdicts.every((verdict) => verdict.holds) ? EXIT.ok : EXIT.checkpointFailed;
}
