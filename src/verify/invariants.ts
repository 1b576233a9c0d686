// What must hold in every reachable state and across every step: the foundation's rules, written
// as checks over the plain view. These restate the README on purpose (a specification to check the
// machine against), so they never call the machine's own guards.
import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, type Phase } from '../vocabulary/channels.js';

/** A rule over one state. */
export interface StateInvariant {
  id: string;
  rule: string;
  holds: (state: RelationshipState) => boolean;
}

/** A rule over one step, from a state to the next. */
export interface StepInvariant {
  id: string;
  rule: string;
  holds: (before: RelationshipState, after: RelationshipState) => boolean;
}

/** The phase the README's rule gives for a state. Pure. */
export function phaseByRule(state: RelationshipState): Phase {
  const links = CHANNELS.map((channel) => state.channels[channel].link);
  if (links.every((link) => link.startsWith('open'))) return 'beforeFreeze';
  const seatClear = state.seat.holder !== null && !state.seat.sanctioned;
  if (state.channels.ministerial.link === 'reopened.contactHeld' && seatClear) return 'ministerialResumed';
  if (state.agreement === 'reached' || links.some((link) => link.startsWith('reopened'))) return 'partiallyRestored';
  return 'channelsSuspended';
}

export const STATE_INVARIANTS: StateInvariant[] = [
  {
    id: 'phase-rule',
    rule: 'the phase is the one the README\'s phase rule gives',
    holds: (state) => state.phase === phaseByRule(state),
  },
  {
    id: 'resumed-needs-counterpart',
    rule: '"ministerial contact resumed" needs a contact on the reopened ministerial channel and a seated, unsanctioned PRC minister',
    holds: (state) =>
      state.phase !== 'ministerialResumed' ||
      (state.channels.ministerial.link === 'reopened.contactHeld' && state.seat.holder !== null && !state.seat.sanctioned),
  },
  {
    id: 'ministerial-contact-needs-minister',
    rule: 'a ministerial contact counts only while someone holds the seat',
    holds: (state) => !state.channels.ministerial.link.endsWith('contactHeld') || state.seat.holder !== null,
  },
  {
    id: 'suspension-has-a-side',
    rule: 'a channel records who suspended it exactly while it is suspended',
    holds: (state) => CHANNELS.every((channel) => (state.channels[channel].suspendedBy !== null) === (state.channels[channel].link === 'suspended')),
  },
  {
    id: 'seat-sanctions-agree',
    rule: 'the seat is "sanctioned" exactly when its holder is on the sanctions list',
    holds: (state) => state.seat.sanctioned === (state.seat.holder !== null && state.sanctioned.includes(state.seat.holder)),
  },
];

export const STEP_INVARIANTS: StepInvariant[] = [
  {
    id: 'freeze-is-one-way',
    rule: 'once a channel has been suspended the relationship never returns to "before the freeze"',
    holds: (before, after) => before.phase === 'beforeFreeze' || after.phase !== 'beforeFreeze',
  },
  {
    id: 'new-minister-needs-new-contact',
    rule: 'a contact held with one minister does not count for the next: when the seat changes hands, the ministerial channel has no contact held',
    holds: (before, after) => before.seat.holder === after.seat.holder || !after.channels.ministerial.link.endsWith('contactHeld'),
  },
  {
    id: 'agreement-is-one-way',
    rule: 'the leaders\' agreement to resume, once reached, stays reached',
    holds: (before, after) => before.agreement !== 'reached' || after.agreement === 'reached',
  },
];
