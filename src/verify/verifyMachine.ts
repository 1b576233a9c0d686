// `thaw verify`: every state the relationship machine can reach, checked against the invariants,
// for declared states never reached, and for traps (states the relationship cannot get out of).
import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';
import { compileRelationshipMachine, engineView, relationshipEngine, type RelationshipEngine, type RelationshipEngineState } from '../engine/relationshipEngine.js';
import type { RelationshipMachine } from '../machine/relationshipMachine.js';
import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, OFFICES, SIDES, type Channel } from '../vocabulary/channels.js';
import { CONTACT_MODES, INCIDENT_KINDS, PROVOCATION_KINDS, type RelationshipEvent } from '../vocabulary/events.js';
import { STATE_INVARIANTS, STEP_INVARIANTS } from './invariants.js';
import { canReach, pathTo, searchStateSpace, type StateGraph } from './stateSpace.js';

/** What to verify. */
export interface VerifyOptions {
  /** The machine (default: the relationship machine); tests pass broken variants. */
  machine?: RelationshipMachine;
  /** Names the official and sanctions events use (default: three, enough for every guard outcome). */
  names?: readonly string[];
  /** Channel sets to explore, one search each (default: the ministerial channel with each other channel). */
  scopes?: readonly (readonly Channel[])[];
  /** Called after each search. */
  onScope?: (scope: ScopeReport) => void;
}

/** One search: the channels whose events it used, and what it found. */
export interface ScopeReport {
  channels: Channel[];
  /** Distinct events tried from every state. */
  events: number;
  /** Reachable states (dates, counters and who suspended a channel are left out of a state's identity). */
  states: number;
  /** Steps tried: states × events. */
  steps: number;
  /** Steps that lead to a different state. */
  transitions: number;
}

/** A rule broken, with the shortest way to break it. */
export interface Violation {
  kind: 'invariant' | 'step' | 'trap';
  id: string;
  rule: string;
  /** The events from the initial state to the state that breaks the rule (for a step rule, the step's event is the last). */
  path: RelationshipEvent[];
  /** The state reached by `path`. */
  state: RelationshipState;
  scope: Channel[];
}

/** The verdict. */
export interface VerifyReport {
  scopes: ScopeReport[];
  totals: { states: number; steps: number; transitions: number };
  /**
   * Every state node the machine declares; those in channels no search covered (when the scopes
   * leave some out); and, of the rest, those no search reached.
   */
  declared: { total: number; notSearched: number; unreached: string[] };
  rules: { invariants: string[]; steps: string[]; traps: string[] };
  names: string[];
  violations: Violation[];
  clean: boolean;
}

const DEFAULT_NAMES = ['Wei Fenghe', 'Li Shangfu', 'Dong Jun'];
// Dates never affect a transition, so every event carries the same one.
const DATE = '2024-01';

/** Every event the search tries, over the given channels and names. Pure. */
export function verificationAlphabet(channels: readonly Channel[], names: readonly string[]): RelationshipEvent[] {
  const events: RelationshipEvent[] = [];
  for (const channel of channels) {
    for (const mode of CONTACT_MODES) events.push({ type: 'contact.held', channel, mode, date: DATE });
    for (const by of SIDES) {
      for (const type of ['channel.suspended', 'channel.restored', 'meeting.requested', 'meeting.declined', 'meeting.accepted'] as const) {
        events.push({ type, channel, by, date: DATE });
      }
    }
  }
  for (const name of names) {
    for (const office of OFFICES) {
      events.push({ type: 'official.appointed', office, name, date: DATE }, { type: 'official.removed', office, name, date: DATE });
    }
    events.push({ type: 'sanctions.imposed', name, date: DATE }, { type: 'sanctions.lifted', name, date: DATE });
  }
  events.push({ type: 'leaders.agreedToResume', date: DATE });
  for (const kind of INCIDENT_KINDS) events.push({ type: 'incident', kind, date: DATE });
  for (const kind of PROVOCATION_KINDS) events.push({ type: 'provocation', kind, actor: 'an official', date: DATE });
  return events;
}

/** The ministerial channel with each other channel in turn. */
export const DEFAULT_SCOPES: Channel[][] = CHANNELS.filter((channel) => channel !== 'ministerial').map((channel) => ['ministerial', channel]);

// What a state is, for the search: its regions, who holds the seat, who is sanctioned, and which
// channels record a suspending side. Dates, counters and which side suspended never decide a
// transition, so leaving them out merges states without changing what can happen next. The key is
// a number (mixed radix), because the search computes one per step.
function stateKey(engine: RelationshipEngine, names: readonly string[]): (state: RelationshipEngineState) => number {
  const sizes = engine.structure.regions.map((region) => region.values.length);
  const room = sizes.reduce((product, size) => product * size, 1) * (names.length + 1) * 2 ** names.length * 2 ** CHANNELS.length;
  if (!Number.isSafeInteger(room)) throw new RangeError(`too many names (${names.length}) for the state key`);
  const nameIndex = (name: string) => {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`verify: "${name}" is not one of the names it searches with`);
    return index;
  };
  return (state) => {
    let key = 0;
    const { codes } = state;
    for (let region = 0; region < codes.length; region += 1) key = key * (sizes[region] as number) + (codes[region] as number);
    const { context } = state;
    key = key * (names.length + 1) + (context.seat.holder === null ? 0 : nameIndex(context.seat.holder) + 1);
    let sanctioned = 0;
    for (const name of context.sanctioned) sanctioned |= 1 << nameIndex(name);
    key = key * 2 ** names.length + sanctioned;
    for (const channel of CHANNELS) key = key * 2 + (context.suspendedBy[channel] === null ? 0 : 1);
    return key;
  };
}

