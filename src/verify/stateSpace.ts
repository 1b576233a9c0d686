// Breadth-first search of a compiled machine's reachable states under a finite alphabet of events,
// with states merged by an abstract key (what the caller says matters). Pure: no output, no files.
import type { CompiledMachine, EngineState } from '../engine/compiledMachine.js';

/** The reachable graph: states in breadth-first order, so parent links give shortest paths. */
export interface StateGraph<TContext> {
  /** One representative per key, in the order found. */
  states: EngineState<TContext>[];
  /** For each state, the state it was first reached from (-1 for the start) and the event index. */
  parent: number[];
  via: number[];
  /** Every step tried, as parallel arrays: from state, event index, to state. */
  from: Int32Array;
  event: Int32Array;
  to: Int32Array;
}

/** Explores every state reachable from `start` by `alphabet`, merging states with equal `keyOf`. */
export function searchStateSpace<TContext, TEvent extends { type: string }>(
  engine: CompiledMachine<TContext, TEvent>,
  start: EngineState<TContext>,
  alphabet: readonly TEvent[],
  keyOf: (state: EngineState<TContext>) => number | string,
): StateGraph<TContext> {
  const states = [engine.clone(start)];
  const parent = [-1];
  const via = [-1];
  const index = new Map<number | string, number>([[keyOf(start), 0]]);
  let from: Int32Array = new Int32Array(1024);
  let event: Int32Array = new Int32Array(1024);
  let to: Int32Array = new Int32Array(1024);
  let steps = 0;
  // Steps run on one scratch state; only a state not seen before is kept (and a new scratch
  // made), and the scratch is reset only after a step that changed it.
  for (let current = 0; current < states.length; current += 1) {
    const state = states[current] as EngineState<TContext>;
    let scratch = engine.clone(state);
    for (let eventIndex = 0; eventIndex < alphabet.length; eventIndex += 1) {
      let target = current;
      if (engine.step(scratch, alphabet[eventIndex] as TEvent)) {
        const key = keyOf(scratch);
        const known = index.get(key);
        if (known === undefined) {
          target = states.length;
          index.set(key, target);
          states.push(scratch);
          parent.push(current);
          via.push(eventIndex);
          scratch = engine.clone(state);
        } else {
          target = known;
          // Most steps lead to a state already found: back to `state`, copying the context only if the step changed it.
          engine.restore(scratch, state, engine.lastStepChangedContext);
        }
      }
      if (steps === from.length) {
        from = grow(from);
        event = grow(event);
        to = grow(to);
      }
      from[steps] = current;
      event[steps] = eventIndex;
      to[steps] = target;
      steps += 1;
    }
  }
  return { states, parent, via, from: from.subarray(0, steps), event: event.subarray(0, steps), to: to.subarray(0, steps) };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** The events of a shortest path from the start to a state, as alphabet indexes. Pure. */
export function pathTo(graph: Pick<StateGraph<unknown>, 'parent' | 'via'>, state: number): number[] {
  const path: number[] = [];
  for (let at = state; (graph.parent[at] ?? -1) >= 0; at = graph.parent[at] as number) path.unshift(graph.via[at] as number);
  return path;
}

/** The steps into each state, grouped by target (a compressed adjacency list); self-loops left out. */
export interface ReverseIndex {
  count: number;
  starts: Int32Array;
  sources: Int32Array;
}

/** Builds the reverse index of a graph once, for any number of `canReach` questions. Pure. */
export function reverseIndex(graph: StateGraph<unknown>): ReverseIndex {
  const count = graph.states.length;
  const starts = new Int32Array(count + 1);
  graph.to.forEach((target, step) => {
    if (graph.from[step] !== target) starts[target + 1] = (starts[target + 1] as number) + 1;
  });
  for (let state = 0; state < count; state += 1) starts[state + 1] = (starts[state + 1] as number) + (starts[state] as number);
  const fill = starts.slice(0, count);
  const sources = new Int32Array(starts[count] as number);
  graph.to.forEach((target, step) => {
    const source = graph.from[step] as number;
    if (source === target) return;
    sources[fill[target] as number] = source;
    fill[target] = (fill[target] as number) + 1;
  });
  return { count, starts, sources };
}

/** Which states can reach a state where `goal` holds (goal states included), as 0/1 flags. Pure. */
export function canReach(index: ReverseIndex, goal: (state: number) => boolean): Uint8Array {
  const { count, starts, sources } = index;
  const reached = new Uint8Array(count);
  const queue = new Int32Array(count);
  let tail = 0;
  for (let state = 0; state < count; state += 1) {
    if (goal(state)) {
      reached[state] = 1;
      queue[tail] = state;
      tail += 1;
    }
  }
  for (let head = 0; head < tail; head += 1) {
    const state = queue[head] as number;
    for (let at = starts[state] as number; at < (starts[state + 1] as number); at += 1) {
      const source = sources[at] as number;
      if (!reached[source]) {
        reached[source] = 1;
        queue[tail] = source;
        tail += 1;
      }
    }
  }
  return reached;
}
