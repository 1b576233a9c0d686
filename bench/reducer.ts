// A hand-written reducer over the same rules as the statechart: the speed baseline of
// `npm run bench`, and nothing else. It is a second copy of the rules on purpose, kept out of
// the product; test/bench/reducer.test.ts checks that it agrees with the machine.
import type { Channel, Office, Phase, RelationshipEvent, RelationshipState } from '../src/index.js';
import { CHANNELS, CONTACT_LIFETIME, OFFICE_TABLE, OFFICES, officesOf } from '../src/vocabulary/channels.js';
import { certainlyAfter, monthsBetween } from '../src/vocabulary/dates.js';

type Link = RelationshipState['channels'][Channel]['link'];
type Request = RelationshipState['channels'][Channel]['request'];
type Status = RelationshipState['offices'][Office]['status'];

interface ChannelSlot {
  link: Link;
  request: Request;
  lastContact: string | null;
  previousContact: string | null;
  suspendedBy: 'US' | 'PRC' | null;
  suspendedSince: string | null;
  refusedBy: 'US' | 'PRC' | null;
  refusedSince: string | null;
  requestFor: string | null;
}

/** The reducer's state: plain, mutable, flat. */
export interface ReducerState {
  channels: Record<Channel, ChannelSlot>;
  offices: Record<Office, { status: Status; holder: string | null; since: string | null }>;
  sanctioned: string[];
  agreement: boolean;
  phase: Phase;
  incidents: number;
  incidentsStopped: number;
  provocations: number;
}

/** The state before any event. */
export function initialReducerState(): ReducerState {
  return {
    channels: Object.fromEntries(
      CHANNELS.map((channel) => [
        channel,
        {
          link: 'open.quiet',
          request: 'none',
          lastContact: null,
          previousContact: null,
          suspendedBy: null,
          suspendedSince: null,
          refusedBy: null,
          refusedSince: null,
          requestFor: null,
        },
      ]),
    ) as Record<Channel, ChannelSlot>,
    offices: Object.fromEntries(OFFICES.map((office) => [office, { status: 'unknown', holder: null, since: null }])) as ReducerState['offices'],
    sanctioned: [],
    agreement: false,
    phase: 'normal',
    incidents: 0,
    incidentsStopped: 0,
    provocations: 0,
  };
}

// Live contact ends without a cut: a restored channel waits for contact again within a freeze,
// and is simply open once relations are normal.
const quiet = (slot: ChannelSlot, normal: boolean) => {
  if (slot.link === 'open.contactHeld') slot.link = 'open.quiet';
  if (slot.link === 'reopened.contactHeld') slot.link = normal ? 'open.quiet' : 'reopened.quiet';
};

