import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineAction } from '../../src/engine/compiledMachine.js';
import { compileRelationshipMachine } from '../../src/engine/relationshipEngine.js';
import { initialSnapshot, relationshipMachine, step, viewOf } from '../../src/index.js';
import { diffStates } from '../../src/machine/view.js';
import { TimelineStepper } from '../../src/replay/timelineStepper.js';
import { sameValue } from '../../src/whatif/sameValue.js';
import { relationshipEvent } from '../arbitraries/relationshipEvent.js';

// The issue asks for at least 10,000 sequences in the suite; THAW_EQUIVALENCE_RUNS raises it for soak runs.
const RUNS = Math.max(10_000, Number(process.env.THAW_EQUIVALENCE_RUNS ?? 0));
// Up to 30 events, drawn at full size (fast-check's default size would keep them under 10): the
// live actor is the slow side, and 10,000 such sequences reach every phase thousands of times.
const sequences = fc.array(relationshipEvent, { maxLength: 30, size: 'max' });

describe('the fast engine', () => {
  it(`agrees with xstate's own transitions on every step of ${RUNS.toLocaleString('en-US')} random sequences: states, changes and notes`, () => {
    // An engine of its own: the shared one may have learnt from other test files already.
    const engine = compileRelationshipMachine(relationshipMachine);
    // The reference: the machine's own transition() (the library's `step`, whose notes are the
    // `explain` actions xstate returns), from one initial snapshot: an actor per sequence would
    // cost half a millisecond each to build and say nothing more.
    const start = initialSnapshot();
    let events = 0;
    const phases = new Map<string, number>();
    fc.assert(
      fc.property(sequences, (sequence) => {
        let snapshot = start;
        // What replay, what-if, the viewer and `thaw run` step with (and the explorer, without views).
        const timeline = new TimelineStepper(undefined, engine);
        const check = (when: () => string, actual: unknown, expected: unknown) => {
          // A quick comparison first (sameValue allocates nothing); the full one, and the label, only to report a difference.
          if (!sameValue(actual, expected)) expect(actual, when()).toEqual(expected);
        };
        let before = viewOf(snapshot);
        check(() => 'initially', { value: timeline.currentValue, view: timeline.current }, { value: snapshot.value, view: before });
        sequence.forEach((event, index) => {
          const reference = step(snapshot, event);
          snapshot = reference.snapshot;
          // A plain test first: vitest's expect costs more than the step itself, 150,000 times over.
          if (snapshot.status !== 'active') expect(snapshot.status, `after event ${index + 1}, ${JSON.stringify(event)}`).toBe('active');
          const taken = timeline.advance(event);
          const view = viewOf(snapshot);
          check(
            () => `after event ${index + 1}, ${JSON.stringify(event)}`,
            { value: taken.stateValue, view: taken.state, changes: taken.changes, notes: taken.notes },
            { value: snapshot.value, view, changes: diffStates(before, view), notes: reference.notes },
          );
          before = view;
          phases.set(view.phase, (phases.get(view.phase) ?? 0) + 1);
        });
        events += sequence.length;
      }),
      { numRuns: RUNS, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
    // The point of the tables: after learning, nearly every step is a lookup, not a run of xstate.
    // Each region's moves are keyed on the guards that region reads, not on every guard of the
    // event type (seven lapse guards each): about one step in twenty is learnt here.
    expect(engine.stats().probes).toBeLessThan(events / 15);
    // The sequences are long enough to matter: every phase is reached, the last one often.
    expect(phases.get('ministerialResumed') ?? 0).toBeGreaterThan(RUNS / 10);
    expect(phases.size).toBe(4);
  }, 600_000);

  it('walks the plan, where code cannot be generated, to the same regions, keys and slots, states, changes and actions as the generated search', () => {
    const generated = compileRelationshipMachine(relationshipMachine);
    const walking = compileRelationshipMachine(relationshipMachine, { generateCode: false });
    // Code can be made here, and the walking engine really walks.
    expect(() =>
      generated.candidates(generated.initialState(), { type: 'incident', date: '2023-01', kind: 'intercept', actor: 'CHN', target: 'USA' }),
    ).not.toThrow();
    expect(() => walking.candidates(walking.initialState(), { type: 'incident', date: '2023-01', kind: 'intercept', actor: 'CHN', target: 'USA' })).toThrow(
      /no generated search/,
    );
    fc.assert(
      fc.property(sequences, (sequence) => {
        const a = generated.initialState();
        const b = walking.initialState();
        for (const event of sequence) {
          // The same regions, keys and slots from both searches, before the step.
          const found = generated.candidates(a, event);
          const walked = generated.candidates(a, event, 'plan');
          if (!sameValue(found, walked)) expect(found, JSON.stringify(event)).toEqual(walked);
          const actionsA: EngineAction[] = [];
          const actionsB: EngineAction[] = [];
          const changedA = generated.step(a, event, actionsA);
          const changedB = walking.step(b, event, actionsB);
          if (
            changedA !== changedB ||
            a.atoms !== b.atoms ||
            !sameValue([...a.codes], [...b.codes]) ||
            !sameValue(a.context, b.context) ||
            !sameValue(actionsA, actionsB)
          ) {
            expect({ changed: changedB, codes: [...b.codes], context: b.context, actions: actionsB }, JSON.stringify(event)).toEqual({
              changed: changedA,
              codes: [...a.codes],
              context: a.context,
              actions: actionsA,
            });
          }
        }
      }),
      { numRuns: 2_000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 120_000);
});
