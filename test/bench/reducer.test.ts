import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialReducerState, reduce, reducerView } from '../../bench/reducer.js';
import { initialSnapshot, step, viewOf } from '../../src/index.js';
import { eventSequence, propertyParameters } from '../arbitraries/relationshipEvent.js';

// The benchmark's baseline is only a fair baseline if it computes what the machine computes.
describe('the hand-written reducer of the benchmark', () => {
  it('should agree with the statechart after every event of random sequences', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        let snapshot = initialSnapshot();
        const state = initialReducerState();
        for (const event of events) {
          snapshot = step(snapshot, event).snapshot;
          reduce(state, event);
          expect(reducerView(state)).toEqual(viewOf(snapshot));
        }
      }),
      // A third of the usual runs: each event goes through xstate, which is slow (see npm run bench).
      { ...propertyParameters, numRuns: Math.max(50, Math.floor((propertyParameters.numRuns ?? 300) / 3)) },
    );
  });
});
