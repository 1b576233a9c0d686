import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, compareRuns, readScenario, readWhatIf, replay } from '../../src/index.js';
import { sameState } from '../../src/machine/view.js';
import { firstDivergence, phaseChanges } from '../../src/whatif/compareRuns.js';
import { sameValue } from '../../src/whatif/sameValue.js';

const root = join(import.meta.dirname, '..', '..');
const record = readScenario(join(root, 'test', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const recordRun = replay(record);
const index = (id: string) => record.events.findIndex((event) => event.id === id);

describe('firstDivergence', () => {
  it('should find nothing between a scenario and itself', () => {
    expect(firstDivergence(record.events, record.events)).toBeNull();
    expect(compareRuns(recordRun, recordRun)).toMatchObject({ firstDivergence: null, firstStateDivergence: null, channels: {}, overall: [] });
  });

  it('should name a removal, an insertion, a change and a reordering where each first happens', () => {
    const removed = applyEdits(record, [{ remove: 'chase-taiwan-trip' }]);
    expect(firstDivergence(record.events, removed.events)).toMatchObject({ kind: 'removed', index: index('chase-taiwan-trip'), date: '2023-02-17' });

    const hypothetical = {
      id: 'extra',
      date: '2023-07',
      type: 'incident',
      payload: { kind: 'encounter', actor: 'CHN', target: 'USA' },
      hypothetical: 'a test',
    } as const;
    const inserted = applyEdits(record, [{ insert: hypothetical }]);
    expect(firstDivergence(record.events, inserted.events)).toMatchObject({ kind: 'inserted', date: '2023-07', whatIf: { id: 'extra' } });

    const changed = applyEdits(record, [{ replace: 'dong-appointed', payload: { office: 'prcDefenseMinister', name: 'Someone Else' } }]);
    expect(firstDivergence(record.events, changed.events)).toMatchObject({
      kind: 'changed',
      base: { id: 'dong-appointed' },
      whatIf: { payload: { name: 'Someone Else' } },
    });

    const moved = applyEdits(record, [{ move: 'dong-appointed', to: '2023-10-01' }]);
    expect(firstDivergence(record.events, moved.events)).toMatchObject({
      kind: 'changed',
      date: '2023-10-01',
      whatIf: { id: 'dong-appointed', date: '2023-10-01' },
    });

    const later = applyEdits(record, [{ move: 'shangri-la-dinner', to: '2023-07' }]);
    expect(firstDivergence(record.events, later.events)).toMatchObject({
      kind: 'changed',
      date: '2023-06',
      base: { id: 'shangri-la-dinner', date: '2023-06' },
      whatIf: { id: 'shangri-la-dinner', date: '2023-07' },
    });

    const reordered = applyEdits(record, [{ reorder: ['mmca-talks-planned', 'ministers-call-expected'] }]);
    expect(firstDivergence(record.events, reordered.events)).toMatchObject({
      kind: 'reordered',
      base: { id: 'ministers-call-expected' },
      whatIf: { id: 'mmca-talks-planned' },
    });
  });
});

describe('compareRuns', () => {
  const noSummit = replay({ ...applyEdits(record, [{ remove: 'san-francisco-summit' }]), checkpoints: [] });
  const comparison = compareRuns(recordRun, noSummit);

  it('should find the first date the states differ, with the differences', () => {
    expect(comparison.firstStateDivergence?.date).toBe('2023-11');
    expect(comparison.firstStateDivergence?.changes).toContainEqual({ path: 'agreement', from: 'reached', to: 'none' });
  });

  it('should list only the channels that end differently', () => {
    expect(Object.keys(comparison.channels).sort()).toEqual(['chiefs', 'leaders', 'maritimeTalks', 'ministerial', 'policyTalks', 'theater']);
    expect(comparison.channels.chiefs).toContainEqual({ path: 'chiefs.link', from: 'reopened.contactHeld', to: 'suspended' });
  });

  it('should give each history its phase changes, with the events that made them', () => {
    expect(comparison.phases.base).toEqual(phaseChanges(recordRun));
    expect(phaseChanges(recordRun).map((change) => change.phase)).toEqual(['normal', 'channelsSuspended', 'partiallyRestored', 'ministerialResumed']);
    expect(phaseChanges(recordRun)[1]).toMatchObject({ date: '2022-08', event: 'freeze-chiefs' });
  });

  it("should place the base's checkpoints in the what-if, by date when their event is gone", () => {
    const attache = comparison.checkpoints.find((checkpoint) => checkpoint.id === 'attache-met-summit-agreed');
    expect(attache).toMatchObject({ from: 'base', base: { holds: true }, whatIf: { holds: false, afterEvent: 'second-thomas-shoal' } });
    expect(attache?.whatIf.mismatches).toContainEqual({ path: 'agreement', expected: 'reached', actual: 'none' });

    const gone = replay({ ...applyEdits(record, [{ remove: 'shangri-la-declined' }]), checkpoints: [] });
    const refusal = compareRuns(recordRun, gone).checkpoints.find((checkpoint) => checkpoint.id === 'shangri-la-refusal');
    // Placed after every event certainly by May 2023, the month of the removed refusal.
    expect(refusal?.whatIf).toMatchObject({ afterEvent: 'shangri-la-request', holds: false });
  });

  it('should tell a history reordered within one month from one with the same states', () => {
    const swapped = replay({ ...applyEdits(record, [{ reorder: ['mmca-talks-planned', 'ministers-call-expected'] }]), checkpoints: [] });
    const comparison = compareRuns(recordRun, swapped);
    expect(comparison.firstStateDivergence).toBeNull();
    expect(comparison.sameStates).toBe(false);
    expect(compareRuns(recordRun, recordRun).sameStates).toBe(true);
  });

  it('should date a divergence by the earliest cut-off, a day before its month', () => {
    const inserted = { id: 'early-november', date: '2023-11-05', type: 'leaders.agreedToResume', payload: {}, hypothetical: 'a test' } as const;
    const comparison = compareRuns(recordRun, replay({ ...applyEdits(record, [{ insert: inserted, before: 'jakarta-request' }]), checkpoints: [] }));
    expect(comparison.firstDivergence?.date).toBe('2023-11-05');
    expect(comparison.firstStateDivergence?.date).toBe('2023-11-05');
  });
});

describe('sameState', () => {
  it('should agree with a deep comparison on every pair of states the record and its what-ifs pass through', () => {
    const runs = [
      record,
      ...readdirSync(join(root, 'test', 'fixtures', 'frozen', 'what-if')).map(
        (name) => readWhatIf(join(root, 'test', 'fixtures', 'frozen', 'what-if', name), { sourcesDir: null }).scenario,
      ),
    ].map((scenario) => replay(scenario));
    // Copies as well as the shared objects of one timeline, so both the quick and the slow path are taken.
    const states = runs.flatMap((run) => [run.initial, ...run.steps.map((step) => step.state)]).flatMap((state) => [state, structuredClone(state)]);
    let equal = 0;
    for (const a of states) {
      for (const b of states) {
        const same = sameState(a, b);
        if (same !== isDeepStrictEqual(a, b)) expect({ a, b, same }).toBe('sameState and a deep comparison agree');
        if (same) equal += 1;
      }
    }
    expect(equal).toBeGreaterThan(states.length);
  });
});

describe('sameValue', () => {
  it('should agree with a deep strict comparison on any JSON values, and ignore key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameValue(a, b)).toBe(isDeepStrictEqual(a, b));
        expect(sameValue(a, structuredClone(a))).toBe(true);
      }),
    );
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
