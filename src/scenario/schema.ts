import { z } from 'zod';
import { CHANNELS, OFFICES, PHASES } from '../vocabulary/channels.js';
import { DATE_FORMAT, DateText } from '../vocabulary/dates.js';
import { EVENT_PAYLOADS, EVENT_TYPES, type EventType, type RelationshipEvent } from '../vocabulary/events.js';

export { DATE_FORMAT, DateText };

/** An identifier: lower-case words joined by hyphens, as in `pelosi-visit`. */
export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens, e.g. "pelosi-visit"');

/**
 * A fact from outside the five articles: what it is, and where it was found (outlet, the page's
 * date where it shows one, its address, and a verbatim line from it where one was read).
 */
export const OutsideFact = z.strictObject({
  fact: z.string().min(1),
  outlet: z.string().min(1),
  date: DateText.optional(),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) address' }).optional(),
  quote: z.string().min(1).optional(),
});
export type OutsideFact = z.infer<typeof OutsideFact>;

/** Facts from outside the articles, each with its source. */
const OutsideFacts = z.array(OutsideFact).min(1, 'list at least one outside fact, or leave "outside" out');

/** A file name in the sources folder: no folder, no `..`, nothing that could lead out of it. */
export const FILE_NAME = /^(?!\.\.?$)[^/\\\u0000]+$/;

/** An article a scenario cites. */
export const Article = z.strictObject({
  /** File name of the article's text, looked up in the folder THAW_SOURCES names. */
  file: z.string().regex(FILE_NAME, 'a file name in the sources folder, not a path').optional(),
  outlet: z.string().min(1),
  headline: z.string().min(1),
  /**
   * True when `headline` is this project's description of the text, which has no headline of
   * its own (or none that could be found): citations then show it in brackets, not as a title.
   */
  described: z.boolean().optional(),
  /** When the article most likely appeared; the articles carry no dates of their own. */
  date: DateText,
  /** Where the article can be read, if it has an address. */
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) address' }).optional(),
  note: z.string().optional(),
  /** Where facts about the article itself (its date, say) come from outside it. */
  outside: OutsideFacts.optional(),
});

/** An article's title as a citation gives it: its headline in quotation marks, or a description in brackets. Pure. */
export function articleTitle(article: Pick<Article, 'headline' | 'described'>): string {
  return article.described ? `[${article.headline}]` : `"${article.headline}"`;
}

/** Where a fact comes from: an article id from `sources`, and a verbatim quote from it. */
export const Citation = z.strictObject({
  article: Id,
  quote: z.string().min(1),
});

const eventFields = {
  id: Id,
  date: DateText,
  /** For an event over several days (talks, a visit): its last day; `date` is its first. */
  until: DateText.optional(),
  /** The article and verbatim quote that report the event (or, for an inference, the sentence it rests on). */
  source: Citation.optional(),
  /** Facts in the event from outside the articles, each with its source; alone, the event is an outside fact. */
  outside: OutsideFacts.optional(),
  /** Present when the event is an inference rather than a report: what it is inferred from. */
  inferred: z.string().min(1).optional(),
  /** Present on an event that did not happen (a what-if's assumption): what is assumed, and why. */
  hypothetical: z.string().min(1).optional(),
  note: z.string().optional(),
  /**
   * The earlier event, or events, this one responds to or presupposes: a suspension caused by a
   * visit, a lifted ban that presupposes the ban. Removing any of them removes this one too.
   */
  causedBy: z
    .union([Id, z.array(Id).min(1, 'list at least one event, or leave "causedBy" out')], {
      error: (issue) => (issue.code === 'invalid_union' ? 'expected an event id or a list of event ids' : undefined),
    })
    .optional(),
};

/** The fields every event has whatever its type, so an event of unknown type is still checked. */
export const EventCommonFields = z.object(eventFields);

type EventSchemas = {
  [T in EventType]: z.ZodObject<typeof eventFields & { type: z.ZodLiteral<T>; payload: (typeof EVENT_PAYLOADS)[T] }, z.core.$strict>;
};
const eventSchemas = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, z.strictObject({ ...eventFields, type: z.literal(type), payload: EVENT_PAYLOADS[type] })]),
) as unknown as EventSchemas;

/** One dated event of a scenario: a type from the vocabulary, its payload and its source. */
export const ScenarioEvent = z.discriminatedUnion('type', Object.values(eventSchemas) as [EventSchemas[EventType], ...Array<EventSchemas[EventType]>]);
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

/** The event as the machine receives it: type, date and payload side by side. Pure. */
export function toMachineEvent(event: ScenarioEvent): RelationshipEvent {
  return { type: event.type, date: event.date, ...event.payload } as RelationshipEvent;
}

/** Link states a checkpoint can expect; `open` matches `open.quiet` and `open.contactHeld`. */
export const LINK_PATTERNS = ['open', 'open.quiet', 'open.contactHeld', 'suspended', 'refused', 'reopened', 'reopened.quiet', 'reopened.contactHeld'] as const;

export const REQUEST_STATES = ['none', 'pending', 'accepted', 'declined', 'lapsed'] as const;

/**
 * What a checkpoint may expect of one value: the value, a list of values any of which will do,
 * or `not:` a value or list, none of which may hold ("not channels suspended", "not live").
 */
