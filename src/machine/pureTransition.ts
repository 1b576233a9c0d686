import type { ExecutableActionsFrom } from 'xstate';
import { reusableScope } from '../fences/xstateInternals.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { relationshipMachine } from './relationshipMachine.js';
import type { RelationshipSnapshot } from './view.js';

type Action = ExecutableActionsFrom<typeof relationshipMachine>;

let collected: Action[] = [];
let scope: ReturnType<typeof reusableScope> | undefined;

/** The machine's next snapshot and the actions it would run, as xstate's transition() gives them, without building an actor per call. */
export function pureTransition(snapshot: RelationshipSnapshot, event: RelationshipEvent): [RelationshipSnapshot, Action[]] {
  scope ??= reusableScope(relationshipMachine, { onAction: (action) => collected.push(action as Action) });
  collected = [];
  const next = relationshipMachine.transition(snapshot, event, scope) as RelationshipSnapshot;
  const actions = collected;
  collected = [];
  return [next, actions];
}
