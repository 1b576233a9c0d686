import { isDeepStrictEqual } from 'node:util';
import { diffStates, type Change, type RelationshipState } from '../machine/view.js';
import { compareExpectation, type Mismatch } from '../replay/checkpoints.js';
import { lastIndexBy, stateAt, type Replay } from '../replay/replay.js';
import { partialDate } from '../scenario/dates.js';
import type { Checkpoint, ScenarioEvent } from '../scenario/schema.js';
import { CHANNELS, type Channel, type Phase } from '../vocabulary/channels.js';

/** The first place where the what-if's events part from the base's. */
export interface EventDivergence {
  /** Position in both event lists where they first differ. */
  index: number;
  date: string;
  /** removed: the base event is gone; inserted: a new event; changed: an event with another date or payload (a move, say); reordered: the same events in another order. */
  kind: 'removed' | 'inserted' | 'changed' | 'reordered';
  /** The base's event at that place; for a changed event, its base version. */
  base: ScenarioEvent | null;
  whatIf: ScenarioEvent | null;
}

/** The first date by which the two histories are in different states, and how they differ. */
export interface StateDivergence {
  date: string;
  /** From the base's state to the what-if's. */
  changes: Change[];
}

/** Where a checkpoint falls in one history, and whether its expectation holds there. */
export interface CheckpointPlacement {
  /** The last event applied before the check; null for the starting state. */
  afterEvent: string | null;
  phase: Phase;
  holds: boolean;
  mismatches: Mismatch[];
}

/** One checkpoint, from the what-if or the base, evaluated in both histories. */
export interface CheckpointComparison {
  id: string;
  from: 'whatIf' | 'base';
  claim: string;
  base: CheckpointPlacement;
  whatIf: CheckpointPlacement;
}

/** A change of phase in one history: the event that made it, and the new phase. */
export interface PhaseChange {
  date: string;
  event: string;
  phase: Phase;
}

/** Every change of phase in a replay, in order, starting with the starting phase (event ""). Pure. */
export function phaseChanges(run: Replay): PhaseChange[] {
  const changes: PhaseChange[] = [{ date: run.scenario.events[0]?.date ?? '', event: '', phase: run.initial.phase }];
  for (const step of run.steps) {
    if (step.state.phase !== changes.at(-1)?.phase) changes.push({ date: step.event.date, event: step.event.id, phase: step.state.phase });
  }
  return changes;
}

/** A what-if set against its base. */
export interface WhatIfComparison {
  firstDivergence: EventDivergence | null;
  firstStateDivergence: StateDivergence | null;
  checkpoints: CheckpointComparison[];
  /** How each channel ends up differently (channels that end the same are left out). */
  channels: Partial<Record<Channel, Change[]>>;
  /** Differences at the end outside the channels: phase, seat, agreement, sanctions, counters. */
  overall: Change[];
  /** The phase over time in each history; month-dated events keep their order here, which dates alone would lose. */
  phases: { base: PhaseChange[]; whatIf: PhaseChange[] };
}

const finalState = (run: Replay): RelationshipState => run.steps.at(-1)?.state ?? run.initial;
const byDate = (a: string, b: string) => partialDate(a).start.localeCompare(partialDate(b).start) || partialDate(a).end.localeCompare(partialDate(b).end);

/** The first index where two event lists differ, and what kind of difference it is. Pure. */
export function firstDivergence(base: ReadonlyArray<ScenarioEvent>, whatIf: ReadonlyArray<ScenarioEvent>): EventDivergence | null {
  const length = Math.max(base.length, whatIf.length);
  for (let index = 0; index < length; index += 1) {
    const a = base[index];
    const b = whatIf[index];
    if (a && b && isDeepStrictEqual(a, b)) continue;
    const baseIds = new Set(base.map((event) => event.id));
    const whatIfIds = new Set(whatIf.map((event) => event.id));
    let kind: EventDivergence['kind'];
    if (a && !whatIfIds.has(a.id)) kind = 'removed';
    else if (b && !baseIds.has(b.id)) kind = 'inserted';
    else if (a && b && (a.id === b.id || !isDeepStrictEqual(b, base.find((event) => event.id === b.id)))) kind = 'changed';
    else if (a && b) kind = 'reordered';
    else kind = a ? 'removed' : 'inserted';
    const date = [a?.date, b?.date].filter((d): d is string => d !== undefined).sort(byDate)[0] as string;
    // For a changed event, the base side is the same event as it was, wherever it stood.
    const before = kind === 'changed' ? base.find((event) => event.id === b?.id) : a;
    return { index, date, kind, base: before ?? null, whatIf: b ?? null };
  }
  return null;
}

// Where a checkpoint falls in `run`: after its event if the run has it, else by that event's date
// in the other run, else by its own date.
function place(checkpoint: Checkpoint, run: Replay, other: Replay): CheckpointPlacement {
  let afterIndex: number;
  if (checkpoint.after !== undefined) {
    afterIndex = run.scenario.events.findIndex((event) => event.id === checkpoint.after);
    if (afterIndex < 0) {
      const date = other.scenario.events.find((event) => event.id === checkpoint.after)?.date;
      afterIndex = date === undefined ? run.steps.length - 1 : lastIndexBy(run.scenario.events, date);
    }
  } else {
    afterIndex = lastIndexBy(run.scenario.events, checkpoint.at as string);
  }
  const state = afterIndex < 0 ? run.initial : (run.steps[afterIndex]?.state ?? run.initial);
  const mismatches = compareExpectation(state, checkpoint.expect);
  return { afterEvent: run.scenario.events[afterIndex]?.id ?? null, phase: state.phase, holds: mismatches.length === 0, mismatches };
}

/**
 * Sets a replayed what-if against its replayed base: where they part, each checkpoint (the
 * what-if's and the base's) in both, each channel's end state, and the phase over time. Pure.
 */
export function compareRuns(base: Replay, whatIf: Replay): WhatIfComparison {
  const dates = [...new Set([...base.scenario.events, ...whatIf.scenario.events].map((event) => event.date))].sort(byDate);

  let firstStateDivergence: StateDivergence | null = null;
  for (const date of dates) {
    const changes = diffStates(stateAt(base, date).state, stateAt(whatIf, date).state);
    if (changes.length > 0) {
      firstStateDivergence = { date, changes };
      break;
    }
  }

  const endChanges = diffStates(finalState(base), finalState(whatIf));
  const channels: Partial<Record<Channel, Change[]>> = {};
  for (const channel of CHANNELS) {
    const changes = endChanges.filter((change) => change.path.startsWith(`${channel}.`));
    if (changes.length > 0) channels[channel] = changes;
  }
  const overall = endChanges.filter((change) => !CHANNELS.some((channel) => change.path.startsWith(`${channel}.`)));

  const compare = (checkpoint: Checkpoint, from: 'whatIf' | 'base'): CheckpointComparison => ({
    id: checkpoint.id,
    from,
    claim: checkpoint.claim,
    base: place(checkpoint, base, whatIf),
    whatIf: place(checkpoint, whatIf, base),
  });

  return {
    firstDivergence: firstDivergence(base.scenario.events, whatIf.scenario.events),
    firstStateDivergence,
    checkpoints: [
      ...whatIf.scenario.checkpoints.map((checkpoint) => compare(checkpoint, 'whatIf')),
      ...base.scenario.checkpoints.map((checkpoint) => compare(checkpoint, 'base')),
    ],
    channels,
    overall,
    phases: { base: phaseChanges(base), whatIf: phaseChanges(whatIf) },
  };
}
