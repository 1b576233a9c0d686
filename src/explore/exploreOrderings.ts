import { enginePhase, engineStateKey, engineStateOf, type RelationshipEngineState, relationshipEngine } from '../engine/relationshipEngine.js';
import type { RelationshipSnapshot } from '../machine/view.js';
import { toMachineEvent } from '../replay/replay.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import { PHASES, type Phase } from '../vocabulary/channels.js';

/** The phase the explorer looks for. */
const GOAL: Phase = 'ministerialResumed';

/** The most candidate events the search takes: 20! orderings, counted exactly. */
export const MAX_CANDIDATES = 20;

/** How to explore. */
export interface ExploreOptions {
  /** Also count every ordering of every subset of the candidates, not only orderings of them all. */
  subsets?: boolean;
  /** Called as the search goes, for a progress bar: sequences of `length` events, `done` of `total` states expanded. */
  onProgress?: (progress: { length: number; of: number; done: number; total: number }) => void;
  /** The most memory the search may use, in bytes (default 1 GiB); refused before it starts when it certainly needs more, stopped when it does. */
  maxMemory?: number;
}

/** What every ordering (or every ordering of every subset) of the candidates leads to. Counts are exact. */
export interface ExploreResult {
  mode: 'orderings' | 'subsets';
  candidates: string[];
  /** How many sequences were counted: k! orderings, or with subsets the orderings of every subset, the empty one included. */
  sequences: bigint;
  /** How many of those sequences end in each phase. */
  endPhases: Record<Phase, bigint>;
  /** How many of those sequences are in "ministerial contact resumed" at some point (not necessarily at the end). */
  reachGoal: bigint;
  /** A shortest sequence of candidates that reaches "ministerial contact resumed", or null if none does. */
  shortest: string[] | null;
  /**
   * The candidates that every sequence reaching "ministerial contact resumed" has applied by the
   * time it gets there: without any one of them, no order of the others gets there. Empty when
   * none does.
   */
  needed: string[];
  /** Distinct (candidates used, state) pairs the search kept after merging: the work actually done. */
  mergedStates: number;
  /** Machine transitions computed (each distinct state and next event once). */
  transitions: number;
  /** Distinct machine states met. */
  distinctStates: number;
}

/** Thrown when asked to explore more candidate events than the search can count. */
export class TooManyCandidatesError extends Error {
  override name = 'TooManyCandidatesError';

  constructor(
    readonly candidates: number,
    readonly limit: number,
  ) {
    super(`too many candidate events (${candidates}); the search handles up to ${limit}`);
  }
}

/** Thrown when the search would need, or comes to need, more memory than it was allowed. */
export class ExploreMemoryError extends Error {
  override name = 'ExploreMemoryError';

  constructor(
    readonly needed: number,
    readonly allowed: number,
    readonly when: 'before' | 'during',
  ) {
    const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;
    super(
      when === 'before'
        ? `exploring these candidates needs at least ${mib(needed)}, more than the ${mib(allowed)} allowed`
        : `the search grew past the ${mib(allowed)} allowed (${mib(needed)}); explore fewer candidates, or allow more`,
    );
  }
}

// What one node of a layer costs at least: its entry in a Map keyed by a number, and its fields.
const BYTES_PER_NODE = 150;

/** The fewest nodes the widest layer can hold: one per set of candidates of half the size. */
function widestLayer(k: number): number {
  let combinations = 1;
  for (let chosen = 1; chosen <= Math.floor(k / 2); chosen += 1) combinations = (combinations * (k - chosen + 1)) / chosen;
  return combinations;
}

/**
 * Evaluates every ordering of the candidate events from a starting snapshot, merging sequences
 * that use the same candidates and reach the same state (the state after them does not depend
 * on how they got there): a search over (set of candidates used, state) pairs, layer by layer,
 * with each distinct state numbered once and each (state, event) step computed once on the fast
 * engine. 16 candidates take a few hundred thousand steps, not 20 trillion replays. Pure.
 */
