import { CHANNELS } from '../vocabulary/channels.js';
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

/** Every way `state` differs from `expect`; empty when the expectation holds. Pure. */
export function compareExpectation(state: RelationshipState, expect: Expectation): Mismatch[] {
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
    check(`${channel}.lastContact`, wanted.lastContact, actual.lastContact);
  }
  check('seat.holder', expect.seat?.holder, state.seat.holder);
  check('seat.sanctioned', expect.seat?.sanctioned, state.seat.sanctioned);
  check('agreement', expect.agreement, state.agreement);
  return mismatches;
}
