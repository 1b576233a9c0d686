// What the fast engine needs to know about a machine, read from the machine itself: its
// top-level regions and every configuration each can be in, the `stateIn` tests its guards make,
// the guards that read the event or the context, and which regions react to which event types.
// Everything here is pure; it throws UnsupportedMachineError where a machine uses a feature the
// engine does not model, so the engine never runs a machine it would get wrong.
import { type AnyStateMachine, type AnyStateNode, matchesState, type StateValue } from 'xstate';
import { guardShape, isBuiltinGuard } from '../fences/xstateInternals.js';

/** The machine uses a feature the fast engine cannot reproduce; the message says which. */
export class UnsupportedMachineError extends Error {
  override name = 'UnsupportedMachineError';
}

/** A guard that reads the event or the context: a function xstate calls with `{ context, event }`. */
export interface LeafGuard {
  label: string;
  check: (args: { context: unknown; event: unknown }, params: unknown) => boolean;
  params: unknown;
}

/** A `stateIn` test: true in some configurations of one region. */
export interface Atom {
  label: string;
  region: number;
  /** Whether the atom holds, for each configuration code of its region. */
  holds: boolean[];
}

/** One top-level region: its configurations, numbered. */
export interface Region {
  key: string;
  /** The region's part of the machine's state value, for each code. */
  values: StateValue[];
  /** Code of a canonical value (see `canonical`). */
  codes: Map<string, number>;
  /** Atoms the region's own guards read, as indexes into MachineStructure.atoms. */
  reads: number[];
  /** Whether the region has eventless transitions. */
  eventless: boolean;
}

/** How one event type is handled. */
export interface EventTypeStructure {
  type: string;
  /** Leaf guards the transitions for this type evaluate (each at most once per step, and only when asked). */
  leaves: LeafGuard[];
  /** Regions with transitions for this type, in document order. */
  regions: number[];
  /**
   * For each of those regions and each of its configuration codes, the transitions on this type
   * that configuration offers (its active states'), as the leaves (indexes into `leaves`) each
   * needs true: with any of them false, that transition cannot be taken, and a region none of
   * whose offered transitions can be taken stays as it is, so the engine skips it.
   */
  codeNeeds: number[][][][];
  /** Likewise, every leaf those transitions read, ascending: a region's move depends on their results alone. */
  codeLeaves: number[][][];
}

/** A machine as the fast engine sees it. */
export interface MachineStructure {
  regions: Region[];
  atoms: Atom[];
  eventTypes: Map<string, EventTypeStructure>;
  /** The region with eventless transitions, if any (the engine allows one). */
  eventlessRegion: number | null;
  /** Atoms the eventless transitions read. */
  eventlessReads: number[];
  /**
   * For each code of the eventless region (which must be flat: a compound state of atomic states
   * whose eventless transitions target siblings), its eventless transitions in document order.
   * The engine settles the region by evaluating the machine's own guard trees. Empty without one.
   */
  eventlessSteps: EventlessStep[][];
}

type GuardRef = unknown;

/** The most guards that may read one event type (each has a slot of its own while a step runs). */
export const MAX_LEAVES = 32;

/** The most guards one region's configuration may read on one event type: its move table has 2^that entries. */
export const MAX_REGION_LEAVES = 16;

/** A test of the atoms (as bits) that decides an eventless transition. */
export type AtomTest = (atoms: number) => boolean;

/** One eventless transition of a flat region: its test and the code it moves to. */
export interface EventlessStep {
  test: AtomTest;
  target: number;
}

/** A state value with its keys sorted, as a string: equal values, equal strings. Pure. */
export function canonical(value: StateValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key] as StateValue)}`)
    .join(',')}}`;
}

