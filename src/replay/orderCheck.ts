// Which checkpoints depend on an assumed order. Events dated only to a month may fall anywhere in
// it, so a scenario's listing fixes an order the sources do not. For each checkpoint this tries
// every order the sources allow and reports whether its verdict changes. The orders are walked as
// the explorer walks them: by the set of events applied so far, merging orders that reach the
// same state, on the fast engine.
import { engineView, type RelationshipEngineState, relationshipEngine } from '../engine/relationshipEngine.js';
import { type Checkpoint, causesOf, type Scenario, type ScenarioEvent } from '../scenario/schema.js';
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
  /** How many distinct outcomes (orders merged by the state they reach) were judged. */
  orders: number;
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

/** The states after every order of whole blocks from `starts`, merged, each with one order that reaches it. */
function throughBlocks(starts: Reached[], events: ReadonlyArray<ScenarioEvent>, blocks: number[][]): Reached[] {
  let reached = starts;
  for (const block of blocks) {
    const members = block.map((index) => events[index] as ScenarioEvent);
    const full = (1 << members.length) - 1;
    const ends = new Map<string, Reached>();
    walk(
      reached,
      members,
      () => true,
      (node, used) => {
        if (used === full && !ends.has(keyOf(node.state))) ends.set(keyOf(node.state), { state: node.state, order: node.order });
      },
    );
    reached = [...ends.values()];
  }
  return reached;
}

/** The most events of one month the order check tries every order of: 2^12 sets of them at most. */
export const MAX_MONTH_EVENTS = 12;

/** A month has more events than the order check can try every order of. */
export class OrderCheckLimitError extends Error {
  override name = 'OrderCheckLimitError';
}

/**
 * Runs every checkpoint of a scenario under every order of its events that the sources allow:
 * events of one month in any order, except that an event follows what it names in `causedBy`,
 * an event dated to a day keeps its place among other days, and, for a checkpoint an article
 * reports, the events that article reports come before it (unless they must come after) and
 * events dated after the article come after it. Throws OrderCheckLimitError for a month of more
 * than MAX_MONTH_EVENTS events. Pure.
 */
export function checkOrder(scenario: Scenario, listed: ReadonlyArray<{ holds: boolean }>): OrderCheck {
  const { events } = scenario;
  const blocks = monthBlocks(events, events.length - 1);
  const crowded = blocks.find((block) => block.length > MAX_MONTH_EVENTS);
  if (crowded) {
    const first = events[crowded[0] as number] as ScenarioEvent;
    throw new OrderCheckLimitError(
      `${monthOf(first.date)} has ${crowded.length} events (from "${first.id}"); the order check tries every order of a month's events, up to ${MAX_MONTH_EVENTS}`,
    );
  }
  const engine = relationshipEngine();
  // The states after every order of the first k months, worked out once for all checkpoints.
  const before: Reached[][] = [[{ state: engine.initialState(), order: [] }]];
  const statesBefore = (k: number): Reached[] => {
    for (let month = before.length; month <= k; month += 1) before.push(throughBlocks(before[month - 1] as Reached[], events, [blocks[month - 1] as number[]]));
    return before[k] as Reached[];
  };
  const verdicts = scenario.checkpoints.map((checkpoint, position): OrderVerdict => {
    const asOf = checkpointDate(checkpoint, events);
    const outcomes: Array<{ order: string[]; before: string[]; holds: boolean; mismatches: Mismatch[] }> = [];
    const judge = (state: RelationshipEngineState, order: string[], before: string[]) => {
      const mismatches = compareExpectation(engineView(state), checkpoint.expect, asOf);
      outcomes.push({ order, before, holds: mismatches.length === 0, mismatches });
    };
    const uncertain = new Set<string>();
    if (checkpoint.after === undefined) {
      // After every event certainly by a date, in any order, and with what fell due by then.
      const upTo = lastIndexBy(events, checkpoint.at as string);
      const included = monthBlocks(events, upTo);
      const last = new Set((included.at(-1) ?? []).map((index) => (events[index] as ScenarioEvent).id));
      // The last month may be cut short by the date: its included events only.
      const reached = upTo < 0 ? statesBefore(0) : throughBlocks(statesBefore(included.length - 1), events, included.slice(-1));
      for (const { state, order } of reached) {
        const due = engine.clone(state);
        engine.step(due, { type: 'time.passed', date: partialDate(checkpoint.at as string).end });
        judge(
          due,
          order,
          order.filter((id) => last.has(id)),
        );
      }
    } else {
      const at = events.findIndex((event) => event.id === checkpoint.after);
      const home = blocks.findIndex((block) => block.includes(at));
      const anchor = events[at] as ScenarioEvent;
      const members = (blocks[home] as number[]).filter((index) => index !== at).map((index) => events[index] as ScenarioEvent);
      const article = checkpoint.reportedBy === undefined ? undefined : scenario.sources[checkpoint.reportedBy];
      // What must come after the checkpoint: what follows its event, what is dated after its
      // article, and, in turn, whatever must follow those.
      const after = members.map(
        (member) => mustPrecede(anchor, member) || (article !== undefined && partialDate(member.date).start > partialDate(article.date).end),
      );
      for (let grew = true; grew; ) {
        grew = false;
        members.forEach((member, index) => {
          if (!after[index] && members.some((other, at) => after[at] && mustPrecede(other, member))) after[index] = grew = true;
        });
      }
      // What the article reports happened before it: unless it must come after, it comes first.
      const required = members.reduce(
        (bits, member, index) =>
          !after[index] && (mustPrecede(member, anchor) || (checkpoint.reportedBy !== undefined && member.source?.article === checkpoint.reportedBy))
            ? bits | (1 << index)
            : bits,
        0,
      );
      const month = new Set(members.map((member) => member.id));
      const seen = { with: 0, without: 0 };
      walk(
        statesBefore(home),
        members,
        (index) => !after[index],
        (node, used) => {
          if ((used & required) !== required) return;
          seen.with |= used;
          seen.without |= ~used;
          const state = engine.clone(node.state);
          engine.step(state, toMachineEvent(anchor));
          judge(
            state,
            [...node.order, anchor.id],
            node.order.filter((id) => month.has(id)),
          );
        },
      );
      members.forEach((member, index) => {
        if (seen.with & (1 << index) && seen.without & (1 << index)) uncertain.add(member.id);
      });
    }
    const listedHolds = listed[position]?.holds ?? true;
    const differing = outcomes.find((outcome) => outcome.holds !== listedHolds) ?? null;
    const verdict = differing ? 'depends' : listedHolds ? 'holds' : 'fails';
    return { checkpoint, verdict, uncertain: [...uncertain], counterexample: differing, orders: outcomes.length };
  });
  return { verdicts, settled: verdicts.every((verdict) => verdict.verdict !== 'depends') };
}
