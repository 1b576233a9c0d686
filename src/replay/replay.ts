import { initialTransition, type StateValue } from 'xstate';
import { type RelationshipEngineState, relationshipEngine } from '../engine/relationshipEngine.js';
import { pureTransition } from '../machine/pureTransition.js';
import { relationshipMachine } from '../machine/relationshipMachine.js';
import { type Change, type RelationshipSnapshot, type RelationshipState, viewOfValue } from '../machine/view.js';
import { type Checkpoint, type Scenario, type ScenarioEvent, toMachineEvent } from '../scenario/schema.js';
import type { Channel } from '../vocabulary/channels.js';
import { partialDate } from '../vocabulary/dates.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { type CheckpointVerdict, compareExpectation, isObservation } from './checkpoints.js';
import { latestEnds, prefixBy } from './datePrefix.js';
import { type ChannelElapsed, elapsedOf, shareElapsed } from './elapsed.js';
import { reasonGoneNote, reasonIndex, statedConditions } from './statedReasons.js';
import { nameHolders, TimelineStepper } from './timelineStepper.js';

/** One event of a replay: the event, the state after it, and what it changed. */
export interface TimelineStep {
  index: number;
  event: ScenarioEvent;
  state: RelationshipState;
  /** The machine's own state value after the event, for diagrams that light up active states. */
  stateValue: StateValue;
  changes: Change[];
  /**
   * The machine's explanations when an event changed less than it might have, then notes on a
   * stated reason that no longer holds (see `reasonsGone`).
   */
  notes: string[];
  /** The conditions the event's stated reason rests on that do not hold before it (e.g. "US sanctions on Li Shangfu"). */
  reasonsGone: string[];
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
  /** The snapshot before any event. */
  initialSnapshot: RelationshipSnapshot;
}

// Kept with the schema, where `thaw run`'s checking thread takes it without loading the machine.
export { toMachineEvent };

/** The machine's state before any event. Pure. */
export function initialSnapshot(): RelationshipSnapshot {
  return initialTransition(relationshipMachine)[0];
}

/** Applies one event to a snapshot as xstate's pure transition() does; returns the next snapshot and notes. */
export function step(snapshot: RelationshipSnapshot, event: RelationshipEvent): { snapshot: RelationshipSnapshot; notes: string[] } {
  const [next, actions] = pureTransition(snapshot, event);
  const notes = actions.flatMap((action) => (action.type === 'explain' ? [(action.params as { note: string }).note] : []));
  return { snapshot: next, notes: nameHolders(notes, event, snapshot.context.offices) };
}

/** Options for replay. */
export interface ReplayOptions {
  /** Start from this snapshot instead of the machine's initial state (e.g. another scenario's end). */
  from?: RelationshipSnapshot;
}

// Engine states kept every SAVE_EVERY steps of a replay, so the state on a date is at most that
// many steps from a saved one without a copy of the context per step.
const SAVE_EVERY = 256;
const savesOf = new WeakMap<Replay, RelationshipEngineState[]>();

/**
 * Replays a scenario through the statechart, event by event, and checks its checkpoints. Steps
 * on the fast engine, which gives what xstate gives (see TimelineStepper). Pure.
 *
 * @example
 * const result = replay(readScenario('scenarios/record.yaml'));
 * result.verdicts.every((verdict) => verdict.holds);
 */
export function replay(scenario: Scenario, options: ReplayOptions = {}): Replay {
  const start = options.from ?? initialSnapshot();
  const stepper = new TimelineStepper(start);
  const initial = stepper.current;
  const initialValue = stepper.currentValue;
  const saves = [stepper.engineState()];
  let elapsed: Record<Channel, ChannelElapsed> | undefined;
  const reasons = reasonIndex(scenario);
  const steps: TimelineStep[] = scenario.events.map((event, index) => {
    const before = stepper.current;
    const gone = statedConditions(event, reasons).filter((condition) => !condition.holds(before));
    const { state, stateValue, changes, notes } = stepper.advance(toMachineEvent(event));
    if ((index + 1) % SAVE_EVERY === 0) saves.push(stepper.engineState());
    elapsed = shareElapsed(elapsed, elapsedOf(state, event.date));
    for (const condition of gone) notes.push(reasonGoneNote(condition));
    return { index, event, state, stateValue, changes, notes, reasonsGone: gone.map((condition) => condition.label), elapsed };
  });
  const run: Replay = {
    scenario,
    initial,
    initialValue,
    steps,
    verdicts: [],
    finalSnapshot: scenario.events.length === 0 ? start : stepper.snapshot(),
    initialSnapshot: start,
  };
  savesOf.set(run, saves);

  // By id, once: a scenario may have many checkpoints.
  const places = new Map(scenario.events.map((event, index) => [event.id, index]));
  run.verdicts = scenario.checkpoints.map((checkpoint): CheckpointVerdict => {
    const place = checkpoint.after === undefined ? undefined : (places.get(checkpoint.after) ?? -1);
    const { afterIndex, state } = place !== undefined ? stateAfter(run, place) : stateAt(run, checkpoint.at as string);
    const mismatches = compareExpectation(state, checkpoint.expect, checkpoint.at ?? scenario.events[place ?? -1]?.date);
    return { checkpoint, afterIndex, state, holds: mismatches.length === 0, mismatches, observation: isObservation(checkpoint) };
  });
  return run;
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
  const engine = relationshipEngine();
  const state = engineStateAfter(result, afterIndex);
  engine.step(state, { type: 'time.passed', date: partialDate(date).end });
  return { afterIndex, state: viewOfValue(engine.valueOf(state), state.context) };
}

/**
 * The state after event `index` (-1: before any) once `date` has come, as if an event that
 * changes nothing were dated then: a request whose meeting is past by that date lapses, as it
 * would on any event of that date. Pure.
 */
export function stateAfterOn(result: Replay, index: number, date: string): { afterIndex: number; state: RelationshipState } {
  const engine = relationshipEngine();
  const state = engineStateAfter(result, index);
  engine.step(state, { type: 'time.passed', date });
  return { afterIndex: index, state: viewOfValue(engine.valueOf(state), state.context) };
}

// A fresh engine state after event `index` of a replay (-1: before any), from the nearest save.
function engineStateAfter(result: Replay, index: number): RelationshipEngineState {
  const engine = relationshipEngine();
  let saves = savesOf.get(result);
  if (!saves) {
    // A replay rebuilt from data (not by replay()) has no saves: start from its initial snapshot.
    saves = [new TimelineStepper(result.initialSnapshot).engineState()];
    savesOf.set(result, saves);
  }
  const save = Math.min(Math.floor((index + 1) / SAVE_EVERY), saves.length - 1);
  const state = engine.clone(saves[save] as RelationshipEngineState);
  for (let next = save * SAVE_EVERY; next <= index; next += 1) engine.step(state, toMachineEvent(result.scenario.events[next] as ScenarioEvent));
  return state;
}
