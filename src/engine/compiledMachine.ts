// The fast engine: a machine's behaviour as integer tables, filled from the machine itself.
//
// Each top-level region is a small integer (its configuration code). Its next code after an
// event depends only on its own code, on the `stateIn` tests its guards make (atoms), and on the
// results of the guards that read the event and the context, of those the transitions its code
// offers call: xstate gives guards nothing else to read. So the engine keys a table on exactly
// those (calling each guard only when some region asks; which regions ask, and with which key,
// is decided by code written for each event type, see compileFinder), and the first time a key
// is met it asks xstate, running the machine itself on the real state and recording what each
// region did and which actions it ran. Context changes are the machine's own recipes (see
// CONTEXT_RECIPES), applied in place; the machine's other actions, which change nothing, are
// reported to the caller in the order xstate would run them (a timeline reads its notes from
// them). Eventless transitions are settled from the machine's own guard trees. Nothing here
// restates a rule of any particular machine.
import { type ActorScope, type AnyStateMachine, type InspectionEvent, initialTransition, type StateValue } from 'xstate';
import { actionKind, builtinActionType, microstepOf, reusableScope, withContext } from '../fences/xstateInternals.js';
import {
  canonical,
  type EventTypeStructure,
  MAX_LEAVES,
  type MachineStructure,
  type Region,
  readMachineStructure,
  UnsupportedMachineError,
} from './machineStructure.js';

/** A context change, applied in place to the engine's own copy of the context. */
export type Recipe<TContext, TEvent> = (context: TContext, event: TEvent) => void;

/** The engine's state: one code per region, the atoms that hold, and a mutable context. */
export interface EngineState<TContext> {
  codes: Int32Array;
  atoms: number;
  context: TContext;
}

/** How to build an engine. */
export interface CompileOptions<TContext, TEvent> {
  /**
   * The context change behind an `assign` action of the machine, looked up by the action's
   * implementation (so a variant made with `.provide()` cannot borrow the original's recipe).
   */
  recipeOf: (action: unknown) => Recipe<TContext, TEvent> | undefined;
  /** A deep copy of a context (default: structuredClone). */
  cloneContext?: (context: TContext) => TContext;
  /**
   * Makes `target` equal to `source` in place, sharing nothing with it, where `target` shares
   * nothing with any other context (default: `target` takes a deep copy). A search puts its
   * scratch state back after most steps; copying into it spares an allocation per step.
   */
  copyContext?: (target: TContext, source: TContext) => void;
  /**
   * Whether each event type's search for the regions that can move is written out as code
   * (default true: it takes about a quarter off a step, as each guard is called from a place of
   * its own rather than through one shared call). Where code cannot be made (a
   * page whose Content-Security-Policy forbids it) the engine walks the plan instead, as it
   * does with false.
   */
  generateCode?: boolean;
}

/** One of the machine's own actions (not a built-in one), as a step reports it: its name and params. */
export interface EngineAction {
  type: string;
  params: unknown;
}

/** How much of the tables has been learnt from the machine so far. */
export interface EngineStats {
  /** Runs of xstate on a state the tables had not seen (each fills several entries). */
  probes: number;
  /** Table entries: region moves and eventless settlings. */
  entries: number;
}

interface Move<TContext, TEvent> {
  next: number;
  /** The atoms that hold after the move: those of other regions are kept (`keep`), this region's are `atoms`. */
  keep: number;
  atoms: number;
  taken: boolean;
  effects: Recipe<TContext, TEvent>[];
  /** The effects as one function, or undefined for none: what a step calls. */
  effect: Recipe<TContext, TEvent> | undefined;
  /** The machine's own actions on the transitions taken, in order. */
  actions: EngineAction[];
}

interface TypeTables<TContext, TEvent> extends EventTypeStructure {
  /**
   * moves[position in `regions`][the results of the leaves its configuration's transitions read,
   * as bits][slot]. The slot includes the configuration, so the bits' meaning is never mixed.
   */
  moves: (Move<TContext, TEvent> | undefined)[][][];
  /**
   * codeNeeds and codeLeaves packed for the hot path: at planAt[position][code], the number of
   * transitions offered, each as its count of needed leaves and the leaves, then the count of
   * leaves read and the leaves.
   */
  plan: Int32Array;
  planAt: Int32Array[];
  find?: Finder;
}

