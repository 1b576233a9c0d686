import { createActor } from 'xstate';
import { relationshipMachine } from './relationshipMachine.js';
import type { RelationshipSnapshot } from './view.js';

/** A snapshot as JSON-safe data, to store and resume from later. */
export type PersistedRelationship = ReturnType<typeof relationshipMachine.getPersistedSnapshot>;

/** The JSON-safe form of a snapshot (xstate's getPersistedSnapshot). Pure. */
export function persistSnapshot(snapshot: RelationshipSnapshot): PersistedRelationship {
  return relationshipMachine.getPersistedSnapshot(snapshot);
}

/** A snapshot rebuilt from its persisted form, ready for transition() or an actor. */
export function restoreSnapshot(persisted: PersistedRelationship): RelationshipSnapshot {
  // An actor that is never started restores the snapshot and does nothing else.
  return createActor(relationshipMachine, { snapshot: persisted }).getSnapshot();
}
