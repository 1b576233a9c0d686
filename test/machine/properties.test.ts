import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  initialSnapshot,
  isChannelEvent,
  persistSnapshot,
  restoreSnapshot,
  step,
  viewOf,
  type RelationshipEvent,
  type RelationshipSnapshot,
} from '../../src/index.js';
import { eventSequence, propertyParameters } from '../arbitraries/relationshipEvent.js';
import { documentedPhase } from './phaseRule.js';

function run(events: RelationshipEvent[], from: RelationshipSnapshot = initialSnapshot()): RelationshipSnapshot[] {
  const snapshots = [from];
  for (const event of events) snapshots.push(step(snapshots.at(-1) as RelationshipSnapshot, event).snapshot);
  return snapshots;
}

describe('relationshipMachine over arbitrary event sequences', () => {
  it('should never throw and never reach an error status', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        for (const snapshot of run(events)) expect(snapshot.status).toBe('active');
      }),
      propertyParameters,
    );
  });

  it('should always be in the phase the documented rule gives', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        for (const snapshot of run(events)) {
          const state = viewOf(snapshot);
          expect(state.phase).toBe(documentedPhase(state));
        }
      }),
      propertyParameters,
    );
  });

  it('should reach every phase, so the properties above are not vacuous', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(eventSequence, (events) => {
        for (const snapshot of run(events)) seen.add(viewOf(snapshot).phase);
      }),
      propertyParameters,
    );
    expect([...seen].sort()).toEqual(['beforeFreeze', 'channelsSuspended', 'ministerialResumed', 'partiallyRestored']);
  });

  it('should only say "ministerial contact resumed" after contact with a seated, unsanctioned minister', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        for (const snapshot of run(events)) {
          const state = viewOf(snapshot);
          if (state.phase !== 'ministerialResumed') continue;
          expect(state.channels.ministerial.link).toBe('reopened.contactHeld');
          expect(state.channels.ministerial.lastContact).not.toBeNull();
          expect(state.seat.holder).not.toBeNull();
          expect(state.sanctioned).not.toContain(state.seat.holder);
        }
      }),
      propertyParameters,
    );
  });

  it('should keep the seat state and the sanctions list in agreement', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        for (const snapshot of run(events)) {
          const { seat, sanctioned } = viewOf(snapshot);
          expect(seat.sanctioned).toBe(seat.holder !== null && sanctioned.includes(seat.holder));
        }
      }),
      propertyParameters,
    );
  });

  it('should be deterministic: the same events give the same states', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        const first = run(events).map(viewOf);
        const second = run(events).map(viewOf);
        expect(second).toEqual(first);
      }),
      propertyParameters,
    );
  });

  it('should end in the same state when persisted midway and resumed', () => {
    fc.assert(
      fc.property(eventSequence, fc.nat(), (events, cut) => {
        const at = events.length === 0 ? 0 : cut % (events.length + 1);
        const straight = run(events).at(-1) as RelationshipSnapshot;
        const midway = run(events.slice(0, at)).at(-1) as RelationshipSnapshot;
        const stored = JSON.parse(JSON.stringify(persistSnapshot(midway)));
        const resumed = run(events.slice(at), restoreSnapshot(stored)).at(-1) as RelationshipSnapshot;
        expect(resumed.value).toEqual(straight.value);
        expect(resumed.context).toEqual(straight.context);
      }),
      propertyParameters,
    );
  });

  it('should leave every other channel as it was when an event names one channel', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        const snapshots = run(events);
        events.forEach((event, index) => {
          if (!isChannelEvent(event)) return;
          const before = viewOf(snapshots[index] as RelationshipSnapshot);
          const after = viewOf(snapshots[index + 1] as RelationshipSnapshot);
          for (const channel of CHANNELS) {
            if (channel !== event.channel) expect(after.channels[channel]).toEqual(before.channels[channel]);
          }
          expect(after.seat).toEqual(before.seat);
          expect(after.agreement).toBe(before.agreement);
        });
      }),
      propertyParameters,
    );
  });
});
