// The searches `thaw verify` runs, each with its own finite alphabet of events.
import { CHANNELS, OFFICES, SIDES, type Channel } from '../vocabulary/channels.js';
import { CONTACT_MODES, INCIDENT_KINDS, PROVOCATION_KINDS, type RelationshipEvent } from '../vocabulary/events.js';

/** One search: a name for reports, the channels it moves, and the events it tries from every state. */
export interface SearchScope {
  name: string;
  channels: Channel[];
  /** The channels it tries every event on, whose every declared state it should reach. */
  covers: Channel[];
  alphabet: RelationshipEvent[];
}

// Dates never decide a transition, so every event carries the same one.
const DATE = '2024-01';

/**
 * Three names, sanctions on the first two only. Three give every outcome of the guards that
 * compare names (the seat holder, someone else sanctioned, someone else not); keeping one name
 * free of sanctions keeps what the real vocabulary always has, someone new to appoint. Without
 * it, "all three sanctioned" would look like a trap that is only the names running out.
 */
export const SEARCH_NAMES = ['Wei Fenghe', 'Li Shangfu', 'Dong Jun'] as const;
const SANCTIONABLE = SEARCH_NAMES.slice(0, 2);

/** Every event type with every payload value, over the given channels. Pure. */
export function fullAlphabet(channels: readonly Channel[]): RelationshipEvent[] {
  const events: RelationshipEvent[] = [];
  for (const channel of channels) {
    for (const mode of CONTACT_MODES) events.push({ type: 'contact.held', channel, mode, date: DATE });
    for (const by of SIDES) {
      for (const type of ['channel.suspended', 'channel.restored', 'meeting.requested', 'meeting.declined', 'meeting.accepted'] as const) {
        events.push({ type, channel, by, date: DATE });
      }
    }
  }
  for (const name of SEARCH_NAMES) {
    for (const office of OFFICES) {
      events.push({ type: 'official.appointed', office, name, date: DATE }, { type: 'official.removed', office, name, date: DATE });
    }
  }
  for (const name of SANCTIONABLE) events.push({ type: 'sanctions.imposed', name, date: DATE }, { type: 'sanctions.lifted', name, date: DATE });
  events.push({ type: 'leaders.agreedToResume', date: DATE });
  for (const kind of INCIDENT_KINDS) events.push({ type: 'incident', kind, date: DATE });
  for (const kind of PROVOCATION_KINDS) events.push({ type: 'provocation', kind, actor: 'an official', date: DATE });
  return events;
}

/**
 * Enough to move every channel's link between open, suspended and reopened at once, the
 * ministerial contact, one minister's seat and sanctions, and the agreement: every combination
 * the phase reads, without the product of every channel's every state.
 */
export function linksAlphabet(): RelationshipEvent[] {
  const [name] = SEARCH_NAMES;
  return [
    ...CHANNELS.flatMap((channel): RelationshipEvent[] => [
      { type: 'channel.suspended', channel, by: 'PRC', date: DATE },
      { type: 'channel.restored', channel, by: 'US', date: DATE },
    ]),
    { type: 'contact.held', channel: 'ministerial', mode: 'call', date: DATE },
    { type: 'official.appointed', office: 'prcDefenceMinister', name, date: DATE },
    { type: 'official.removed', office: 'prcDefenceMinister', name, date: DATE },
    { type: 'sanctions.imposed', name, date: DATE },
    { type: 'sanctions.lifted', name, date: DATE },
    { type: 'leaders.agreedToResume', date: DATE },
  ];
}

/** The channels other than the ministerial one, each searched with it. */
export const OTHER_CHANNELS: Channel[] = CHANNELS.filter((channel) => channel !== 'ministerial');

/** The ministerial channel and one other, with the full alphabet. */
export function pairScope(channel: Channel): SearchScope {
  return { name: `ministerial + ${channel}`, channels: ['ministerial', channel], covers: ['ministerial', channel], alphabet: fullAlphabet(['ministerial', channel]) };
}

/** Every channel at once, links only. */
export function linksScope(): SearchScope {
  return { name: 'every channel, links only', channels: [...CHANNELS], covers: [], alphabet: linksAlphabet() };
}

/** The searches `thaw verify` runs by default: each pair, then every channel's links together. */
export function defaultScopes(channels: readonly Channel[] = OTHER_CHANNELS): SearchScope[] {
  return [...channels.map(pairScope), linksScope()];
}
