import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExploreMemoryError } from '../../src/explore/exploreOrderings.js';
import {
  type ExploreResult,
  exploreOrderings,
  initialSnapshot,
  type Phase,
  type RelationshipEvent,
  type RelationshipSnapshot,
  readScenario,
  replay,
  type ScenarioEvent,
  step,
  TooManyCandidatesError,
} from '../../src/index.js';
import { toMachineEvent } from '../../src/replay/replay.js';
import { PHASES } from '../../src/vocabulary/channels.js';
import { eventSequence, propertyParameters, relationshipEvent } from '../arbitraries/relationshipEvent.js';

const phaseOf = (snapshot: RelationshipSnapshot) => (snapshot.value as unknown as { phase: Phase }).phase;

/** Every sequence replayed event by event, with no merging: the reference the explorer must match. */
function bruteForce(start: RelationshipSnapshot, candidates: ScenarioEvent[], subsets: boolean) {
  const endPhases = Object.fromEntries(PHASES.map((phase) => [phase, 0n])) as Record<Phase, bigint>;
  let sequences = 0n;
  let reachGoal = 0n;
  let shortest: number | null = null;
  const goalSets: Array<Set<string>> = [];
  const visit = (snapshot: RelationshipSnapshot, used: string[], reached: boolean) => {
    const phase = phaseOf(snapshot);
    if (subsets || used.length === candidates.length) {
      sequences += 1n;
      endPhases[phase] += 1n;
      if (reached) reachGoal += 1n;
    }
    if (phase === 'ministerialResumed') {
      goalSets.push(new Set(used));
      shortest = shortest === null ? used.length : Math.min(shortest, used.length);
    }
    for (const event of candidates) {
      if (used.includes(event.id)) continue;
      const next = step(snapshot, toMachineEvent(event)).snapshot;
      visit(next, [...used, event.id], reached || phaseOf(next) === 'ministerialResumed');
    }
  };
  visit(start, [], phaseOf(start) === 'ministerialResumed');
  const needed = goalSets.length === 0 ? [] : candidates.map((event) => event.id).filter((id) => goalSets.every((set) => set.has(id)));
  return { sequences, endPhases, reachGoal, shortest, needed };
}

const asScenarioEvent = ({ type, date, ...payload }: RelationshipEvent, index: number) =>
  ({ id: `e${index}`, date, type, payload, hypothetical: 'generated' }) as unknown as ScenarioEvent;

function startFrom(prefix: RelationshipEvent[]): RelationshipSnapshot {
  return prefix.reduce((snapshot, event) => step(snapshot, event).snapshot, initialSnapshot());
}

function expectSameAsBruteForce(result: ExploreResult, start: RelationshipSnapshot, candidates: ScenarioEvent[], subsets: boolean) {
  const reference = bruteForce(start, candidates, subsets);
  expect(result.sequences).toBe(reference.sequences);
  expect(result.endPhases).toEqual(reference.endPhases);
  expect(result.reachGoal).toBe(reference.reachGoal);
  expect(result.needed).toEqual(reference.needed);
  expect(result.shortest?.length ?? null).toBe(reference.shortest);
  if (result.shortest) {
    // The shortest sequence the explorer names really gets there.
    const byId = new Map(candidates.map((event) => [event.id, event]));
    const end = result.shortest.reduce((snapshot, id) => step(snapshot, toMachineEvent(byId.get(id) as ScenarioEvent)).snapshot, start);
    expect(phaseOf(end)).toBe('ministerialResumed');
  }
}

// The property both generators check: from the prefix's end, the explorer counts what brute force counts.
function agreesWithBruteForce(prefix: RelationshipEvent[], events: RelationshipEvent[], subsets: boolean): void {
  const start = startFrom(prefix);
  const candidates = events.map(asScenarioEvent);
  expectSameAsBruteForce(exploreOrderings(start, candidates, { subsets }), start, candidates, subsets);
}

