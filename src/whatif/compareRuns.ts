import { type Change, diffStates, type RelationshipState, sameState } from '../machine/view.js';
import { compareExpectation, isObservation, type Mismatch } from '../replay/checkpoints.js';
import { lastIndexFinder, type Replay, stateAfter, stateAfterOn, stateAt } from '../replay/replay.js';
import { type Checkpoint, causesOf, type ScenarioEvent } from '../scenario/schema.js';
import { CHANNELS, type Channel, type Phase } from '../vocabulary/channels.js';
import { partialDate } from '../vocabulary/dates.js';
import { sameValue } from './sameValue.js';

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

/**
 * The first date by the end of which the two histories are in different states, and how they
 * differ. Histories that differ only in the order of events within one date have none.
 */
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
  /** The checkpoint asserts nothing: `phase` is the model's reading, not a verdict. */
  observation: boolean;
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

/** The machine's notes on one step of a history. */
export interface StepNotes {
  index: number;
  id: string;
  date: string;
  notes: string[];
}

/** An event the what-if keeps whose stated reason is gone there, though it holds in the base. */
export interface ReasonGone {
  id: string;
  date: string;
  /** Each condition or cause that is gone, in words ("US sanctions on Li Shangfu", "its cause pelosi-visit, removed by the what-if"). */
  gone: string[];
}

/** Which of the base's events the edits took out, put in, gave another payload, or moved to another date, by id. */
export interface EventEdits {
  removed: string[];
  inserted: string[];
  replaced: string[];
  moved: string[];
}

/** A what-if set against its base. */
export interface WhatIfComparison {
  /** What the edits did to the events. */
  events: EventEdits;
  firstDivergence: EventDivergence | null;
  firstStateDivergence: StateDivergence | null;
  checkpoints: CheckpointComparison[];
  /** How each channel ends up differently (channels that end the same are left out). */
  channels: Partial<Record<Channel, Change[]>>;
  /** Differences at the end outside the channels: phase, seat, agreement, sanctions, counters. */
  overall: Change[];
  /** True when both histories pass through the same states in the same order. */
  sameStates: boolean;
  /** The phase over time in each history; month-dated events keep their order here, which dates alone would lose. */
  phases: { base: PhaseChange[]; whatIf: PhaseChange[] };
  /** The machine's notes in each history, at each step that has some. */
  notes: { base: StepNotes[]; whatIf: StepNotes[] };
  /** Events kept by the what-if whose stated reason is gone there. */
  reasonsGone: ReasonGone[];
}

/** The steps of a replay that have notes, with their notes. Pure. */
export function stepNotes(run: Replay): StepNotes[] {
  return run.steps.filter((step) => step.notes.length > 0).map((step) => ({ index: step.index, id: step.event.id, date: step.event.date, notes: step.notes }));
}

/** A machine note as a comparison lists it: which history gives it (or both) and where. */
export interface MergedNote {
  date: string;
  id: string;
  /** The event's place in the history that gives it (the what-if's when both do). */
  index: number;
  in: 'both' | 'base' | 'whatIf';
  note: string;
}

/**
 * The notes of both histories as one list, by date, a note both give on the same event once
 * (marked `both`). Pure.
 */
export function mergeNotes(notes: { base: StepNotes[]; whatIf: StepNotes[] }): MergedNote[] {
  const baseNotes = new Map(notes.base.map((step) => [step.id, step.notes]));
  const whatIfNotes = new Map(notes.whatIf.map((step) => [step.id, step.notes]));
  const merged: MergedNote[] = [];
  for (const step of notes.whatIf) {
    const inBase = baseNotes.get(step.id) ?? [];
    for (const note of step.notes) merged.push({ date: step.date, id: step.id, index: step.index, in: inBase.includes(note) ? 'both' : 'whatIf', note });
  }
  for (const step of notes.base) {
    const inWhatIf = whatIfNotes.get(step.id) ?? [];
    for (const note of step.notes) if (!inWhatIf.includes(note)) merged.push({ date: step.date, id: step.id, index: step.index, in: 'base', note });
  }
  return merged.sort((a, b) => byDate(a.date, b.date) || a.index - b.index);
}