type Finder = (
  codes: Int32Array,
  atoms: number,
  args: { context: unknown; event: unknown },
  regions: number[],
  positions: number[],
  locals: number[],
  slots: number[],
) => number;

// findActive written out as code for one event type: each region's configurations as switch
// cases, each guard called at its own call site, at most once per event.
function compileFinder(entry: EventTypeStructure, structure: MachineStructure): Finder | undefined {
  const leafValue = (index: number) => `(v${index} < 0 ? (v${index} = c${index}(args, p${index}) ? 1 : 0) : v${index})`;
  const body: string[] = [];
  entry.regions.forEach((region, position) => {
    const groups = new Map<string, number[]>();
    (entry.codeNeeds[position] as number[][][]).forEach((needs, code) => {
      if (needs.length === 0) return;
      const leaves = (entry.codeLeaves[position] as number[][])[code] as number[];
      const possible = needs.map((needed) => (needed.length === 0 ? 'true' : needed.map((leaf) => `${leafValue(leaf)} === 1`).join(' && '))).join(') || (');
      const local = leaves.length === 0 ? '0' : leaves.map((leaf, bit) => `(${leafValue(leaf)} << ${bit})`).join(' | ');
      // The move's slot: the configuration, then the atoms the region reads, a bit each (see CompiledMachine.slot).
      const reads = (structure.regions[region] as Region).reads;
      const slot = [
        `(codes[${region}] * ${2 ** reads.length})`,
        ...reads.map((atom, index) => `(((atoms >>> ${atom}) & 1) << ${reads.length - 1 - index})`),
      ].join(' + ');
      const text = `if ((${possible})) { regions[count] = ${region}; positions[count] = ${position}; locals[count] = ${local}; slots[count] = ${slot}; count += 1; } break;`;
      groups.set(text, [...(groups.get(text) ?? []), code]);
    });
    if (groups.size === 0) return;
    body.push(`switch (codes[${region}]) {`);
    for (const [text, codes] of groups) body.push(`${codes.map((code) => `case ${code}:`).join(' ')} { ${text} }`);
    body.push('}');
  });
  const declarations = entry.leaves.map((_, index) => `v${index} = -1`).join(', ');
  const source = `return function find(codes, atoms, args, regions, positions, locals, slots) { let count = 0; ${declarations ? `let ${declarations};` : ''} ${body.join('\n')} return count; };`;
  const names = entry.leaves.flatMap((_, index) => [`c${index}`, `p${index}`]);
  let make: (...values: unknown[]) => Finder;
  try {
    make = new Function(...names, source) as typeof make;
  } catch (error) {
    // A page whose Content-Security-Policy forbids making code: walk the plan instead. Any
    // other error is a fault in the source written above, and must not pass unseen.
    if (error instanceof EvalError) return undefined;
    throw error;
  }
  return make(...entry.leaves.flatMap((leaf) => [leaf.check, leaf.params]));
}

// Packs a type's codeNeeds and codeLeaves into one array (see TypeTables.plan).
function packPlan(entry: EventTypeStructure): { plan: Int32Array; planAt: Int32Array[] } {
  const plan: number[] = [];
  const planAt = entry.codeNeeds.map((codes, position) =>
    Int32Array.from(codes, (needs, code) => {
      const at = plan.length;
      plan.push(needs.length);
      for (const needed of needs) plan.push(needed.length, ...needed);
      const leaves = (entry.codeLeaves[position] as number[][])[code] as number[];
      plan.push(leaves.length, ...leaves);
      return at;
    }),
  );
  return { plan: Int32Array.from(plan), planAt };
}

// A list of context changes as one call (most moves make none or one).
function oneEffect<TContext, TEvent>(effects: Recipe<TContext, TEvent>[]): Recipe<TContext, TEvent> | undefined {
  if (effects.length <= 1) return effects[0];
  return (context, event) => {
    for (const effect of effects) effect(context, event);
  };
}

const MISSING = -1;
const UNCHANGED = 0;
const CHANGED = 1;
type Outcome = typeof MISSING | typeof UNCHANGED | typeof CHANGED;

interface Transition {
  source: { path: string[] };
  actions: readonly unknown[];
}