/** Every value a state node can have below its own key (its configurations). */
function valuesBelow(node: AnyStateNode): StateValue[] {
  const children = Object.values(node.states) as AnyStateNode[];
  for (const child of children) {
    if (child.type === 'history') throw new UnsupportedMachineError(`history state ${child.id}`);
    if (child.type === 'final') throw new UnsupportedMachineError(`final state ${child.id}`);
  }
  if (node.type === 'compound') {
    return children.flatMap((child): StateValue[] => (child.type === 'atomic' ? [child.key] : valuesBelow(child).map((below) => ({ [child.key]: below }))));
  }
  if (node.type === 'parallel') {
    let product: Record<string, StateValue>[] = [{}];
    for (const child of children) {
      if (child.type === 'atomic') throw new UnsupportedMachineError(`atomic child ${child.id} of a parallel state`);
      product = product.flatMap((partial) => valuesBelow(child).map((below) => ({ ...partial, [child.key]: below })));
    }
    return product;
  }
  throw new UnsupportedMachineError(`top-level region ${node.id} is ${node.type}; regions must be compound or parallel`);
}

const target0 = (transition: { target?: readonly AnyStateNode[] | undefined }) => transition.target?.[0];

// The state nodes active when `node` has `value` below it: the node itself and, down the value, its active descendants.
function activeNodes(node: AnyStateNode, value: StateValue | undefined): AnyStateNode[] {
  if (value === undefined) return [node];
  if (typeof value === 'string') {
    const child = node.states[value] as AnyStateNode | undefined;
    return child ? [node, child] : [node];
  }
  return [
    node,
    ...Object.entries(value).flatMap(([key, below]) => (node.states[key] ? activeNodes(node.states[key] as AnyStateNode, below as StateValue) : [])),
  ];
}

function descendants(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(descendants)];
}

function checkNode(node: AnyStateNode): void {
  const what = (list: unknown) => Array.isArray(list) && list.length > 0;
  if (what(node.after)) throw new UnsupportedMachineError(`delayed transitions on ${node.id}`);
  if (what(node.entry) || what(node.exit)) throw new UnsupportedMachineError(`entry or exit actions on ${node.id}`);
  if (what(node.invoke)) throw new UnsupportedMachineError(`invoked actors on ${node.id}`);
  for (const type of node.transitions.keys()) {
    if (type.includes('*') || type.startsWith('xstate.')) throw new UnsupportedMachineError(`transition on "${type}" in ${node.id}`);
  }
}

// A transition must stay inside its region: a target outside it, the region node itself, or a
// re-entering transition on the region node would make xstate exit and re-enter other regions.
function checkTargets(
  transition: { target?: readonly AnyStateNode[] | undefined; reenter?: boolean; source: AnyStateNode },
  region: AnyStateNode,
  what: string,
): void {
  for (const target of transition.target ?? []) {
    if (target.path[0] !== region.key) throw new UnsupportedMachineError(`${what} targets ${target.id}, outside its region`);
    if (target.path.length === 1) throw new UnsupportedMachineError(`${what} targets its own region ${target.id}`);
  }
  if (transition.reenter && transition.source === region) throw new UnsupportedMachineError(`${what} re-enters its region`);
}

/**
 * Reads a machine's regions, atoms and event handling. Throws UnsupportedMachineError for a
 * machine outside what the engine models: a non-parallel root, history or final states,
 * entry/exit actions, invoked actors, delayed or wildcard transitions, transitions that leave or
 * re-enter their region, transitions on the root, eventless transitions anywhere but among the
 * atomic states of one flat region, more than MAX_LEAVES guards reading one event type, or more
 * than MAX_REGION_LEAVES of them read by one region's configuration.
 */
