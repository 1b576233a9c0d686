import { z } from 'zod';
import { CHANNELS, OFFICES, SIDES } from './channels.js';

const channel = z.enum(CHANNELS);
const side = z.enum(SIDES);
const name = z.string().trim().min(1, 'a name is required');

/** How a contact was held; each mode has its own CAMEO code (see codes.ts). */
export const CONTACT_MODES = ['call', 'visit', 'sidelines', 'talks', 'informal'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/** Kinds of incident the articles report. */
export const INCIDENT_KINDS = ['exercise', 'intercept', 'encounter', 'balloon', 'coastGuard'] as const;

/** Kinds of provocation the articles report. */
export const PROVOCATION_KINDS = ['taiwanVisit'] as const;

/**
 * The payload of every event type, keyed by type. This is the whole event vocabulary: the
 * scenario schema, the machine's event types and the docs table are all derived from it.
 */
export const EVENT_PAYLOADS = {
  'contact.held': z.strictObject({
    channel,
    mode: z.enum(CONTACT_MODES),
    participants: z.array(name).optional(),
  }),
  'channel.suspended': z.strictObject({ channel, by: side }),
  'channel.restored': z.strictObject({ channel, by: side }),
  'meeting.requested': z.strictObject({ channel, by: side, venue: name.optional() }),
  'meeting.declined': z.strictObject({ channel, by: side, reason: name.optional() }),
  'meeting.accepted': z.strictObject({ channel, by: side }),
  'official.appointed': z.strictObject({ office: z.enum(OFFICES), name }),
  'official.removed': z.strictObject({ office: z.enum(OFFICES), name }),
  'sanctions.imposed': z.strictObject({ name }),
  'sanctions.lifted': z.strictObject({ name }),
  // No payload to give: a scenario may leave it out.
  'leaders.agreedToResume': z.strictObject({}).default({}),
  incident: z.strictObject({ kind: z.enum(INCIDENT_KINDS) }),
  provocation: z.strictObject({ kind: z.enum(PROVOCATION_KINDS), actor: name }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;

/** Every event type, in the order the docs table lists them. */
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

// z.strictObject({}) infers Record<string, never>, which no event with a `type` could satisfy.
type Fields<P> = string extends keyof P ? {} : P;

export type EventPayload<T extends EventType = EventType> = Fields<z.infer<(typeof EVENT_PAYLOADS)[T]>>;

/** An event as the machine receives it: its type, its date (ISO, day/month/year) and its payload. */
export type RelationshipEvent = {
  [T in EventType]: { type: T; date: string } & EventPayload<T>;
}[EventType];

/** The event types whose payload names a channel. */
export type ChannelEvent = Extract<RelationshipEvent, { channel: unknown }>;

/** True when the event's payload names a channel. */
export function isChannelEvent(event: RelationshipEvent): event is ChannelEvent {
  return 'channel' in event;
}
