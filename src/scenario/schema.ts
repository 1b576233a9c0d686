import { z } from 'zod';
import { CHANNELS, PHASES } from '../vocabulary/channels.js';
import { EVENT_PAYLOADS, EVENT_TYPES, type EventType } from '../vocabulary/events.js';
import { DATE_PATTERN, parsePartialDate } from './dates.js';

/** An identifier: lower-case words joined by hyphens, as in `pelosi-visit`. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens, e.g. "pelosi-visit"');

/** The message for a date the schema refuses; the CLI's --at option uses it too. */
export const DATE_FORMAT = 'expected a date as YYYY-MM-DD or YYYY-MM';

/**
 * A date to the day or the month: `2023-11-15` or `2023-11`. The articles date events no more
 * loosely than that; a plain year is refused so that order and `--at` stay meaningful.
 */
export const DateText = z
  .string()
  .regex(DATE_PATTERN, DATE_FORMAT)
  .refine((text) => !DATE_PATTERN.test(text) || parsePartialDate(text) !== undefined, 'no such day in that month');

/** An article a scenario cites. */
export const Article = z.strictObject({
  /** File name of the article's text, looked up in the folder THAW_SOURCES names. */
  file: z.string().min(1).optional(),
  outlet: z.string().min(1),
  headline: z.string().min(1),
  /** When the article most likely appeared; the articles carry no dates of their own. */
  date: DateText,
  note: z.string().optional(),
});

/** Where a fact comes from: an article id from `sources`, and a verbatim quote from it. */
export const Citation = z.strictObject({
  article: Id,
  quote: z.string().min(1),
});

const eventFields = {
  id: Id,
  date: DateText,
  /** The article and verbatim quote that report the event; every event needs one unless hypothetical. */
  source: Citation.optional(),
  /** Present on an event that did not happen (a what-if's assumption): what is assumed, and why. */
  hypothetical: z.string().min(1).optional(),
  /** Present when a fact in the event comes from outside the articles: says which, and from where. */
  outside: z.string().min(1).optional(),
  note: z.string().optional(),
  /** The earlier event this one responds to, e.g. a suspension caused by a visit. */
  causedBy: Id.optional(),
};

/** The fields every event has whatever its type, so an event of unknown type is still checked. */
export const EventCommonFields = z.object(eventFields);

type EventSchemas = {
  [T in EventType]: z.ZodObject<
    typeof eventFields & { type: z.ZodLiteral<T>; payload: (typeof EVENT_PAYLOADS)[T] },
    z.core.$strict
  >;
};
const eventSchemas = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, z.strictObject({ ...eventFields, type: z.literal(type), payload: EVENT_PAYLOADS[type] })]),
) as unknown as EventSchemas;

/** One dated event of a scenario: a type from the vocabulary, its payload and its source. */
export const ScenarioEvent = z.discriminatedUnion(
  'type',
  Object.values(eventSchemas) as [EventSchemas[EventType], ...Array<EventSchemas[EventType]>],
);
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

/** Link states a checkpoint can expect; `open` matches `open.quiet` and `open.contactHeld`. */
export const LINK_PATTERNS = [
  'open',
  'open.quiet',
  'open.contactHeld',
  'suspended',
  'reopened',
  'reopened.quiet',
  'reopened.contactHeld',
] as const;

export const REQUEST_STATES = ['none', 'pending', 'declined', 'accepted'] as const;

/** What a checkpoint expects of one channel; every field is optional. */
export const ChannelExpectation = z.strictObject({
  link: z.enum(LINK_PATTERNS).optional(),
  request: z.enum(REQUEST_STATES).optional(),
  /** Date of the last contact that counted, or null for none. */
  lastContact: DateText.nullable().optional(),
});

/** What a checkpoint expects of the machine: the phase, and any channel or seat states. */
export const Expectation = z.strictObject({
  phase: z.enum(PHASES),
  channels: z.partialRecord(z.enum(CHANNELS), ChannelExpectation).optional(),
  seat: z
    .strictObject({
      /** Who holds the PRC defence seat, or null when it is vacant. */
      holder: z.string().nullable().optional(),
      sanctioned: z.boolean().optional(),
    })
    .optional(),
  agreement: z.enum(['none', 'reached']).optional(),
});

/** An outcome an article reports, placed after an event or at a date. */
export const Checkpoint = z.strictObject({
  id: Id,
  /** The event after which the outcome holds; give this or `at` (checkScenario enforces one). */
  after: Id.optional(),
  /** The date by the end of which the outcome holds. */
  at: DateText.optional(),
  /** The article that reports this outcome; absent for a prediction, as in what-if files. */
  reportedBy: Id.optional(),
  claim: z.string().min(1),
  expect: Expectation,
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** A scenario: its sources, its events in order, and the checkpoints it must replay to. */
export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  description: z.string().min(1),
  sources: z.record(Id, Article),
  events: z.array(ScenarioEvent).min(1, 'a scenario needs at least one event'),
  checkpoints: z.array(Checkpoint).default([]),
});
export type Scenario = z.infer<typeof Scenario>;
export type Article = z.infer<typeof Article>;
export type Expectation = z.infer<typeof Expectation>;

/** The scenario format as JSON Schema, for editors (scenarios/scenario.schema.json). Pure. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
