import type { SnapshotFrom } from 'xstate';
import { CHANNELS, OFFICES, type Channel, type Office, type Phase } from '../vocabulary/channels.js';
import type { ChannelRecord, RelationshipContext, RelationshipMachine } from './relationshipMachine.js';

export type RelationshipSnapshot = SnapshotFrom<RelationshipMachine>;

/** A channel's link, flattened: `open.quiet`, `suspended`, `refused`, `reopened.contactHeld`, ... */
export type LinkState = 'open.quiet' | 'open.contactHeld' | 'suspended' | 'refused' | 'reopened.quiet' | 'reopened.contactHeld';
export type RequestState = 'none' | 'pending' | 'accepted' | 'declined' | 'lapsed';
/** `unknown` until a scenario names a holder; then `held` or `vacant`. */
export type OfficeStatus = 'unknown' | 'vacant' | 'held';

/** One channel as the timeline shows it: its link and request, and what the machine records of it. */
export interface ChannelState extends ChannelRecord {
  link: LinkState;
  request: RequestState;
}

/** One office: its status, who holds it, since when, and whether the holder is under US sanctions. */
export interface OfficeState {
  status: OfficeStatus;
  holder: string | null;
  since: string | null;
  sanctioned: boolean;
}

/** Every region of the machine and the context that matters, as plain data. */
export interface RelationshipState {
  phase: Phase;
  channels: Record<Channel, ChannelState>;
  offices: Record<Office, OfficeState>;
  agreement: 'none' | 'reached';
  sanctioned: string[];
  incidents: number;
  incidentsStopped: number;
  provocations: number;
}

type StateValueNode = string | { [key: string]: StateValueNode };

// `{ reopened: 'contactHeld' }` → `reopened.contactHeld`
function flatten(value: StateValueNode): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? ['', ''];
  return `${key}.${flatten(child)}`;
}

/** The plain view of a machine snapshot that timelines, checkpoints and JSON output use. Pure. */
export function viewOf(snapshot: RelationshipSnapshot): RelationshipState {
  return viewOfValue(snapshot.value, snapshot.context);
}

/** The plain view of a state value and context, wherever they come from (a snapshot, the fast engine). Pure. */
export function viewOfValue(stateValue: unknown, context: RelationshipContext): RelationshipState {
  const value = stateValue as Record<string, StateValueNode>;
  const channels = Object.fromEntries(
    CHANNELS.map((channel) => {
      const region = value[channel] as { link: StateValueNode; request: RequestState };
      const record = context.channels[channel];
      const open = region.request === 'pending' || region.request === 'accepted';
      const state: ChannelState = {
        link: flatten(region.link) as LinkState,
        request: region.request,
        lastContact: record.lastContact,
        previousContact: record.previousContact,
        suspendedBy: record.suspendedBy,
        suspendedSince: record.suspendedSince,
        refusedBy: record.refusedBy,
        refusedSince: record.refusedSince,
        requestFor: open ? record.requestFor : null,
      };
      return [channel, state];
    }),
  ) as Record<Channel, ChannelState>;
  const offices = Object.fromEntries(
    OFFICES.map((office) => {
      const { holder, since } = context.offices[office];
      return [office, { status: value[office] as OfficeStatus, holder, since, sanctioned: holder !== null && context.sanctioned.includes(holder) }];
    }),
  ) as Record<Office, OfficeState>;
  return {
    phase: value.phase as Phase,
    channels,
    offices,
    agreement: value.agreement as 'none' | 'reached',
    sanctioned: [...context.sanctioned],
    incidents: context.incidents,
    incidentsStopped: context.incidentsStopped,
    provocations: context.provocations,
  };
}

/** One difference between two states: a dotted path such as `ministerial.link`, and both values. */
export interface Change {
  path: string;
  from: unknown;
  to: unknown;
}

function leaves(state: RelationshipState): Map<string, unknown> {
  const out = new Map<string, unknown>([['phase', state.phase]]);
  for (const channel of CHANNELS) {
    for (const [key, value] of Object.entries(state.channels[channel])) out.set(`${channel}.${key}`, value);
  }
  for (const office of OFFICES) {
    for (const [key, value] of Object.entries(state.offices[office])) out.set(`${office}.${key}`, value);
  }
  out.set('agreement', state.agreement);
  out.set('sanctioned', state.sanctioned.join(', '));
  out.set('incidents', state.incidents);
  out.set('incidentsStopped', state.incidentsStopped);
  out.set('provocations', state.provocations);
  return out;
}

/** What differs between two states, in a fixed order. Pure. */
export function diffStates(before: RelationshipState, after: RelationshipState): Change[] {
  const a = leaves(before);
  const changes: Change[] = [];
  for (const [path, to] of leaves(after)) {
    const from = a.get(path);
    if (from !== to) changes.push({ path, from, to });
  }
  return changes;
}