/** A machine compiled into lazily filled tables; see the module comment. */
export class CompiledMachine<TContext, TEvent extends { type: string }> {
  readonly structure: MachineStructure;
  /** The machine the tables are learnt from. */
  readonly machine: AnyStateMachine;
  private readonly recipeOf: (action: unknown) => Recipe<TContext, TEvent> | undefined;
  private readonly cloneContext: (context: TContext) => TContext;
  private readonly copyContext: ((target: TContext, source: TContext) => void) | undefined;
  // How learn() runs xstate: one scope for every probe, and the microsteps of the current one.
  // biome-ignore lint/suspicious/noExplicitAny: the scope of any actor, as xstate types it for its own internals
  private learningScope: ActorScope<any, any> | undefined;
  private microsteps: { transitions: Transition[]; value: StateValue }[] = [];
  private lastResolved: { configuration: string; snapshot: ReturnType<AnyStateMachine['resolveState']> } | undefined;
  // By event type; a prototype-free object, whose property lookup is quicker here than a Map's.
  private readonly types: Record<string, TypeTables<TContext, TEvent> | undefined>;
  /** settled[code of the eventless region][the atoms its transitions test]: its code once settled. */
  private readonly settled: Map<number, number>[] = [];
  private readonly lastSettledKey: Int32Array;
  private readonly lastSettledCode: Int32Array;
  /** atomBits[region][code]: the atoms that hold in that configuration. */
  private readonly atomBits: number[][];
  private readonly regionAtoms: number[];
  private readonly regionReads: number[][];
  private readonly eventlessMask: number;
  private readonly eventless: number;
  private readonly initial: EngineState<TContext>;
  private readonly scratch: Move<TContext, TEvent>[] = [];
  private readonly effectCache = new Map<unknown, { effects: Recipe<TContext, TEvent>[]; actions: EngineAction[] }>();
  // Reused for every guard call: guards read it and keep nothing.
  private readonly guardArgs: { context: unknown; event: unknown } = { context: undefined, event: undefined };
  // Leaf results for the event being stepped, computed when first needed: a guard no region's
  // configuration asks about is never called. `leafRound[i] === round` marks a known result.
  private readonly leafRound = new Int32Array(MAX_LEAVES);
  private readonly leafValue = new Uint8Array(MAX_LEAVES);
  private round = 0;
  // The regions that can move on the current event, their positions and their move keys.
  private readonly activeRegions: number[] = [];
  private readonly activePositions: number[] = [];
  private readonly activeLocals: number[] = [];
  private readonly activeSlots: number[] = [];
  private activeCount = 0;
  private probes = 0;
  private entries = 0;
  private contextChanged = false;

  constructor(machine: AnyStateMachine, options: CompileOptions<TContext, TEvent>) {
    this.machine = machine;
    this.recipeOf = options.recipeOf;
    this.cloneContext = options.cloneContext ?? ((context) => structuredClone(context));
    this.copyContext = options.copyContext;
    this.structure = readMachineStructure(machine);
    const { regions, atoms } = this.structure;
    // Dense arrays, filled with undefined, so lookups stay on V8's fast path rather than a dictionary's.
    const movesFor = (entry: EventTypeStructure) =>
      entry.regions.map((_, position) =>
        new Array<(Move<TContext, TEvent> | undefined)[]>(2 ** Math.max(0, ...(entry.codeLeaves[position] as number[][]).map((leaves) => leaves.length))).fill(
          undefined as never,
        ),
      );
    this.types = Object.assign(
      Object.create(null) as Record<string, TypeTables<TContext, TEvent>>,
      Object.fromEntries(
        [...this.structure.eventTypes].map(([type, entry]) => [
          type,
          { ...entry, moves: movesFor(entry), ...packPlan(entry), find: options.generateCode === false ? undefined : compileFinder(entry, this.structure) },
        ]),
      ),
    );
    this.atomBits = regions.map((region, index) =>
      region.values.map((_, code) => atoms.reduce((bits, atom, bit) => (atom.region === index && atom.holds[code] ? bits | (1 << bit) : bits), 0)),
    );
    this.regionReads = regions.map((region) => region.reads);
    this.regionAtoms = regions.map((_, index) => atoms.reduce((bits, atom, bit) => (atom.region === index ? bits | (1 << bit) : bits), 0));
    this.eventlessMask = this.structure.eventlessReads.reduce((bits, bit) => bits | (1 << bit), 0);
    this.eventless = this.structure.eventlessRegion ?? -1;
    const eventlessCodes = this.structure.eventlessRegion === null ? 0 : (regions[this.structure.eventlessRegion] as Region).values.length;
    // -1 is never a key: the masked atoms are non-negative (a machine has at most 30).
    this.lastSettledKey = new Int32Array(eventlessCodes).fill(-1);
    this.lastSettledCode = new Int32Array(eventlessCodes);
    const [snapshot] = initialTransition(machine);
    this.initial = this.fromValue(snapshot.value, snapshot.context as TContext);
  }