export function readMachineStructure(machine: AnyStateMachine): MachineStructure {
  const root = machine.root;
  if (root.type !== 'parallel') throw new UnsupportedMachineError('the root must be a parallel state');
  checkNode(root);
  if (root.always?.length) throw new UnsupportedMachineError('eventless transitions on the root');
  // xstate skips a parallel root's own transitions whenever a region takes one: a region of its own does what they would.
  for (const type of root.transitions.keys()) throw new UnsupportedMachineError(`the root handles "${type}"; handle it in a region`);

  const regionNodes = Object.values(root.states) as AnyStateNode[];
  const regions: Region[] = regionNodes.map((node) => {
    const values = valuesBelow(node);
    return { key: node.key, values, codes: new Map(values.map((value, code) => [canonical(value), code])), reads: [], eventless: false };
  });
  const guards = new GuardReader(regions, machine.implementations.guards as Record<string, GuardRef>);
  const read = readTransitions(regionNodes, regions, guards);
  for (const entry of read.eventTypes.values()) tabulate(entry, regionNodes, regions);
  const eventlessSteps =
    read.eventlessRegion === null ? [] : readEventlessSteps(regionNodes[read.eventlessRegion] as AnyStateNode, regions[read.eventlessRegion] as Region, guards);
  return {
    regions,
    atoms: guards.atoms,
    eventTypes: new Map([...read.eventTypes].map(([type, { leafSet: _leafSet, nodeTransitions: _nodeTransitions, ...entry }]) => [type, entry])),
    eventlessRegion: read.eventlessRegion,
    eventlessReads: [...read.eventlessAtoms].sort((a, b) => a - b),
    eventlessSteps,
  };
}

/**
 * The machine's guards read as the engine needs them: each split into the stateIn tests (atoms)
 * and the leaf guards it is built from, every distinct one numbered once.
 */
class GuardReader {
  readonly atoms: Atom[] = [];
  private readonly atomIndex = new Map<string, number>();
  private readonly regionIndex: Map<string, number>;
  private readonly leafIndex = new Map<unknown, Map<string, LeafGuard>>();

  constructor(
    private readonly regions: Region[],
    private readonly guards: Record<string, GuardRef>,
  ) {
    this.regionIndex = new Map(regions.map((region, index) => [region.key, index]));
  }

  /** The number of the stateIn test for a state value. */
  atomOf(stateValue: StateValue): number {
    const label = canonical(stateValue);
    const known = this.atomIndex.get(label);
    if (known !== undefined) return known;
    if (typeof stateValue === 'string' || Object.keys(stateValue).length !== 1) {
      throw new UnsupportedMachineError(`stateIn(${JSON.stringify(stateValue)}): give one region as an object`);
    }
    const [key] = Object.keys(stateValue) as [string];
    const region = this.regionIndex.get(key);
    if (region === undefined) throw new UnsupportedMachineError(`stateIn names unknown region "${key}"`);
    const holds = (this.regions[region] as Region).values.map((value) => matchesState(stateValue, { [key]: value }));
    this.atoms.push({ label: `in ${JSON.stringify(stateValue)}`, region, holds });
    if (this.atoms.length > 30) throw new UnsupportedMachineError('more than 30 distinct stateIn tests');
    this.atomIndex.set(label, this.atoms.length - 1);
    return this.atoms.length - 1;
  }

  private leafOf(check: LeafGuard['check'], params: unknown, label: string): LeafGuard {
    const byParams = this.leafIndex.get(check) ?? new Map<string, LeafGuard>();
    this.leafIndex.set(check, byParams);
    const key = JSON.stringify(params) ?? '';
    const existing = byParams.get(key);
    if (existing) return existing;
    const leaf = { label: params === undefined ? label : `${label}(${key})`, check, params };
    byParams.set(key, leaf);
    return leaf;
  }

  // A guard reference (a name, `{ type, params }`, or a function) as the function xstate calls.
  // biome-ignore lint/complexity/noBannedTypes: xstate's guards are any function; it calls them as such
  private resolve(ref: GuardRef): { impl: Function; params: unknown; label: string } {
    if (typeof ref === 'function') return { impl: ref, params: undefined, label: ref.name || 'inline guard' };
    if (typeof ref === 'string' || (typeof ref === 'object' && ref !== null && 'type' in ref)) {
      const label = typeof ref === 'string' ? ref : String((ref as { type: unknown }).type);
      const params = typeof ref === 'object' ? (ref as { params?: unknown }).params : undefined;
      const impl = this.guards[label];
      if (impl === undefined) throw new UnsupportedMachineError(`guard "${label}" is not implemented`);
      if (typeof params === 'function') throw new UnsupportedMachineError(`guard "${label}" has dynamic params`);
      if (typeof impl !== 'function') return this.resolve(impl);
      return { impl, params, label };
    }
    throw new UnsupportedMachineError(`guard ${String(ref)} is neither a name nor a function`);
  }

