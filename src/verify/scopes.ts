// The searches `thaw verify` runs, each with its own finite alphabet of events.
import { CHANNELS, type Channel, officesOf, SIDES } from '../vocabulary/channels.js';
import { CONTACT_MODES, type RelationshipEvent } from '../vocabulary/events.js';

/** One search: a name for reports, the channels it moves, and the events it tries from every state. */
export interface SearchScope {
  name: string;
  channels: Channel[];
  /** The channels it tries every event on, whose every declared state it should reach. */
  covers: Channel[];
  alphabet: RelationshipEvent[];
}

/**
 * Every event carries this date. Dates decide one thing only, whether a request has lapsed; the
 * requests that name a meeting name one before it, so the next event lapses them.
 */
export const SEARCH_DATE = '2024-01';
const PAST_MEETING = '2023-12';

/**
 * Two names. Guards compare a name with an office's holder and with the sanctions list; two
 * names give every outcome (the holder, someone else), and one of them is the only one ever
 * sanctioned, so the other is always free to appoint.
 */
export const SEARCH_NAMES = ['Wei Fenghe', 'Dong Jun'] as const;

/** Every event type with every payload value that a guard can tell apart, on the given channels. Pure. */
export function fullAlphabet(channels: readonly Channel[]): RelationshipEvent[] {
  const date = SEARCH_DATE;
  const events: RelationshipEvent[] = [];
  for (const channel of channels) {
    for (const mode of CONTACT_MODES) events.push({ type: 'contact.held', channel, mode, date });
    // Contacts that name who took part, for every outcome of "is each holder among them".
    if (officesOf(channel).length > 0) {
      for (const participants of [[SEARCH_NAMES[0]], [SEARCH_NAMES[1]], [...SEARCH_NAMES]])
        events.push({ type: 'contact.held', channel, mode: 'call', participants, date });
    }
    for (const by of SIDES) {
      for (const type of ['channel.suspended', 'channel.restored', 'meeting.requested', 'meeting.declined', 'meeting.accepted'] as const) {
        events.push({ type, channel, by, date });
      }
    }
    events.push(
      { type: 'meeting.requested', channel, by: 'US', for: PAST_MEETING, date },
      { type: 'meeting.accepted', channel, by: 'PRC', for: PAST_MEETING, date },
    );
    for (const office of officesOf(channel)) {
      for (const name of SEARCH_NAMES) {
        events.push(
          { type: 'official.appointed', office, name, date },
          { type: 'official.inOffice', office, name, date },
          { type: 'official.removed', office, name, date },
          { type: 'official.absent', office, name, date },
        );
      }
    }
  }
  const [sanctioned] = SEARCH_NAMES;
  events.push({ type: 'sanctions.imposed', name: sanctioned, date }, { type: 'sanctions.lifted', name: sanctioned, date });
  events.push({ type: 'sanctions.imposed', name: sanctioned, by: 'PRC', date }, { type: 'sanctions.lifted', name: sanctioned, by: 'PRC', date });
  events.push({ type: 'leaders.agreedToResume', date }, { type: 'agreement.reached', level: 'ministers', date });
  events.push({ type: 'exchange', kind: 'portCall', action: 'held', date }, { type: 'exchange', kind: 'armsControl', action: 'suspended', by: 'PRC', date });
  events.push({ type: 'incident', kind: 'intercept', actor: 'CHN', target: 'USA', date });
  events.push({ type: 'incidents.stopped', kind: 'intercept', actor: 'CHN', target: 'USA', date });
  events.push({ type: 'provocation', kind: 'taiwanVisit', actor: 'an official', date });
  events.push({ type: 'time.passed', date });
  return events;
}

/**
 * Enough to put every channel's link, at once, in each form the phase tells apart (open, shut,
 * reopened with live contact): a cut and a call on each. Offices stay with no holder on record,
 * which lets contact count.
 */
export function linksAlphabet(): RelationshipEvent[] {
  return CHANNELS.flatMap((channel): RelationshipEvent[] => [
    { type: 'channel.suspended', channel, by: 'PRC', date: SEARCH_DATE },
    { type: 'contact.held', channel, mode: 'call', date: SEARCH_DATE },
  ]);
}

/** One channel, its offices, and every event on them. */
export function channelScope(channel: Channel): SearchScope {
  return { name: channel, channels: [channel], covers: [channel], alphabet: fullAlphabet([channel]) };
}

/** Every channel at once, links only. */
export function linksScope(): SearchScope {
  return { name: 'every channel, links only', channels: [...CHANNELS], covers: [], alphabet: linksAlphabet() };
}

/** The searches `thaw verify` runs by default: each channel on its own, then every channel's links together. */
export function defaultScopes(channels: readonly Channel[] = CHANNELS): SearchScope[] {
  return [...channels.map(channelScope), linksScope()];
}