  /** A fresh copy of the machine's initial state. */
  initialState(): EngineState<TContext> {
    return this.clone(this.initial);
  }

  /** The engine state for a state value and context (e.g. an xstate snapshot's). */
  fromValue(value: StateValue, context: TContext): EngineState<TContext> {
    const record = value as Record<string, StateValue>;
    const codes = Int32Array.from(this.structure.regions, (region) => this.encode(region, record[region.key]));
    return { codes, atoms: this.atomsOf(codes), context: this.cloneContext(context) };
  }

  /** The machine's state value for an engine state. */
  valueOf(state: EngineState<TContext>): StateValue {
    const value: Record<string, StateValue> = {};
    const { regions } = this.structure;
    for (let index = 0; index < regions.length; index += 1) {
      const region = regions[index] as Region;
      value[region.key] = region.values[state.codes[index] as number] as StateValue;
    }
    return value;
  }

  /** An independent copy of a state. */
  clone(state: EngineState<TContext>): EngineState<TContext> {
    return { codes: state.codes.slice(), atoms: state.atoms, context: this.cloneContext(state.context) };
  }

  /** The code of one region in a state, and its value. */
  regionValue(state: EngineState<TContext>, region: number): StateValue {
    return this.structure.regions[region]?.values[state.codes[region] as number] as StateValue;
  }

  /**
   * Applies one event to a state, in place, as xstate would. Returns whether the state may have
   * changed: false when no region moved and no context change ran. With `actions`, appends the
   * machine's own actions the step takes, in xstate's order.
   */
  step(state: EngineState<TContext>, event: TEvent, actions?: EngineAction[]): boolean {
    this.contextChanged = false;
    const type = this.types[event.type];
    if (!type) return false;
    this.search(state, event, type, type.find !== undefined);
    let outcome = this.apply(state, event, type, actions);
    if (outcome === MISSING) {
      this.learn(state, event, type);
      outcome = this.apply(state, event, type, actions);
      if (outcome === MISSING)
        throw new UnsupportedMachineError(
          `a run of xstate on "${event.type}" left the engine's tables incomplete: the machine does something the engine does not model`,
        );
    }
    return outcome === CHANGED;
  }

  /**
   * The regions that could move on `event` in `state`, each with its position among the type's
   * regions, its key (the results of the guards its configuration's transitions read) and its
   * slot, as a step would find them: by the generated search, or by walking the plan. For tests
   * (the two must agree) and for looking into a step; it changes nothing.
   */
  candidates(
    state: EngineState<TContext>,
    event: TEvent,
    how: 'generated' | 'plan' = 'generated',
  ): { region: number; position: number; key: number; slot: number }[] {
    const type = this.types[event.type];
    if (!type) return [];
    if (how === 'generated' && !type.find) throw new UnsupportedMachineError('no generated search: code could not be made here');
    this.search(state, event, type, how === 'generated');
    return Array.from({ length: this.activeCount }, (_, index) => ({
      region: this.activeRegions[index] as number,
      position: this.activePositions[index] as number,
      key: this.activeLocals[index] as number,
      slot: this.activeSlots[index] as number,
    }));
  }

  /** Whether the last step ran one of the machine's context changes (false: only configurations moved, if anything). */
  get lastStepChangedContext(): boolean {
    return this.contextChanged;
  }

  /**
   * Makes `target` the same state as `source` again, copying the context only when asked: a
   * search that steps a scratch copy need not copy a context the step left alone.
   */
  restore(target: EngineState<TContext>, source: EngineState<TContext>, withContext: boolean): void {
    target.codes.set(source.codes);
    target.atoms = source.atoms;
    if (!withContext) return;
    if (this.copyContext) this.copyContext(target.context, source.context);
    else target.context = this.cloneContext(source.context);
  }

