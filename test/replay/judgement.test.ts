import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrder, OrderCheckLimitError, readScenario, replay, reportedOnly, type Scenario, type ScenarioEvent } from '../../src/index.js';
import { basisOf } from '../../src/scenario/schema.js';
import { propertyParameters, relationshipEvent } from '../arbitraries/relationshipEvent.js';

const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });

describe('reportedOnly', () => {
  it('should leave out the two inferences of the record, and show the checkpoint that rests on them', () => {
    const reduced = reportedOnly(record);
    expect(reduced.dropped.map((event) => event.id)).toEqual(['ministers-call-expected', 'mmca-talks-planned']);
    // The checkpoint follows a reported event (the presidents' call), so it stays where it is.
    expect(reduced.moved).toEqual([]);
    const verdicts = replay(reduced.scenario).verdicts;
    const failing = verdicts.filter((verdict) => !verdict.holds);
    expect(failing.map((verdict) => verdict.checkpoint.id)).toEqual(['ministers-expected-soon']);
    expect(failing[0]?.mismatches.map((mismatch) => `${mismatch.path}: ${mismatch.actual}`)).toEqual([
      'ministerial.request: lapsed',
      'maritimeTalks.request: pending',
    ]);
    // The MMCA talks, reported in their own right, stay; their inferred cause is struck.
    expect(reduced.scenario.events.find((event) => event.id === 'mmca-talks-held')?.causedBy).toBeUndefined();
  });

  it('should never replay an inferred event, strike it from causes, and re-place the checkpoints that followed it', () => {
    // Random scenarios: any events, each reported, inferred or an outside fact, naming random
    // earlier events as causes, with checkpoints after random events.
    const basis = fc.constantFrom('reported', 'inferred', 'outside');
    const scenarios = fc
      .array(fc.tuple(relationshipEvent, basis, fc.array(fc.nat(), { maxLength: 3 })), { minLength: 1, maxLength: 20 })
      .chain((rows) => fc.tuple(fc.constant(rows), fc.array(fc.nat(rows.length - 1), { maxLength: 4 })))
      .map(
        ([rows, anchors]): Scenario => ({
          ...record,
          events: rows.map(([event, kind, causes], index): ScenarioEvent => {
            const { type, date: _date, ...payload } = event;
            const known =
              kind === 'reported'
                ? { source: { article: 'ft-2024-04', quote: 'a quote' } }
                : kind === 'inferred'
                  ? { inferred: 'a test' }
                  : { outside: [{ fact: 'a fact', outlet: 'an outlet' }] };
            const earlier = [...new Set(causes.filter((cause) => cause < index))].map((cause) => `e${cause}`);
            return { id: `e${index}`, date: '2023-01', type, payload, ...known, ...(earlier.length ? { causedBy: earlier } : {}) } as ScenarioEvent;
          }),
          checkpoints: anchors.map((anchor, index) => ({
            id: `c${index}`,
            after: `e${anchor}`,
            claim: 'a claim',
            expect: { phase: 'channelsSuspended' as const },
          })),
        }),
      );
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const { scenario: reduced, moved } = reportedOnly(scenario);
        const dropped = new Set(scenario.events.filter((event) => basisOf(event) === 'inferred').map((event) => event.id));
        const kept = scenario.events.filter((event) => !dropped.has(event.id));
        expect(reduced.events.map((event) => event.id)).toEqual(kept.map((event) => event.id));
        reduced.events.forEach((event, index) => {
          const causes = [kept[index]?.causedBy ?? []].flat().filter((cause) => !dropped.has(cause));
          expect([event.causedBy ?? []].flat()).toEqual(causes);
        });
        scenario.checkpoints.forEach((checkpoint) => {
          const placed = reduced.checkpoints.find((found) => found.id === checkpoint.id);
          if (!dropped.has(checkpoint.after as string)) return expect(placed?.after).toBe(checkpoint.after);
          const at = scenario.events.findIndex((event) => event.id === checkpoint.after);
          const before = scenario.events
            .slice(0, at)
            .filter((event) => !dropped.has(event.id))
            .at(-1);
          expect(placed?.after).toBe(before?.id);
          expect(moved).toContainEqual({ checkpoint: checkpoint.id, from: checkpoint.after, to: before?.id ?? null });
        });
        const run = replay(reduced);
        for (const step of run.steps) expect(basisOf(step.event)).not.toBe('inferred');
      }),
      { ...propertyParameters, numRuns: Math.min(propertyParameters.numRuns ?? 300, 100) },
    );
  });
});