/** Which base events the what-if removed, inserted, gave another payload or moved. Pure. */
export function eventEdits(base: ReadonlyArray<ScenarioEvent>, whatIf: ReadonlyArray<ScenarioEvent>): EventEdits {
  const baseById = new Map(base.map((event) => [event.id, event]));
  const whatIfIds = new Set(whatIf.map((event) => event.id));
  const kept = whatIf.flatMap((event) => {
    const was = baseById.get(event.id);
    return was === undefined ? [] : [{ was, now: event }];
  });
  return {
    removed: base.filter((event) => !whatIfIds.has(event.id)).map((event) => event.id),
    inserted: whatIf.filter((event) => !baseById.has(event.id)).map((event) => event.id),
    replaced: kept.filter(({ was, now }) => !sameValue(was.payload, now.payload)).map(({ now }) => now.id),
    moved: kept.filter(({ was, now }) => was.date !== now.date).map(({ now }) => now.id),
  };
}

/**
 * The events the what-if keeps whose stated reason is gone there and not in the base: a tracked
 * condition their reason names no longer holds (see statedReasons), or a cause they name in the
 * base was removed without them (`cascade: false`). Pure.
 */
export function reasonsGone(base: Replay, whatIf: Replay): ReasonGone[] {
  const baseSteps = new Map(base.steps.map((step) => [step.event.id, step]));
  const whatIfIds = new Set(whatIf.scenario.events.map((event) => event.id));
  return whatIf.steps.flatMap((step) => {
    const was = baseSteps.get(step.event.id);
    if (was === undefined) return [];
    const conditions = step.reasonsGone.filter((reason) => !was.reasonsGone.includes(reason));
    const causes = causesOf(was.event)
      .filter((cause) => !whatIfIds.has(cause))
      .map((cause) => `its cause ${cause}, removed by the what-if`);
    const gone = [...conditions, ...causes];
    return gone.length === 0 ? [] : [{ id: step.event.id, date: step.event.date, gone }];
  });
}

const finalState = (run: Replay): RelationshipState => run.steps.at(-1)?.state ?? run.initial;
// Dates in the order of the cut-offs stateAt uses: by their last day, then their first.
const byDate = (a: string, b: string) => partialDate(a).end.localeCompare(partialDate(b).end) || partialDate(a).start.localeCompare(partialDate(b).start);
function sortedDates(dates: Iterable<string>): string[] {
  const keyed = [...new Set(dates)].map((date) => ({ date, key: `${partialDate(date).end} ${partialDate(date).start}` }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ date }) => date);
}

/** The first index where two event lists differ, and what kind of difference it is. Pure. */
export function firstDivergence(base: ReadonlyArray<ScenarioEvent>, whatIf: ReadonlyArray<ScenarioEvent>): EventDivergence | null {
  const baseById = new Map(base.map((event) => [event.id, event]));
  const whatIfById = new Map(whatIf.map((event) => [event.id, event]));
  const length = Math.max(base.length, whatIf.length);
  for (let index = 0; index < length; index += 1) {
    const a = base[index];
    const b = whatIf[index];
    if (a && b && sameValue(a, b)) continue;
    // An event edited in place, or moved (its date changed), on either side of this slot.
    const editedA = a && whatIfById.has(a.id) && !sameValue(a, whatIfById.get(a.id)) ? a : undefined;
    const editedB = b && baseById.has(b.id) && !sameValue(b, baseById.get(b.id)) ? b : undefined;
    let divergence: Omit<EventDivergence, 'index' | 'date'>;
    if (a && !whatIfById.has(a.id)) divergence = { kind: 'removed', base: a, whatIf: b ?? null };
    else if (b && !baseById.has(b.id)) divergence = { kind: 'inserted', base: a ?? null, whatIf: b };
    else if (editedB) divergence = { kind: 'changed', base: baseById.get(editedB.id) ?? null, whatIf: editedB };
    else if (editedA) divergence = { kind: 'changed', base: editedA, whatIf: whatIfById.get(editedA.id) ?? null };
    else divergence = { kind: 'reordered', base: a ?? null, whatIf: b ?? null };
    const dates = [divergence.base?.date, divergence.whatIf?.date, a?.date, b?.date].filter((date): date is string => date !== undefined);
    return { index, date: dates.sort(byDate)[0] as string, ...divergence };
  }
  return null;
}

// Each event's place in a run, by id, made once per comparison: there may be many checkpoints.
const indexById = (run: Replay) => new Map(run.scenario.events.map((event, index) => [event.id, index]));

/**
 * Where an event that only `other` has would fall in `run`: after the last event before it in
 * `other` that `run` has too, then after the events of `run`'s own that follow there and end by
 * its date (where an insert by date would go). -1: before any. Pure.
 */