  /**
   * Splits a guard into the stateIn tests and the leaf guards it is built from; returns the
   * leaves it needs true (those reached through `and` alone).
   */
  walk(ref: GuardRef, out: { atoms: Set<number>; leaves: Set<LeafGuard> }): LeafGuard[] {
    if (ref === undefined) return [];
    const { impl, params, label } = this.resolve(ref);
    if (isBuiltinGuard(impl)) {
      const shape = guardShape(impl);
      if (shape.kind === 'stateIn') out.atoms.add(this.atomOf(shape.stateValue));
      else if (shape.kind === 'custom') throw new UnsupportedMachineError(`built-in guard ${impl.name} is not and/or/not/stateIn`);
      else {
        const needed = shape.parts.map((inner) => this.walk(inner, out));
        return shape.kind === 'and' ? needed.flat() : [];
      }
      return [];
    }
    const leaf = this.leafOf(impl as LeafGuard['check'], params, label);
    out.leaves.add(leaf);
    return [leaf];
  }

  /** The same guard as a test of the atoms, for eventless transitions, which may test states only. */
  test(ref: GuardRef): AtomTest {
    if (ref === undefined) return () => true;
    const { impl } = this.resolve(ref);
    if (!isBuiltinGuard(impl)) throw new UnsupportedMachineError('an eventless transition reads the event or the context');
    const shape = guardShape(impl);
    if (shape.kind === 'stateIn') {
      const bit = 1 << this.atomOf(shape.stateValue);
      return (atoms) => (atoms & bit) !== 0;
    }
    if (shape.kind === 'custom') throw new UnsupportedMachineError(`built-in guard ${impl.name} is not and/or/not/stateIn`);
    const inner = shape.parts.map((part) => this.test(part));
    if (shape.kind === 'and') return (atoms) => inner.every((test) => test(atoms));
    if (shape.kind === 'or') return (atoms) => inner.some((test) => test(atoms));
    if (inner.length === 1) return (atoms) => !(inner[0] as AtomTest)(atoms);
    throw new UnsupportedMachineError(`built-in guard ${impl.name} is not and/or/not/stateIn`);
  }
}

/** An event type's structure while it is read: its leaves as a set, and the transitions each state node offers. */
type EventTypeEntry = EventTypeStructure & {
  leafSet: Set<LeafGuard>;
  nodeTransitions: Map<AnyStateNode, Array<{ needs: LeafGuard[]; reads: LeafGuard[] }>>;
};

