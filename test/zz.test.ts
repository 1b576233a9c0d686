import fc from 'fast-check';
import { it } from 'vitest';
import { initialSnapshot, step, viewOf } from '../src/index.js';
import { initialReducerState, reduce, reducerView } from '../bench/reducer.js';
import { eventSequence } from './arbitraries/relationshipEvent.js';
it('x', () => {
  const seqs = fc.sample(eventSequence, { numRuns: 300, seed: 7 });
  for (const events of seqs) {
    let snapshot = initialSnapshot(); const state = initialReducerState();
    for (const [i, event] of events.entries()) {
      snapshot = step(snapshot, event).snapshot; reduce(state, event);
      const a = JSON.stringify(reducerView(state)), b = JSON.stringify(viewOf(snapshot));
      if (a !== b) { console.log(JSON.stringify(events.slice(0, i + 1), null, 0)); const va = reducerView(state) as any, vb = viewOf(snapshot) as any; for (const k of Object.keys(vb)) if (JSON.stringify(va[k]) !== JSON.stringify(vb[k])) console.log(k, JSON.stringify(va[k]), '\n', JSON.stringify(vb[k])); return; }
    }
  }
});
