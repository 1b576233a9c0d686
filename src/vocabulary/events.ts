import { z } from 'zod';
import { CHANNELS, COUNTRIES, OFFICES, SIDES } from './channels.js';
import { DateText } from './dates.js';

// The schema's own message: validateDocument adds the value, a suggestion and the channels.
const channel = z.enum(CHANNELS, { error: (issue) => (issue.code === 'invalid_value' ? 'unknown channel' : undefined) });
const side = z.enum(SIDES);
const country = z.enum(COUNTRIES);
const name = z.string().trim().min(1, 'a name is required');

/** How a contact was held; each mode has its own CAMEO code (see codes.ts). */
export const CONTACT_MODES = ['call', 'video', 'visit', 'sidelines', 'talks', 'informal'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/** The kinds of contact a side can ask for, agree to or refuse: a contact mode, informal aside. */
export const MEETING_MODES = ['call', 'video', 'visit', 'sidelines', 'talks'] as const;

/** Kinds of incident: those the articles report, and a strike that hits the other side (the Belgrade embassy, 1999). */
export const INCIDENT_KINDS = ['exercise', 'intercept', 'encounter', 'balloon', 'coastGuard', 'strike'] as const;

/**
 * Exchanges that are no channel of contact the model tracks: port calls, arms-control talks,
 * academic visits, forums, and the senior officers' contacts that have no counterpart office
 * (China's CMC vice chairmen, received by a US Secretary, President or National Security Adviser).
 */
export const EXCHANGE_KINDS = ['portCall', 'armsControl', 'academic', 'forum', 'seniorOfficers', 'other'] as const;

/** What happened to an exchange. */
export const EXCHANGE_ACTIONS = ['held', 'suspended', 'resumed', 'cancelled'] as const;

/** Who reached an agreement to resume or set up military contact. */
export const AGREEMENT_LEVELS = ['leaders', 'ministers'] as const;

/**
 * Kinds of provocation: acts by one side that the other treats as a breach. A visit to Taiwan,
 * Taiwan's leader let into the US (Lee Teng-hui, 1995: the visa, then the visit) and an arms sale
 * are the US's; a crackdown is China's own (Tiananmen, 1989, which the US cut military contact over).
 */
export const PROVOCATION_KINDS = ['taiwanVisit', 'taiwanLeaderVisit', 'armsSale', 'crackdown'] as const;
export type ProvocationKind = (typeof PROVOCATION_KINDS)[number];

/**
 * The payload of every event type, keyed by type. This is the whole event vocabulary: the
 * scenario schema, the machine's event types and the docs table are all derived from it.
 */
export const EVENT_PAYLOADS = {
  'contact.held': z.strictObject({
    channel,
    mode: z.enum(CONTACT_MODES),
    /** For a visit, the side that hosted it (CAMEO codes the host 043, the visitor 042). */
    host: side.optional(),
    participants: z.array(name).optional(),
  }),
  'channel.suspended': z.strictObject({ channel, by: side }),
  'channel.restored': z.strictObject({ channel, by: side }),
  'meeting.requested': z.strictObject({
    channel,
    by: side,
    mode: z.enum(MEETING_MODES).optional(),
    venue: name.optional(),
    /** The date of the meeting asked for; once events are dated after it, the request lapses. */
    for: DateText.optional(),
  }),
  'meeting.declined': z.strictObject({ channel, by: side, mode: z.enum(MEETING_MODES).optional(), reason: name.optional() }),
  'meeting.accepted': z.strictObject({ channel, by: side, mode: z.enum(MEETING_MODES).optional(), for: DateText.optional() }),
  'official.appointed': z.strictObject({ office: z.enum(OFFICES), name }),
  /** A holder on record on the event's date, appointed earlier (a scenario that starts mid-term). */
  'official.inOffice': z.strictObject({ office: z.enum(OFFICES), name }),
  'official.removed': z.strictObject({ office: z.enum(OFFICES), name }),
  /** An office holder absent from a forum where a meeting with the counterpart could have been held. */
  'official.absent': z.strictObject({ office: z.enum(OFFICES), name, venue: name.optional() }),
  /** `by`: the side that imposes them (default US); only US sanctions on a person enter the model's list. */
  'sanctions.imposed': z.strictObject({ name, by: side.optional() }),
  'sanctions.lifted': z.strictObject({ name, by: side.optional() }),
  // No payload to give: a scenario may leave it out.
  'leaders.agreedToResume': z.strictObject({}).default({}),
  /** An agreement to resume or set up military contact, by the leaders or by the ministers. */
  'agreement.reached': z.strictObject({ level: z.enum(AGREEMENT_LEVELS) }),
  /** An exchange that is no channel the model tracks: recorded, shown and exported; it moves no state. */
  exchange: z.strictObject({
    kind: z.enum(EXCHANGE_KINDS),
    action: z.enum(EXCHANGE_ACTIONS).default('held'),
    by: side.optional(),
    participants: z.array(name).optional(),
  }),
  incident: z.strictObject({ kind: z.enum(INCIDENT_KINDS), actor: country, target: country }),
  'incidents.stopped': z.strictObject({ kind: z.enum(INCIDENT_KINDS), actor: country, target: country }),
  provocation: z.strictObject({ kind: z.enum(PROVOCATION_KINDS), actor: name }),
  // Nothing happened but the date: what is due by then falls due (a request lapses).
  'time.passed': z.strictObject({}).default({}),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;

/** Every event type, in the order the docs table lists them. */
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

// z.strictObject({}) infers Record<string, never>, which no event with a `type` could satisfy.
// biome-ignore lint/complexity/noBannedTypes: {} is the type with no fields, which is what is meant
type Fields<P> = string extends keyof P ? {} : P;

export type EventPayload<T extends EventType = EventType> = Fields<z.infer<(typeof EVENT_PAYLOADS)[T]>>;

/** An event as the machine receives it: its type, its date (ISO, day or month) and its payload. */
export type RelationshipEvent = {
  [T in EventType]: { type: T; date: string } & EventPayload<T>;
}[EventType];

/** The event types whose payload names a channel. */
export type ChannelEvent = Extract<RelationshipEvent, { channel: unknown }>;

/** True when the event's payload names a channel. */
export function isChannelEvent(event: RelationshipEvent): event is ChannelEvent {
  return 'channel' in event;
}
