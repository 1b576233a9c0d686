import { CHANNEL_LABELS } from '../vocabulary/channels.js';
import type { RelationshipEvent } from '../vocabulary/events.js';

const MODE_LABELS = {
  call: 'call',
  visit: 'meeting',
  sidelines: 'meeting on the sidelines',
  talks: 'round of talks',
  informal: 'informal exchange',
} as const;

/** A one-line English summary of an event, e.g. "PRC suspends the ministerial channel". Pure. */
export function describeEvent(event: RelationshipEvent): string {
  switch (event.type) {
    case 'contact.held': {
      const who = event.participants?.length ? ` (${event.participants.join(' – ')})` : '';
      return `${CHANNEL_LABELS[event.channel]} ${MODE_LABELS[event.mode]}${who}`;
    }
    case 'channel.suspended':
      return `${event.by} suspends the ${CHANNEL_LABELS[event.channel]} channel`;
    case 'channel.restored':
      return `${event.by} restores the ${CHANNEL_LABELS[event.channel]} channel`;
    case 'meeting.requested':
      return `${event.by} requests a ${CHANNEL_LABELS[event.channel]} meeting${event.venue ? ` at ${event.venue}` : ''}`;
    case 'meeting.declined':
      return `${event.by} declines the ${CHANNEL_LABELS[event.channel]} meeting${event.reason ? ` (${event.reason})` : ''}`;
    case 'meeting.accepted':
      return `${event.by} agrees to a ${CHANNEL_LABELS[event.channel]} meeting`;
    case 'official.appointed':
      return `${event.name} becomes PRC defence minister`;
    case 'official.removed':
      return `${event.name} removed as PRC defence minister`;
    case 'sanctions.imposed':
      return `US sanctions ${event.name}`;
    case 'sanctions.lifted':
      return `US lifts sanctions on ${event.name}`;
    case 'leaders.agreedToResume':
      return 'leaders agree to resume military contact';
    case 'incident':
      return `incident: ${event.kind}`;
    case 'provocation':
      return `${event.actor} visits Taiwan`;
  }
}
