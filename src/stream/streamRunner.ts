import type { Change, RelationshipState } from '../machine/view.js';
import { type Replay, toMachineEvent } from '../replay/replay.js';
import { TimelineStepper } from '../replay/timelineStepper.js';
import type { ArticleText } from '../scenario/citations.js';
import type { Problem } from '../scenario/problems.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { LineChecker } from './lineChecker.js';

/** What `thaw run` writes for each event it applies: one JSON line. */
export interface StreamOutput {
  /** The input line the event came from (1-based). */
  line: number;
  id: string;
  date: string;
  type: ScenarioEvent['type'];
  phase: RelationshipState['phase'];
  state: RelationshipState;
  changes: Change[];
  notes: string[];
}

export type StreamResult = { ok: true; output: StreamOutput | null } | { ok: false; problems: Problem[] };

/** Applies an event a LineChecker passed (as the machine takes it, with its id), from input line `line`, and says what it did as `thaw run` writes it. */
export function applyChecked(stepper: TimelineStepper, id: string, event: RelationshipEvent, line: number): StreamOutput {
  const { state, changes, notes } = stepper.advance(event);
  return { line, id, date: event.date, type: event.type, phase: state.phase, state, changes, notes };
}

/**
 * Applies events given one JSON line at a time, as `thaw run` reads them, checking each as a
 * scenario file's events are checked (schema, date order, unique ids, causes, sources). A bad
 * line leaves the state as it was.
 */
export class StreamRunner {
  private readonly stepper: TimelineStepper;
  private readonly lines: LineChecker;

  /**
   * Starts from the machine's initial state, or from the end of a replayed scenario, whose
   * sources the lines' citations must then name; `articleText` (as for parseScenario) lets
   * their quotes be checked too.
   */
  constructor(file: string, from?: Replay, options: { articleText?: (fileName: string) => ArticleText | undefined } = {}) {
    this.stepper = new TimelineStepper(from?.finalSnapshot);
    this.lines = new LineChecker(file, from?.scenario, options);
  }

  /** The state after the last event applied. */
  get current(): RelationshipState {
    return this.stepper.current;
  }

  /** Checks and applies one line; a blank line is skipped (output null). */
  accept(text: string, line: number): StreamResult {
    const checked = this.lines.check({ text }, line);
    if (checked === undefined) return { ok: true, output: null };
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    return { ok: true, output: applyChecked(this.stepper, checked.event.id, toMachineEvent(checked.event), line) };
  }
}
