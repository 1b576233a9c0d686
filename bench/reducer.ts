// A hand-written reducer over the same rules as the statechart: the speed baseline of
// `npm run bench`, and nothing else. It is a second copy of the rules on purpose, kept out of
// the product; test/bench/reducer.test.ts checks that it agrees with the machine.
import { CHANNELS, type Channel, type Phase, type RelationshipEvent, type RelationshipState } from 'thaw';

type Link = RelationshipState['channels'][Channel]['link'];
type Request = RelationshipState['channels'][Channel]['request'];

/** The reducer's state: plain, mutable, flat. */
export interface ReducerState {
  link: Record<Channel, Link>;
  request: Record<Channel, Request>;
  lastContact: Record<Channel, string | null>;
  suspendedBy: Record<Channel, 'US' | 'PRC' | null>;
  seat: 'vacant' | 'held.clear' | 'held.sanctioned';
  holder: string | null;
  since: string | null;
  sanctioned: string[];
  agreement: boolean;
  phase: Phase;
  incidents: number;
  provocations: number;
}

const each = <T>(value: T) => Object.fromEntries(CHANNELS.map((channel) => [channel, value])) as Record<Channel, T>;

/** The state before any event. */
export function initialReducerState(): ReducerState {
  return {
    link: each<Link>('open.quiet'),
    request: each<Request>('none'),
    lastContact: each<string | null>(null),
    suspendedBy: each<'US' | 'PRC' | null>(null),
    seat: 'vacant',
    holder: null,
    since: null,
    sanctioned: [],
    agreement: false,
    phase: 'beforeFreeze',
    incidents: 0,
    provocations: 0,
  };
}

const isOpenLike = (link: Link) => link !== 'suspended';

/** Applies one event in place. */
export function reduce(state: ReducerState, event: RelationshipEvent): void {
  switch (event.type) {
    case 'contact.held': {
      const { channel } = event;
      const informal = event.mode === 'informal';
      const counterpart = channel !== 'ministerial' || state.seat === 'held.clear';
      if (informal || !counterpart) break;
      const link = state.link[channel];
      if (isOpenLike(link)) {
        state.link[channel] = link.startsWith('open') ? 'open.contactHeld' : 'reopened.contactHeld';
        state.lastContact[channel] = event.date;
      } else if (state.agreement) {
        state.link[channel] = 'reopened.contactHeld';
        state.suspendedBy[channel] = null;
        state.lastContact[channel] = event.date;
      } else {
        state.lastContact[channel] = event.date;
      }
      state.request[channel] = 'none';
      break;
    }
    case 'channel.suspended':
      if (isOpenLike(state.link[event.channel])) {
        state.link[event.channel] = 'suspended';
        state.suspendedBy[event.channel] = event.by;
      }
      break;
    case 'channel.restored':
      if (state.link[event.channel] === 'suspended') {
        state.link[event.channel] = 'reopened.quiet';
        state.suspendedBy[event.channel] = null;
      }
      break;
    case 'meeting.requested':
      state.request[event.channel] = 'pending';
      break;
    case 'meeting.declined': {
      const request = state.request[event.channel];
      if (request === 'pending' || request === 'accepted') state.request[event.channel] = 'declined';
      break;
    }
    case 'meeting.accepted':
      if (state.request[event.channel] === 'pending') state.request[event.channel] = 'accepted';
      break;
    case 'official.appointed': {
      const isHolder = state.holder !== null && event.name === state.holder;
      if (!isHolder) {
        const link = state.link.ministerial;
        if (link === 'open.contactHeld') state.link.ministerial = 'open.quiet';
        if (link === 'reopened.contactHeld') state.link.ministerial = 'reopened.quiet';
        state.seat = state.sanctioned.includes(event.name) ? 'held.sanctioned' : 'held.clear';
        state.holder = event.name;
        state.since = event.date;
      }
      break;
    }
    case 'official.removed':
      if (state.holder !== null && event.name === state.holder) {
        const link = state.link.ministerial;
        if (link === 'open.contactHeld') state.link.ministerial = 'open.quiet';
        if (link === 'reopened.contactHeld') state.link.ministerial = 'reopened.quiet';
        state.seat = 'vacant';
        state.holder = null;
        state.since = event.date;
      }
      break;
    case 'sanctions.imposed':
      if (!state.sanctioned.includes(event.name)) {
        if (state.holder !== null && event.name === state.holder) state.seat = 'held.sanctioned';
        state.sanctioned.push(event.name);
      }
      break;
    case 'sanctions.lifted':
      if (state.sanctioned.includes(event.name)) {
        if (state.holder !== null && event.name === state.holder) state.seat = 'held.clear';
        state.sanctioned = state.sanctioned.filter((name) => name !== event.name);
      }
      break;
    case 'leaders.agreedToResume':
      state.agreement = true;
      break;
    case 'incident':
      state.incidents += 1;
      break;
    case 'provocation':
      state.provocations += 1;
      break;
  }
  state.phase = phaseOf(state);
}

function phaseOf(state: ReducerState): Phase {
  const links = CHANNELS.map((channel) => state.link[channel]);
  if (links.every((link) => link.startsWith('open'))) return 'beforeFreeze';
  if (state.link.ministerial === 'reopened.contactHeld' && state.seat === 'held.clear') return 'ministerialResumed';
  if (state.agreement || links.some((link) => link.startsWith('reopened'))) return 'partiallyRestored';
  return 'channelsSuspended';
}

/** The reducer's state as the library's plain view, to compare with the machine. */
export function reducerView(state: ReducerState): RelationshipState {
  return {
    phase: state.phase,
    channels: Object.fromEntries(
      CHANNELS.map((channel) => [channel, { link: state.link[channel], request: state.request[channel], lastContact: state.lastContact[channel], suspendedBy: state.suspendedBy[channel] }]),
    ) as RelationshipState['channels'],
    seat: { holder: state.holder, since: state.since, sanctioned: state.seat === 'held.sanctioned' },
    agreement: state.agreement ? 'reached' : 'none',
    sanctioned: [...state.sanctioned],
    incidents: state.incidents,
    provocations: state.provocations,
  };
}