export function exploreOrderings(start: RelationshipSnapshot, candidates: ReadonlyArray<ScenarioEvent>, options: ExploreOptions = {}): ExploreResult {
  const k = candidates.length;
  if (k > MAX_CANDIDATES) throw new TooManyCandidatesError(k, MAX_CANDIDATES);
  const maxMemory = options.maxMemory ?? 2 ** 30;
  const floor = 2 * widestLayer(k) * BYTES_PER_NODE;
  if (floor > maxMemory) throw new ExploreMemoryError(floor, maxMemory, 'before');

  // The search's own growth of the heap, checked as it goes: garbage not yet collected counts too,
  // which errs on the side of stopping.
  const heapAtStart = process.memoryUsage().heapUsed;
  const checkMemory = () => {
    const grown = process.memoryUsage().heapUsed - heapAtStart;
    if (grown > maxMemory) throw new ExploreMemoryError(grown, maxMemory, 'during');
  };
  const events = candidates.map(toMachineEvent);
  const engine = relationshipEngine();
  const goalBit = 1 << k;

  // Every distinct state, numbered: its engine state, its phase, and where each event takes it.
  const states: RelationshipEngineState[] = [];
  const phases: Phase[] = [];
  const ids = new Map<string, number>();
  const moves: Int32Array[] = [];
  const idOf = (state: RelationshipEngineState): number => {
    const key = engineStateKey(state);
    let id = ids.get(key);
    if (id === undefined) {
      id = states.length;
      ids.set(key, id);
      states.push(state);
      phases.push(enginePhase(state, engine));
      moves.push(new Int32Array(k).fill(-1));
    }
    return id;
  };
  let transitions = 0;
  const step = (from: number, index: number): number => {
    const known = (moves[from] as Int32Array)[index] as number;
    if (known >= 0) return known;
    const state = engine.clone(states[from] as RelationshipEngineState);
    engine.step(state, events[index] as (typeof events)[number]);
    const to = idOf(state);
    (moves[from] as Int32Array)[index] = to;
    transitions += 1;
    return to;
  };

  // A layer maps (state, candidates used, goal passed) to how many sequences lead there and, until
  // the goal is first met, one of them (as candidate indices), for the shortest sequence.
  type Entry = { state: number; used: number; count: bigint; path: number[] | null };
  const keyOf = (state: number, used: number) => state * 2 ** (k + 1) + used;
  const root = idOf(engineStateOf(start, engine));
  let layer = new Map<number, Entry>([
    [keyOf(root, phases[root] === GOAL ? goalBit : 0), { state: root, used: phases[root] === GOAL ? goalBit : 0, count: 1n, path: [] }],
  ]);

  const endPhases = Object.fromEntries(PHASES.map((phase) => [phase, 0n])) as Record<Phase, bigint>;
  let sequences = 0n;
  let reachGoal = 0n;
  let mergedStates = 0;
  let shortest: number[] | null = null;
  let neededMask = goalBit - 1;

  for (let length = 0; ; length += 1) {
    mergedStates += layer.size;
    for (const entry of layer.values()) {
      if (options.subsets || length === k) {
        sequences += entry.count;
        endPhases[phases[entry.state] as Phase] += entry.count;
        if (entry.used & goalBit) reachGoal += entry.count;
      }
      if (phases[entry.state] === GOAL) {
        neededMask &= entry.used;
        shortest ??= entry.path;
      }
    }
    if (length === k) break;
    checkMemory();

    const following = new Map<number, Entry>();
    let done = 0;
    for (const entry of layer.values()) {
      for (let index = 0; index < k; index += 1) {
        const bit = 1 << index;
        if (entry.used & bit) continue;
        const to = step(entry.state, index);
        const next = entry.used | bit | (phases[to] === GOAL ? goalBit : 0);
        const key = keyOf(to, next);
        const existing = following.get(key);
        if (existing) existing.count += entry.count;
        // Paths are kept only until the goal is first met: after that no shortest sequence is needed.
        else following.set(key, { state: to, used: next, count: entry.count, path: shortest === null && entry.path ? [...entry.path, index] : null });
      }
      if (options.onProgress && (done & 255) === 0) options.onProgress({ length: length + 1, of: k, done, total: layer.size });
      done += 1;
      if ((done & 65535) === 0) checkMemory();
    }
    layer = following;
  }

  return {
    mode: options.subsets ? 'subsets' : 'orderings',
    candidates: candidates.map((event) => event.id),
    sequences,
    endPhases,
    reachGoal,
    shortest: shortest === null ? null : shortest.map((index) => candidates[index]?.id as string),
    needed: shortest === null ? [] : candidates.filter((_, index) => neededMask & (1 << index)).map((event) => event.id),
    mergedStates,
    transitions,
    distinctStates: states.length,
  };
}
