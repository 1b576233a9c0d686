import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  type Channel,
  type ChannelState,
  initialSnapshot,
  persistSnapshot,
  type RelationshipEvent,
  type RelationshipSnapshot,
  type RelationshipState,
  relationshipMachine,
  restoreSnapshot,
  step,
  viewOf,
} from '../../src/index.js';
import { CHANNELS, CONTACT_LIFETIME, OFFICE_TABLE, OFFICES, officesOf } from '../../src/vocabulary/channels.js';
import { certainlyAfter, monthsBetween } from '../../src/vocabulary/dates.js';
import { isChannelEvent } from '../../src/vocabulary/events.js';
import { eventSequence, propertyParameters, relationshipEvent } from '../arbitraries/relationshipEvent.js';
import { documentedPhase } from './phaseRule.js';

function run(events: RelationshipEvent[], from: RelationshipSnapshot = initialSnapshot()): RelationshipSnapshot[] {
  const snapshots = [from];
  for (const event of events) snapshots.push(step(snapshots.at(-1) as RelationshipSnapshot, event).snapshot);
  return snapshots;
}

const live = (state: RelationshipState, channel: Channel) => state.channels[channel].link.endsWith('contactHeld');
const contactOn = (event: RelationshipEvent, channel: Channel) => event.type === 'contact.held' && event.channel === channel;

/**
 * Rules every step of every sequence must keep. They share one replay per generated sequence,
 * so the properties cost one xstate run each; a failure names its rule and shrinks to a shortest
 * sequence breaking it.
 */
const STEP_RULES: Array<{
  rule: string;
  holds: (event: RelationshipEvent, before: RelationshipState, after: RelationshipState, since: Map<Channel, 'refusal' | 'holder'>) => boolean;
}> = [
  { rule: 'the phase is the one the documented rule gives', holds: (_event, _before, after) => after.phase === documentedPhase(after) },
  {
    rule: '"ministerial contact resumed" only with contact on the reopened ministerial channel, no ministerial office vacant',
    holds: (_event, _before, after) =>
      after.phase !== 'ministerialResumed' ||
      (after.channels.ministerial.link === 'reopened.contactHeld' &&
        after.channels.ministerial.lastContact !== null &&
        ['usDefenseSecretary', 'prcDefenseMinister'].every((office) => after.offices[office as 'usDefenseSecretary'].status !== 'vacant')),
  },
  {
    rule: 'a refusal ends live contact on its channel until the next contact there',
    holds: (event, _before, after, since) =>
      CHANNELS.every((channel) => since.get(channel) !== 'refusal' || !live(after, channel) || contactOn(event, channel)),
  },
  {
    rule: "a new holder of either office at a channel's ends needs new contact on it",
    holds: (event, _before, after, since) => CHANNELS.every((channel) => since.get(channel) !== 'holder' || !live(after, channel) || contactOn(event, channel)),
  },
  {
    rule: 'an event naming one channel leaves every other channel, the offices and the agreement as they were, but for requests whose meeting date it is after, contact gone stale, and a new freeze',
    holds: (event, before, after) =>
      !isChannelEvent(event) ||
      (CHANNELS.every((channel) => channel === event.channel || unchangedButLapsed(event, before, after, channel)) &&
        JSON.stringify(after.offices) === JSON.stringify(before.offices) &&
        after.agreement === before.agreement),
  },
  {
    rule: 'no channel has live contact older than its lifetime at the date of the event',
    holds: (event, _before, after) =>
      CHANNELS.every((channel) => {
        const { lastContact } = after.channels[channel];
        return !live(after, channel) || (lastContact !== null && monthsBetween(lastContact, event.date) <= CONTACT_LIFETIME[channel]);
      }),
  },
  {
    rule: 'a freeze begins only with a cut or a refusal, and begins as "channels suspended"',
    holds: (event, before, after) =>
      before.phase !== 'normal' ||
      after.phase === 'normal' ||
      ((event.type === 'channel.suspended' || event.type === 'meeting.declined') && after.phase === 'channelsSuspended'),
  },
  {
    rule: 'normal relations again only once every channel shut in the freeze has live contact again',
    holds: (_event, _before, after) =>
      after.phase !== 'normal' ||
      CHANNELS.every((channel) => after.channels[channel].link.startsWith('open') || after.channels[channel].link === 'reopened.contactHeld'),
  },
  {
    rule: 'a request lapses exactly when the event is dated after the meeting it asked for, and does not answer it',
    holds: (event, before, after) =>
      CHANNELS.every((channel) => {
        const { request, requestFor } = before.channels[channel];
        const open = request === 'pending' || request === 'accepted';
        const answered =
          isChannelEvent(event) &&
          event.channel === channel &&
          (event.type.startsWith('meeting.') || (event.type === 'contact.held' && after.channels[channel].request === 'none'));
        const due = open && requestFor !== null && certainlyAfter(event.date, requestFor) && !answered;
        return due === (after.channels[channel].request === 'lapsed' && request !== 'lapsed');
      }),
  },
  {
    rule: 'a contact that counts (not informal, no office at its ends vacant, no holder left out of the participants it names) leaves its channel with live contact',
    holds: (event, before, after) =>
      event.type !== 'contact.held' ||
      event.mode === 'informal' ||
      officesOf(event.channel).some((office) => before.offices[office].status === 'vacant') ||
      leavesOutHolder(event, before) ||
      live(after, event.channel),
  },
  {
    rule: 'a contact naming participants other than the holders of the day never gives live contact, and records no contact',
    holds: (event, before, after) =>
      !leavesOutHolder(event, before) ||
      (event.type === 'contact.held' &&
        after.channels[event.channel].lastContact === before.channels[event.channel].lastContact &&
        (live(before, event.channel) || !live(after, event.channel))),
  },
  {
    rule: 'a cut cancels a meeting asked for or agreed on its channel, unless its date has passed',
    holds: (event, before, after) => {
      if (event.type !== 'channel.suspended') return true;
      const was = before.channels[event.channel];
      const open = was.request === 'pending' || was.request === 'accepted';
      return !open || overdue(event, was) || after.channels[event.channel].request === 'declined';
    },
  },
  {
    rule: "a request makes the channel's request pending, unless a meeting is agreed and not yet past",
    holds: (event, before, after) =>
      event.type !== 'meeting.requested' ||
      after.channels[event.channel].request === 'pending' ||
      (before.channels[event.channel].request === 'accepted' &&
        !overdue(event, before.channels[event.channel]) &&
        after.channels[event.channel].request === 'accepted'),
  },
  {
    rule: "an acceptance agrees a meeting on the date it names, else on the open request's date while that is not past, else on none",
    holds: (event, before, after) => {
      if (event.type !== 'meeting.accepted') return true;
      const was = before.channels[event.channel];
      const now = after.channels[event.channel];
      const open = was.request === 'pending' || was.request === 'accepted';
      const date = event.for ?? (open && !overdue(event, was) ? was.requestFor : null);
      return now.request === 'accepted' && now.requestFor === date;
    },
  },
];