export function matcher<T extends z.ZodType>(value: T) {
  const list = z.array(value).min(1, 'list at least one value');
  return z.union([value, list, z.strictObject({ not: z.union([value, list]) })]);
}

/** A value, a list of allowed values, or `{ not: value or list }`. */
export type Matcher<T> = T | T[] | { not: T | T[] };

/** What a checkpoint expects of one channel; every field is optional. */
export const ChannelExpectation = z.strictObject({
  link: matcher(z.enum(LINK_PATTERNS)).optional(),
  request: matcher(z.enum(REQUEST_STATES)).optional(),
  /** Date of the last contact that counted, or null for none; a month matches any day in it. */
  lastContact: matcher(DateText.nullable()).optional(),
  /** Date of the contact before the last one, or null for none. */
  previousContact: matcher(DateText.nullable()).optional(),
  /** Whole months from the last contact to the checkpoint's date (its event's date, or `at`); null for no contact. */
  monthsSinceContact: matcher(z.int().nonnegative().nullable()).optional(),
  /** Whole months the channel has been suspended, as of the checkpoint's date; null when it is not. */
  monthsSuspended: matcher(z.int().nonnegative().nullable()).optional(),
  /** Whole months since a refusal on the channel, while it stands; null when none does. */
  monthsRefused: matcher(z.int().nonnegative().nullable()).optional(),
  /** The gap, in months, that the last contact closed (from the contact before it); null for none. */
  lastGap: matcher(z.int().nonnegative().nullable()).optional(),
});

/** What a checkpoint expects of one office. */
export const OfficeExpectation = z.strictObject({
  /** `held`, `vacant`, or `unknown` (no holder on record). */
  status: matcher(z.enum(['unknown', 'vacant', 'held'])).optional(),
  /** Who holds it, or null when nobody does (vacant, or no holder on record). */
  holder: matcher(z.string().nullable()).optional(),
  /** Whether the holder is under US sanctions. */
  sanctioned: matcher(z.boolean()).optional(),
});

/**
 * What a checkpoint expects of the machine: any of the phase, channel and office states and the
 * agreement, each a value, a list of allowed values, or `not:` one. Nothing expected is an
 * observation, printed as the model's reading.
 */
export const Expectation = z.strictObject({
  phase: matcher(z.enum(PHASES)).optional(),
  channels: z
    .partialRecord(z.enum(CHANNELS), ChannelExpectation, { error: (issue) => ((issue.code as string) === 'unrecognized_keys' ? 'unknown channel' : undefined) })
    .optional(),
  offices: z.partialRecord(z.enum(OFFICES), OfficeExpectation).optional(),
  agreement: matcher(z.enum(['none', 'reached'])).optional(),
});

/** An outcome an article or an outside source reports (or a prediction, or an observation), placed after an event or at a date. */
export const Checkpoint = z.strictObject({
  id: Id,
  /** The event after which the outcome holds; give this or `at` (checkScenario enforces one). */
  after: Id.optional(),
  /** The date by the end of which the outcome holds. */
  at: DateText.optional(),
  /** The article that reports this outcome; absent for a prediction, as in what-if files. */
  reportedBy: Id.optional(),
  /** The sentence of that article the claim rests on, verbatim; required with `reportedBy`, and only with it. */
  quote: z.string().min(1).optional(),
  /** Sources outside the articles that report the outcome, each with outlet, date, address and a line read there. */
  outside: OutsideFacts.optional(),
  /** The outcome, worded as the source words it. */
  claim: z.string().min(1),
  /**
   * What the model must show there. Left out, the checkpoint is an observation: a claim that
   * rests on judgement, printed with the model's reading and never failing.
   */
  expect: Expectation.optional(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** A scenario: its sources, its events in order, and the checkpoints it must replay to. */
export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  /**
   * A scenario this one continues, by path relative to this file: its sources, events and
   * checkpoints come first, and this file's follow (the record to the present extends the record).
   */
  extends: z.string().min(1).optional(),
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

/** How an event is known: reported by an article, an outside fact, an inference, or hypothetical. */
export type EventBasis = 'reported' | 'outside' | 'inferred' | 'hypothetical';

/** Whether an event says how it is known (source, outside, inferred) or that it is hypothetical. Pure. */
export function statesBasis(event: { source?: unknown; outside?: unknown; inferred?: unknown; hypothetical?: unknown }): boolean {
  return event.source !== undefined || event.outside !== undefined || event.inferred !== undefined || event.hypothetical !== undefined;
}

/** The basis of an event, as the timeline marks it. Pure. */
export function basisOf(event: Pick<ScenarioEvent, 'source' | 'outside' | 'inferred' | 'hypothetical'>): EventBasis {
  if (event.hypothetical !== undefined) return 'hypothetical';
  if (event.inferred !== undefined) return 'inferred';
  return event.source !== undefined ? 'reported' : 'outside';
}

/** The ids an event names in `causedBy`, as a list. Pure. */
export function causesOf(event: Pick<ScenarioEvent, 'causedBy'>): string[] {
  const { causedBy } = event;
  return causedBy === undefined ? [] : typeof causedBy === 'string' ? [causedBy] : causedBy;
}