  /** Applies events in order to a copy of `from` (default: the initial state) and returns it. */
  run(events: Iterable<TEvent>, from?: EngineState<TContext>): EngineState<TContext> {
    const state = from ? this.clone(from) : this.initialState();
    for (const event of events) this.step(state, event);
    return state;
  }

  /** How much has been learnt from the machine so far. */
  stats(): EngineStats {
    return { probes: this.probes, entries: this.entries };
  }

  private encode(region: Region, value: StateValue | undefined): number {
    const code = value === undefined ? undefined : region.codes.get(canonical(value));
    if (code === undefined) throw new UnsupportedMachineError(`region ${region.key} has no configuration ${JSON.stringify(value)}`);
    return code;
  }

  private atomsOf(codes: Int32Array): number {
    let atoms = 0;
    for (let region = 0; region < codes.length; region += 1) atoms |= (this.atomBits[region] as number[])[codes[region] as number] as number;
    return atoms;
  }

  // One leaf's result for the current event, computed once.
  private leaf(type: TypeTables<TContext, TEvent>, index: number): number {
    if (this.leafRound[index] === this.round) return this.leafValue[index] as number;
    const leaf = type.leaves[index] as (typeof type.leaves)[number];
    // Called as a plain function, as xstate and the generated search call guards.
    const check = leaf.check;
    const value = check(this.guardArgs, leaf.params) ? 1 : 0;
    this.leafRound[index] = this.round;
    this.leafValue[index] = value;
    return value;
  }

  // Finds the regions that can move on the event (activeRegions and the rest), by the generated
  // search or by walking the plan.
  private search(state: EngineState<TContext>, event: TEvent, type: TypeTables<TContext, TEvent>, generated: boolean): void {
    this.guardArgs.context = state.context;
    this.guardArgs.event = event;
    if (generated) {
      this.activeCount = (type.find as Finder)(
        state.codes,
        state.atoms,
        this.guardArgs,
        this.activeRegions,
        this.activePositions,
        this.activeLocals,
        this.activeSlots,
      );
    } else {
      this.round += 1;
      this.findActive(type, state.codes, state.atoms);
    }
  }

  // The regions whose current configuration offers a transition the event's guards do not rule
  // out, each with its move key: the results of the leaves that configuration's transitions read.
  private findActive(type: TypeTables<TContext, TEvent>, codes: Int32Array, atoms: number): void {
    let count = 0;
    const { regions, plan, planAt } = type;
    for (let position = 0; position < regions.length; position += 1) {
      const region = regions[position] as number;
      let at = (planAt[position] as Int32Array)[codes[region] as number] as number;
      const options = plan[at++] as number;
      let possible = false;
      for (let option = 0; option < options; option += 1) {
        const length = plan[at++] as number;
        if (!possible) {
          possible = true;
          for (let index = 0; index < length; index += 1) {
            if (this.leaf(type, plan[at + index] as number) === 0) {
              possible = false;
              break;
            }
          }
        }
        at += length;
      }
      if (!possible) continue;
      const leaves = plan[at++] as number;
      let local = 0;
      for (let bit = 0; bit < leaves; bit += 1) local |= this.leaf(type, plan[at + bit] as number) << bit;
      this.activeRegions[count] = region;
      this.activePositions[count] = position;
      this.activeLocals[count] = local;
      this.activeSlots[count] = this.slot(region, codes, atoms);
      count += 1;
    }
    this.activeCount = count;
  }

  private slot(region: number, codes: Int32Array, atoms: number): number {
    const reads = this.regionReads[region] as number[];
    let slot = codes[region] as number;
    for (let index = 0; index < reads.length; index += 1) slot = slot * 2 + ((atoms >>> (reads[index] as number)) & 1);
    return slot;
  }

  // Takes eventless transitions (the first whose test holds, in document order) until none holds,
  // as xstate does after every microstep.
  private settle(code: number, atoms: number): number {
    const steps = this.structure.eventlessSteps;
    const eventless = this.structure.eventlessRegion as number;
    let current = code;
    let bits = atoms;
    for (let hops = 0; hops <= steps.length; hops += 1) {
      const step = steps[current]?.find((candidate) => candidate.test(bits));
      // xstate stops when the transition taken leads back to the same state.
      if (!step || step.target === current) return current;
      current = step.target;
      bits = (bits & ~(this.regionAtoms[eventless] as number)) | ((this.atomBits[eventless] as number[])[current] as number);
    }
    throw new UnsupportedMachineError(`eventless transitions of ${this.structure.regions[eventless]?.key} never settle`);
  }