export function counterpartIndex(run: Replay, other: Replay, otherIndex: number, places: { run: Map<string, number> }): number {
  let anchor = -1;
  for (let index = otherIndex - 1; index >= 0 && anchor < 0; index -= 1) anchor = places.run.get((other.scenario.events[index] as ScenarioEvent).id) ?? -1;
  const otherIds = new Set(other.scenario.events.map((event) => event.id));
  const end = partialDate((other.scenario.events[otherIndex] as ScenarioEvent).date).end;
  const events = run.scenario.events;
  while (
    anchor + 1 < events.length &&
    !otherIds.has((events[anchor + 1] as ScenarioEvent).id) &&
    partialDate((events[anchor + 1] as ScenarioEvent).date).end <= end
  )
    anchor += 1;
  return anchor;
}

// Where a checkpoint falls in `run`: after its event if the run has it; where that event would
// fall if the other run has it (the same point in the story, not merely the same date, which
// would leave out a same-day event listed before it); else by its own date.
function place(checkpoint: Checkpoint, run: Replay, other: Replay, places: { run: Map<string, number>; other: Map<string, number> }): CheckpointPlacement {
  const dateIn = (of: Replay, at: Map<string, number>) =>
    checkpoint.after === undefined ? undefined : of.scenario.events[at.get(checkpoint.after) ?? -1]?.date;
  const asOf = checkpoint.at ?? dateIn(run, places.run) ?? dateIn(other, places.other);
  const own = checkpoint.after === undefined ? -1 : (places.run.get(checkpoint.after) ?? -1);
  const theirs = checkpoint.after === undefined ? -1 : (places.other.get(checkpoint.after) ?? -1);
  const { afterIndex, state } =
    own >= 0
      ? stateAfter(run, own)
      : theirs >= 0
        ? stateAfterOn(run, counterpartIndex(run, other, theirs, places), asOf as string)
        : asOf !== undefined
          ? stateAt(run, asOf)
          : stateAfter(run, run.steps.length - 1);
  const mismatches = compareExpectation(state, checkpoint.expect, asOf);
  return {
    afterEvent: run.scenario.events[afterIndex]?.id ?? null,
    phase: state.phase,
    holds: mismatches.length === 0,
    mismatches,
    observation: isObservation(checkpoint),
  };
}

/**
 * Sets a replayed what-if against its replayed base: where they part, each checkpoint (the
 * what-if's and the base's) in both, each channel's end state, and the phase over time. Pure.
 */
export function compareRuns(base: Replay, whatIf: Replay): WhatIfComparison {
  const dates = sortedDates([...base.scenario.events, ...whatIf.scenario.events].map((event) => event.date));

  // Whether both pass through the same states in the same order, whatever the events.
  const path = (run: Replay) =>
    [run.initial, ...run.steps.map((step) => step.state)].filter((state, index, all) => index === 0 || !sameState(state, all[index - 1] as RelationshipState));
  const basePath = path(base);
  const whatIfPath = path(whatIf);
  const sameStates = basePath.length === whatIfPath.length && basePath.every((state, index) => sameState(state, whatIfPath[index] as RelationshipState));

  // The state on a date is the state after the events by then, with the date passed. Equal states
  // stay equal when the same date passes, so only dates where those differ need the machine.
  const baseBy = lastIndexFinder(base.scenario.events);
  const whatIfBy = lastIndexFinder(whatIf.scenario.events);
  let firstStateDivergence: StateDivergence | null = null;
  for (const date of dates) {
    if (sameState(stateAfter(base, baseBy(date)).state, stateAfter(whatIf, whatIfBy(date)).state)) continue;
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

  const basePlaces = indexById(base);
  const whatIfPlaces = indexById(whatIf);
  const compare = (checkpoint: Checkpoint, from: 'whatIf' | 'base'): CheckpointComparison => ({
    id: checkpoint.id,
    from,
    claim: checkpoint.claim,
    base: place(checkpoint, base, whatIf, { run: basePlaces, other: whatIfPlaces }),
    whatIf: place(checkpoint, whatIf, base, { run: whatIfPlaces, other: basePlaces }),
  });

  return {
    events: eventEdits(base.scenario.events, whatIf.scenario.events),
    firstDivergence: firstDivergence(base.scenario.events, whatIf.scenario.events),
    firstStateDivergence,
    checkpoints: [
      ...whatIf.scenario.checkpoints.map((checkpoint) => compare(checkpoint, 'whatIf')),
      ...base.scenario.checkpoints.map((checkpoint) => compare(checkpoint, 'base')),
    ],
    channels,
    overall,
    phases: { base: phaseChanges(base), whatIf: phaseChanges(whatIf) },
    sameStates,
    notes: { base: stepNotes(base), whatIf: stepNotes(whatIf) },
    reasonsGone: reasonsGone(base, whatIf),
  };
}
