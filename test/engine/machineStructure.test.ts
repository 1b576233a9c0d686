import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, createMachine, setup } from 'xstate';
import { CompiledMachine } from '../../src/engine/compiledMachine.js';
import { readMachineStructure } from '../../src/engine/machineStructure.js';
import { compileRelationshipMachine, engineView, relationshipEngine } from '../../src/engine/relationshipEngine.js';
import { fastReplay, initialSnapshot, readScenario, readWhatIf, relationshipMachine, replay, step, UnsupportedMachineError, viewOf } from '../../src/index.js';
import { toMachineEvent } from '../../src/replay/replay.js';
import { CHANNELS, OFFICES, officesOf } from '../../src/vocabulary/channels.js';
import { sameValue } from '../../src/whatif/sameValue.js';
import { eventSequence, propertyParameters } from '../arbitraries/relationshipEvent.js';

const root = join(import.meta.dirname, '..', '..');

describe('readMachineStructure', () => {
  const structure = readMachineStructure(relationshipMachine);
  const region = (key: string) => structure.regions.find((candidate) => candidate.key === key);
  const atomLabels = (indexes: number[]) => indexes.map((index) => structure.atoms[index]?.label);

  it('numbers every configuration of every top-level region', () => {
    expect(structure.regions.map((candidate) => candidate.key)).toEqual([...CHANNELS, ...OFFICES, 'agreement', 'ledger', 'phase']);
    // link: open.quiet, open.contactHeld, suspended, refused, reopened.quiet, reopened.contactHeld; request: 5 states.
    for (const channel of CHANNELS) expect(region(channel)?.values).toHaveLength(6 * 5);
    for (const office of OFFICES) expect(region(office)?.values).toEqual(['unknown', 'vacant', 'held']);
    expect(region('agreement')?.values).toEqual(['none', 'reached']);
    expect(region('phase')?.values).toHaveLength(4);
  });

  it('finds that a channel reads only its own offices and whether relations are normal, and the phase reads every channel and nothing else', () => {
    for (const channel of CHANNELS) {
      const own = officesOf(channel).map((office) => `in {"${office}":"vacant"}`);
      expect(atomLabels(region(channel)?.reads ?? []).sort()).toEqual([...own, 'in {"phase":"normal"}'].sort());
    }
    expect(structure.eventlessRegion).toBe(structure.regions.findIndex((candidate) => candidate.key === 'phase'));
    const phaseReads = new Set(structure.eventlessReads.map((index) => structure.regions[structure.atoms[index]?.region as number]?.key));
    expect([...phaseReads].sort()).toEqual([...CHANNELS].sort());
  });

  it('knows which regions handle each event type, and which guards classify it', () => {
    const contact = structure.eventTypes.get('contact.held');
    expect(contact?.regions.map((index) => structure.regions[index]?.key)).toEqual([...CHANNELS]);
    // Which channel it is about, whether informal, for each channel whether its request is overdue
    // and whether its contact has gone stale, and for each office whether the contact leaves its
    // holder out of the participants it names.
    expect(contact?.leaves.map((leaf) => leaf.label).sort()).toEqual(
      [
        ...CHANNELS.map((channel) => `isAbout({"channel":"${channel}"})`),
        'isInformal',
        ...CHANNELS.map((channel) => `requestOverdue({"channel":"${channel}"})`),
        ...CHANNELS.map((channel) => `contactStale({"channel":"${channel}"})`),
        ...OFFICES.map((office) => `leavesOutHolder({"office":"${office}"})`),
      ].sort(),
    );
    // Every event type can lapse a request, so every one reaches the channels; incidents also the ledger.
    expect(structure.eventTypes.get('incident')?.regions.map((index) => structure.regions[index]?.key)).toEqual([...CHANNELS, 'ledger']);
    const appointed = structure.eventTypes.get('official.appointed');
    expect(appointed?.regions.map((index) => structure.regions[index]?.key)).toEqual([...CHANNELS, ...OFFICES]);
  });

  it('refuses machines the engine cannot reproduce, naming the feature', () => {
    const refuse = (machine: Parameters<typeof readMachineStructure>[0], message: RegExp) => {
      expect(() => readMachineStructure(machine)).toThrow(UnsupportedMachineError);
      expect(() => readMachineStructure(machine)).toThrow(message);
    };
    refuse(createMachine({ initial: 'a', states: { a: {} } }), /root must be a parallel state/);
    refuse(createMachine({ type: 'parallel', states: { r: { initial: 'a', states: { a: { entry: () => {} } } } } }), /entry or exit actions on/);
    refuse(createMachine({ type: 'parallel', states: { r: { initial: 'a', states: { a: {}, h: { type: 'history' } } } } }), /history state/);
    refuse(
      createMachine({
        type: 'parallel',
        states: { r: { initial: 'a', states: { a: { on: { go: '#x.s.b' } } } }, s: { initial: 'b', states: { b: {} } } },
        id: 'x',
      }),
      /targets x\.s\.b, outside its region/,
    );
    refuse(createMachine({ type: 'parallel', states: { r: { initial: 'a', states: { a: { after: { 100: 'a' } } } } } }), /delayed transitions on/);
    refuse(createMachine({ type: 'parallel', states: { r: { initial: 'a', states: { a: {}, done: { type: 'final' } } } } }), /final state/);
    refuse(
      createMachine({ type: 'parallel', always: { actions: () => {} }, states: { r: { initial: 'a', states: { a: {} } } } }),
      /eventless transitions on the root/,
    );
    refuse(createMachine({ id: 'm', type: 'parallel', states: { r: { initial: 'a', states: { a: { on: { go: '#m.r' } } } } } }), /targets its own region m\.r/);
    refuse(
      createMachine({ type: 'parallel', states: { r: { initial: 'a', on: { go: { target: '.a', reenter: true } }, states: { a: {} } } } }),
      /re-enters its region/,
    );
    refuse(
      createMachine({ type: 'parallel', on: { go: { actions: () => {} } }, states: { r: { initial: 'a', states: { a: {} } } } }),
      /the root handles "go"; handle it in a region/,
    );
    refuse(
      createMachine({ type: 'parallel', states: { r: { initial: 'a', states: { a: { initial: 'x', states: { x: { always: 'y' }, y: {} } } } } } }),
      /eventless transitions in .*: only between the atomic states of one flat region/,
    );
    const manyGuards = Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`g${index}`, () => index % 2 === 0]));
    refuse(
      setup({ guards: manyGuards }).createMachine({
        type: 'parallel',
        states: { r: { initial: 'a', states: { a: { on: { go: Object.keys(manyGuards).map((guard) => ({ guard, target: 'a' })) } } } } },
      }),
      /more than 16 guards read "go" events in region "r"/,
    );
    // 17 guards over two regions are fine; 33 over three are not.
    const spread = (count: number) => {
      const guards = Object.fromEntries(Array.from({ length: count }, (_, index) => [`g${index}`, () => index % 2 === 0]));
      const names = Object.keys(guards);
      const regions = Object.fromEntries(
        [0, 1, 2].map((region) => [
          `r${region}`,
          { initial: 'a', states: { a: { on: { go: names.filter((_, index) => index % 3 === region).map((guard) => ({ guard, target: 'a' })) } } } },
        ]),
      );
      return setup({ guards }).createMachine({ type: 'parallel', states: regions });
    };
    expect(() => readMachineStructure(spread(17))).not.toThrow();
    refuse(spread(33), /more than 32 guards read "go" events/);
  });
});

