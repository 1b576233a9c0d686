import { describe, expect, it } from 'vitest';
import { createActor, stateIn } from 'xstate';
import { relationshipMachine, viewOf, type RelationshipEvent } from '../../src/index.js';
import { formatVerifyReport } from '../../src/cli/format/verifyReport.js';
import { STATE_INVARIANTS } from '../../src/verify/invariants.js';
import { DEFAULT_SCOPES, verifyMachine } from '../../src/verify/verifyMachine.js';

/** Replays a path on a live actor of `machine` and returns its final view. */
function replayPath(machine: typeof relationshipMachine, path: RelationshipEvent[]) {
  const actor = createActor(machine).start();
  for (const event of path) actor.send(event);
  const view = viewOf(actor.getSnapshot());
  actor.stop();
  return view;
}

describe('thaw verify', () => {
  it('finds the state space clean: every declared state reached, no invariant broken, no trap', () => {
    const report = verifyMachine();
    expect(report.violations).toEqual([]);
    expect(report.declared.unreached).toEqual([]);
    expect(report.declared.notSearched).toBe(0);
    expect(report.declared.total).toBeGreaterThan(100);
    expect(report.clean).toBe(true);
    expect(report.scopes.map((scope) => scope.channels)).toEqual(DEFAULT_SCOPES);
    // The channels other than the ministerial one are built alike, so each search sees the same shape.
    expect(new Set(report.scopes.map((scope) => `${scope.states}/${scope.transitions}`)).size).toBe(1);
    for (const scope of report.scopes) expect(scope.steps).toBe(scope.states * scope.events);
  }, 120_000);

  it('finds a deliberately broken phase rule, with the shortest path that breaks it', () => {
    // "Ministerial contact resumed" without the seat check: a sanctioned minister no longer ends it.
    const broken = relationshipMachine.provide({
      guards: { ministerialContactLive: stateIn({ ministerial: { link: { reopened: 'contactHeld' } } }) },
    });
    const report = verifyMachine({ machine: broken, scopes: [['ministerial', 'leaders']] });
    expect(report.clean).toBe(false);
    const violation = report.violations.find((found) => found.id === 'resumed-needs-counterpart');
    expect(violation).toBeDefined();
    if (!violation) return;
    // Seat a minister, freeze and reopen the channel, hold a contact, then sanction the minister.
    expect(violation.path).toHaveLength(5);
    expect(violation.path.at(-1)?.type).toBe('sanctions.imposed');
    // The path is real: the broken machine, replayed along it, ends in the state reported...
    const end = replayPath(broken, violation.path);
    expect(end).toEqual(violation.state);
    expect(STATE_INVARIANTS.find((invariant) => invariant.id === violation.id)?.holds(end)).toBe(false);
    // ...and the real machine, along the same path, keeps the rule.
    expect(replayPath(relationshipMachine, violation.path).phase).not.toBe('ministerialResumed');
    // The report prints the rule and the path, one numbered event per line.
    const printed = formatVerifyReport(report, { seconds: 1, color: false });
    expect(printed).toContain('✗ invariant broken: resumed-needs-counterpart');
    expect(printed).toContain('broken after 5 events (shortest; search ministerial + leaders):');
    violation.path.forEach((event, index) => expect(printed).toContain(`${String(index + 1).padStart(2)}. ${event.type}`));
    expect(printed).toMatch(/✗ not clean: \d+ rules? broken/);
  }, 60_000);

  it('finds a deliberately made trap: sanctions that can never be lifted', () => {
    const broken = relationshipMachine.provide({
      guards: {
        namesSanctioned: ({ context, event }) => event.type !== 'sanctions.lifted' && 'name' in event && context.sanctioned.includes(event.name),
      },
    });
    const report = verifyMachine({ machine: broken, scopes: [['ministerial', 'leaders']] });
    const trap = report.violations.find((found) => found.id === 'can-resume');
    expect(trap?.kind).toBe('trap');
    // Sanctioning all three names leaves no minister the US will talk to, for good.
    expect(trap?.path.map((event) => event.type)).toEqual(['sanctions.imposed', 'sanctions.imposed', 'sanctions.imposed']);
    expect(report.violations.filter((found) => found.kind !== 'trap')).toEqual([]);
  }, 60_000);
});
