import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { and, assign, createActor, type InspectionEvent, not, or, raise, setup, stateIn, transition } from 'xstate';
import { actionKind, guardShape, isBuiltinGuard, microstepOf, reusableScope, withContext, XSTATE_VERSION_READ } from '../../src/fences/xstateInternals.js';
import { initialSnapshot, relationshipMachine, step } from '../../src/index.js';

// If one of these fails after an upgrade of xstate, the message says which internal moved; fix
// src/fences/xstateInternals.ts, the only module that reads them, and then XSTATE_VERSION_READ.
const installed = (createRequire(import.meta.url)('xstate/package.json') as { version: string }).version;

const tiny = setup({
  types: { context: {} as { count: number }, events: {} as { type: 'go' } },
  actions: { note: () => {} },
}).createMachine({
  context: { count: 0 },
  type: 'parallel',
  states: {
    a: { initial: 'off', states: { off: { on: { go: { target: 'on', actions: ['note', assign({ count: ({ context }) => context.count + 1 })] } } }, on: {} } },
    // stateIn's parameter type does not fit setup()'s guard types; the test is about its shape.
    b: { initial: 'off', states: { off: { always: { guard: stateIn({ a: 'on' }) as never, target: 'on' } }, on: {} } },
  },
});

describe("xstate's internals, as src/fences/xstateInternals.ts reads them", () => {
  it('should be the xstate version the module was written against', () => {
    expect(
      installed,
      `xstate ${installed} is installed; the internals were read from ${XSTATE_VERSION_READ}: check every reader in src/fences/xstateInternals.ts, then update XSTATE_VERSION_READ (and the exact pin in package.json)`,
    ).toBe(XSTATE_VERSION_READ);
  });

  it('should see the parts of and, or, not and stateIn, and nothing in a custom guard', () => {
    const inside = stateIn({ a: 'on' });
    const custom = () => true;
    expect(guardShape(and([inside, custom])), 'and() no longer carries its parts as .guards or its check function changed').toEqual({
      kind: 'and',
      parts: [inside, custom],
    });
    expect(guardShape(or([inside])).kind, 'or() is no longer recognised by its check function').toBe('or');
    expect(guardShape(not(inside)), 'not() no longer carries its part').toEqual({ kind: 'not', parts: [inside] });
    expect(guardShape(inside), 'stateIn() no longer carries its state value as .stateValue').toEqual({ kind: 'stateIn', stateValue: { a: 'on' } });
    expect(guardShape(custom)).toEqual({ kind: 'custom' });
    expect(isBuiltinGuard(inside) && !isBuiltinGuard(custom), 'built-in guards no longer carry a .check').toBe(true);
  });

  it('should tell a built-in assign from other built-in actions and from plain ones', () => {
    expect(actionKind(assign({})), "assign() is no longer a function with .resolve and type 'xstate.assign'").toBe('assign');
    expect(actionKind(raise({ type: 'go' })), 'raise() is no longer a built-in action with .resolve').toBe('builtin');
    expect(actionKind(() => {})).toBe('plain');
  });

  it('should read the transitions each microstep took from the inspection events', () => {
    const steps: Array<{ transitions: Array<{ source: { path: string[] }; actions: unknown[] }> }> = [];
    const actor = createActor(tiny, {
      inspect: (inspection: InspectionEvent) => {
        const step = microstepOf<{ source: { path: string[] }; actions: unknown[] }>(inspection);
        if (step) steps.push(step);
      },
    }).start();
    actor.send({ type: 'go' });
    actor.stop();
    const paths = steps.map((step) => step.transitions.map((taken) => taken.source.path.join('.'))).filter((taken) => taken.length > 0);
    expect(paths, '@xstate.microstep events no longer carry _transitions with their source state node').toEqual([['a.off'], ['b.off']]);
    expect(steps[0]?.transitions[0]?.actions.length, 'a transition no longer lists its actions').toBe(2);
  });

  it('should remake a snapshot with another context as resolveState makes it', () => {
    // States of the relationship machine along the record's first events, each with the context of another.
    let snapshot = initialSnapshot();
    const states = [snapshot];
    for (const event of [
      { type: 'channel.suspended', channel: 'ministerial', by: 'PRC', date: '2022-08' },
      { type: 'official.appointed', office: 'prcDefenseMinister', name: 'Li Shangfu', date: '2023-03' },
      { type: 'meeting.requested', channel: 'ministerial', by: 'US', date: '2023-05' },
    ] as const) {
      snapshot = step(snapshot, event).snapshot;
      states.push(snapshot);
    }
    for (const [index, state] of states.entries()) {
      const other = (states[(index + 1) % states.length] as typeof state).context;
      const remade = withContext(relationshipMachine.resolveState({ value: state.value, context: state.context }), other);
      const resolved = relationshipMachine.resolveState({ value: state.value, context: other });
      expect(remade, 'a snapshot holds more than its configuration and context now: withContext must work it out').toEqual(resolved);
      expect(Object.keys(remade)).toEqual(Object.keys(resolved));
    }
  });

  it("should step with the machine's own transition and a reused scope exactly as transition() does", () => {
    const actions: unknown[] = [];
    const scope = reusableScope(tiny, { onAction: (action) => actions.push(action) });
    const start = createActor(tiny).getSnapshot();
    const [expected, expectedActions] = transition(tiny, start, { type: 'go' });
    for (let round = 0; round < 2; round += 1) {
      actions.length = 0;
      const next = tiny.transition(start, { type: 'go' }, scope);
      expect(next.value, 'StateMachine.transition(snapshot, event, scope) no longer gives what transition() gives').toEqual(expected.value);
      expect(next.context).toEqual(expected.context);
      expect(actions.map((action) => (action as { type: string }).type)).toEqual(expectedActions.map((action) => action.type));
    }
  });
});
