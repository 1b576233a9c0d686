import type { RelationshipState } from '../machine/view.js';
import { escapeControls } from '../scenario/problems.js';
import type { Checkpoint, Expectation, Matcher } from '../scenario/schema.js';
import { CHANNEL_LABELS, CHANNELS, OFFICES, PHASE_LABELS } from '../vocabulary/channels.js';
import { dateWithin, monthsBetween } from '../vocabulary/dates.js';

/** One way a state differs from what a checkpoint expects. */
export interface Mismatch {
  path: string;
  /** What was expected: a value, a list of allowed values, or `{ not: ... }`. */
  expected: unknown;
  actual: unknown;
}

/** A checkpoint's outcome: where it was evaluated and whether the state matched. */
export interface CheckpointVerdict {
  checkpoint: Checkpoint;
  /** Index of the last event applied before the check; -1 for the initial state. */
  afterIndex: number;
  /** The state the checkpoint was judged on: the model's reading there. */
  state: RelationshipState;
  /** Always true for an observation, which asserts nothing. */
  holds: boolean;
  mismatches: Mismatch[];
  /** An observation: no `expect`, the model's reading is shown, not judged. */
  observation: boolean;
}

/** Whether a checkpoint asserts nothing, and is only the model's reading of a claim. Pure. */
export const isObservation = (checkpoint: Pick<Checkpoint, 'expect'>): boolean => checkpoint.expect === undefined;

// `open` and `reopened` match any of their substates; anything else must match exactly.
const linkMatches = (expected: string, actual: string) => actual === expected || actual.startsWith(`${expected}.`);
// A date expected to the month matches any day of it; null matches only null.
const dateMatches = (expected: string | null, actual: string | null) =>
  expected === null || actual === null ? expected === actual : dateWithin(actual, expected);
const equal = (expected: unknown, actual: unknown) => expected === actual;

const isNot = <T>(matcher: Matcher<T>): matcher is { not: T | T[] } =>
  typeof matcher === 'object' && matcher !== null && !Array.isArray(matcher) && 'not' in matcher;

/** Whether `actual` satisfies a matcher, each value compared by `same`. Pure. */
export function satisfies<T>(matcher: Matcher<T>, actual: unknown, same: (expected: T, actual: never) => boolean = equal): boolean {
  if (isNot(matcher)) return !satisfies(matcher.not, actual, same);
  const values = Array.isArray(matcher) ? matcher : [matcher];
  return values.some((value) => same(value, actual as never));
}

/** A matcher in words: `reopened.contactHeld`, `one of suspended, refused`, `not channelsSuspended`. Pure. */
export function describeExpected(expected: unknown): string {
  const one = (value: unknown) => (value === null ? '—' : escapeControls(String(value)));
  const many = (values: unknown) => (Array.isArray(values) ? (values.length === 1 ? one(values[0]) : `one of ${values.map(one).join(', ')}`) : one(values));
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected) && 'not' in expected)
    return `not ${many((expected as { not: unknown }).not)}`;
  return many(expected);
}

/** `ministerial.link: expected not reopened.contactHeld, got reopened.contactHeld`. Pure. */
export function formatMismatch(mismatch: Mismatch): string {
  return `${mismatch.path}: expected ${describeExpected(mismatch.expected)}, got ${describeExpected(mismatch.actual)}`;
}

/**
 * Every way `state` differs from `expect`; empty when the expectation holds, or when there is
 * none (an observation). `asOf` is the date the checkpoint stands at, for expectations counted
 * in months. Pure.
 */
export function compareExpectation(state: RelationshipState, expect: Expectation | undefined, asOf?: string): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (expect === undefined) return mismatches;
  const check = <T>(path: string, expected: Matcher<T> | undefined, actual: unknown, same?: (expected: T, actual: never) => boolean) => {
    if (expected !== undefined && !satisfies(expected, actual, same)) mismatches.push({ path, expected, actual });
  };
  const months = (date: string | null) => (date === null || asOf === undefined ? null : monthsBetween(date, asOf));
  check('phase', expect.phase, state.phase);
  for (const channel of CHANNELS) {
    const wanted = expect.channels?.[channel];
    if (!wanted) continue;
    const actual = state.channels[channel];
    check(`${channel}.link`, wanted.link, actual.link, linkMatches);
    check(`${channel}.request`, wanted.request, actual.request);
    check(`${channel}.lastContact`, wanted.lastContact, actual.lastContact, dateMatches);
    check(`${channel}.previousContact`, wanted.previousContact, actual.previousContact, dateMatches);
    check(`${channel}.monthsSinceContact`, wanted.monthsSinceContact, months(actual.lastContact));
    check(`${channel}.monthsSuspended`, wanted.monthsSuspended, months(actual.suspendedSince));
    check(`${channel}.monthsRefused`, wanted.monthsRefused, months(actual.refusedSince));
    const gap = actual.lastContact !== null && actual.previousContact !== null ? monthsBetween(actual.previousContact, actual.lastContact) : null;
    check(`${channel}.lastGap`, wanted.lastGap, gap);
  }
  for (const office of OFFICES) {
    const wanted = expect.offices?.[office];
    if (!wanted) continue;
    check(`${office}.status`, wanted.status, state.offices[office].status);
    check(`${office}.holder`, wanted.holder, state.offices[office].holder);
    check(`${office}.sanctioned`, wanted.sanctioned, state.offices[office].sanctioned);
  }
  check('agreement', expect.agreement, state.agreement);
  return mismatches;
}

/**
 * Who reports a checkpoint's claim, in a few words: the article (`reportedBy`), the first outside
 * source (`outside`), or, when neither does, "predicted" (or "no source given" for an
 * observation, which predicts nothing). Pure.
 */
export function checkpointSource(
  checkpoint: Pick<Checkpoint, 'reportedBy' | 'outside' | 'expect'>,
  sources: Readonly<Record<string, { outlet: string; date: string }>>,
): string {
  if (checkpoint.reportedBy !== undefined) {
    const article = sources[checkpoint.reportedBy];
    return article ? `${article.outlet}, ${article.date}` : checkpoint.reportedBy;
  }
  const [fact] = checkpoint.outside ?? [];
  if (fact !== undefined) return `${fact.outlet}${fact.date ? `, ${fact.date}` : ''} (outside the articles)`;
  return isObservation(checkpoint) ? 'no source given' : 'predicted';
}

/** The model's reading of a state, for an observation: the phase, then every channel that is not open and quiet. Pure. */
export function readingOf(state: RelationshipState): string {
  const channels = CHANNELS.filter((channel) => state.channels[channel].link !== 'open.quiet').map(
    (channel) => `${CHANNEL_LABELS[channel]} ${state.channels[channel].link}`,
  );
  return [PHASE_LABELS[state.phase], ...channels].join('; ');
}