  private settledTable(code: number): Map<number, number> {
    let table = this.settled[code];
    if (!table) {
      table = new Map();
      this.settled[code] = table;
    }
    return table;
  }

  // Looks everything up first and changes the state only when every entry is known.
  private apply(state: EngineState<TContext>, event: TEvent, type: TypeTables<TContext, TEvent>, actions: EngineAction[] | undefined): Outcome {
    const { codes } = state;
    let atoms = state.atoms;
    let taken = false;
    let effectful = 0;
    const count = this.activeCount;
    const regions = this.activeRegions;
    const moves = type.moves;
    const eventless = this.eventless;
    let eventlessMove = -1;
    for (let index = 0; index < count; index += 1) {
      const region = regions[index] as number;
      const move = (moves[this.activePositions[index] as number] as Move<TContext, TEvent>[][])[this.activeLocals[index] as number]?.[
        this.activeSlots[index] as number
      ];
      if (move === undefined) return MISSING;
      this.scratch[index] = move;
      if (move.taken) taken = true;
      if (move.effect !== undefined) effectful += 1;
      if (move.next !== codes[region]) atoms = (atoms & move.keep) | move.atoms;
      if (region === eventless) eventlessMove = index;
    }
    if (effectful > 1) {
      // Each move was learnt on its own; together they would need xstate's order of actions.
      throw new UnsupportedMachineError(`"${event.type}" changes the context in more than one region in one step`);
    }
    let settledCode = -1;
    if (taken && eventless >= 0) {
      const code = eventlessMove < 0 ? (codes[eventless] as number) : (this.scratch[eventlessMove] as Move<TContext, TEvent>).next;
      const key = atoms & this.eventlessMask;
      // The phase's inputs seldom change from one event to the next: the last answer per code first.
      if (this.lastSettledKey[code] === key) settledCode = this.lastSettledCode[code] as number;
      else {
        let found = this.settled[code]?.get(key);
        if (found === undefined) {
          found = this.settle(code, atoms);
          this.settledTable(code).set(key, found);
          this.entries += 1;
        }
        this.lastSettledKey[code] = key;
        this.lastSettledCode[code] = found;
        settledCode = found;
      }
    }
    // Every entry is known: now change the state.
    this.contextChanged = effectful > 0;
    let changed = false;
    for (let index = 0; index < count; index += 1) {
      const move = this.scratch[index] as Move<TContext, TEvent>;
      const region = regions[index] as number;
      if (codes[region] !== move.next || move.effect !== undefined) changed = true;
      codes[region] = move.next;
      if (move.effect !== undefined) move.effect(state.context, event);
      if (actions) for (const action of move.actions) actions.push(action);
    }
    if (settledCode >= 0 && codes[eventless] !== settledCode) {
      changed = true;
      codes[eventless] = settledCode;
      atoms = (atoms & ~(this.regionAtoms[eventless] as number)) | ((this.atomBits[eventless] as number[])[settledCode] as number);
    }
    state.atoms = atoms;
    return changed ? CHANGED : UNCHANGED;
  }

