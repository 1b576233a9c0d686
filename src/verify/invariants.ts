// What must hold in every reachable state and across every step: the model's rules, written as
// checks over the plain view. These restate the README on purpose (a specification to check the
// machine against), so they never call the machine's own guards.
import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, OFFICE_TABLE, OFFICES, officesOf, type Phase } from '../vocabulary/channels.js';
import type { RelationshipEvent } from '../vocabulary/events.js';

/** A rule over one state. */
export interface StateInvariant {
  id: string;
  rule: string;
  holds: (state: RelationshipState) => boolean;
}

/** A rule over one step: the state before, the state after, and the event between. */
export interface StepInvariant {
  id: string;
  rule: string;
  holds: (before: RelationshipState, after: RelationshipState, event: RelationshipEvent) => boolean;
}

const live = (state: RelationshipState, channel: (typeof CHANNELS)[number]) => state.channels[channel].link.endsWith('contactHeld');

// Whether every channel records a side and a date exactly while its link is in `link`.
function recordedExactlyWhile(link: 'suspended' | 'refused', by: 'suspendedBy' | 'refusedBy', since: 'suspendedSince' | 'refusedSince') {
  return (state: RelationshipState) =>
    CHANNELS.every((channel) => {
      const record = state.channels[channel];
      return (record[by] !== null) === (record.link === link) && (record[since] !== null) === (record.link === link);
    });
}

/** The phase the README's rule gives for a state: the one oracle the tests and verify share. Pure. */
export function phaseByRule(state: RelationshipState): Phase {
  const links = CHANNELS.map((channel) => state.channels[channel].link);
  // Every channel working: open, or restored with live contact.
  if (links.every((link) => link.startsWith('open') || link === 'reopened.contactHeld')) return 'normal';
  if (state.channels.ministerial.link === 'reopened.contactHeld') return 'ministerialResumed';
  if (links.includes('reopened.contactHeld')) return 'partiallyRestored';
  return 'channelsSuspended';
}

export const STATE_INVARIANTS: StateInvariant[] = [
  {
    id: 'phase-rule',
    rule: "the phase is the one the README's phase rule gives",
    holds: (state) => state.phase === phaseByRule(state),
  },
  {
    id: 'resumed-needs-ministerial-contact',
    rule: '"ministerial contact resumed" needs contact on the reopened ministerial channel, with both ministerial offices held or not on record',
    holds: (state) =>
      state.phase !== 'ministerialResumed' ||
      (state.channels.ministerial.link === 'reopened.contactHeld' && officesOf('ministerial').every((office) => state.offices[office].status !== 'vacant')),
  },
  {
    id: 'live-contact-has-counterparts',
    rule: 'a channel has live contact only while no office at either end of it is vacant',
    holds: (state) => CHANNELS.every((channel) => !live(state, channel) || officesOf(channel).every((office) => state.offices[office].status !== 'vacant')),
  },
  {
    id: 'suspension-has-a-side',
    rule: 'a channel records who suspended it, and when, exactly while it is suspended',
    holds: recordedExactlyWhile('suspended', 'suspendedBy', 'suspendedSince'),
  },
  {
    id: 'refusal-has-a-side',
    rule: 'a channel records who refused, and when, exactly while it is refused',
    holds: recordedExactlyWhile('refused', 'refusedBy', 'refusedSince'),
  },
];

export const STEP_INVARIANTS: StepInvariant[] = [
  {
    id: 'freeze-starts-with-a-cut',
    rule: 'a freeze begins only with a cut or a refusal: from normal relations, nothing else leaves them',
    holds: (before, after, event) =>
      before.phase !== 'normal' || after.phase === 'normal' || event.type === 'channel.suspended' || event.type === 'meeting.declined',
  },
  {
    id: 'new-freeze-starts-suspended',
    rule: 'a freeze begins as "channels suspended": a channel restored in the last freeze restores nothing in the next',
    holds: (before, after) => before.phase !== 'normal' || after.phase === 'normal' || after.phase === 'channelsSuspended',
  },
  {
    id: 'new-holder-needs-new-contact',
    rule: 'a contact counts for the office holders of the day: when an office with a holder on record changes hands, its channel has no live contact',
    holds: (before, after) =>
      OFFICES.every(
        (office) =>
          before.offices[office].status === 'unknown' ||
          before.offices[office].holder === after.offices[office].holder ||
          !live(after, OFFICE_TABLE[office].channel),
      ),
  },
  {
    id: 'contact-names-the-holders',
    rule: 'a contact that names its participants, leaving out an office holder on record at either end, gives no live contact and records no contact',
    holds: (before, after, event) =>
      event.type !== 'contact.held' ||
      !event.participants?.length ||
      officesOf(event.channel).every(
        (office) => before.offices[office].holder === null || event.participants?.includes(before.offices[office].holder as string),
      ) ||
      (after.channels[event.channel].lastContact === before.channels[event.channel].lastContact &&
        after.channels[event.channel].link === before.channels[event.channel].link),
  },
  {
    id: 'refusal-ends-live-contact',
    rule: 'a refused meeting or call leaves its channel with no live contact',
    holds: (_before, after, event) => event.type !== 'meeting.declined' || !live(after, event.channel),
  },
  {
    id: 'agreement-is-one-way',
    rule: "the leaders' agreement to resume, once reached, stays reached",
    holds: (before, after) => before.agreement !== 'reached' || after.agreement === 'reached',
  },
];
