// The bench's random events: a seeded mix of every kind, weighted towards the ministerial channel.

import { CHANNELS, OFFICES, SIDES } from '../src/vocabulary/channels.js';
import type { RelationshipEvent } from '../src/vocabulary/events.js';
import { CONTACT_MODES } from '../src/vocabulary/events.js';

/** A seeded generator, so every run measures the same sequences. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` seeded random sequences of `length` events, with the same mix every run. */
export function sequences(count: number, length: number): RelationshipEvent[][] {
  const next = random(2024);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const names = ['Wei Fenghe', 'Li Shangfu', 'Dong Jun'];
  const dates = ['2022-08', '2023-05', '2023-11', '2024-04'];
  const event = (): RelationshipEvent => {
    const date = pick(dates);
    const channel = next() < 0.4 ? 'ministerial' : pick(CHANNELS);
    switch (Math.floor(next() * 12)) {
      case 0:
      case 1:
        return { type: 'contact.held', channel, mode: pick(CONTACT_MODES), date };
      case 2:
        return { type: 'channel.suspended', channel, by: pick(SIDES), date };
      case 3:
        return { type: 'channel.restored', channel, by: pick(SIDES), date };
      case 4:
        return next() < 0.5
          ? { type: 'meeting.requested', channel, by: pick(SIDES), date }
          : { type: 'meeting.requested', channel, by: pick(SIDES), for: pick(dates), date };
      case 5:
        return { type: next() < 0.5 ? 'meeting.declined' : 'meeting.accepted', channel, by: pick(SIDES), date };
      case 6:
        return { type: 'official.appointed', office: pick(OFFICES), name: pick(names), date };
      case 7:
        return { type: 'official.removed', office: pick(OFFICES), name: pick(names), date };
      case 8:
        return { type: next() < 0.5 ? 'sanctions.imposed' : 'sanctions.lifted', name: pick(names), date };
      case 9:
        return { type: 'leaders.agreedToResume', date };
      case 10:
        return { type: next() < 0.5 ? 'incident' : 'incidents.stopped', kind: 'intercept', actor: 'CHN', target: 'USA', date };
      default:
        return { type: 'provocation', kind: 'taiwanVisit', actor: 'someone', date };
    }
  };
  return Array.from({ length: count }, () => Array.from({ length }, event));
}
