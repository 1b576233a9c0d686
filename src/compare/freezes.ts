// The freezes of a replayed history, measured alike so that episodes decades apart compare: when
// each began and on what, who cut which channels, and how many months to each step of its end.
// Every figure is read off the machine's own states, so a freeze means what the phase rule says.

import { describeEvent } from '../replay/describeEvent.js';
import type { Replay, TimelineStep } from '../replay/replay.js';
import { causesOf, type ScenarioEvent, toMachineEvent } from '../scenario/schema.js';
import { CHANNELS, type Channel, type Phase, type Side } from '../vocabulary/channels.js';
import { monthsBetween } from '../vocabulary/dates.js';
import { isChannelEvent } from '../vocabulary/events.js';

/** An event and what led to it, by its `causedBy` links, as far back as the history records. */
export interface Cause {
  id: string;
  date: string;
  what: string;
  causes: Cause[];
}

/** A step in a freeze's end: when, how many calendar months after the freeze began, and what did it. */
export interface Milestone {
  /** The step's index in the replay (the event's position in the history). */
  index: number;
  date: string;
  months: number;
  event: Cause;
}

/** A channel the freeze shut: the first cut or refusal on it within the freeze. */
export interface ShutChannel {
  channel: Channel;
  how: 'suspended' | 'refused';
  by: Side | null;
  date: string;
  event: string;
}

/** One freeze: from a cut or refusal in normal relations to normal relations again, or the history's end. */
export interface Freeze {
  /** The history's label (a scenario's or what-if's id). */
  history: string;
  /** Counted from 1 within the history. */
  number: number;
  /** The cut or refusal that began it, with what led to it. */
  began: Milestone;
  /**
   * What set it off: the events at the roots of the first cut's causedBy chain that are no
   * contact on a channel (a visit to Taiwan, an arms sale, a collision), or, with none such, every
   * root. A meeting asked for is what a refusal refuses, not its reason.
   */
  trigger: Cause[];
  /** The sides that cut or refused a channel in the freeze (a channel shut already included), in order. */
  cutBy: Side[];
  channels: ShutChannel[];
  /** Each phase the freeze passed through, from the date it began, ending with normal relations if they returned. */
  phases: Array<{ phase: Phase; date: string; months: number }>;
  /** The first channel shut in the freeze with live contact again ("partially restored" or beyond). */
  firstRestored: Milestone | null;
  /** Live contact on the ministerial channel again; null if it was never shut in the freeze or never restored. */
  ministerial: Milestone | null;
  ministerialShut: boolean;
  /** Every channel the freeze shut with live contact again: normal relations. */
  normal: Milestone | null;
  /** Whether the history ends before normal relations return. */
  ongoing: boolean;
  /** The date the freeze is measured to: its return to normal, or the history's last event. */
  until: string;
  /** Calendar months from the first cut to `until`. */
  months: number;
}

// Follows causedBy links back; a link to an id not in the history, or already on the path, stops there.
function causeOf(event: ScenarioEvent, byId: ReadonlyMap<string, ScenarioEvent>, path: ReadonlySet<string> = new Set()): Cause {
  const seen = new Set([...path, event.id]);
  const causes = causesOf(event)
    .map((id) => byId.get(id))
    .filter((cause): cause is ScenarioEvent => cause !== undefined && !seen.has(cause.id))
    .map((cause) => causeOf(cause, byId, seen));
  return { id: event.id, date: event.date, what: describeEvent(toMachineEvent(event)), causes };
}

/** The events at the roots of a chain of causes (those with none recorded), in order of first appearance. Pure. */
function rootsOf(cause: Cause): Cause[] {
  if (cause.causes.length === 0) return [cause];
  const roots = cause.causes.flatMap(rootsOf);
  return roots.filter((root, index) => roots.findIndex((other) => other.id === root.id) === index);
}

// The roots that are context events (isChannelEvent is false for them); else all the roots.
function triggerOf(cause: Cause, byId: ReadonlyMap<string, ScenarioEvent>): Cause[] {
  const roots = rootsOf(cause);
  const context = roots.filter((root) => !isChannelEvent(toMachineEvent(byId.get(root.id) as ScenarioEvent)));
  return context.length > 0 ? context : roots;
}

// The side whose cut or refusal the step records, if it left its channel shut.
function cutterOf(step: TimelineStep): Side | null {
  const { event } = step;
  if (event.type !== 'channel.suspended' && event.type !== 'meeting.declined') return null;
  return isShut(step.state.channels[event.payload.channel].link) ? event.payload.by : null;
}

const isShut = (link: string) => link === 'suspended' || link === 'refused';
const live = (link: string) => link === 'reopened.contactHeld';

/** Every freeze in a replayed history, in order. Pure. */
export function freezesOf(run: Replay, history: string): Freeze[] {
  const byId = new Map(run.scenario.events.map((event) => [event.id, event]));
  const milestone = (from: string, step: TimelineStep): Milestone => ({
    index: step.index,
    date: step.event.date,
    months: monthsBetween(from, step.event.date),
    event: causeOf(step.event, byId),
  });
  const freezes: Freeze[] = [];
  let current: Freeze | undefined;
  let previous = run.initial;
  for (const step of run.steps) {
    const { state } = step;
    if (current === undefined && previous.phase === 'normal' && state.phase !== 'normal') {
      const began = milestone(step.event.date, step);
      current = {
        history,
        number: freezes.length + 1,
        began,
        trigger: triggerOf(began.event, byId),
        cutBy: [],
        channels: [],
        phases: [],
        firstRestored: null,
        ministerial: null,
        ministerialShut: false,
        normal: null,
        ongoing: true,
        until: step.event.date,
        months: 0,
      };
      freezes.push(current);
    }
    if (current !== undefined) {
      const from = current.began.date;
      if (current.phases.at(-1)?.phase !== state.phase)
        current.phases.push({ phase: state.phase, date: step.event.date, months: monthsBetween(from, step.event.date) });
      for (const channel of CHANNELS) {
        const before = previous.channels[channel];
        const after = state.channels[channel];
        if (isShut(after.link) && !isShut(before.link) && !current.channels.some((shut) => shut.channel === channel)) {
          const by = after.suspendedBy ?? after.refusedBy;
          current.channels.push({ channel, how: after.link as 'suspended' | 'refused', by, date: step.event.date, event: step.event.id });
          if (channel === 'ministerial') current.ministerialShut = true;
        }
      }
      // A side that cuts or refuses a channel counts even when the channel is shut already (the US
      // postponing a visit China had postponed, 1996).
      const side = cutterOf(step);
      if (side !== null && !current.cutBy.includes(side)) current.cutBy.push(side);
      if (current.firstRestored === null && CHANNELS.some((channel) => live(state.channels[channel].link))) current.firstRestored = milestone(from, step);
      if (current.ministerial === null && live(state.channels.ministerial.link)) current.ministerial = milestone(from, step);
      current.until = step.event.date;
      if (state.phase === 'normal') {
        current.normal = milestone(from, step);
        current.ongoing = false;
        current.months = current.normal.months;
        current = undefined;
      } else current.months = monthsBetween(from, step.event.date);
    }
    previous = state;
  }
  return freezes;
}
