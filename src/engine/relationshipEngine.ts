import { initialContext, type RelationshipContext, recipeOfAction, relationshipMachine } from '../machine/relationshipMachine.js';
import { type RelationshipSnapshot, type RelationshipState, viewOfValue } from '../machine/view.js';
import { CHANNELS, OFFICES, type Phase } from '../vocabulary/channels.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { CompiledMachine, type EngineState, type Recipe } from './compiledMachine.js';

/** The fast engine's state for the relationship machine. */
export type RelationshipEngineState = EngineState<RelationshipContext>;

/** The relationship machine compiled for the fast engine. */
export type RelationshipEngine = CompiledMachine<RelationshipContext, RelationshipEvent>;

// structuredClone is several times slower, and the explorer and verify copy states per step.
function cloneContext(context: RelationshipContext): RelationshipContext {
  const offices = {} as RelationshipContext['offices'];
  for (const office of OFFICES) offices[office] = { ...context.offices[office] };
  const channels = {} as RelationshipContext['channels'];
  for (const channel of CHANNELS) channels[channel] = { ...context.channels[channel] };
  // The counts (and any field added beside them) by the spread; the records and the list anew.
  return { ...context, offices, sanctioned: [...context.sanctioned], channels };
}

// Field by field, into the target's own records: the machine's recipes replace a record or the
// sanctions list rather than share one between contexts, so nothing ends up shared. The fields are
// those of the machine's initial context, read once; the copy is written out as code from them (a
// loop over the keys at each copy took half the gain away), so a field added to the context is
// copied without a line written here. The engine tests hold it to every field.
const copyContext = ((): ((target: RelationshipContext, source: RelationshipContext) => void) => {
  const initial = initialContext();
  const { offices, sanctioned: _sanctioned, channels, ...counts } = initial;
  const at = (path: string[]) => path.map((key) => `[${JSON.stringify(key)}]`).join('');
  const lines = [
    ...OFFICES.flatMap((office) =>
      Object.keys(offices[office]).map((field) => `target${at(['offices', office, field])} = source${at(['offices', office, field])};`),
    ),
    'if (!sameNames(target.sanctioned, source.sanctioned)) target.sanctioned = [...source.sanctioned];',
    ...CHANNELS.flatMap((channel) =>
      Object.keys(channels[channel]).map((field) => `target${at(['channels', channel, field])} = source${at(['channels', channel, field])};`),
    ),
    ...Object.keys(counts).map((field) => `target${at([field])} = source${at([field])};`),
  ];
  const copy = new Function('sameNames', `return function copyContext(target, source) {\n${lines.join('\n')}\n};`);
  return copy(sameNames) as (target: RelationshipContext, source: RelationshipContext) => void;
})();

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

// Between the fields of a state key: a character no field is expected to hold.
const SEPARATOR = '\u001f';

/**
 * A string that is equal for two engine states exactly when they are the same state: their
 * configuration and every value in their context. Several times quicker than JSON.stringify, and
 * the explorer makes one per state it meets.
 */
export function engineStateKey(state: RelationshipEngineState): string {
  const { context } = state;
  let key = state.codes.join(',');
  for (const office of OFFICES) key += SEPARATOR + Object.values(context.offices[office]).join(SEPARATOR);
  key += SEPARATOR + context.sanctioned.join(',');
  for (const channel of CHANNELS) key += SEPARATOR + Object.values(context.channels[channel]).join(SEPARATOR);
  return `${key}${SEPARATOR}${context.incidents}${SEPARATOR}${context.incidentsStopped}${SEPARATOR}${context.provocations}`;
}

// The machine's recipes take an immer draft; the engine's context is a plain mutable object of the same shape.
const recipeOf = recipeOfAction as (action: unknown) => Recipe<RelationshipContext, RelationshipEvent> | undefined;

let shared: RelationshipEngine | undefined;

/** The relationship machine compiled for the fast engine; one instance per process, so its tables fill once. */
export function relationshipEngine(): RelationshipEngine {
  shared ??= new CompiledMachine<RelationshipContext, RelationshipEvent>(relationshipMachine, { recipeOf, cloneContext, copyContext });
  return shared;
}

/** A fresh engine for a variant of the relationship machine (e.g. one made with `.provide()`). */
export function compileRelationshipMachine(machine: typeof relationshipMachine, options: { generateCode?: boolean } = {}): RelationshipEngine {
  return new CompiledMachine<RelationshipContext, RelationshipEvent>(machine, { recipeOf, cloneContext, copyContext, ...options });
}

/** The engine state of an xstate snapshot of the relationship machine. */
export function engineStateOf(snapshot: RelationshipSnapshot, engine: RelationshipEngine = relationshipEngine()): RelationshipEngineState {
  return engine.fromValue(snapshot.value, snapshot.context);
}

/** The phase of an engine state. Pure. */
export function enginePhase(state: RelationshipEngineState, engine: RelationshipEngine = relationshipEngine()): Phase {
  return engine.regionValue(
    state,
    engine.structure.regions.findIndex((region) => region.key === 'phase'),
  ) as Phase;
}

/** The plain view (as `viewOf` gives for a snapshot) of an engine state. Pure. */
export function engineView(state: RelationshipEngineState, engine: RelationshipEngine = relationshipEngine()): RelationshipState {
  return viewOfValue(engine.valueOf(state), state.context);
}

/**
 * Replays events on the fast engine and returns the final state's view: the batch path for
 * sweeps that need outcomes, not timelines (no notes, no per-step changes).
 */
export function fastReplay(events: Iterable<RelationshipEvent>, from?: RelationshipSnapshot): RelationshipState {
  const engine = relationshipEngine();
  return engineView(engine.run(events, from ? engineStateOf(from, engine) : undefined), engine);
}
