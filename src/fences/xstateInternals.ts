/**
 * Every read of xstate beyond its documented API, in one place. The engine and the exporters need
 * to see inside built-in guards (and/or/not/stateIn), the transitions a microstep took, and which
 * actions are built-in assigns, and the engine remakes a snapshot with another context; xstate
 * exposes these only as implementation details. package.json
 * pins xstate to the version these were written against, and test/engine/xstateInternals.test.ts
 * fails, naming what changed, if an upgrade moves any of them.
 */
import { type ActorScope, type AnyStateMachine, and, createActor, type InspectionEvent, not, or, type StateValue } from 'xstate';

/** The version of xstate this module reads the internals of. */
export const XSTATE_VERSION_READ = '5.33.3';

/** What a built-in guard is made of; `custom` for any guard that is not and/or/not/stateIn. */
export type GuardShape = { kind: 'and' | 'or' | 'not'; parts: unknown[] } | { kind: 'stateIn'; stateValue: StateValue } | { kind: 'custom' };

// and/or/not are told apart by their check function, not their name, so bundling cannot fool it.
const checkOf = (guard: unknown) => (guard as { check?: unknown }).check;
const AND_CHECK = checkOf(and([]));
const OR_CHECK = checkOf(or([]));
const NOT_CHECK = checkOf(not(() => true));

/** The parts of a built-in guard (a function xstate made with and/or/not/stateIn), or `custom`. Pure. */
export function guardShape(guard: unknown): GuardShape {
  if (typeof guard !== 'function' || !('check' in guard)) return { kind: 'custom' };
  const { guards, stateValue } = guard as { guards?: unknown[]; stateValue?: StateValue };
  if (stateValue !== undefined) return { kind: 'stateIn', stateValue };
  const check = checkOf(guard);
  if (guards && check === AND_CHECK) return { kind: 'and', parts: guards };
  if (guards && check === OR_CHECK) return { kind: 'or', parts: guards };
  if (guards && check === NOT_CHECK) return { kind: 'not', parts: guards };
  return { kind: 'custom' };
}

/** Whether a guard is one of xstate's own (a function carrying a `check`), as opposed to the machine's. Pure. */
export function isBuiltinGuard(guard: unknown): boolean {
  return typeof guard === 'function' && 'check' in guard;
}

/** What an action implementation is: a built-in assign, another built-in action, or the machine's own. Pure. */
export function actionKind(impl: unknown): 'assign' | 'builtin' | 'plain' {
  if (typeof impl !== 'function' || !('resolve' in impl)) return 'plain';
  return (impl as { type?: string }).type === 'xstate.assign' ? 'assign' : 'builtin';
}

/** The name xstate gives a built-in action (`xstate.assign`, `xstate.raise`, ...). Pure. */
export function builtinActionType(impl: unknown): string {
  return String((impl as { type?: string }).type);
}

/** The transitions a microstep took and the state value after it, from an `@xstate.microstep` inspection event. */
export function microstepOf<T>(inspection: InspectionEvent): { transitions: T[]; value: StateValue } | undefined {
  if (inspection.type !== '@xstate.microstep') return undefined;
  const step = inspection as InspectionEvent & { _transitions: T[]; snapshot: { value: StateValue } };
  return { transitions: step._transitions, value: step.snapshot.value };
}

/**
 * An actor scope for stepping a machine with its own `transition(snapshot, event, scope)`, made
 * once and reused. xstate's exported transition() builds a new actor for every call, and the
 * actor works out the machine's initial state as it is built: several times the cost of the step
 * itself on a machine of fourteen regions. These are the fields of the scope transition() builds
 * (xstate's createInertActorScope, which it does not export). Reuse is safe for machines that
 * spawn no actors and use no system ids, which is what a fresh scope protects.
 */
export function reusableScope(
  machine: AnyStateMachine,
  options: { onAction: (action: unknown) => void; onInspect?: (inspection: InspectionEvent) => void },
): ActorScope<any, any> {
  const self = createActor(machine, options.onInspect ? { inspect: options.onInspect } : {});
  return {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: options.onAction,
  } as unknown as ActorScope<any, any>;
}

/**
 * A snapshot of a machine at the configuration `resolved` is at (one machine.resolveState gave),
 * with another context. resolveState works the configuration's state nodes out each time, the
 * larger part of a learning run here; everything in a snapshot but its context follows from the
 * configuration (xstate's snapshot is a plain object of those fields). Pure.
 */
export function withContext<TSnapshot extends object>(resolved: TSnapshot, context: unknown): TSnapshot {
  return { ...resolved, context };
}