// Every transition of every region, by event type, and the one region with eventless transitions.
function readTransitions(regionNodes: AnyStateNode[], regions: Region[], guards: GuardReader) {
  const eventTypes = new Map<string, EventTypeEntry>();
  const typeEntry = (type: string) => {
    let entry = eventTypes.get(type);
    if (!entry) {
      entry = { type, leaves: [], regions: [], codeNeeds: [], codeLeaves: [], leafSet: new Set(), nodeTransitions: new Map() };
      eventTypes.set(type, entry);
    }
    return entry;
  };
  let eventlessRegion: number | null = null;
  const eventlessAtoms = new Set<number>();
  regionNodes.forEach((node, index) => {
    const region = regions[index] as Region;
    const reads = new Set<number>();
    for (const inner of descendants(node)) {
      checkNode(inner);
      for (const [type, list] of inner.transitions) {
        const entry = typeEntry(type);
        if (!entry.regions.includes(index)) entry.regions.push(index);
        for (const transition of list) {
          checkTargets(transition, node, `${inner.id} on "${type}"`);
          const own = new Set<LeafGuard>();
          const needed = guards.walk(transition.guard, { atoms: reads, leaves: own });
          for (const leaf of own) entry.leafSet.add(leaf);
          const byNode = entry.nodeTransitions.get(inner) ?? [];
          entry.nodeTransitions.set(inner, byNode);
          byNode.push({ needs: needed, reads: [...own] });
        }
      }
      for (const transition of inner.always ?? []) {
        if (eventlessRegion !== null && eventlessRegion !== index) throw new UnsupportedMachineError('eventless transitions in more than one region');
        eventlessRegion = index;
        region.eventless = true;
        checkTargets(transition, node, `the eventless transition of ${inner.id}`);
        if (transition.actions.length > 0) throw new UnsupportedMachineError(`eventless transition of ${inner.id} has actions`);
        const leaves = new Set<LeafGuard>();
        guards.walk(transition.guard, { atoms: eventlessAtoms, leaves });
        if (leaves.size > 0) throw new UnsupportedMachineError(`eventless transition of ${inner.id} reads the event or the context`);
      }
    }
    region.reads = [...reads].sort((a, b) => a - b);
  });
  return { eventTypes, eventlessRegion: eventlessRegion as number | null, eventlessAtoms };
}

// An event type's tables: for each region it moves and each of that region's values, the leaves
// its transitions need and read. A region's move table has an entry per combination of its
// guards' results: 2^leaves at most.
function tabulate(entry: EventTypeEntry, regionNodes: AnyStateNode[], regions: Region[]): void {
  entry.leaves = [...entry.leafSet];
  if (entry.leaves.length > MAX_LEAVES) throw new UnsupportedMachineError(`more than ${MAX_LEAVES} guards read "${entry.type}" events`);
  entry.regions.sort((a, b) => a - b);
  const indexOf = (leaf: LeafGuard) => entry.leaves.indexOf(leaf);
  const offered = entry.regions.map((region) =>
    (regions[region] as Region).values.map((value) =>
      activeNodes(regionNodes[region] as AnyStateNode, value).flatMap((active) => entry.nodeTransitions.get(active) ?? []),
    ),
  );
  entry.codeNeeds = offered.map((codes) => codes.map((transitions) => transitions.map((transition) => transition.needs.map(indexOf))));
  entry.codeLeaves = offered.map((codes) =>
    codes.map((transitions) => [...new Set(transitions.flatMap((transition) => transition.reads.map(indexOf)))].sort((a, b) => a - b)),
  );
  entry.codeLeaves.forEach((codes, position) => {
    if (codes.some((leaves) => leaves.length > MAX_REGION_LEAVES)) {
      throw new UnsupportedMachineError(
        `more than ${MAX_REGION_LEAVES} guards read "${entry.type}" events in region "${(regions[entry.regions[position] as number] as Region).key}"`,
      );
    }
  });
}

// The eventless steps of the one region that has them, from each of its values: only between the
// atomic states of one flat region, each a test of the atoms and a target.
function readEventlessSteps(node: AnyStateNode, region: Region, guards: GuardReader): EventlessStep[][] {
  const children = Object.values(node.states) as AnyStateNode[];
  const flat = node.type === 'compound' && !node.always?.length && children.every((child) => child.type === 'atomic');
  const sibling = (target: AnyStateNode) => region.codes.get(canonical(target.key));
  if (
    !flat ||
    !children.every((child) => (child.always ?? []).every((transition) => transition.target?.length === 1 && target0(transition)?.parent === node))
  ) {
    throw new UnsupportedMachineError(`eventless transitions in ${node.id}: only between the atomic states of one flat region`);
  }
  return region.values.map((value) => {
    const child = node.states[value as string] as AnyStateNode;
    return (child.always ?? []).map((transition) => ({
      test: guards.test(transition.guard),
      target: sibling(target0(transition) as AnyStateNode) as number,
    }));
  });
}
