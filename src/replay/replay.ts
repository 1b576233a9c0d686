import { initialTransition, type StateValue } from 'xstate';
import { pureTransition } from '../machine/pureTransition.js';
import { relationshipMachine } from '../machine/relationshipMachine.js';
import { diffStates, viewOf, type Change, type RelationshipSnapshot, type RelationshipState } from '../machine/view.js';
import { partialDate } from '../vocabulary/dates.js';
import { latestEnds, prefixBy } from './datePrefix.js';
import type { Checkpoint, Scenario, ScenarioEvent } from '../scenario/schema.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { OFFICE_TABLE, officesOf, type Channel } from '../vocabulary/channels.js';
import { compareExpectation, type CheckpointVerdict } from './checkpoints.js';
import { elapsedOf, type ChannelElapsed } from './elapsed.js';

/** One event of a replay: the event, the state after it, and what it changed. */
export interface TimelineStep {
  index: number;
  event: ScenarioEvent;
  state: RelationshipState;
  /** The machine's own state value after the event, for diagrams that light up active states. */
  stateValue: StateValue;
  changes: Change[];
  /** The machine's explanations when an event changed less than it might have. */
  notes: string[];
  /** Months since each channel's last contact, cut and refusal, as of the event's date (derived). */
  elapsed: Record<Channel, ChannelElapsed>;
}

/** A scenario replayed: the starting state, every step, and each checkpoint's verdict. */
export interface Replay {
  scenario: Scenario;
  initial: RelationshipState;
  /** The machine's state value before any event. */
  initialValue: StateValue;
  steps: TimelineStep[];
  verdicts: CheckpointVerdict[];
  /** The machine snapshot after the last event, to persist or continue from. */
  finalSnapshot: RelationshipSnapshot;
  /** The snapshot after each event (`snapshots[i]` after event i), for states on a date. */
  snapshots: RelationshipSnapshot[];
  /** The snapshot before any event. */
  initialSnapshot: RelationshipSnapshot;
}

/** The event as the machine receives it: type, date and payload side by side. Pure. */
export function toMachineEvent(event: ScenarioEvent): RelationshipEvent {
  return { type: event.type, date: event.date, ...event.payload } as RelationshipEvent;
}

/** The machine's state before any event. Pure. */
export function initialSnapshot(): RelationshipSnapshot {
  return initialTransition(relationshipMachine)[0];
}

/** Applies one event to a snapshot as xstate's pure transition() does; returns the next snapshot and notes. */
export function step(snapshot: RelationshipSnapshot, event: RelationshipEvent): { snapshot: RelationshipSnapshot; notes: string[] } {
  const [next, actions] = pureTransition(snapshot, event);
  const notes = actions.flatMap((action) =>
    action.type === 'explain' ? [(action.params as { note: string }).note] : [],
  );
  return { snapshot: next, notes };
}

/** Options for replay. */
export interface ReplayOptions {
  /** Start from this snapshot instead of the machine's initial state (e.g. another scenario's end). */
  from?: RelationshipSnapshot;
}

/**
 * Replays a scenario through the statechart, event by event, and checks its checkpoints. Pure.
 *
 * @example
 * const result = replay(readScenario('scenarios/record.yaml'));
 * result.verdicts.every((verdict) => verdict.holds);
 */
