import type { RelationshipState } from '../machine/view.js';
import { CHANNELS, type Channel } from '../vocabulary/channels.js';
import { monthsBetween } from '../vocabulary/dates.js';

/** How long, in whole months as of a date, since a channel's last contact, its cut and its refusal. */
export interface ChannelElapsed {
  /** Since the last contact that counted; null with none on record. */
  sinceContact: number | null;
  /** Since the channel was suspended, while it is. */
  sinceSuspended: number | null;
  /** Since a meeting or call on it was refused, while the refusal stands. */
  sinceRefused: number | null;
  /** The gap the last contact closed: months from the contact before it; null with fewer than two. */
  lastGap: number | null;
}

const since = (date: string | null, asOf: string) => (date === null ? null : monthsBetween(date, asOf));

/** Months elapsed on every channel, as of a date (days are ignored: 2022-11 to 2024-04 is 17). Pure. */
export function elapsedOf(state: RelationshipState, asOf: string): Record<Channel, ChannelElapsed> {
  // A loop, not entries mapped into an object: a replay asks this once a step, of every channel.
  const elapsed = {} as Record<Channel, ChannelElapsed>;
  for (const channel of CHANNELS) {
    const record = state.channels[channel];
    elapsed[channel] = {
      sinceContact: since(record.lastContact, asOf),
      sinceSuspended: since(record.suspendedSince, asOf),
      sinceRefused: since(record.refusedSince, asOf),
      lastGap: record.lastContact !== null && record.previousContact !== null ? monthsBetween(record.previousContact, record.lastContact) : null,
    };
  }
  return elapsed;
}

/** `next`, with each channel's entry that equals `previous`'s replaced by `previous`'s own object: a long timeline shares them. Pure. */
export function shareElapsed(previous: Record<Channel, ChannelElapsed> | undefined, next: Record<Channel, ChannelElapsed>): Record<Channel, ChannelElapsed> {
  if (!previous) return next;
  let same = true;
  for (const channel of CHANNELS) {
    const a = previous[channel];
    const b = next[channel];
    if (a.sinceContact === b.sinceContact && a.sinceSuspended === b.sinceSuspended && a.sinceRefused === b.sinceRefused && a.lastGap === b.lastGap)
      next[channel] = a;
    else same = false;
  }
  return same ? previous : next;
}
