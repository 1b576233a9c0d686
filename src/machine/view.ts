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

// `{ reopened: 'contactHeld' }` → `reopened.contactHeld`; the machine's values are few, so each is flattened once.
const flattened = new Map<StateValueNode, string>();
function flatten(value: StateValueNode): string {
  if (typeof value === 'string') return value;
  let flat = flattened.get(value);
  if (flat === undefined) {
    const [key, child] = Object.entries(value)[0] ?? ['', ''];
    flat = `${key}.${flatten(child)}`;
    flattened.set(value, flat);
  }
  return flat;
}

/** The plain view of a machine snapshot that timelines, checkpoints and JSON output use. Pure. */
export function viewOf(snapshot: RelationshipSnapshot): RelationshipState {
  return viewOfValue(snapshot.value, snapshot.context);
}

/** The plain view of a state value and context, wherever they come from (a snapshot, the fast engine). Pure. */
export function viewOfValue(stateValue: unknown, context: RelationshipContext): RelationshipState {
  const value = stateValue as Record<string, StateValueNode>;
  // Built field by field: every step of a timeline makes one.
  const channels = {} as Record<Channel, ChannelState>;
  for (const channel of CHANNELS) {
    const region = value[channel] as { link: StateValueNode; request: RequestState };
    const record = context.channels[channel];
    const open = region.request === 'pending' || region.request === 'accepted';
    channels[channel] = {
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
  }
  const offices = {} as Record<Office, OfficeState>;
  for (const office of OFFICES) {
    const { holder, since } = context.offices[office];
    offices[office] = { status: value[office] as OfficeStatus, holder, since, sanctioned: holder !== null && context.sanctioned.includes(holder) };
  }
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

/** What differs between two states, in a fixed order: phase, channels, offices, then the rest. Pure. */
export function diffStates(before: RelationshipState, after: RelationshipState): Change[] {
  const changes: Change[] = [];
  const field = (path: string, from: unknown, to: unknown) => {
    if (from !== to) changes.push({ path, from, to });
  };
  field('phase', before.phase, after.phase);
  const records = (prefix: string, a: object, b: object) => {
    // A shared object (see shareUnchanged) cannot differ.
    if (a === b) return;
    for (const key in b) field(`${prefix}.${key}`, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  };
  for (const channel of CHANNELS) records(channel, before.channels[channel], after.channels[channel]);
  for (const office of OFFICES) records(office, before.offices[office], after.offices[office]);
  field('agreement', before.agreement, after.agreement);
  if (before.sanctioned !== after.sanctioned) field('sanctioned', before.sanctioned.join(', '), after.sanctioned.join(', '));
  field('incidents', before.incidents, after.incidents);
  field('incidentsStopped', before.incidentsStopped, after.incidentsStopped);
  field('provocations', before.provocations, after.provocations);
  return changes;
}

const sameFields = (a: object, b: object) => {
  for (const key in a) if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  return true;
};

/**
 * `next`, with every channel, office and the sanctions list that equals `previous`'s replaced by
 * `previous`'s own object, so that the states of a long timeline share what did not change. Views
 * are never mutated, so sharing is safe. Pure.
 */
export function shareUnchanged(previous: RelationshipState, next: RelationshipState): RelationshipState {
  for (const channel of CHANNELS) if (sameFields(previous.channels[channel], next.channels[channel])) next.channels[channel] = previous.channels[channel];
  for (const office of OFFICES) if (sameFields(previous.offices[office], next.offices[office])) next.offices[office] = previous.offices[office];
  if (previous.sanctioned.length === next.sanctioned.length && previous.sanctioned.every((name, index) => name === next.sanctioned[index])) next.sanctioned = previous.sanctioned;
  return next;
}