describe('CompiledMachine on a small machine', () => {
  it('follows guards on context and other regions, and applies recipes', () => {
    const bump = assign<{ count: number }, { type: 'tick' } | { type: 'arm' }, undefined, { type: 'tick' } | { type: 'arm' }, never>(({ context }) => ({
      count: context.count + 1,
    }));
    const recipes = new Map<unknown, (context: { count: number }) => void>([[bump, (context) => void (context.count += 1)]]);
    const machine = setup({
      types: { context: {} as { count: number }, events: {} as { type: 'tick' } | { type: 'arm' } },
      guards: { big: ({ context }) => context.count >= 2 },
      actions: { bump },
    }).createMachine({
      type: 'parallel',
      context: { count: 0 },
      states: {
        switch: { initial: 'off', states: { off: { on: { arm: 'on' } }, on: {} } },
        counter: {
          initial: 'low',
          states: {
            low: { on: { tick: [{ guard: 'big', target: 'high', actions: 'bump' }, { actions: 'bump' }] } },
            high: {},
          },
        },
      },
    });
    const engine = new CompiledMachine<{ count: number }, { type: 'tick' } | { type: 'arm' }>(machine, { recipeOf: (action) => recipes.get(action) });
    const state = engine.run([{ type: 'tick' }, { type: 'tick' }, { type: 'arm' }]);
    expect(engine.valueOf(state)).toEqual({ switch: 'on', counter: 'low' });
    expect(state.context.count).toBe(2);
    engine.step(state, { type: 'tick' });
    expect(engine.valueOf(state)).toEqual({ switch: 'on', counter: 'high' });
    expect(state.context.count).toBe(3);
    // An event the machine ignores changes nothing, and says so.
    expect(engine.step(state, { type: 'tick' })).toBe(false);
  });

  it("reports the machine's own actions a step takes, in the order xstate runs them, with their params", () => {
    type Go = { type: 'go' };
    const machine = setup({ types: { events: {} as Go }, actions: { say: (_args, _params: { word: string }) => {} } }).createMachine({
      type: 'parallel',
      states: {
        r: {
          initial: 'a',
          states: {
            a: {
              on: {
                go: {
                  target: 'b',
                  actions: [
                    { type: 'say', params: { word: 'one' } },
                    { type: 'say', params: { word: 'two' } },
                  ],
                },
              },
            },
            b: {},
          },
        },
        s: { initial: 'c', states: { c: { on: { go: { actions: { type: 'say', params: { word: 'three' } } } } } } },
      },
    });
    const engine = new CompiledMachine<unknown, Go>(machine, { recipeOf: () => undefined });
    const state = engine.initialState();
    const taken: { type: string; params: unknown }[] = [];
    engine.step(state, { type: 'go' }, taken);
    expect(taken.map((action) => (action.params as { word: string }).word)).toEqual(['one', 'two', 'three']);
    // Learnt once, the same actions come from the tables.
    const again = engine.initialState();
    const fromTables: typeof taken = [];
    engine.step(again, { type: 'go' }, fromTables);
    expect(fromTables).toEqual(taken);
    expect(engine.stats().probes).toBe(1);
  });

  it('refuses an assign action it has no recipe for', () => {
    const machine = setup({ actions: { bump: assign({}) } }).createMachine({
      type: 'parallel',
      states: { r: { initial: 'a', states: { a: { on: { go: { actions: 'bump' } } } } } },
    });
    const engine = new CompiledMachine<unknown, { type: 'go' }>(machine, { recipeOf: () => undefined });
    expect(() => engine.run([{ type: 'go' }])).toThrow(/action bump is built in \(xstate\.assign\) and has no recipe/);
  });

  it("refuses a variant whose action replaces the machine's own, rather than borrow the original's recipe", () => {
    const variant = relationshipMachine.provide({ actions: { addSanction: assign({}) } });
    const engine = compileRelationshipMachine(variant);
    expect(() => engine.run([{ type: 'sanctions.imposed', name: 'Li Shangfu', date: '2023-04' }])).toThrow(/action addSanction is built in/);
  });

  it('refuses a step that changes the context in two regions, whose order it would have to guess', () => {
    const machine = setup({ actions: { one: assign({}), two: assign({}) } }).createMachine({
      type: 'parallel',
      states: {
        r: { initial: 'a', states: { a: { on: { go: { actions: 'one' } } } } },
        s: { initial: 'b', states: { b: { on: { go: { actions: 'two' } } } } },
      },
    });
    const engine = new CompiledMachine<unknown, { type: 'go' }>(machine, { recipeOf: () => () => {} });
    expect(() => engine.run([{ type: 'go' }])).toThrow(/changes the context in more than one region \(r, s\)/);
  });
});

