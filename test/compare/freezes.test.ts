import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHistories, SameLabelError } from '../../src/compare/comparison.js';
import { freezeRows } from '../../src/compare/freezeRows.js';
import { type Freeze, freezesOf } from '../../src/compare/freezes.js';
import { replay, type Scenario, type ScenarioEvent } from '../../src/index.js';
import { CHANNELS } from '../../src/vocabulary/channels.js';
import { partialDate } from '../../src/vocabulary/dates.js';
import { readHistories } from '../../src/whatif/histories.js';
import { eventSequence, propertyParameters } from '../arbitraries/relationshipEvent.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'episodes', name);
const freezesIn = (name: string) => {
  const [history] = readHistories(fixture(name)).histories;
  return freezesOf(history!.run, history!.label);
};

describe('the freezes of a history', () => {
  it('should measure each freeze from its first cut: what set it off, who cut which channels, and the months to each step of its end', () => {
    const [first, second] = freezesIn('two-freezes-continued.yaml') as [Freeze, Freeze];
    expect(first).toMatchObject({
      number: 1,
      began: { date: '2001-04-10', months: 0, event: { id: 'cut-ministerial' } },
      cutBy: ['US'],
      ministerialShut: true,
      ongoing: false,
      until: '2002-06',
      months: 14,
    });
    expect(first.trigger.map((root) => root.id)).toEqual(['encounter']);
    expect(first.channels.map(({ channel, how, by, event }) => [channel, how, by, event])).toEqual([
      ['ministerial', 'suspended', 'US', 'cut-ministerial'],
      ['chiefs', 'suspended', 'US', 'cut-chiefs'],
    ]);
    expect(first.firstRestored).toMatchObject({ date: '2002-01-15', months: 9, event: { id: 'chiefs-call', causes: [{ id: 'summit' }] } });
    expect(first.ministerial).toMatchObject({ months: 14, event: { id: 'ministers-meet' } });
    expect(first.ministerial?.event.causes.map((cause) => cause.id)).toEqual(['summit', 'chiefs-call']);
    expect(first.normal).toMatchObject({ date: '2002-06', months: 14, event: { id: 'ministers-meet' } });
    expect(first.phases.map((stretch) => [stretch.phase, stretch.months])).toEqual([
      ['channelsSuspended', 0],
      ['partiallyRestored', 9],
      ['normal', 14],
    ]);
    // A refusal is set off by what it names as its reason, not by the request it refuses.
    expect(second).toMatchObject({
      number: 2,
      began: { event: { id: 'theater-refused' } },
      cutBy: ['PRC'],
      ministerialShut: false,
      ministerial: null,
      normal: { months: 7, event: { id: 'theater-call' } },
    });
    expect(second.trigger.map((root) => root.id)).toEqual(['arms-sale']);
  });

  it('should leave a freeze the history ends in ongoing, measured to its last event', () => {
    const second = freezesIn('two-freezes.yaml')[1] as Freeze;
    expect(second).toMatchObject({ ongoing: true, until: '2003-01', months: 4, firstRestored: null, normal: null });
  });

  it('should not take an edited copy for the history it edits: two different histories under one name are refused', () => {
    const [history] = readHistories(fixture('two-freezes.yaml')).histories;
    const scenario = history!.run.scenario;
    const edited = {
      ...scenario,
      events: scenario.events.map((event) => (event.id === 'cut-chiefs' ? { ...event, payload: { channel: 'theater', by: 'US' } } : event)),
    } as Scenario;
    const entries = [
      { file: 'a.yaml', title: 'a', hypothetical: false, history: history! },
      { file: 'b.yaml', title: 'b', hypothetical: false, history: { label: history!.label, run: replay(edited) } },
    ];
    expect(() => compareHistories(entries)).toThrow(SameLabelError);
    // The same history from two files is shown once, the other said to be the same.
    const twice = compareHistories([entries[0]!, { ...entries[0]!, file: 'copy.yaml' }]);
    expect(twice.histories).toHaveLength(1);
    expect(twice.covered).toMatchObject([{ file: 'copy.yaml', byFile: 'a.yaml', same: true }]);
  });

  it('should show a history once when another continues it, keep a what-if apart, and count checkpoints that fail', () => {
    const entries = ['two-freezes.yaml', 'two-freezes-continued.yaml', 'one-refusal.yaml'].map((name) => ({
      file: name,
      title: name,
      hypothetical: false,
      history: readHistories(fixture(name)).histories[0]!,
    }));
    const comparison = compareHistories(entries);
    expect(comparison.histories.map((history) => history.label)).toEqual(['one-refusal', 'two-freezes-continued']);
    expect(comparison.covered).toEqual([
      {
        label: 'two-freezes',
        file: 'two-freezes.yaml',
        by: 'two-freezes-continued',
        byFile: 'two-freezes-continued.yaml',
        same: false,
        checks: { hold: 1, judged: 1, observations: 0 },
      },
    ]);
    expect(comparison.histories[0]?.checks).toEqual({ hold: 0, judged: 1, observations: 0 });
    const rows = freezeRows(comparison);
    expect(rows.map((row) => [row.history, row.freeze, row.trigger, row.months_to_first_restored, row.months_to_ministerial, row.months_to_normal])).toEqual([
      ['one-refusal', 1, 'talks-refused', 9, null, 9],
      ['two-freezes-continued', 1, 'encounter', 9, 14, 14],
      ['two-freezes-continued', 2, 'arms-sale', 7, null, 7],
    ]);
    expect(rows[1]?.ministerial_causes).toBe('summit;chiefs-call');
  });
});

