// `thaw verify`: every state the relationship machine can reach, checked against the invariants,
// for declared states never reached, and for traps (states the relationship cannot get out of).
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { UnsupportedMachineError } from '../engine/machineStructure.js';
import {
  compileRelationshipMachine,
  engineView,
  type RelationshipEngine,
  type RelationshipEngineState,
  relationshipEngine,
} from '../engine/relationshipEngine.js';
import type { RelationshipMachine } from '../machine/relationshipMachine.js';
import { activeStateIds } from '../machine/stateIds.js';
import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, type Channel, OFFICE_TABLE, OFFICES, type Office, officesOf } from '../vocabulary/channels.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { unkeptContextReads } from './contextReads.js';
import { STATE_INVARIANTS, STEP_INVARIANTS } from './invariants.js';
import { ONE_WAY_DOORS } from './oneWayDoors.js';
import { defaultScopes, SEARCH_NAMES, type SearchScope } from './scopes.js';
import { canReach, pathTo, reverseIndex, type StateGraph, searchStateSpace } from './stateSpace.js';

/** What to verify. */
export interface VerifyOptions {
  /**
   * The machine (default: the relationship machine); tests pass broken variants. The state key
   * leaves out dates, counters and which side suspended a channel, which is sound only for
   * variants whose guards do not read them either.
   */
  machine?: RelationshipMachine;
  /** The searches to run (default: `defaultScopes()`). */
  scopes?: readonly SearchScope[];
  /** Called after each search. */
  onScope?: (scope: ScopeReport) => void;
}

/** What one search found. */
export interface ScopeReport {
  name: string;
  channels: Channel[];
  /** Distinct events tried from every state. */
  events: number;
  /** Reachable states (dates, counters and which side suspended a channel are left out of a state's identity). */
  states: number;
  /** Steps tried: states × events. */
  steps: number;
  /** Steps that lead to a different state. */
  transitions: number;
}

/** A rule broken, with the shortest way to break it. */
export interface Violation {
  kind: 'structure' | 'invariant' | 'step' | 'trap';
  id: string;
  rule: string;
  /** The events from the initial state to the state that breaks the rule (for a step rule, the step's event is the last; empty for a structure rule). */
  path: RelationshipEvent[];
  /** The state reached by `path`. */
  state: RelationshipState;
  /** The search that found it. */
  scope: string;
}

/** The verdict. */
export interface VerifyReport {
  scopes: ScopeReport[];
  /** States: distinct over all searches; steps and transitions: summed. */
  totals: { states: number; steps: number; transitions: number };
  /**
   * Every state node the machine declares; those in channels no search tries every event on
   * (when the scopes leave some out); and, of the rest, those no search reached.
   */
  declared: { total: number; notSearched: number; unreached: string[] };
  rules: { structure: string[]; invariants: string[]; steps: string[]; doors: string[] };
  names: string[];
  violations: Violation[];
  clean: boolean;
}

// What a state is, for the search: its regions, each office's holder, who is sanctioned, and per
// channel whether it records a suspending side, a refusing side and a meeting date. Contact dates,
// counters and the sides themselves decide no transition (the 'guards-read-kept-context' rule
// checks it), so leaving them out merges states without changing what can happen next. The key
// is a short string: one character per region and per recorded fact.
function stateKey(names: readonly string[]): (state: RelationshipEngineState) => string {
  const nameCode = (name: string | null) => {
    if (name === null) return 0;
    const index = names.indexOf(name);
    if (index < 0) throw new UnsupportedMachineError(`verify: the machine reached the name "${name}", which is not one of the names it searches with`);
    return index + 1;
  };
  return (state) => {
    const { context } = state;
    let key = String.fromCharCode(...state.codes);
    for (const office of OFFICES) key += String.fromCharCode(nameCode(context.offices[office].holder));
    let sanctioned = 0;
    for (const name of context.sanctioned) sanctioned |= 1 << (nameCode(name) - 1);
    key += String.fromCharCode(sanctioned);
    for (const channel of CHANNELS) {
      const record = context.channels[channel];
      key += String.fromCharCode((record.suspendedBy === null ? 0 : 1) | (record.refusedBy === null ? 0 : 2) | (record.requestFor === null ? 0 : 4));
    }
    return key;
  };
}

function declaredStates(machine: AnyStateMachine): string[] {
  const walk = (node: AnyStateNode): string[] => (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child.path.join('.'), ...walk(child)]);
  return walk(machine.root);
}

