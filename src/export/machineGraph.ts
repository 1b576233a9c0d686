import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { type DirectedGraphNode, toDirectedGraph } from 'xstate/graph';
import { guardShape } from '../fences/xstateInternals.js';
import { guardLabel, relationshipMachine } from '../machine/relationshipMachine.js';

/** One state of the statechart, as the exporters and the viewer draw it. */
export interface GraphState {
  /** Full id, e.g. `thaw.ministerial.link.open.quiet`. */
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Id of the initial child of a compound state. */
  initial?: string;
  children: GraphState[];
}

/** One transition: from a state to a target on an event (`''` for an eventless one), under a guard. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  event: string;
  guard?: string;
  /** A targetless transition: it runs actions (or explains) without leaving the state. */
  internal: boolean;
}

/** The whole statechart as plain data: its state tree and every transition. */
export interface MachineGraph {
  root: GraphState;
  edges: GraphEdge[];
}

type GuardLike = string | { type?: string } | ((...args: never[]) => unknown) | undefined;

/** A guard as text: `isAbout`, `and(not(noChannelEverSuspended), ministerialContactLive)`. Pure. */
export function guardText(guard: GuardLike): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  const label = guardLabel(guard);
  if (label !== undefined) return label;
  if (typeof guard === 'function') {
    const shape = guardShape(guard);
    if (shape.kind === 'stateIn') return `in ${typeof shape.stateValue === 'string' ? shape.stateValue : dottedValue(shape.stateValue)}`;
    if (shape.kind !== 'custom') return `${shape.kind}(${shape.parts.map((part) => guardText(part as GuardLike)).join(', ')})`;
    return guard.name || 'guard';
  }
  return guard.type ?? 'guard';
}

// `{ phase: 'normal' }` → `phase.normal`: a state value as the path it names (one branch each).
function dottedValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${key}.${dottedValue(inner)}`;
}

function toState(node: DirectedGraphNode): GraphState {
  const stateNode = node.stateNode as AnyStateNode;
  const initial = stateNode.type === 'compound' ? stateNode.initial?.target?.[0]?.id : undefined;
  return {
    id: node.id,
    key: stateNode.key,
    type: stateNode.type,
    ...(initial ? { initial } : {}),
    children: node.children.map(toState),
  };
}

/**
 * The machine's diagram as plain data, derived from xstate's `toDirectedGraph()` plus the
 * eventless (`always`) transitions it leaves out. Pure.
 */
export function machineGraph(machine: AnyStateMachine = relationshipMachine): MachineGraph {
  const edges: GraphEdge[] = [];
  const collect = (node: DirectedGraphNode) => {
    const stateNode = node.stateNode as AnyStateNode;
    for (const edge of node.edges) {
      const guard = guardText(edge.transition.guard as GuardLike);
      edges.push({
        id: edge.id,
        source: edge.source.id,
        target: edge.target.id,
        event: edge.transition.eventType,
        ...(guard ? { guard } : {}),
        internal: !edge.transition.target,
      });
    }
    stateNode.always?.forEach((transition, index) => {
      for (const target of transition.target ?? []) {
        const guard = guardText(transition.guard as GuardLike);
        edges.push({ id: `${stateNode.id}:always:${index}`, source: stateNode.id, target: target.id, event: '', ...(guard ? { guard } : {}), internal: false });
      }
    });
    node.children.forEach(collect);
  };
  const graph = toDirectedGraph(machine);
  collect(graph);
  return { root: toState(graph), edges };
}

/** Every state of the tree, depth first, the root included. Pure. */
export function allStates(root: GraphState): GraphState[] {
  return [root, ...root.children.flatMap(allStates)];
}

/** A transition drawn between two children of one composite state (see `localEdges`). */
export interface LocalEdge {
  /** The composite both ends belong to. */
  parent: string;
  source: string;
  target: string;
  label: string;
  /** The transition this drawing stands for. */
  edge: GraphEdge;
}

const isWithin = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`);

/** `event [guard]`, or `always [guard]` for an eventless transition. Pure. */
export const edgeLabel = (edge: GraphEdge) => `${edge.event || 'always'}${edge.guard ? ` [${edge.guard}]` : ''}`;

/**
 * The transitions that change state, each drawn between children of the deepest state holding
 * both ends, as diagram tools that keep edges inside one composite need: `suspended →
 * reopened.contactHeld` becomes `suspended → reopened`, and a transition from a composite into
 * one of its own substates is drawn from each sibling substate. Targetless transitions are left
 * out, and transitions with the same ends and guard are drawn once (see `mergeLabels`). Pure.
 */
export function localEdges(graph: MachineGraph): LocalEdge[] {
  const byId = new Map(allStates(graph.root).map((state) => [state.id, state]));
  const childToward = (parent: GraphState, id: string) => parent.children.find((child) => isWithin(id, child.id));
  const out: LocalEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.internal || edge.source === edge.target) continue;
    const a = edge.source.split('.');
    const b = edge.target.split('.');
    let length = 0;
    while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
    const ancestor = byId.get(a.slice(0, length).join('.'));
    const to = ancestor && childToward(ancestor, edge.target);
    if (!ancestor || !to) continue;
    const sources = ancestor.id === edge.source ? ancestor.children.filter((child) => child !== to) : [childToward(ancestor, edge.source)];
    for (const from of sources) {
      if (from) out.push({ parent: ancestor.id, source: from.id, target: to.id, label: edgeLabel(edge), edge });
    }
  }
  return mergeLabels(out, eventTypesOf(graph));
}

/** Every event type some transition of the graph is taken on. Pure. */
export function eventTypesOf(graph: MachineGraph): Set<string> {
  return new Set(graph.edges.map((edge) => edge.event).filter(Boolean));
}

/**
 * Drawn edges with the same ends, merged into one: those with the same guard as one part whose
 * label lists their events, or says `any event` when they cover every event type (a request
 * lapses on any event dated after its meeting), and the parts joined by ` / `. Without it the
 * diagram is too long for Mermaid to draw. Pure.
 */
export function mergeLabels<T extends { source: string; target: string; edge: GraphEdge; label: string }>(edges: T[], allEvents: ReadonlySet<string>): T[] {
  const groups = new Map<string, Map<string, T[]>>();
  for (const edge of edges) {
    const ends = `${edge.source}\n${edge.target}\n${edge.edge.event === '' ? 'always' : ''}`;
    const byGuard = groups.get(ends) ?? new Map<string, T[]>();
    groups.set(ends, byGuard);
    const guard = edge.edge.guard ?? '';
    byGuard.set(guard, [...(byGuard.get(guard) ?? []), edge]);
  }
  return [...groups.values()].map((byGuard) => {
    const parts = [...byGuard.values()].map((group) => {
      const first = group[0] as T;
      if (group.length === 1) return first.label;
      const events = [...new Set(group.map((edge) => edge.edge.event))];
      const every = allEvents.size > 1 && [...allEvents].every((event) => events.includes(event));
      return `${every ? 'any event' : events.join(', ')}${first.edge.guard ? ` [${first.edge.guard}]` : ''}`;
    });
    const first = [...byGuard.values()][0]?.[0] as T;
    return parts.length === 1 && byGuard.size === 1 && ([...byGuard.values()][0]?.length ?? 0) === 1 ? first : { ...first, label: parts.join(' / ') };
  });
}
