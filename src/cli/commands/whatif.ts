import { relative } from 'node:path';
import { checkOrder, compareRuns, OrderCheckLimitError, readWhatIf, replay } from '../../index.js';
import { isObservation } from '../../replay/checkpoints.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { formatOrderCheck } from '../format/orderCheck.js';
import { formatWhatIfReport } from '../format/whatIfReport.js';

/** Options of `thaw whatif`. */
export interface WhatIfCommandOptions {
  file: string;
  json: boolean;
  /** Folder of article texts to check quotes against, or null for no check. */
  sourcesDir: string | null;
  /** The folder file names are shown relative to. */
  cwd: string;
  /** Check the what-if's own checkpoints under every order of same-month events, instead of comparing. */
  checkOrder?: boolean;
  color: boolean;
  write: (text: string) => void;
}

/** `thaw whatif FILE`: replays a what-if and its base and compares them; exit 0 when the what-if's checkpoints hold. */
export function whatIfCommand(options: WhatIfCommandOptions): number {
  const whatIf = readWhatIf(options.file, { sourcesDir: options.sourcesDir });
  const baseRun = replay(whatIf.base);
  const whatIfRun = replay(whatIf.scenario);
  const comparison = compareRuns(baseRun, whatIfRun);
  const holds = whatIfRun.verdicts.every((verdict) => verdict.holds);
  if (options.checkOrder) {
    let check;
    try {
      check = checkOrder(whatIf.scenario, whatIfRun.verdicts);
    } catch (error) {
      if (error instanceof OrderCheckLimitError) throw new UsageError(`--check-order: ${error.message}`);
      throw error;
    }
    options.write(
      options.json
        ? JSON.stringify(
            {
              whatIf: { id: whatIf.definition.id, file: relative(options.cwd, options.file) || options.file },
              settled: check.settled,
              checkpoints: check.verdicts.map(({ checkpoint, ...verdict }) => ({ id: checkpoint.id, observation: isObservation(checkpoint), ...verdict })),
            },
            null,
            2,
          )
        : formatOrderCheck(check, { color: options.color, title: whatIf.definition.title, file: relative(options.cwd, options.file) || options.file }),
    );
    return check.settled && holds ? EXIT.ok : EXIT.checkpointFailed;
  }

  if (options.json) {
    options.write(
      JSON.stringify(
        {
          whatIf: { id: whatIf.definition.id, title: whatIf.definition.title, file: relative(options.cwd, options.file) || options.file },
          base: { id: whatIf.base.id, title: whatIf.base.title },
          edits: whatIf.definition.edits,
          holds,
          ...comparison,
          finalState: { base: baseRun.steps.at(-1)?.state ?? baseRun.initial, whatIf: whatIfRun.steps.at(-1)?.state ?? whatIfRun.initial },
        },
        null,
        2,
      ),
    );
  } else {
    options.write(
      formatWhatIfReport(comparison, {
        title: whatIf.definition.title,
        file: relative(options.cwd, options.file) || options.file,
        baseId: whatIf.base.id,
        baseTitle: whatIf.base.title,
        baseFile: whatIf.definition.base,
        edits: whatIf.definition.edits.length,
        color: options.color,
      }),
    );
  }
  return holds ? EXIT.ok : EXIT.checkpointFailed;
}