function statePaths(prefix: string, value: StateValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [`${prefix}.${value}`];
  return Object.entries(value).flatMap(([key, below]) => [`${prefix}.${key}`, ...statePaths(`${prefix}.${key}`, below)]);
}

function declaredStates(machine: AnyStateMachine): string[] {
  const walk = (node: AnyStateNode): string[] => (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child.path.join('.'), ...walk(child)]);
  return walk(machine.root);
}

/** The trap rules: from every reachable state, these must stay reachable. */
function trapRules(channels: readonly Channel[]): { id: string; rule: string; goal: (state: RelationshipState) => boolean }[] {
  return [
    {
      id: 'can-resume',
      rule: 'from every state, some sequence of events leads to "ministerial contact resumed"',
      goal: (state) => state.phase === 'ministerialResumed',
    },
    ...channels.map((channel) => ({
      id: `can-reopen-${channel}`,
      rule: `from every state, some sequence of events reopens the ${channel} channel`,
      goal: (state: RelationshipState) => state.channels[channel].link !== 'suspended',
    })),
  ];
}

/**
 * Explores the machine's reachable states and checks them. The full product of seven channel
 * regions is far too large to list (20^7 channel configurations), and the channels other than
 * the ministerial one are built alike and read nothing of each other, so each search takes the
 * ministerial channel with one other: together the searches reach every declared state.
 */
export function verifyMachine(options: VerifyOptions = {}): VerifyReport {
  const engine: RelationshipEngine = options.machine ? compileRelationshipMachine(options.machine) : relationshipEngine();
  const names = [...(options.names ?? DEFAULT_NAMES)];
  const scopes = (options.scopes ?? DEFAULT_SCOPES).map((scope) => [...scope]);
  const { regions } = engine.structure;
  const reachedCodes = regions.map((region) => new Uint8Array(region.values.length));
  const found = new Map<string, Violation>();
  const keep = (violation: Violation) => {
    const known = found.get(violation.id);
    if (!known || violation.path.length < known.path.length) found.set(violation.id, violation);
  };
  const reports: ScopeReport[] = [];
  const keyOf = stateKey(engine, names);

  for (const channels of scopes) {
    const alphabet = verificationAlphabet(channels, names);
    const graph = searchStateSpace(engine, engine.initialState(), alphabet, keyOf);
    const views = graph.states.map((state) => engineView(state, engine));
    const path = (state: number, last?: number) => [...pathTo(graph, state), ...(last === undefined ? [] : [last])].map((index) => alphabet[index] as RelationshipEvent);

    for (const state of graph.states) state.codes.forEach((code, region) => ((reachedCodes[region] as Uint8Array)[code] = 1));
    views.forEach((view, state) => {
      for (const invariant of STATE_INVARIANTS) {
        if (!invariant.holds(view)) keep({ kind: 'invariant', id: invariant.id, rule: invariant.rule, path: path(state), state: view, scope: channels });
      }
    });
    let transitions = 0;
    graph.from.forEach((source, step) => {
      const target = graph.to[step] as number;
      if (target === source) return;
      transitions += 1;
      for (const invariant of STEP_INVARIANTS) {
        if (!invariant.holds(views[source] as RelationshipState, views[target] as RelationshipState)) {
          keep({ kind: 'step', id: invariant.id, rule: invariant.rule, path: path(source, graph.event[step]), state: views[target] as RelationshipState, scope: channels });
        }
      }
    });
    for (const trap of trapRules(channels)) {
      const escapes = canReach(graph as StateGraph<unknown>, (state) => trap.goal(views[state] as RelationshipState));
      const trapped = escapes.indexOf(0);
      if (trapped >= 0) keep({ kind: 'trap', id: trap.id, rule: trap.rule, path: path(trapped), state: views[trapped] as RelationshipState, scope: channels });
    }
    const report = { channels, events: alphabet.length, states: graph.states.length, steps: graph.from.length, transitions };
    reports.push(report);
    options.onScope?.(report);
  }

  const reached = new Set(regions.flatMap((region, index) => region.values.filter((_, code) => (reachedCodes[index] as Uint8Array)[code]).flatMap((value) => [region.key, ...statePaths(region.key, value)])));
  const declared = declaredStates(engine.machine);
  const searched = new Set<string>(scopes.flat());
  const outside = (path: string) => {
    const region = path.split('.')[0] as string;
    return (CHANNELS as readonly string[]).includes(region) && !searched.has(region);
  };
  const unreached = declared.filter((path) => !outside(path) && !reached.has(path));
  const violations = [...found.values()];
  return {
    scopes: reports,
    totals: {
      states: reports.reduce((sum, report) => sum + report.states, 0),
      steps: reports.reduce((sum, report) => sum + report.steps, 0),
      transitions: reports.reduce((sum, report) => sum + report.transitions, 0),
    },
    declared: { total: declared.length, notSearched: declared.filter(outside).length, unreached },
    rules: {
      invariants: STATE_INVARIANTS.map((invariant) => invariant.id),
      steps: STEP_INVARIANTS.map((invariant) => invariant.id),
      traps: [...new Set(scopes.flatMap((channels) => trapRules(channels).map((trap) => trap.id)))],
    },
    names,
    violations,
    clean: violations.length === 0 && unreached.length === 0,
  };
}
