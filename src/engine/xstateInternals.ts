import { createActor, type ActorScope, type AnyStateMachine, type InspectionEvent } from 'xstate';

/**
 * An actor scope for stepping a machine with its own `transition(snapshot, event, scope)`, made
 * once and reused. xstate's exported transition() builds a new actor for every call, and the
 * actor works out the machine's initial state as it is built: several times the cost of the step
 * itself on a machine of fourteen regions. This is the scope transition() builds, fields and all
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
