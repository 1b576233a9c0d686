// Which checkpoints depend on an assumed order. Events dated only to a month may fall anywhere in
// it, so a scenario's listing fixes an order the sources do not. For each checkpoint this tries
// every order the sources allow and reports whether its verdict changes. The orders are walked as
// the explorer walks them: by the set of events applied so far, merging orders that reach the
// same state, on the fast engine.
import { engineView, relationshipEngine, type RelationshipEngineState } from '../engine/relationshipEngine.js';
import { causesOf, type Checkpoint, type Scenario, type ScenarioEvent } from '../scenario/schema.js';
import { partialDate } from '../vocabulary/dates.js';
import type { RelationshipEvent } from '../vocabulary/events.js';
import { compareExpectation, type Mismatch } from './checkpoints.js';
import { checkpointDate, lastIndexBy, toMachineEvent } from './replay.js';

/** How one checkpoint fares across the orders the sources allow. */
export interface OrderVerdict {
  checkpoint: Checkpoint;
  /** holds or fails in every order, or depends on the order. */
  verdict: 'holds' | 'fails' | 'depends';
  /** Events of the checkpoint's month that may come before or after the point it stands at. */
  uncertain: string[];
  /**
   * For `depends`: an order with the other outcome than the listing's. `order` is the whole order
   * up to the checkpoint; `before` the events of its month that order puts before it.
   */
  counterexample: { order: string[]; before: string[]; holds: boolean; mismatches: Mismatch[] } | null;
}

/** The order check of a scenario: one verdict per checkpoint. */
export interface OrderCheck {
  verdicts: OrderVerdict[];
  /** True when no checkpoint's verdict depends on the order. */
  settled: boolean;
}

interface Reached {
  state: RelationshipEngineState;
  /** One order that reaches it, as event ids. */
  order: string[];
}

const monthOf = (date: string) => date.slice(0, 7);
const keyOf = (state: RelationshipEngineState) => `${state.codes.join(',')}|${JSON.stringify(state.context)}`;

/** Consecutive events of one month: the groups whose order the dates leave open. Pure. */
function monthBlocks(events: ReadonlyArray<ScenarioEvent>, upTo: number): number[][] {
  const blocks: number[][] = [];
  for (let index = 0; index <= upTo; index += 1) {
    const last = blocks.at(-1);
    const event = events[index] as ScenarioEvent;
    if (last && monthOf((events[last[0] as number] as ScenarioEvent).date) === monthOf(event.date)) last.push(index);
    else blocks.push([index]);
  }
  return blocks;
}

/** Whether `a` must come before `b`: `b` names it as a cause, or the dates put it earlier. */
function mustPrecede(a: ScenarioEvent, b: ScenarioEvent): boolean {
  return causesOf(b).includes(a.id) || partialDate(a.date).end < partialDate(b.date).start;
}

/**
 * Every state reachable by applying some of `members` (all, when `complete`) in an order that
 * keeps each after the members it must follow, from each start; `allowed` says which may be
 * applied, `visit` sees every state with the members applied so far.
 */
function walk(
  starts: Reached[],
  members: ReadonlyArray<ScenarioEvent>,
  allowed: (index: number) => boolean,
  visit: (reached: Reached, used: number) => void,
): void {
  const engine = relationshipEngine();
  const events: RelationshipEvent[] = members.map(toMachineEvent);
  const before = members.map((member) => members.reduce((bits, other, index) => (mustPrecede(other, member) ? bits | (1 << index) : bits), 0));
  let layer = new Map<string, Reached & { used: number }>();
  for (const start of starts) layer.set(`0|${keyOf(start.state)}`, { ...start, used: 0 });
  while (layer.size > 0) {
    const next = new Map<string, Reached & { used: number }>();
    for (const node of layer.values()) {
      visit(node, node.used);
      members.forEach((member, index) => {
        const bit = 1 << index;
        if (node.used & bit || !allowed(index) || (before[index] as number) & ~node.used) return;
        const state = engine.clone(node.state);
        engine.step(state, events[index] as RelationshipEvent);
        const used = node.used | bit;
        const key = `${used}|${keyOf(state)}`;
        if (!next.has(key)) next.set(key, { state, order: [...node.order, member.id], used });
      });
    }
    layer = next;
  }
}