const STRUCTURE_RULES = {
  'guards-read-kept-context':
    'guard functions read of the context only office holders, the sanctions list and whether a request names a meeting date, which the state key keeps, and the date of the last contact, which decides nothing in a search of one date',
  'channels-independent': "no region but the phase tests a channel's states, except the channel itself, so channels meet only in the phase",
  'channel-reads-own-offices': "a channel's guards test no region but its own, its own offices and the phase, which the channel's own search moves",
  'phase-covered': "every way a channel can look to the phase in the channel's own search is met in the search of every channel at once",
} as const;

/** Collects violations, keeping the one with the shortest path for each rule. */
class Findings {
  private readonly found = new Map<string, Violation>();

  constructor(private readonly initialView: RelationshipState) {}

  keep(violation: Violation): void {
    const known = this.found.get(violation.id);
    if (!known || violation.path.length < known.path.length) this.found.set(violation.id, violation);
  }

  /** A structure rule broken: no path, shown on the initial state. */
  structure(id: string, rule: keyof typeof STRUCTURE_RULES, detail: string, scope = 'structure', state = this.initialView): void {
    this.keep({ kind: 'structure', id, rule: `${STRUCTURE_RULES[rule]}; ${detail}`, path: [], state, scope });
  }

  all(): Violation[] {
    return [...this.found.values()];
  }
}

/** What every pass may read: the compiled machine and where its channels are. */
interface VerifyContext {
  engine: RelationshipEngine;
  channelRegions: number[];
  findings: Findings;
}

/** One search's graph, with a view of each state and the way to it. */
interface SearchedScope {
  scope: SearchScope;
  graph: StateGraph<RelationshipEngineState['context']>;
  views: RelationshipState[];
  path: (state: number, last?: number) => RelationshipEvent[];
}

// Pass: the split into searches relies on channels meeting only in the phase, and on each
// channel's guards testing nothing its own search leaves still.
function checkRegionIndependence({ engine, channelRegions, findings }: VerifyContext): void {
  const { regions, atoms, eventlessRegion } = engine.structure;
  for (const region of regions.keys()) {
    if (region === eventlessRegion) continue;
    const key = regions[region]?.key as string;
    const tested = [...new Set((regions[region]?.reads ?? []).map((atom) => atoms[atom]?.region as number))];
    const foreign = tested.filter((other) => other !== region && channelRegions.includes(other));
    if (foreign.length > 0)
      findings.structure(`channels-independent:${key}`, 'channels-independent', `${key} tests ${foreign.map((other) => regions[other]?.key).join(', ')}`);
    if (channelRegions.includes(region)) {
      const own = new Set<string>([key, ...officesOf(key as Channel)]);
      // The phase: a channel reopened in one freeze is open again when the next begins.
      const outside = tested.filter((other) => !own.has(regions[other]?.key as string) && !channelRegions.includes(other) && other !== eventlessRegion);
      if (outside.length > 0)
        findings.structure(
          `channel-reads-own-offices:${key}`,
          'channel-reads-own-offices',
          `${key} tests ${outside.map((other) => regions[other]?.key).join(', ')}`,
        );
    }
  }
}

// Pass: every state invariant on every state reached.
function checkStateInvariants({ findings }: VerifyContext, { scope, views, path }: SearchedScope): void {
  views.forEach((view, state) => {
    for (const invariant of STATE_INVARIANTS) {
      if (!invariant.holds(view))
        findings.keep({ kind: 'invariant', id: invariant.id, rule: invariant.rule, path: path(state), state: view, scope: scope.name });
    }
  });
}

// Pass: every step rule on every step that changes the state; returns how many did.
function checkStepInvariants({ findings }: VerifyContext, { scope, graph, views, path }: SearchedScope): number {
  let transitions = 0;
  graph.from.forEach((source, step) => {
    const target = graph.to[step] as number;
    if (target === source) return;
    transitions += 1;
    for (const invariant of STEP_INVARIANTS) {
      if (
        !invariant.holds(
          views[source] as RelationshipState,
          views[target] as RelationshipState,
          scope.alphabet[graph.event[step] as number] as RelationshipEvent,
        )
      ) {
        findings.keep({
          kind: 'step',
          id: invariant.id,
          rule: invariant.rule,
          path: path(source, graph.event[step]),
          state: views[target] as RelationshipState,
          scope: scope.name,
        });
      }
    }
  });
  return transitions;
}

// Pass: states the key merges must look alike to every guard, so what guards read of the
// context must be what the key keeps: checked on every state the search meets.
function checkGuardReads({ engine, findings }: VerifyContext, { scope, graph }: SearchedScope): void {
  const unkept = unkeptContextReads(engine, graph.states, scope.alphabet);
  if (unkept.length > 0) findings.structure('guards-read-kept-context', 'guards-read-kept-context', `they also read ${unkept.join(', ')}`, scope.name);
}