export function replay(scenario: Scenario, options: ReplayOptions = {}): Replay {
  const start = options.from ?? initialSnapshot();
  let snapshot = start;
  const initial = viewOf(snapshot);
  const initialValue = snapshot.value as StateValue;
  let previous = initial;
  const snapshots: RelationshipSnapshot[] = [];
  const steps: TimelineStep[] = scenario.events.map((event, index) => {
    const machineEvent = toMachineEvent(event);
    const result = step(snapshot, machineEvent);
    snapshot = result.snapshot;
    snapshots.push(snapshot);
    const state = viewOf(snapshot);
    const changes = diffStates(previous, state);
    const notes = [...participantNotes(machineEvent, previous), ...result.notes];
    previous = state;
    return { index, event, state, stateValue: snapshot.value as StateValue, changes, notes, elapsed: elapsedOf(state, event.date) };
  });
  const run: Replay = { scenario, initial, initialValue, steps, verdicts: [], finalSnapshot: snapshot, snapshots, initialSnapshot: start };

  // By id, once: a scenario may have many checkpoints.
  const places = new Map(scenario.events.map((event, index) => [event.id, index]));
  run.verdicts = scenario.checkpoints.map((checkpoint): CheckpointVerdict => {
    const place = checkpoint.after === undefined ? undefined : (places.get(checkpoint.after) ?? -1);
    const { afterIndex, state } = place !== undefined ? stateAfter(run, place) : stateAt(run, checkpoint.at as string);
    const mismatches = compareExpectation(state, checkpoint.expect, checkpoint.at ?? scenario.events[place ?? -1]?.date);
    return { checkpoint, afterIndex, holds: mismatches.length === 0, mismatches };
  });
  return run;
}

// A contact whose participants leave out an office holder on record: the data and the offices
// disagree, and the reader should know (the contact still counts, for the holders of the day).
function participantNotes(event: RelationshipEvent, before: RelationshipState): string[] {
  if (event.type !== 'contact.held' || !event.participants?.length) return [];
  const named = event.participants;
  return officesOf(event.channel).flatMap((office) => {
    const { holder } = before.offices[office];
    return holder === null || named.includes(holder) ? [] : [`the ${OFFICE_TABLE[office].label} on record is ${holder}, who is not among the participants named`];
  });
}

/** The date a checkpoint stands at: its `at`, or the date of the event it follows. Pure. */
export function checkpointDate(checkpoint: Pick<Checkpoint, 'after' | 'at'>, events: ReadonlyArray<Pick<ScenarioEvent, 'id' | 'date'>>): string | undefined {
  return checkpoint.at ?? events.find((event) => event.id === checkpoint.after)?.date;
}

/**
 * Index of the last event of the longest prefix that certainly happened by the end of `date`; -1
 * if none. An event dated only to a month counts from the end of that month: `--at 2023-11`
 * includes November's events, `--at 2023-11-01` does not.
 */
export function lastIndexBy(events: ReadonlyArray<Pick<ScenarioEvent, 'date'>>, date: string): number {
  return lastIndexFinder(events)(date);
}

/**
 * lastIndexBy for many dates over one list of events (which must not change meanwhile): the list
 * is read once, and each date then costs a binary search. Pure.
 */
export function lastIndexFinder(events: ReadonlyArray<Pick<ScenarioEvent, 'date'>>): (date: string) => number {
  const latest = latestEnds(events);
  return (date) => prefixBy(latest, partialDate(date).end) - 1;
}

/** The state after event `index` (-1: before any), as replay left it. Pure. */
export function stateAfter(result: Replay, index: number): { afterIndex: number; state: RelationshipState } {
  return { afterIndex: index, state: index < 0 ? result.initial : (result.steps[index] as TimelineStep).state };
}

// A replay is a finished result, so its events' date index is made once, on the first date asked.
const findersOf = new WeakMap<Replay, (date: string) => number>();

/**
 * The state on a date: after every event that certainly happened by then, and with what fell
 * due by the end of that date (a request whose meeting has passed has lapsed), which the machine
 * works out from a `time.passed` event. Pure.
 */
export function stateAt(result: Replay, date: string): { afterIndex: number; state: RelationshipState } {
  let finder = findersOf.get(result);
  if (!finder) findersOf.set(result, (finder = lastIndexFinder(result.scenario.events)));
  const afterIndex = finder(date);
  const before = afterIndex < 0 ? result.initialSnapshot : (result.snapshots[afterIndex] as RelationshipSnapshot);
  return { afterIndex, state: viewOf(step(before, { type: 'time.passed', date: partialDate(date).end }).snapshot) };
}
