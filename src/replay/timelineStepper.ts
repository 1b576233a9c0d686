// Steps the relationship for timelines (replay, what-if, the viewer, `thaw run`) on the fast
// engine, giving per event what xstate would: the next state, what changed and the machine's notes.
// test/engine/equivalence.test.ts holds it to a live xstate actor, notes and changes included.
import type { StateValue } from 'xstate';
import type { EngineAction } from '../engine/compiledMachine.js';
import { engineStateOf, type RelationshipEngine, type RelationshipEngineState, relationshipEngine } from '../engine/relationshipEngine.js';
import { leftOutNote } from '../machine/relationshipMachine.js';
import { type Change, diffStates, nextView, type RelationshipSnapshot, type RelationshipState, viewOfValue } from '../machine/view.js';
import { OFFICE_TABLE, type Office, officesOf } from '../vocabulary/channels.js';
import type { RelationshipEvent } from '../vocabulary/events.js';

/** What one event did, as a timeline shows it. */
export interface StepResult {
  state: RelationshipState;
  stateValue: StateValue;
  changes: Change[];
  notes: string[];
}

/** The notes the machine's `explain` actions carry, in the order it took them, added to `notes`. */
export function addNotesOf(actions: readonly EngineAction[], notes: string[]): string[] {
  for (const action of actions) if (action.type === 'explain') notes.push((action.params as { note: string }).note);
  return notes;
}

/**
 * The machine's notes with names where it can give none: a contact not counted because it
 * leaves out a holder says who holds the office and who was named. Pure.
 */
export function nameHolders(notes: string[], event: RelationshipEvent, offices: Readonly<Record<Office, { holder: string | null }>>): string[] {
  if (event.type !== 'contact.held' || !event.participants?.length) return notes;
  const named = event.participants.join(', ');
  for (const office of officesOf(event.channel)) {
    const at = notes.indexOf(leftOutNote(office));
    const { holder } = offices[office];
    if (at >= 0 && holder !== null) {
      notes[at] =
        `not counted: the ${OFFICE_TABLE[office].label} on record is ${holder}, who is not among the participants named (${named}); a contact counts for the holders of the day`;
    }
  }
  return notes;
}

/** A relationship stepped one event at a time on the fast engine; each step says what it changed and why. */
export class TimelineStepper {
  private readonly engine: RelationshipEngine;
  private readonly state: RelationshipEngineState;
  private view: RelationshipState;
  private value: StateValue;
  private readonly actions: EngineAction[] = [];

  /**
   * Starts from the machine's initial state, or from an xstate snapshot or engine state (which it
   * copies); on the process's shared engine unless given another.
   */
  constructor(from?: RelationshipSnapshot | RelationshipEngineState, engine: RelationshipEngine = relationshipEngine()) {
    this.engine = engine;
    this.state = from === undefined ? this.engine.initialState() : 'codes' in from ? this.engine.clone(from) : engineStateOf(from, this.engine);
    this.value = this.engine.valueOf(this.state);
    this.view = viewOfValue(this.value, this.state.context);
  }

  /** The state after the last event. */
  get current(): RelationshipState {
    return this.view;
  }

  /** The machine's state value after the last event. */
  get currentValue(): StateValue {
    return this.value;
  }

  /** A copy of the engine state after the last event, to resume from. */
  engineState(): RelationshipEngineState {
    return this.engine.clone(this.state);
  }

  /** The xstate snapshot of the state after the last event. */
  snapshot(): RelationshipSnapshot {
    return this.engine.machine.resolveState({ value: this.value, context: this.engine.clone(this.state).context }) as RelationshipSnapshot;
  }

  /** Applies one event; returns the new state, what changed and the notes. */
  advance(event: RelationshipEvent): StepResult {
    const before = this.view;
    const notes: string[] = [];
    this.actions.length = 0;
    const changed = this.engine.step(this.state, event, this.actions);
    nameHolders(addNotesOf(this.actions, notes), event, before.offices);
    if (changed) {
      this.value = this.engine.valueOf(this.state);
      // Unchanged channels and offices are the previous step's objects: a long timeline shares them.
      this.view = nextView(before, this.value, this.state.context);
    }
    return { state: this.view, stateValue: this.value, changes: changed ? diffStates(before, this.view) : [], notes };
  }
}
