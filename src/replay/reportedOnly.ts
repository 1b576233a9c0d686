import { produce } from 'immer';
import { dropCauses } from '../scenario/causes.js';
import type { Scenario, ScenarioEvent } from '../scenario/schema.js';

/** A scenario with its inferences taken out (every event with `inferred`), and what was taken. */
export interface ReportedOnly {
  scenario: Scenario;
  /** The inferred events left out, in their order. */
  dropped: ScenarioEvent[];
  /** Checkpoints that followed a dropped event, and the event they follow now (null: left out, nothing kept before it). */
  moved: Array<{ checkpoint: string; from: string; to: string | null }>;
}

/**
 * The scenario without its inferred events, so a replay shows what rests on judgement. Events
 * that named a dropped event as a cause stay (they are reported in their own right), with that
 * cause struck; a checkpoint placed after a dropped event is placed after the last event kept
 * before it, where the history then stands, or left out when none is. Pure.
 */
export function reportedOnly(scenario: Scenario): ReportedOnly {
  // An inferred event, or a hypothetical one that rests on an inference (a what-if's).
  const dropped = scenario.events.filter((event) => event.inferred !== undefined);
  const gone = new Set(dropped.map((event) => event.id));
  const moved: ReportedOnly['moved'] = [];
  // The last kept event at or before each position, for re-placing checkpoints.
  const keptBefore = new Map<string, string | null>();
  let last: string | null = null;
  for (const event of scenario.events) {
    if (!gone.has(event.id)) last = event.id;
    keptBefore.set(event.id, last);
  }
  const next = produce(scenario, (draft) => {
    draft.events = draft.events.filter((event) => !gone.has(event.id));
    for (const event of draft.events) dropCauses(event, gone);
    for (const checkpoint of draft.checkpoints) {
      if (checkpoint.after === undefined || !gone.has(checkpoint.after)) continue;
      const to = keptBefore.get(checkpoint.after) ?? null;
      moved.push({ checkpoint: checkpoint.id, from: checkpoint.after, to });
      if (to !== null) checkpoint.after = to;
    }
    // A checkpoint with nothing kept before it would stand at the start, which no form of
    // checkpoint says: it is left out, and `moved` says so.
    draft.checkpoints = draft.checkpoints.filter((checkpoint) => checkpoint.after === undefined || !gone.has(checkpoint.after));
  });
  return { scenario: next, dropped, moved };
}
