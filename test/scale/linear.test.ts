import { describe, expect, it } from 'vitest';
import { formatTimeline } from '../../src/cli/format/timeline.js';
import { applyEdits, compareRuns, replay, type Scenario, type ScenarioEvent } from '../../src/index.js';
import { checkScenario } from '../../src/scenario/checkScenario.js';
import { SuggestionBudget } from '../../src/scenario/suggest.js';

// Inputs far larger than any real scenario, each at a size where the quadratic code these tests
// replaced ran for minutes. The bounds are generous timeouts, not speed assertions: they fail only
// if work per item grows with the input again.

/** The day `index` days after 1 January 1950, as YYYY-MM-DD. */
const day = (index: number) => new Date(Date.UTC(1950, 0, 1 + index)).toISOString().slice(0, 10);

function incident(index: number, id = `e${index}`): ScenarioEvent {
  return { id, date: day(index), type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, hypothetical: 'a scale test' } as ScenarioEvent;
}

function scenarioOf(events: ScenarioEvent[], checkpoints: Scenario['checkpoints'] = []): Scenario {
  return { id: 'scale', title: 'Scale', description: 'A large generated scenario.', sources: {}, events, checkpoints } as Scenario;
}

describe('work linear in the size of the input', () => {
  it('should apply 120,000 inserts by date to 120,000 events', () => {
    // At this size moving the rest of the list along at each insert (a quick copy, so quadratic
    // shows late) takes 13 s here, over the 10 s allowed; placed in one merge it takes under 2.
    const base = scenarioOf(Array.from({ length: 120_000 }, (_, index) => incident(2 * index)));
    const edits = Array.from({ length: 120_000 }, (_, index) => ({ insert: incident(2 * index + 1, `x${index}`) }));
    const edited = applyEdits(base, edits);
    expect(edited.events).toHaveLength(240_000);
    expect(edited.events.slice(0, 4).map((event) => event.id)).toEqual(['e0', 'x0', 'e2', 'x1']);
    expect(edited.events.at(-1)?.id).toBe('x119999');
  }, 10_000);

  it('should place and print 80,000 checkpoints after one event', () => {
    const checkpoints = Array.from({ length: 80_000 }, (_, index) => ({ id: `c${index}`, after: 'e0', claim: 'Nothing is cut.', expect: { phase: 'normal' } }));
    const run = replay(scenarioOf([incident(0)], checkpoints as Scenario['checkpoints']));
    expect(run.verdicts.every((verdict) => verdict.holds)).toBe(true);
    expect(formatTimeline(run, { color: false, file: 'scale' })).toMatch(/80000 of 80000 checkpoints hold$/);
  }, 30_000);

  it('should compare two histories of 4,000 events that part near the end', () => {
    const events = Array.from({ length: 4_000 }, (_, index) => incident(index));
    const changed = [...events.slice(0, -1), { ...incident(3_999), type: 'leaders.agreedToResume', payload: {} } as ScenarioEvent];
    const comparison = compareRuns(replay(scenarioOf(events)), replay(scenarioOf(changed)));
    expect(comparison.firstDivergence?.index).toBe(3_999);
    expect(comparison.firstStateDivergence?.date).toBe(day(3_999));
  }, 30_000);

  it('should report 20,000 unknown causes among 20,000 ids, suggesting only for the first few', () => {
    const events = Array.from({ length: 20_000 }, (_, index) => ({ ...incident(index), causedBy: `e${index}z` }) as ScenarioEvent);
    const problems = checkScenario(scenarioOf(events), {
      problemAt: (path, message) => ({ file: '', line: 0, column: 0, path: path.join('.'), message }),
      where: (path) => path.join('.'),
    });
    expect(problems).toHaveLength(20_000);
    const hinted = problems.filter((problem) => problem.message.includes('did you mean')).length;
    expect(hinted).toBeGreaterThan(0);
    expect(hinted).toBeLessThanOrEqual(20);
  }, 30_000);
});

describe('SuggestionBudget', () => {
  it('should suggest for the first misspellings only', () => {
    const budget = new SuggestionBudget(2);
    const hints = ['chiefz', 'chiefz', 'chiefz'].map((word) => budget.hint(word, () => ['chiefs', 'leaders']));
    expect(hints).toEqual(['; did you mean "chiefs"?', '; did you mean "chiefs"?', '']);
  });
});