/** The states after every order of whole blocks, merged, each with one order that reaches it. */
function throughBlocks(events: ReadonlyArray<ScenarioEvent>, blocks: number[][]): Reached[] {
  let reached: Reached[] = [{ state: relationshipEngine().initialState(), order: [] }];
  for (const block of blocks) {
    const members = block.map((index) => events[index] as ScenarioEvent);
    const full = (1 << members.length) - 1;
    const ends = new Map<string, Reached>();
    walk(reached, members, () => true, (node, used) => {
      if (used === full && !ends.has(keyOf(node.state))) ends.set(keyOf(node.state), { state: node.state, order: node.order });
    });
    reached = [...ends.values()];
  }
  return reached;
}

/**
 * Runs every checkpoint of a scenario under every order of its events that the sources allow:
 * events of one month in any order, except that an event follows what it names in `causedBy`,
 * an event dated to a day keeps its place among other days, and, for a checkpoint an article
 * reports, the events that article reports come before it and events dated after the article
 * come after it. Refuses a month of more than 16 events. Pure.
 */
export function checkOrder(scenario: Scenario, listed: ReadonlyArray<{ holds: boolean }>): OrderCheck {
  const { events } = scenario;
  const verdicts = scenario.checkpoints.map((checkpoint, position): OrderVerdict => {
    const asOf = checkpointDate(checkpoint, events);
    const outcomes: Array<{ order: string[]; before: string[]; holds: boolean; mismatches: Mismatch[] }> = [];
    const judge = (state: RelationshipEngineState, order: string[], before: string[] = []) => {
      const mismatches = compareExpectation(engineView(state), checkpoint.expect, asOf);
      outcomes.push({ order, before, holds: mismatches.length === 0, mismatches });
    };
    const uncertain = new Set<string>();
    if (checkpoint.after === undefined) {
      // After every event certainly by a date: those events, in any order.
      const upTo = lastIndexBy(events, checkpoint.at as string);
      for (const reached of upTo < 0 ? [{ state: relationshipEngine().initialState(), order: [] }] : throughBlocks(events, monthBlocks(events, upTo))) judge(reached.state, reached.order);
    } else {
      const at = events.findIndex((event) => event.id === checkpoint.after);
      const blocks = monthBlocks(events, events.length - 1);
      const home = blocks.findIndex((block) => block.includes(at));
      const anchor = events[at] as ScenarioEvent;
      const members = (blocks[home] as number[]).filter((index) => index !== at).map((index) => events[index] as ScenarioEvent);
      if (members.length > 16) throw new RangeError(`${monthOf(anchor.date)} has ${members.length + 1} events; the order check handles up to 17 in a month`);
      const article = checkpoint.reportedBy === undefined ? undefined : scenario.sources[checkpoint.reportedBy];
      const after = members.map((member) => mustPrecede(anchor, member) || (article !== undefined && partialDate(member.date).start > partialDate(article.date).end));
      // What the article reports happened before it: unless something says otherwise, it comes first.
      const required = members.reduce(
        (bits, member, index) => (!after[index] && (mustPrecede(member, anchor) || (checkpoint.reportedBy !== undefined && member.source?.article === checkpoint.reportedBy)) ? bits | (1 << index) : bits),
        0,
      );
      const seen = { with: 0, without: 0 };
      walk(throughBlocks(events, blocks.slice(0, home)), members, (index) => !after[index], (node, used) => {
        if ((used & required) !== required) return;
        seen.with |= used;
        seen.without |= ~used;
        const state = relationshipEngine().clone(node.state);
        relationshipEngine().step(state, toMachineEvent(anchor));
        const month = new Set(members.map((member) => member.id));
        judge(state, [...node.order, anchor.id], node.order.filter((id) => month.has(id)));
      });
      members.forEach((member, index) => {
        if (seen.with & (1 << index) && seen.without & (1 << index)) uncertain.add(member.id);
      });
    }
    const listedHolds = listed[position]?.holds ?? true;
    const differing = outcomes.find((outcome) => outcome.holds !== listedHolds) ?? null;
    const verdict = differing ? 'depends' : listedHolds ? 'holds' : 'fails';
    return { checkpoint, verdict, uncertain: [...uncertain], counterexample: differing };
  });
  return { verdicts, settled: verdicts.every((verdict) => verdict.verdict !== 'depends') };
}