describe('checkOrder', () => {
  const listed = (scenario: Scenario) => replay(scenario).verdicts;

  it('should find that only the Bloomberg checkpoint depends on an assumed order, through the Chase–Liu Zhan meeting', () => {
    const check = checkOrder(record, listed(record));
    const depends = check.verdicts.filter((verdict) => verdict.verdict === 'depends');
    expect(depends.map((verdict) => verdict.checkpoint.id)).toEqual(['jakarta-request-seat-vacant']);
    expect(depends[0]?.uncertain).toEqual(['chase-liu-meeting']);
    expect(depends[0]?.counterexample).toMatchObject({
      holds: false,
      before: ['chase-liu-meeting'],
      mismatches: [{ path: 'phase', expected: 'channelsSuspended', actual: 'partiallyRestored' }],
    });
    expect(check.settled).toBe(false);
    expect(check.verdicts.filter((verdict) => verdict.verdict === 'holds')).toHaveLength(record.checkpoints.length - 1);
  });

  it("should keep what a checkpoint's article reports before it", () => {
    // As a prediction, not the FT's report, the December checkpoint could come before the requests the FT reports.
    const unreported = { ...record, checkpoints: record.checkpoints.map(({ reportedBy: _by, quote: _quote, ...checkpoint }) => checkpoint) };
    const verdict = checkOrder(unreported, listed(unreported)).verdicts.find((found) => found.checkpoint.id === 'attache-met-summit-agreed');
    expect(verdict?.verdict).toBe('depends');
    expect(verdict?.uncertain).toEqual(expect.arrayContaining(['brown-call-sought', 'mmca-sought', 'aquilino-meeting-sought']));
  });

  it("should keep what is dated after a checkpoint's article after the checkpoint", () => {
    const scenario = (articleDate: string): Scenario => ({
      ...record,
      sources: { paper: { outlet: 'A paper', headline: 'A headline', date: articleDate } },
      events: [
        { id: 'cut', date: '2023-05', type: 'channel.suspended', payload: { channel: 'chiefs', by: 'PRC' }, source: { article: 'paper', quote: 'cut' } },
        { id: 'call', date: '2023-05-20', type: 'contact.held', payload: { channel: 'chiefs', mode: 'call' }, hypothetical: 'a test' },
      ],
      checkpoints: [
        {
          id: 'cut-off',
          after: 'cut',
          reportedBy: 'paper',
          quote: 'cut',
          claim: 'The chiefs are cut off, with no call yet.',
          expect: { phase: 'channelsSuspended', channels: { chiefs: { lastContact: null } } },
        },
      ],
    });
    // Published on the 10th, the paper cannot know of a call on the 20th: the call comes after.
    expect(checkOrder(scenario('2023-05-10'), listed(scenario('2023-05-10'))).verdicts[0]?.verdict).toBe('holds');
    // Dated only to the month, it could: the cut after the call is an order too.
    expect(checkOrder(scenario('2023-05'), listed(scenario('2023-05'))).verdicts[0]?.verdict).toBe('depends');
  });

  it('should not count as required what the article reports but must come after the checkpoint', () => {
    // The FT of April 2024 reports the stop to intercepts (after the summit, after the Jakarta request).
    const late = {
      ...record,
      checkpoints: [
        {
          ...(record.checkpoints.find((found) => found.id === 'jakarta-request-seat-vacant') as Scenario['checkpoints'][number]),
          reportedBy: 'ft-2024-04',
          quote: 'x',
        },
      ],
    };
    const verdict = checkOrder(late, listed(late)).verdicts[0];
    expect(verdict?.orders).toBeGreaterThan(0);
    expect(verdict?.verdict).toBe('depends');
  });

  it('should refuse a month with more events than it can order, naming it', () => {
    const crowded = {
      ...record,
      events: [
        ...record.events,
        ...Array.from({ length: 13 }, (_, index) => ({
          id: `extra-${index}`,
          date: '2024-05',
          type: 'time.passed' as const,
          payload: {},
          hypothetical: 'a test',
        })),
      ],
    };
    expect(() => checkOrder(crowded, listed(crowded))).toThrow(OrderCheckLimitError);
    expect(() => checkOrder(crowded, listed(crowded))).toThrow(
      /2024-05 has 13 events \(from "extra-0"\); the order check tries every order of a month's events, up to 12/,
    );
  });

  it('should let a cause fix an order that the dates leave open', () => {
    const small = (causedBy?: string): Scenario => ({
      ...record,
      events: [
        { id: 'cut', date: '2023-05', type: 'channel.suspended', payload: { channel: 'chiefs', by: 'PRC' }, hypothetical: 'a test' },
        {
          id: 'call',
          date: '2023-05',
          type: 'contact.held',
          payload: { channel: 'chiefs', mode: 'call' },
          hypothetical: 'a test',
          ...(causedBy ? { causedBy } : {}),
        },
      ],
      checkpoints: [
        { id: 'reopened', at: '2023-05', claim: 'The call reopened the channel.', expect: { channels: { chiefs: { link: 'reopened.contactHeld' } } } },
      ],
    });
    const open = small();
    expect(checkOrder(open, listed(open)).verdicts[0]).toMatchObject({ verdict: 'depends', counterexample: { holds: false, order: ['call', 'cut'] } });
    const fixed = small('cut');
    expect(checkOrder(fixed, listed(fixed)).verdicts[0]?.verdict).toBe('holds');
  });
});
