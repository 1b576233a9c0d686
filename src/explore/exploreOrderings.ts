import { enginePhase, engineStateOf, relationshipEngine, type RelationshipEngineState } from '../engine/relationshipEngine.js';
import type { RelationshipSnapshot } from '../machine/view.js';
import { toMachineEvent } from '../replay/replay.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import { PHASES, type Phase } from '../vocabulary/channels.js';

/** The phase the explorer looks for. */
const GOAL: Phase = 'ministerialResumed';

/** How to explore. */
export interface ExploreOptions {
  /** Also count every ordering of every subset of the candidates, not only orderings of them all. */
  subsets?: boolean;
  /** Called as the search goes, for a progress bar: sequences of `length` events, `done` of `total` states expanded. */
  onProgress?: (progress: { length: number; of: number; done: number; total: number }) => void;
}

/** What every ordering (or every ordering of every subset) of the candidates leads to. */
export interface ExploreResult {
  mode: 'orderings' | 'subsets';
  candidates: string[];
  /** How many sequences were counted: k! orderings, or with subsets the orderings of every subset, the empty one included. */
  sequences: number;
  /** How many of those sequences end in each phase. */
  endPhases: Record<Phase, number>;
  /** How many of those sequences are in "ministerial contact resumed" at some point (not necessarily at the end). */
  reachGoal: number;
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
}

interface Node {
  state: RelationshipEngineState;
  stateKey: string;
  phase: Phase;
  used: number;
  /** Whether the sequences merged here have passed through the goal phase. */
  reached: boolean;
  /** How many sequences lead here. */
  count: number;
  /** One way here, for the shortest sequence: the node before and the candidate applied. */
  parent: Node | null;
  via: number;
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

const keyOf = (state: RelationshipEngineState) => `${state.codes.join(',')}|${JSON.stringify(state.context)}`;

/**
 * Evaluates every ordering of the candidate events from a starting snapshot, merging sequences
 * that use the same candidates and reach the same state (the state after them does not depend
 * on how they got there), so 10 candidates take thousands of transitions, not 3.6 million
 * replays. Pure.
 */
export function exploreOrderings(start: RelationshipSnapshot, candidates: ReadonlyArray<ScenarioEvent>, options: ExploreOptions = {}): ExploreResult {
  const k = candidates.length;
  if (k > 20) throw new TooManyCandidatesError(k, 20);
  const events = candidates.map(toMachineEvent);
  const full = (1 << k) - 1;
  const endPhases = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;
  let sequences = 0;
  let reachGoal = 0;
  let mergedStates = 0;
  let shortestNode: Node | null = null;
  let neededMask = full;
  let anyGoal = false;

  // The next state depends only on the state and the event, so each pair is computed once, on
  // the fast engine (src/engine), which is xstate's behaviour compiled into tables.
  const engine = relationshipEngine();
  const memo = new Map<string, { state: RelationshipEngineState; stateKey: string; phase: Phase }>();
  const next = (node: Node, index: number) => {
    const memoKey = `${index}|${node.stateKey}`;
    let found = memo.get(memoKey);
    if (!found) {
      const state = engine.clone(node.state);
      engine.step(state, events[index] as (typeof events)[number]);
      found = { state, stateKey: keyOf(state), phase: enginePhase(state, engine) };
      memo.set(memoKey, found);
    }
    return found;
  };

  const startState = engineStateOf(start, engine);
  const startPhase = enginePhase(startState, engine);
  let layer = new Map<string, Node>();
  const root: Node = { state: startState, stateKey: keyOf(startState), phase: startPhase, used: 0, reached: startPhase === GOAL, count: 1, parent: null, via: -1 };
  layer.set(`0|${root.stateKey}|${root.reached}`, root);

  for (let length = 0; ; length += 1) {
    const nodes = [...layer.values()];
    mergedStates += nodes.length;
    for (const node of nodes) {
      if (options.subsets || length === k) {
        sequences += node.count;
        endPhases[node.phase] += node.count;
        if (node.reached) reachGoal += node.count;
      }
      if (node.phase === GOAL) {
        anyGoal = true;
        neededMask &= node.used;
        shortestNode ??= node;
      }
    }
    if (length === k) break;

    const following = new Map<string, Node>();
    nodes.forEach((node, done) => {
      for (let index = 0; index < k; index += 1) {
        const bit = 1 << index;
        if (node.used & bit) continue;
        const after = next(node, index);
        const reached = node.reached || after.phase === GOAL;
        const used = node.used | bit;
        const key = `${used}|${after.stateKey}|${reached}`;
        const existing = following.get(key);
        if (existing) existing.count += node.count;
        else following.set(key, { ...after, used, reached, count: node.count, parent: node, via: index });
      }
      if (options.onProgress && (done & 255) === 0) options.onProgress({ length: length + 1, of: k, done, total: nodes.length });
    });
    layer = following;
  }

  const shortest: string[] = [];
  for (let node: Node | null = shortestNode; node?.parent; node = node.parent) shortest.unshift(candidates[node.via]?.id as string);
  return {
    mode: options.subsets ? 'subsets' : 'orderings',
    candidates: candidates.map((event) => event.id),
    sequences,
    endPhases,
    reachGoal,
    shortest: shortestNode ? shortest : null,
    needed: anyGoal ? candidates.filter((_, index) => neededMask & (1 << index)).map((event) => event.id) : [],
    mergedStates,
    transitions: memo.size,
  };
}