describe('CompiledMachine.restore', () => {
  it('says whether a step changed the context, and puts a scratch state back with or without it', () => {
    const engine = compileRelationshipMachine(relationshipMachine);
    const start = engine.initialState();
    const scratch = engine.clone(start);
    // A refusal records who refused and when: the context changes.
    expect(engine.step(scratch, { type: 'meeting.declined', channel: 'leaders', by: 'PRC', date: '2023-05' })).toBe(true);
    expect(engine.lastStepChangedContext).toBe(true);
    engine.restore(scratch, start, true);
    expect(engineView(scratch, engine)).toEqual(engineView(start, engine));
    // An agreement to resume moves a configuration only.
    expect(engine.step(scratch, { type: 'leaders.agreedToResume', date: '2023-11' })).toBe(true);
    expect(engine.lastStepChangedContext).toBe(false);
    const context = scratch.context;
    engine.restore(scratch, start, false);
    expect(scratch.context).toBe(context);
    expect(engineView(scratch, engine)).toEqual(engineView(start, engine));
    // After a step that changed the context, one that changes nothing says so, as does an event no region has transitions for.
    expect(engine.step(scratch, { type: 'incident', kind: 'intercept', actor: 'CHN', target: 'USA', date: '2023-11' })).toBe(true);
    expect(engine.lastStepChangedContext).toBe(true);
    expect(engine.step(scratch, { type: 'channel.restored', channel: 'leaders', by: 'PRC', date: '2023-11' })).toBe(false);
    expect(engine.lastStepChangedContext).toBe(false);
    engine.step(scratch, { type: 'incident', kind: 'intercept', actor: 'CHN', target: 'USA', date: '2023-11' });
    expect(engine.step(scratch, { type: 'no.such.type', date: '2023-11' } as never)).toBe(false);
    expect(engine.lastStepChangedContext).toBe(false);
  });

  it('copies every field of the context into the scratch state, sharing nothing with the state it copies', () => {
    // The shared engine: what verify's search uses, and most of what it needs to learn is learnt already.
    const engine = relationshipEngine();
    // Two states whose contexts differ wherever events can make them differ: a field the copy
    // left out would keep the scratch state's value.
    fc.assert(
      fc.property(eventSequence, eventSequence, (a, b) => {
        const source = engine.run(a);
        const scratch = engine.run(b);
        const kept = structuredClone(source.context);
        engine.restore(scratch, source, true);
        if (!sameValue(scratch.context, kept)) expect(scratch.context).toEqual(kept);
        // Changing the copy leaves the original as it was.
        for (const channel of CHANNELS) scratch.context.channels[channel].lastContact = 'changed';
        for (const office of OFFICES) scratch.context.offices[office].holder = 'changed';
        scratch.context.sanctioned.push('changed');
        if (!sameValue(source.context, kept)) expect(source.context).toEqual(kept);
      }),
      propertyParameters,
    );
  });
});

describe('fastReplay', () => {
  const files = [
    join(root, 'test', 'fixtures', 'frozen', 'record.yaml'),
    ...readdirSync(join(root, 'test', 'fixtures', 'frozen', 'what-if')).map((name) => join(root, 'test', 'fixtures', 'frozen', 'what-if', name)),
  ];
  it.each(files.map((file) => [file.slice(root.length + 1), file]))("ends %s where xstate's own transitions end, as replay does", (_name, file) => {
    const scenario = file.includes('what-if') ? readWhatIf(file, { sourcesDir: null }).scenario : readScenario(file, { sourcesDir: null });
    const byXstate = viewOf(scenario.events.reduce((snapshot, event) => step(snapshot, toMachineEvent(event)).snapshot, initialSnapshot()));
    expect(fastReplay(scenario.events.map(toMachineEvent))).toEqual(byXstate);
    expect(viewOf(replay(scenario).finalSnapshot)).toEqual(byXstate);
    expect(replay(scenario).steps.at(-1)?.state).toEqual(byXstate);
  });
});