// Pass: every state node this search reaches stays reachable from every state, but for the
// documented one-way doors. A search whose alphabet leaves a channel's or an office's events out
// cannot speak for its traps.
function checkTraps({ engine, findings }: VerifyContext, { scope, graph, views, path }: SearchedScope, nodesOf: string[][][], scopeCodes: Uint8Array[]): void {
  const covered = new Set<string>(scope.covers.flatMap((channel) => [channel, ...officesOf(channel)]));
  const judged = (key: string) => covered.has(key) || !((CHANNELS as readonly string[]).includes(key) || (OFFICES as readonly string[]).includes(key));
  const reverse = reverseIndex(graph);
  engine.structure.regions.forEach((region, index) => {
    if (!judged(region.key)) return;
    const nodes = new Set((nodesOf[index] ?? []).flatMap((paths, code) => ((scopeCodes[index] as Uint8Array)[code] ? paths : [])));
    for (const node of nodes) {
      const holds = (nodesOf[index] ?? []).map((paths) => paths.includes(node));
      const goal = (state: number) => holds[(graph.states[state] as RelationshipEngineState).codes[index] as number] === true;
      if (graph.states.every((_, state) => goal(state))) continue;
      const reach = canReach(reverse, goal);
      const doors = ONE_WAY_DOORS.filter((door) => door.closes(node));
      const trapped = views.findIndex((view, state) => !reach[state] && !doors.some((door) => door.passed(view)));
      if (trapped >= 0) {
        findings.keep({
          kind: 'trap',
          id: `stays-reachable:${node}`,
          rule: `from every state, "${node}" can be reached again (but for the one-way doors)`,
          path: path(trapped),
          state: views[trapped] as RelationshipState,
          scope: scope.name,
        });
      }
    }
  });
}

/**
 * What each channel looks like to the phase, next to whatever else the phase reads: gathered in
 * each channel's own search and in the search of every channel at once, then compared (pass
 * `check`): the joint search must meet every combination the channel's own search met.
 */
class PhaseCoverage {
  private readonly signature: string[][];
  private readonly beside: number[];
  private readonly inOwnSearch: Map<number, Map<string, RelationshipEngineState>>;
  private readonly inAllChannels: Map<number, Set<string>>;

  constructor(private readonly context: VerifyContext) {
    const { regions, atoms, eventlessReads } = context.engine.structure;
    this.signature = regions.map((_, region) =>
      (regions[region]?.values ?? []).map((_value, code) =>
        eventlessReads
          .filter((atom) => atoms[atom]?.region === region)
          .map((atom) => (atoms[atom]?.holds[code] ? '1' : '0'))
          .join(''),
      ),
    );
    this.beside = [...new Set(eventlessReads.map((atom) => atoms[atom]?.region as number))].filter((region) => !context.channelRegions.includes(region));
    this.inOwnSearch = new Map(context.channelRegions.map((region) => [region, new Map()]));
    this.inAllChannels = new Map(context.channelRegions.map((region) => [region, new Set()]));
  }

  private key(state: RelationshipEngineState, region: number): string {
    return [this.signature[region]?.[state.codes[region] as number], ...this.beside.map((other) => state.codes[other])].join('|');
  }

  /** Notes what one search met. */
  gather({ scope, graph }: SearchedScope): void {
    const { regions } = this.context.engine.structure;
    const covered = this.context.channelRegions.filter((region) => scope.covers.includes(regions[region]?.key as Channel));
    const everyChannel = scope.channels.length === CHANNELS.length;
    for (const state of graph.states) {
      for (const region of covered) {
        const seen = this.inOwnSearch.get(region) as Map<string, RelationshipEngineState>;
        const key = this.key(state, region);
        if (!seen.has(key)) seen.set(key, state);
      }
      if (everyChannel) for (const region of this.context.channelRegions) (this.inAllChannels.get(region) as Set<string>).add(this.key(state, region));
    }
  }

  /** Pass: reports each channel whose own search met a combination the joint one did not. */
  check(scopes: readonly SearchScope[]): void {
    const { engine, findings, channelRegions } = this.context;
    if (engine.structure.eventlessRegion === null || scopes.length === 0) return;
    if (!scopes.some((scope) => scope.channels.length === CHANNELS.length))
      findings.structure('phase-covered', 'phase-covered', 'no search moves every channel at once');
    const { regions } = engine.structure;
    for (const region of channelRegions) {
      const all = this.inAllChannels.get(region) as Set<string>;
      const missed = [...(this.inOwnSearch.get(region) as Map<string, RelationshipEngineState>)].filter(([key]) => !all.has(key));
      const [, example] = missed[0] ?? [];
      if (example && all.size > 0) {
        const view = engineView(example, engine);
        const key = regions[region]?.key as Channel;
        findings.structure(
          `phase-covered:${key}`,
          'phase-covered',
          `${missed.length} combination(s) missed, e.g. ${key} ${view.channels[key].link}`,
          'structure',
          view,
        );
      }
    }
  }
}