/** Applies one event in place. */
export function reduce(state: ReducerState, event: RelationshipEvent): void {
  // Whether the event's own channel has an open request for a meeting the event is dated after.
  const own = 'channel' in event ? state.channels[event.channel] : undefined;
  const overdue =
    own !== undefined && (own.request === 'pending' || own.request === 'accepted') && own.requestFor !== null && certainlyAfter(event.date, own.requestFor);
  // Contact gone stale ends, unless the event moves the channel's link itself; from normal
  // relations, a cut or refusal elsewhere opens again what the last freeze restored.
  const newFreeze = state.phase === 'normal' && (event.type === 'channel.suspended' || event.type === 'meeting.declined');
  for (const channel of CHANNELS) {
    const slot = state.channels[channel];
    const about = 'channel' in event && event.channel === channel;
    const movesLink = about && (event.type === 'channel.suspended' || event.type === 'meeting.declined' || counts(state, event, channel));
    const live = slot.link === 'open.contactHeld' || slot.link === 'reopened.contactHeld';
    if (live && !movesLink && slot.lastContact !== null && monthsBetween(slot.lastContact, event.date) > CONTACT_LIFETIME[channel])
      quiet(slot, state.phase === 'normal');
    if (newFreeze && !about && slot.link === 'reopened.contactHeld') slot.link = 'open.contactHeld';
  }
  // Requests for a meeting whose date has passed lapse, unless the event answers them itself.
  for (const channel of CHANNELS) {
    const slot = state.channels[channel];
    const answered = 'channel' in event && event.channel === channel && (event.type.startsWith('meeting.') || counts(state, event, channel));
    if ((slot.request === 'pending' || slot.request === 'accepted') && slot.requestFor !== null && !answered && certainlyAfter(event.date, slot.requestFor))
      slot.request = 'lapsed';
  }
  switch (event.type) {
    case 'contact.held': {
      const slot = state.channels[event.channel];
      if (!counts(state, event, event.channel)) break;
      slot.link = slot.link.startsWith('open') ? 'open.contactHeld' : 'reopened.contactHeld';
      slot.suspendedBy = slot.suspendedSince = slot.refusedBy = slot.refusedSince = null;
      slot.previousContact = slot.lastContact;
      slot.lastContact = event.date;
      slot.request = 'none';
      break;
    }
    case 'channel.suspended': {
      const slot = state.channels[event.channel];
      // A cut cancels the meeting asked for or agreed on the channel.
      if (slot.request === 'pending' || slot.request === 'accepted') slot.request = 'declined';
      if (slot.link !== 'suspended') {
        slot.link = 'suspended';
        slot.suspendedBy = event.by;
        slot.suspendedSince = event.date;
        slot.refusedBy = slot.refusedSince = null;
      }
      break;
    }
    case 'channel.restored': {
      const slot = state.channels[event.channel];
      if (slot.link === 'suspended') {
        slot.link = 'reopened.quiet';
        slot.suspendedBy = slot.suspendedSince = null;
      }
      break;
    }
    case 'meeting.requested': {
      const slot = state.channels[event.channel];
      if (slot.request !== 'accepted' || overdue) {
        slot.request = 'pending';
        slot.requestFor = event.for ?? null;
      }
      break;
    }
    case 'meeting.declined': {
      const slot = state.channels[event.channel];
      slot.request = 'declined';
      if (slot.link !== 'suspended' && slot.link !== 'refused') {
        slot.link = 'refused';
        slot.refusedBy = event.by;
        slot.refusedSince = event.date;
      }
      break;
    }
    case 'meeting.accepted': {
      const slot = state.channels[event.channel];
      if ((slot.request === 'pending' || slot.request === 'accepted') && !overdue) {
        if (event.for !== undefined) slot.requestFor = event.for;
      } else {
        slot.requestFor = event.for ?? null;
      }
      slot.request = 'accepted';
      break;
    }
    case 'official.appointed':
    case 'official.inOffice': {
      const office = state.offices[event.office];
      if (office.holder !== event.name) {
        if (office.status !== 'unknown') quiet(state.channels[OFFICE_TABLE[event.office].channel], state.phase === 'normal');
        Object.assign(office, { status: 'held', holder: event.name, since: event.date });
      }
      break;
    }
    case 'official.removed': {
      const office = state.offices[event.office];
      if (office.holder !== null && office.holder === event.name) {
        quiet(state.channels[OFFICE_TABLE[event.office].channel], state.phase === 'normal');
        Object.assign(office, { status: 'vacant', holder: null, since: event.date });
      }
      break;
    }
    case 'sanctions.imposed':
      if (event.by !== 'PRC' && !state.sanctioned.includes(event.name)) state.sanctioned = [...state.sanctioned, event.name].sort();
      break;
    case 'sanctions.lifted':
      if (event.by !== 'PRC') state.sanctioned = state.sanctioned.filter((name) => name !== event.name);
      break;
    case 'leaders.agreedToResume':
    case 'agreement.reached':
      state.agreement = true;
      break;
    case 'incident':
      state.incidents += 1;
      break;
    case 'incidents.stopped':
      state.incidentsStopped += 1;
      break;
    case 'provocation':
      state.provocations += 1;
      break;
  }
  state.phase = phaseOf(state);
}

function counts(state: ReducerState, event: RelationshipEvent, channel: Channel): boolean {
  if (event.type !== 'contact.held' || event.channel !== channel || event.mode === 'informal') return false;
  const named = event.participants ?? [];
  return officesOf(channel).every((office) => {
    const { status, holder } = state.offices[office];
    return status !== 'vacant' && (named.length === 0 || holder === null || named.includes(holder));
  });
}

function phaseOf(state: ReducerState): Phase {
  const links = CHANNELS.map((channel) => state.channels[channel].link);
  if (links.every((link) => link.startsWith('open') || link === 'reopened.contactHeld')) return 'normal';
  if (state.channels.ministerial.link === 'reopened.contactHeld') return 'ministerialResumed';
  if (links.includes('reopened.contactHeld')) return 'partiallyRestored';
  return 'channelsSuspended';
}

/** The reducer's state as the library's plain view, to compare with the machine. */
export function reducerView(state: ReducerState): RelationshipState {
  return {
    phase: state.phase,
    channels: Object.fromEntries(
      CHANNELS.map((channel) => {
        const slot = state.channels[channel];
        const open = slot.request === 'pending' || slot.request === 'accepted';
        return [channel, { ...slot, requestFor: open ? slot.requestFor : null }];
      }),
    ) as RelationshipState['channels'],
    offices: Object.fromEntries(
      OFFICES.map((office) => {
        const { status, holder, since } = state.offices[office];
        return [office, { status, holder, since, sanctioned: holder !== null && state.sanctioned.includes(holder) }];
      }),
    ) as RelationshipState['offices'],
    agreement: state.agreement ? 'reached' : 'none',
    sanctioned: [...state.sanctioned],
    incidents: state.incidents,
    incidentsStopped: state.incidentsStopped,
    provocations: state.provocations,
  };
}
