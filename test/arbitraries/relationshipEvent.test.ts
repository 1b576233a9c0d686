import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_PAYLOADS, EVENT_TYPES } from '../../src/vocabulary/events.js';
import { relationshipEvent } from './relationshipEvent.js';

describe('the generated events', () => {
  it('should cover every event type of the vocabulary, each valid under its own schema', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(relationshipEvent, (event) => {
        const { type, date, ...payload } = event;
        seen.add(type);
        expect(date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
        expect(EVENT_PAYLOADS[type].safeParse(payload).success, JSON.stringify(event)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort());
  });
});
