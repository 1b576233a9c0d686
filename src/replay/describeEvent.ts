import { CHANNEL_LABELS, officeLabelOn } from '../vocabulary/channels.js';
import type { RelationshipEvent } from '../vocabulary/events.js';

const MODE_LABELS = {
  call: 'call',
  video: 'video call',
  visit: 'visit',
  sidelines: 'meeting on the sidelines',
  talks: 'round of talks',
  informal: 'informal exchange',
} as const;

const EXCHANGE_LABELS = {
  portCall: 'port call',
  armsControl: 'arms-control talks',
  academic: 'academic exchange',
  forum: 'forum',
  seniorOfficers: "senior officers' meeting",
  other: 'exchange',
} as const;

const INCIDENT_LABELS = {
  exercise: 'military exercises',
  intercept: 'intercepts',
  encounter: 'tense encounters',
  balloon: 'surveillance balloon',
  coastGuard: 'coast guard action',
  strike: 'strike',
} as const;

/** A one-line English summary of an event, e.g. "PRC suspends the ministerial channel". Pure. */
export function describeEvent(event: RelationshipEvent): string {
  switch (event.type) {
    case 'contact.held': {
      const who = event.participants?.length ? ` (${event.participants.join(' – ')})` : '';
      const host = event.host ? `, hosted by ${event.host}` : '';
      return `${CHANNEL_LABELS[event.channel]} ${MODE_LABELS[event.mode]}${who}${host}`;
    }
    case 'channel.suspended':
      return `${event.by} suspends the ${CHANNEL_LABELS[event.channel]} channel`;
    case 'channel.restored':
      return `${event.by} restores the ${CHANNEL_LABELS[event.channel]} channel`;
    case 'meeting.requested':
      return `${event.by} requests a ${CHANNEL_LABELS[event.channel]} ${event.mode === 'call' ? 'call' : 'meeting'}${event.venue ? ` at ${event.venue}` : ''}${event.for ? ` (for ${event.for})` : ''}`;
    case 'meeting.declined':
      return `${event.by} declines a ${CHANNEL_LABELS[event.channel]} ${event.mode === 'call' ? 'call' : 'meeting'}${event.reason ? ` (${event.reason})` : ''}`;
    case 'meeting.accepted':
      return `${event.by} agrees to a ${CHANNEL_LABELS[event.channel]} ${event.mode === 'call' ? 'call' : 'meeting'}${event.for ? ` (for ${event.for})` : ''}`;
    case 'official.appointed':
      return `${event.name} becomes ${officeLabelOn(event.office, event.date)}`;
    case 'official.inOffice':
      return `${event.name} is ${officeLabelOn(event.office, event.date)}`;
    case 'official.removed':
      return `${event.name} removed as ${officeLabelOn(event.office, event.date)}`;
    case 'official.absent':
      return `${event.name} (${officeLabelOn(event.office, event.date)}) absent${event.venue ? ` from ${event.venue}` : ''}`;
    case 'sanctions.imposed':
      return `${event.by ?? 'US'} sanctions ${event.name}`;
    case 'sanctions.lifted':
      return `${event.by ?? 'US'} lifts sanctions on ${event.name}`;
    case 'leaders.agreedToResume':
      return 'leaders agree to resume military contact';
    case 'agreement.reached':
      return `${event.level} agree to resume or set up military contact`;
    case 'exchange': {
      const who = event.participants?.length ? ` (${event.participants.join(' – ')})` : '';
      return `${EXCHANGE_LABELS[event.kind]}${who}${event.action === 'held' ? '' : `: ${event.action}${event.by ? ` by ${event.by}` : ''}`}`;
    }
    case 'incident':
      return `incident: ${INCIDENT_LABELS[event.kind]} (${event.actor} → ${event.target})`;
    case 'incidents.stopped':
      return `${INCIDENT_LABELS[event.kind]} stop (${event.actor} → ${event.target})`;
    case 'provocation':
      return {
        taiwanVisit: `${event.actor} visits Taiwan`,
        taiwanLeaderVisit: `Taiwan's leader in the US (${event.actor})`,
        armsSale: `${event.actor}: arms sale to Taiwan`,
        crackdown: `${event.actor}: crackdown`,
      }[event.kind];
    case 'time.passed':
      return `the date reaches ${event.date}`;
  }
}
