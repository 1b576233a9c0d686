import type { SnapshotFrom } from 'xstate';
import { CHANNELS, type Channel, OFFICES, type Office, type Phase } from '../vocabulary/channels.js';
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

// `{ reopened: 'contactHeld' }` → `reopened.contactHeld`. Looked up by the names, not the value
// object: every xstate snapshot brings new value objects, and the names are the machine's few.
const flattened = new Map<string, Map<string, string>>();
function flatten(value: StateValueNode): string {
  if (typeof value === 'string') return value;
  for (const key in value) {
    const child = flatten(value[key] as StateValueNode);
    let byChild = flattened.get(key);
    if (byChild === undefined) {
      byChild = new Map();
      flattened.set(key, byChild);
    }
    let flat = byChild.get(child);
    if (flat === undefined) {
      flat = `${key}.${child}`;
      byChild.set(child, flat);
    }
    return flat;
  }
  return '';
}

/** The plain view of a machine snapshot that timelines, checkpoints and JSON output use. Pure. */
export function viewOf(snapshot: RelationshipSnapshot): RelationshipState {
  return viewOfValue(snapshot.value, snapshot.context);
}

type ChannelValue = { link: StateValueNode; request: RequestState };

// One channel's view: its region's value flattened, and its record (a meeting date only while a request is open).
function channelView(region: ChannelValue, record: ChannelRecord): ChannelState {
  const open = region.request === 'pending' || region.request === 'accepted';
  return {
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

// Whether channelView(region, record) would equal `view`, field for field, without building it:
// a timeline asks this of every channel on every step, and most are unchanged. It lists the
// fields channelView does; test/engine/equivalence.test.ts holds the views it keeps to viewOf's.
function sameChannel(view: ChannelState, region: ChannelValue, record: ChannelRecord): boolean {
  const open = region.request === 'pending' || region.request === 'accepted';
  return (
    view.request === region.request &&
    view.lastContact === record.lastContact &&
    view.previousContact === record.previousContact &&
    view.suspendedBy === record.suspendedBy &&
    view.suspendedSince === record.suspendedSince &&
    view.refusedBy === record.refusedBy &&
    view.refusedSince === record.refusedSince &&
    view.requestFor === (open ? record.requestFor : null) &&
    view.link === flatten(region.link)
  );
}

/** The plain view of a state value and context, wherever they come from (a snapshot, the fast engine). Pure. */
export function viewOfValue(stateValue: unknown, context: RelationshipContext): RelationshipState {
  const value = stateValue as Record<string, StateValueNode>;
  // Built field by field: every step of a timeline makes one.
  const channels = {} as Record<Channel, ChannelState>;
  for (const channel of CHANNELS) {
    channels[channel] = channelView(value[channel] as ChannelValue, context.channels[channel]);
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
  // Written out, with no helper closures: a timeline diffs every step it takes.
  const changes: Change[] = [];
  if (before.phase !== after.phase) changes.push({ path: 'phase', from: before.phase, to: after.phase });
  for (const channel of CHANNELS) addRecordChanges(changes, channel, before.channels[channel], after.channels[channel]);
  for (const office of OFFICES) addRecordChanges(changes, office, before.offices[office], after.offices[office]);
  if (before.agreement !== after.agreement) changes.push({ path: 'agreement', from: before.agreement, to: after.agreement });
  if (before.sanctioned !== after.sanctioned) {
    const from = before.sanctioned.join(', ');
    const to = after.sanctioned.join(', ');
    if (from !== to) changes.push({ path: 'sanctioned', from, to });
  }
  if (before.incidents !== after.incidents) changes.push({ path: 'incidents', from: before.incidents, to: after.incidents });
  if (before.incidentsStopped !== after.incidentsStopped) changes.push({ path: 'incidentsStopped', from: before.incidentsStopped, to: after.incidentsStopped });
  if (before.provocations !== after.provocations) changes.push({ path: 'provocations', from: before.provocations, to: after.provocations });
  return changes;
}

// The fields of one channel or office that differ, as changes at `prefix.field`.
function addRecordChanges(changes: Change[], prefix: string, before: object, after: object): void {
  // A shared object (see nextView) cannot differ.
  if (before === after) return;
  for (const key in after) {
    const from = (before as Record<string, unknown>)[key];
    const to = (after as Record<string, unknown>)[key];
    if (from !== to) changes.push({ path: `${prefix}.${key}`, from, to });
  }
}

/**
 * The view of a state value and context that follows `previous`: what equals `previous`'s is
 * `previous`'s own object, and only what changed is built (a timeline makes one per event, and
 * most events change one channel or office). Equal to viewOfValue(stateValue, context). Pure.
 */
export function nextView(previous: RelationshipState, stateValue: unknown, context: RelationshipContext): RelationshipState {
  const value = stateValue as Record<string, StateValueNode>;
  let channels = previous.channels;
  for (const channel of CHANNELS) {
    const region = value[channel] as ChannelValue;
    const record = context.channels[channel];
    if (sameChannel(previous.channels[channel], region, record)) continue;
    if (channels === previous.channels) channels = { ...previous.channels };
    channels[channel] = channelView(region, record);
  }
  const sameSanctions =
    previous.sanctioned.length === context.sanctioned.length && previous.sanctioned.every((name, index) => name === context.sanctioned[index]);
  const sanctioned = sameSanctions ? previous.sanctioned : [...context.sanctioned];
  let offices = previous.offices;
  for (const office of OFFICES) {
    const { holder, since } = context.offices[office];
    const status = value[office] as OfficeStatus;
    const isSanctioned = holder !== null && sanctioned.includes(holder);
    const before = previous.offices[office];
    if (before.status === status && before.holder === holder && before.since === since && before.sanctioned === isSanctioned) continue;
    if (offices === previous.offices) offices = { ...previous.offices };
    offices[office] = { status, holder, since, sanctioned: isSanctioned };
  }
  const phase = value.phase as Phase;
  const agreement = value.agreement as 'none' | 'reached';
  const same =
    channels === previous.channels &&
    offices === previous.offices &&
    sanctioned === previous.sanctioned &&
    phase === previous.phase &&
    agreement === previous.agreement &&
    context.incidents === previous.incidents &&
    context.incidentsStopped === previous.incidentsStopped &&
    context.provocations === previous.provocations;
  if (same) return previous;
  return {
    phase,
    channels,
    offices,
    agreement,
    sanctioned,
    incidents: context.incidents,
    incidentsStopped: context.incidentsStopped,
    provocations: context.provocations,
  };
}

const sameRecord = (a: object, b: object) => {
  if (a === b) return true;
  for (const key in a) if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  return true;
};

/** Whether two views are the same state; quick where they share their parts, as a timeline's do. Pure. */
export function sameState(a: RelationshipState, b: RelationshipState): boolean {
  if (a === b) return true;
  if (
    a.phase !== b.phase ||
    a.agreement !== b.agreement ||
    a.incidents !== b.incidents ||
    a.incidentsStopped !== b.incidentsStopped ||
    a.provocations !== b.provocations
  )
    return false;
  if (a.sanctioned !== b.sanctioned && (a.sanctioned.length !== b.sanctioned.length || a.sanctioned.some((name, index) => name !== b.sanctioned[index])))
    return false;
  for (const channel of CHANNELS) if (!sameRecord(a.channels[channel], b.channels[channel])) return false;
  for (const office of OFFICES) if (!sameRecord(a.offices[office], b.offices[office])) return false;
  return true;
}
