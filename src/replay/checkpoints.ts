import { CHANNELS, OFFICES } from '../vocabulary/channels.js';
import { dateWithin, monthsBetween } from '../vocabulary/dates.js';
import type { RelationshipState } from '../machine/view.js';
import type { Checkpoint, Expectation } from '../scenario/schema.js';

/** One way a state differs from what a checkpoint expects. */
export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** A checkpoint's outcome: where it was evaluated and whether the state matched. */
export interface CheckpointVerdict {
  checkpoint: Checkpoint;
  /** Index of the last event applied before the check; -1 for the initial state. */
  afterIndex: number;
  holds: boolean;
  mismatches: Mismatch[];
}

// `open` and `reopened` match any of their substates; anything else must match exactly.
const linkMatches = (expected: string, actual: string) => actual === expected || actual.startsWith(`${expected}.`);
// A date expected to the month matches any day of it; null matches only null.
const dateMatches = (expected: string | null, actual: string | null) =>
  expected === null || actual === null ? expected === actual : dateWithin(actual, expected);

/**
 * Every way `state` differs from `expect`; empty when the expectation holds. `asOf` is the date
 * the checkpoint stands at, for expectations counted in months. Pure.
 */
export function compareExpectation(state: RelationshipState, expect: Expectation, asOf?: string): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const check = (path: string, expected: unknown, actual: unknown, matches = expected === actual) => {
    if (expected !== undefined && !matches) mismatches.push({ path, expected, actual });
  };
  check('phase', expect.phase, state.phase);
  for (const channel of CHANNELS) {
    const wanted = expect.channels?.[channel];
    if (!wanted) continue;
    const actual = state.channels[channel];
    if (wanted.link !== undefined) check(`${channel}.link`, wanted.link, actual.link, linkMatches(wanted.link, actual.link));
    check(`${channel}.request`, wanted.request, actual.request);
    if (wanted.lastContact !== undefined) check(`${channel}.lastContact`, wanted.lastContact, actual.lastContact, dateMatches(wanted.lastContact, actual.lastContact));
    if (wanted.previousContact !== undefined) {
      check(`${channel}.previousContact`, wanted.previousContact, actual.previousContact, dateMatches(wanted.previousContact, actual.previousContact));
    }
    if (wanted.monthsSinceContact !== undefined) {
      const months = actual.lastContact === null || asOf === undefined ? null : monthsBetween(actual.lastContact, asOf);
      check(`${channel}.monthsSinceContact`, wanted.monthsSinceContact, months);
    }
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