  /** Runs xstate itself on the current state and records what every region did. */
  private learn(state: EngineState<TContext>, event: TEvent, type: TypeTables<TContext, TEvent>): void {
    this.probes += 1;
    // Probes in a row often start from one configuration (a search tries every event on a state):
    // the last one resolved is kept, and only the context changed.
    const configuration = state.codes.join(',');
    if (this.lastResolved?.configuration !== configuration) {
      this.lastResolved = { configuration, snapshot: this.machine.resolveState({ value: this.valueOf(state), context: {} }) };
    }
    const snapshot = withContext(this.lastResolved.snapshot, this.cloneContext(state.context));
    const microsteps: { transitions: Transition[]; value: StateValue }[] = [];
    this.microsteps = microsteps;
    this.learningScope ??= reusableScope(this.machine, {
      onAction: () => {},
      onInspect: (inspection: InspectionEvent) => {
        const step = microstepOf<Transition>(inspection);
        if (step) this.microsteps.push(step);
      },
    });
    this.machine.transition(snapshot, event, this.learningScope);

    const first = microsteps[0];
    const taken = first?.transitions ?? [];
    const afterEvent = (first?.value ?? this.valueOf(state)) as Record<string, StateValue>;
    const { regions } = this.structure;
    const active = this.activeRegions.slice(0, this.activeCount);
    for (const transition of taken) {
      const owner = transition.source.path[0];
      const region = owner === undefined ? -1 : regions.findIndex((candidate) => candidate.key === owner);
      if (!active.includes(region)) {
        throw new UnsupportedMachineError(`"${event.type}" moved ${owner ?? 'the root'}, which its guards' results say cannot move`);
      }
    }
    const changers = new Set(taken.filter((transition) => this.effectsOf(transition).effects.length > 0).map((transition) => transition.source.path[0] ?? ''));
    if (changers.size > 1) {
      // xstate orders such changes by its own rules; the engine would have to copy them.
      throw new UnsupportedMachineError(
        `"${event.type}" changes the context in more than one region (${[...changers].map((key) => key || 'the root').join(', ')}) in one step`,
      );
    }
    for (let index = 0; index < active.length; index += 1) {
      const region = active[index] as number;
      const own = taken.filter((transition) => transition.source.path[0] === (regions[region] as Region).key);
      const next = this.encode(regions[region] as Region, afterEvent[(regions[region] as Region).key]);
      const table = type.moves[this.activePositions[index] as number] as Move<TContext, TEvent>[][];
      const local = this.activeLocals[index] as number;
      const slots = (regions[region] as Region).values.length * 2 ** (regions[region] as Region).reads.length;
      table[local] ??= new Array<Move<TContext, TEvent> | undefined>(slots).fill(undefined) as Move<TContext, TEvent>[];
      const move = {
        next,
        keep: ~(this.regionAtoms[region] as number),
        atoms: (this.atomBits[region] as number[])[next] as number,
        taken: own.length > 0,
        effects: own.flatMap((transition) => this.effectsOf(transition).effects),
        actions: own.flatMap((transition) => this.effectsOf(transition).actions),
        effect: undefined as Recipe<TContext, TEvent> | undefined,
      };
      move.effect = oneEffect(move.effects);
      this.record(table[local] as Move<TContext, TEvent>[], this.slot(region, state.codes, state.atoms), move, `${regions[region]?.key} on "${event.type}"`);
    }
  }

  private record(table: (Move<TContext, TEvent> | undefined)[], slot: number, move: Move<TContext, TEvent>, what: string): void {
    const known = table[slot];
    if (known === undefined) {
      table[slot] = move;
      this.entries += 1;
      return;
    }
    const same =
      known.next === move.next &&
      known.taken === move.taken &&
      known.effects.length === move.effects.length &&
      known.effects.every((effect, index) => effect === move.effects[index]) &&
      JSON.stringify(known.actions) === JSON.stringify(move.actions);
    if (!same) throw new UnsupportedMachineError(`${what} depends on more than its state, the states its guards test and its guards' results`);
  }

  // A transition's actions: built-in ones as context recipes (each must be an assign with a
  // recipe), the machine's own as names and params to report. Those cannot change the context.
  private effectsOf(transition: Transition): { effects: Recipe<TContext, TEvent>[]; actions: EngineAction[] } {
    const cached = this.effectCache.get(transition);
    if (cached) return cached;
    const implementations = this.machine.implementations.actions as Record<string, unknown>;
    const effects: Recipe<TContext, TEvent>[] = [];
    const actions: EngineAction[] = [];
    for (const action of transition.actions) {
      const name = typeof action === 'string' ? action : typeof action === 'object' && action !== null && 'type' in action ? String(action.type) : undefined;
      const impl = name === undefined ? action : implementations[name];
      const kind = actionKind(impl);
      if (kind === 'plain') {
        if (name === undefined) throw new UnsupportedMachineError("an inline action: name the machine's actions so a step can report them");
        const params = typeof action === 'object' && action !== null && 'params' in action ? (action as { params: unknown }).params : undefined;
        if (typeof params === 'function') throw new UnsupportedMachineError(`action ${name} has dynamic params`);
        actions.push({ type: name, params });
        continue;
      }
      const recipe = this.recipeOf(impl);
      if (kind !== 'assign' || !recipe) {
        throw new UnsupportedMachineError(`action ${name ?? '(inline)'} is built in (${builtinActionType(impl)}) and has no recipe`);
      }
      effects.push(recipe);
    }
    const result = { effects, actions };
    this.effectCache.set(transition, result);
    return result;
  }
}