// Whether the event is a contact naming its participants, with an office holder on record at either end not among them.
const leavesOutHolder = (event: RelationshipEvent, before: RelationshipState) =>
  event.type === 'contact.held' &&
  (event.participants?.length ?? 0) > 0 &&
  officesOf(event.channel).some((office) => before.offices[office].holder !== null && !event.participants?.includes(before.offices[office].holder as string));

// Whether an open request on the channel named a meeting the event is dated after.
const overdue = (event: RelationshipEvent, channel: ChannelState) => channel.requestFor !== null && certainlyAfter(event.date, channel.requestFor);

// The channel as it was, or as it was with its request lapsed, its live contact gone stale, or
// (from normal relations, on a cut or refusal elsewhere) its restoration of the last freeze
// forgotten: nothing else may change.
function unchangedButLapsed(event: RelationshipEvent, beforeState: RelationshipState, afterState: RelationshipState, channel: Channel): boolean {
  const before = beforeState.channels[channel];
  const after = afterState.channels[channel];
  const same = (state: ChannelState) => JSON.stringify({ ...state, link: null, request: null, requestFor: null });
  if (same(before) !== same(after)) return false;
  const stale = before.lastContact !== null && monthsBetween(before.lastContact, event.date) > CONTACT_LIFETIME[channel];
  const normal = beforeState.phase === 'normal';
  const newFreeze = normal && (event.type === 'channel.suspended' || event.type === 'meeting.declined');
  const links: Record<string, string[]> = {
    'open.contactHeld': stale ? ['open.quiet'] : [],
    'reopened.contactHeld': [...(stale ? [normal ? 'open.quiet' : 'reopened.quiet'] : []), ...(newFreeze ? [stale ? 'open.quiet' : 'open.contactHeld'] : [])],
  };
  const linkKept = after.link === before.link || (links[before.link] ?? []).includes(after.link);
  return (
    linkKept &&
    (after.request === before.request || (after.request === 'lapsed' && before.requestFor !== null && certainlyAfter(event.date, before.requestFor)))
  );
}