describe('exploreOrderings', () => {
  // Brute force over every ordering costs up to 325 sequences a run, so fewer runs than elsewhere.
  const runs = { ...propertyParameters, numRuns: Math.max(20, Math.floor((propertyParameters.numRuns ?? 300) / 6)) };

  it('should count what brute-force replay of every ordering counts, for up to 5 candidates', () => {
    fc.assert(fc.property(eventSequence, fc.array(relationshipEvent, { minLength: 1, maxLength: 5 }), fc.boolean(), agreesWithBruteForce), runs);
  });

  // Random events rarely make ministerial contact resumable; these starts and candidates often do,
  // so the shortest sequence and the needed events are compared where they are not empty.
  const frozen = fc
    .array(relationshipEvent, { maxLength: 8 })
    .map((rest): RelationshipEvent[] => [{ type: 'channel.suspended', channel: 'ministerial', by: 'PRC', date: '2022-08' }, ...rest]);
  const towardResumption = fc.oneof(
    { arbitrary: relationshipEvent, weight: 2 },
    fc.constant<RelationshipEvent>({ type: 'leaders.agreedToResume', date: '2023-11' }),
    fc.constantFrom<RelationshipEvent>(
      { type: 'official.appointed', office: 'prcDefenseMinister', name: 'Dong Jun', date: '2023-12' },
      { type: 'official.appointed', office: 'prcDefenseMinister', name: 'Li Shangfu', date: '2023-03' },
      { type: 'sanctions.lifted', name: 'Li Shangfu', date: '2023-04' },
    ),
    fc.constant<RelationshipEvent>({ type: 'contact.held', channel: 'ministerial', mode: 'call', date: '2024-04' }),
  );

  it('should find the shortest sequence and the needed events that brute force finds', () => {
    fc.assert(fc.property(frozen, fc.array(towardResumption, { minLength: 1, maxLength: 5 }), fc.boolean(), agreesWithBruteForce), runs);
  });

  const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
  const late = ['san-francisco-agreement', 'brown-liu-call', 'dong-appointed', 'mmca-talks-held', 'austin-dong-call'];
  const candidates = late.map((id) => record.events.find((event) => event.id === id) as ScenarioEvent);
  const first = record.events.findIndex((event) => late.includes(event.id));
  const start = replay({ ...record, events: record.events.slice(0, first), checkpoints: [] }).finalSnapshot;

  it('should match brute force on the record, where "ministerial contact resumed" is reachable', () => {
    for (const subsets of [false, true]) {
      const result = exploreOrderings(start, candidates, { subsets });
      expectSameAsBruteForce(result, start, candidates, subsets);
      expect(result.endPhases.ministerialResumed).toBeGreaterThan(0n);
    }
  });

  it('should need a minister in office and the call, and not the agreement, which is a commitment', () => {
    const result = exploreOrderings(start, candidates);
    expect(result.sequences).toBe(120n);
    expect(result.needed).toEqual(['dong-appointed', 'austin-dong-call']);
    expect(result.shortest).toEqual(['dong-appointed', 'austin-dong-call']);
    // The call must come after the appointment: one order in two.
    expect(result.endPhases.ministerialResumed).toBe(60n);
  });

  it('should merge states instead of replaying every ordering', () => {
    const result = exploreOrderings(start, candidates);
    expect(result.transitions).toBeLessThan(5 * 120);
  });

  it('should take the sanctions list as a set: sanctions on ten people in any order merge by who is sanctioned', () => {
    const people = Array.from({ length: 10 }, (_, index) => `Person ${index}`);
    const sanctions = people.map(
      (name, index) => ({ id: `s${index}`, date: '2023-04', type: 'sanctions.imposed', payload: { name }, hypothetical: 'a test' }) as ScenarioEvent,
    );
    const result = exploreOrderings(initialSnapshot(), sanctions);
    // One merged state per set of people sanctioned so far: 2^10, not one per ordering.
    expect(result.mergedStates).toBeLessThanOrEqual(2 ** 10);
    expect(result.sequences).toBe(3_628_800n);
  }, 30_000);

  it('should count exactly past 2^53: 19! orderings', () => {
    // Nineteen events that change nothing merge into one state per set of them used.
    const idle = Array.from(
      { length: 19 },
      (_, index) => ({ id: `t${index}`, date: '2022-01', type: 'time.passed', payload: {}, hypothetical: 'a test' }) as ScenarioEvent,
    );
    const result = exploreOrderings(initialSnapshot(), idle);
    expect(result.sequences).toBe(121_645_100_408_832_000n);
    expect(result.endPhases.normal).toBe(121_645_100_408_832_000n);
    expect(result.distinctStates).toBe(1);
  }, 30_000);

  it('should refuse a search that certainly needs more memory than allowed, before it starts', () => {
    const many = Array.from({ length: 20 }, (_, index) => ({ ...(candidates[0] as ScenarioEvent), id: `m${index}` }));
    expect(() => exploreOrderings(start, many, { maxMemory: 2 ** 20 })).toThrow(ExploreMemoryError);
    expect(() => exploreOrderings(start, many, { maxMemory: 2 ** 20 })).toThrow(/needs at least \d+ MiB, more than the 1 MiB allowed/);
  });

  it('should report progress and refuse more candidates than it can count', () => {
    const seen: number[] = [];
    exploreOrderings(start, candidates, { onProgress: ({ length }) => seen.push(length) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const many = Array.from({ length: 21 }, (_, index) => ({ ...(candidates[0] as ScenarioEvent), id: `c${index}` }));
    expect(() => exploreOrderings(start, many)).toThrow(TooManyCandidatesError);
    expect(() => exploreOrderings(start, many)).toThrow(/too many candidate events \(21\)/);
  });
});