/**
 * Explores the machine's reachable states and checks them. Seven channel regions of 30
 * configurations each are far too many to list together, so the default searches are each
 * channel on its own, with its offices, under every event, and every channel at once under the
 * events that move links (what the phase reads of them); the structure rules check the
 * assumptions that split rests on. The checks are named passes, run on each search's graph.
 */
export function verifyMachine(options: VerifyOptions = {}): VerifyReport {
  const engine: RelationshipEngine = options.machine ? compileRelationshipMachine(options.machine) : relationshipEngine();
  const scopes = options.scopes ?? defaultScopes();
  const names = [...SEARCH_NAMES];
  const { regions } = engine.structure;
  const regionIndex = new Map(regions.map((region, index) => [region.key, index]));
  const context: VerifyContext = {
    engine,
    channelRegions: CHANNELS.map((channel) => regionIndex.get(channel) as number),
    findings: new Findings(engineView(engine.initialState(), engine)),
  };
  checkRegionIndependence(context);
  const coverage = new PhaseCoverage(context);

  // Which nodes each region's configurations activate, for coverage and traps.
  const nodesOf = regions.map((region) => region.values.map((value) => activeStateIds(value, region.key)));
  const reachedCodes = regions.map((region) => new Uint8Array(region.values.length));
  const keyOf = stateKey(names);
  const distinct = new Set<string>();
  const reports: ScopeReport[] = [];

  for (const scope of scopes) {
    const graph = searchStateSpace(engine, engine.initialState(), scope.alphabet, keyOf);
    const searched: SearchedScope = {
      scope,
      graph,
      views: graph.states.map((state) => engineView(state, engine)),
      path: (state, last) => [...pathTo(graph, state), ...(last === undefined ? [] : [last])].map((index) => scope.alphabet[index] as RelationshipEvent),
    };
    const scopeCodes = regions.map((region) => new Uint8Array(region.values.length));
    for (const state of graph.states) {
      distinct.add(keyOf(state));
      state.codes.forEach((code, region) => {
        (reachedCodes[region] as Uint8Array)[code] = 1;
        (scopeCodes[region] as Uint8Array)[code] = 1;
      });
    }
    checkStateInvariants(context, searched);
    const transitions = checkStepInvariants(context, searched);
    checkGuardReads(context, searched);
    checkTraps(context, searched, nodesOf, scopeCodes);
    coverage.gather(searched);

    const report = {
      name: scope.name,
      channels: [...scope.channels],
      events: scope.alphabet.length,
      states: graph.states.length,
      steps: graph.from.length,
      transitions,
    };
    reports.push(report);
    options.onScope?.(report);
  }
  coverage.check(scopes);

  const reached = new Set(regions.flatMap((_, index) => (nodesOf[index] ?? []).filter((_paths, code) => (reachedCodes[index] as Uint8Array)[code]).flat()));
  const declared = declaredStates(engine.machine);
  const searchedChannels = new Set<string>(scopes.flatMap((scope) => scope.covers));
  // A channel no search covers, or one of its offices, is left out of coverage rather than unreached.
  const outside = (node: string) => {
    const region = node.split('.')[0] as string;
    const channel = (OFFICES as readonly string[]).includes(region) ? OFFICE_TABLE[region as Office].channel : region;
    return (CHANNELS as readonly string[]).includes(channel) && !searchedChannels.has(channel);
  };
  const unreached = declared.filter((node) => !outside(node) && !reached.has(node));
  const violations = context.findings.all();
  return {
    scopes: reports,
    totals: {
      states: distinct.size,
      steps: reports.reduce((sum, report) => sum + report.steps, 0),
      transitions: reports.reduce((sum, report) => sum + report.transitions, 0),
    },
    declared: { total: declared.length, notSearched: declared.filter(outside).length, unreached },
    rules: {
      structure: Object.keys(STRUCTURE_RULES),
      invariants: STATE_INVARIANTS.map((invariant) => invariant.id),
      steps: STEP_INVARIANTS.map((invariant) => invariant.id),
      doors: ONE_WAY_DOORS.map((door) => door.rule),
    },
    names,
    violations,
    clean: violations.length === 0 && unreached.length === 0,
  };
}