// Arbitrary events put in date order, as a scenario lists them, with ids.
function scenarioOf(events: ReturnType<typeof eventSequence.generate>['value']): Scenario {
  const sorted = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => partialDate(a.event.date).start.localeCompare(partialDate(b.event.date).start) || a.index - b.index);
  const scenarioEvents = sorted.map(
    ({ event: { type, date, ...payload } }, index) => ({ id: `e${index}`, date, type, payload, hypothetical: 'generated' }) as ScenarioEvent,
  );
  return { id: 'generated', title: 'Generated', description: 'Generated by fast-check.', sources: {}, events: scenarioEvents, checkpoints: [] } as Scenario;
}

describe('freezes over arbitrary histories', () => {
  it('should find one freeze per departure from normal relations, each ended by the first return to normal, its steps in order', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        const run = replay(scenarioOf(events));
        const freezes = freezesOf(run, 'generated');
        const phases = [run.initial.phase, ...run.steps.map((step) => step.state.phase)];
        const departures = run.steps.filter((step, index) => phases[index] === 'normal' && step.state.phase !== 'normal').map((step) => step.index);
        expect(freezes.map((freeze) => freeze.began.index)).toEqual(departures);
        for (const freeze of freezes) {
          const returns = run.steps.find((step) => step.index > freeze.began.index && step.state.phase === 'normal');
          expect(freeze.normal?.index).toBe(returns?.index);
          expect(freeze.ongoing).toBe(returns === undefined);
          // The steps of an end come in order, and the end needs them all.
          const order = [freeze.began, freeze.firstRestored, freeze.ministerial, freeze.normal].filter((milestone) => milestone !== null);
          expect(order.map((milestone) => milestone.index)).toEqual([...order.map((milestone) => milestone.index)].sort((a, b) => a - b));
          expect(order.every((milestone) => milestone.months >= 0)).toBe(true);
          if (freeze.normal !== null) {
            expect(freeze.firstRestored).not.toBeNull();
            if (freeze.ministerialShut) expect(freeze.ministerial).not.toBeNull();
          }
          // Every channel cut or refused within the freeze is listed once, with the sides that did it.
          const end = freeze.normal?.index ?? run.steps.length - 1;
          const shut = CHANNELS.filter((channel) =>
            run.steps.some(
              (step) => step.index >= freeze.began.index && step.index <= end && ['suspended', 'refused'].includes(step.state.channels[channel].link),
            ),
          );
          expect(freeze.channels.map((entry) => entry.channel).sort()).toEqual([...shut].sort());
          expect(freeze.ministerialShut).toBe(shut.includes('ministerial'));
          // The sides are those of every cut or refusal in the freeze that left its channel shut, a channel shut already included.
          const cutters = run.steps
            .filter((step) => step.index >= freeze.began.index && step.index <= end)
            .flatMap((step) =>
              (step.event.type === 'channel.suspended' || step.event.type === 'meeting.declined') &&
              ['suspended', 'refused'].includes(step.state.channels[step.event.payload.channel].link)
                ? [step.event.payload.by]
                : [],
            );
          expect(freeze.cutBy).toEqual([...new Set(cutters)]);
        }
      }),
      propertyParameters,
    );
  });
});
