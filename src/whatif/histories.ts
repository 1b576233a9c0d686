import { dirname, resolve } from 'node:path';
import { type Replay, replay } from '../replay/replay.js';
import type { ReadScenarioOptions } from '../scenario/readScenario.js';
import type { Scenario } from '../scenario/schema.js';
import { readScenarioOrWhatIf } from './whatIfFile.js';

/** One replayed history, with the label that names it in tables and charts. */
export interface History {
  label: string;
  run: Replay;
}

/** A file's histories: a scenario's own, or a what-if's base then the what-if. */
export interface FileHistories {
  histories: History[];
  title: string;
  /** The scenario whose articles the histories cite (a what-if's base). */
  cited: Scenario;
  /** Whether the file is a what-if. */
  whatIf: boolean;
  /** For a what-if, the file its base scenario was read from. */
  basePath?: string;
}

/** Reads a scenario or what-if file and replays what it holds. Throws InvalidInputError as the readers do. */
export function readHistories(file: string, options: ReadScenarioOptions = {}): FileHistories {
  const { scenario, whatIf } = readScenarioOrWhatIf(file, options);
  if (whatIf) {
    return {
      histories: [
        { label: whatIf.base.id, run: replay(whatIf.base) },
        { label: whatIf.definition.id, run: replay(whatIf.scenario) },
      ],
      title: whatIf.definition.title,
      cited: whatIf.base,
      whatIf: true,
      basePath: resolve(dirname(file), whatIf.definition.base),
    };
  }
  return { histories: [{ label: scenario.id, run: replay(scenario) }], title: scenario.title, cited: scenario, whatIf: false };
}