// Which channels are, since a refusal or a change of office holder, waiting for a contact.
function waiting(event: RelationshipEvent, before: RelationshipState, after: RelationshipState, since: Map<Channel, 'refusal' | 'holder'>): void {
  for (const channel of CHANNELS) if (contactOn(event, channel) && live(after, channel)) since.delete(channel);
  if (event.type === 'meeting.declined') since.set(event.channel, 'refusal');
  for (const office of OFFICES) {
    // Naming the first holder on record is not a change of holder: a contact before it was with them.
    if (before.offices[office].status !== 'unknown' && before.offices[office].holder !== after.offices[office].holder)
      since.set(OFFICE_TABLE[office].channel, 'holder');
  }
}

// The machine's own run of a sequence, on a live actor: the reference the library's `step` and
// the fast engine are held to, and ten times quicker than stepping with pure transition().
function states(events: RelationshipEvent[]): RelationshipState[] {
  const actor = createActor(relationshipMachine).start();
  const seen = [viewOf(actor.getSnapshot())];
  for (const event of events) {
    actor.send(event);
    const snapshot = actor.getSnapshot();
    expect(snapshot.status).toBe('active');
    seen.push(viewOf(snapshot));
  }
  actor.stop();
  return seen;
}

describe('relationshipMachine over arbitrary event sequences', () => {
  it('should keep every step rule, never throw, stay active, and reach every phase, a refused channel and a lapsed request', () => {
    // What the sequences reach, so that the rules are shown not to hold vacuously.
    const reached = new Set<string>();
    fc.assert(
      fc.property(eventSequence, (events) => {
        const views = states(events);
        const since = new Map<Channel, 'refusal' | 'holder'>();
        events.forEach((event, index) => {
          const before = views[index] as RelationshipState;
          const after = views[index + 1] as RelationshipState;
          waiting(event, before, after, since);
          for (const { rule, holds } of STEP_RULES) expect(holds(event, before, after, since), `${rule}, after ${JSON.stringify(event)}`).toBe(true);
          reached.add(after.phase);
          if (after.channels.ministerial.link === 'refused') reached.add('refused');
          if (CHANNELS.some((channel) => after.channels[channel].request === 'lapsed')) reached.add('lapsed');
          if (leavesOutHolder(event, before)) reached.add('holder left out');
          if (CHANNELS.some((channel) => live(before, channel) && !live(after, channel) && after.channels[channel].link.endsWith('quiet')))
            reached.add('stale or new holder');
          if (
            before.phase === 'normal' &&
            after.phase === 'channelsSuspended' &&
            CHANNELS.some((channel) => before.channels[channel].link === 'reopened.contactHeld' && after.channels[channel].link === 'open.contactHeld')
          )
            reached.add('new freeze');
        });
      }),
      propertyParameters,
    );
    expect([...reached].sort()).toEqual([
      'channelsSuspended',
      'holder left out',
      'lapsed',
      'ministerialResumed',
      'new freeze',
      'normal',
      'partiallyRestored',
      'refused',
      'stale or new holder',
    ]);
  });

  // pure transition() is the slow way through xstate, so this property takes shorter sequences:
  // a cut anywhere in twenty events persists every kind of state the longer ones reach.
  it("should give, through the library's step, the actor's states, and the same end when persisted midway and resumed", () => {
    fc.assert(
      fc.property(fc.array(relationshipEvent, { maxLength: 20, size: 'max' }), fc.nat(), (events, cut) => {
        const straight = run(events);
        expect(straight.map(viewOf)).toEqual(states(events));
        const at = events.length === 0 ? 0 : cut % (events.length + 1);
        const stored = JSON.parse(JSON.stringify(persistSnapshot(straight[at] as RelationshipSnapshot)));
        const resumed = run(events.slice(at), restoreSnapshot(stored)).at(-1) as RelationshipSnapshot;
        const end = straight.at(-1) as RelationshipSnapshot;
        expect(resumed.value).toEqual(end.value);
        expect(resumed.context).toEqual(end.context);
      }),
      propertyParameters,
    );
  });
});

describe('date arithmetic the timelines use', () => {
  it('should count whole calendar months between any two dates in the schema forms, days ignored', () => {
    const date = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }),
      })
      .map(
        ({ year, month, day }) =>
          `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}${day === undefined ? '' : `-${String(day).padStart(2, '0')}`}`,
      );
    fc.assert(
      fc.property(date, date, (from, to) => {
        const months = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7));
        expect(monthsBetween(from, to)).toBe(months(to) - months(from));
      }),
    );
    expect(monthsBetween('2022-11', '2024-04-30')).toBe(17);
  });
});
