import { describe, expect, it } from 'vitest';
import { and, createActor, not, or, stateIn } from 'xstate';
import { relationshipMachine, viewOf, type RelationshipEvent } from '../../src/index.js';
import { formatVerifyReport } from '../../src/cli/format/verifyReport.js';
import { STATE_INVARIANTS } from '../../src/verify/invariants.js';
import { defaultScopes, linksScope, pairScope } from '../../src/verify/scopes.js';
import { verifyMachine } from '../../src/verify/verifyMachine.js';

/** Replays a path on a live actor of `machine` and returns its final view. */
function replayPath(machine: typeof relationshipMachine, path: RelationshipEvent[]) {
  const actor = createActor(machine).start();
  for (const event of path) actor.send(event);
  const view = viewOf(actor.getSnapshot());
  actor.stop();
  return view;
}

describe('thaw verify', () => {
  it('finds the state space clean: every declared state reached, no rule broken, no trap', () => {
    const report = verifyMachine();
    expect(report.violations).toEqual([]);
    expect(report.declared.unreached).toEqual([]);
    expect(report.declared.notSearched).toBe(0);
    expect(report.declared.total).toBeGreaterThan(100);
    expect(report.clean).toBe(true);
    expect(report.scopes.map((scope) => scope.name)).toEqual(defaultScopes().map((scope) => scope.name));
    // The channels other than the ministerial one are built alike, so each pair search has the same shape.
    const pairs = report.scopes.filter((scope) => scope.channels.length === 2);
    expect(new Set(pairs.map((scope) => `${scope.states}/${scope.transitions}`)).size).toBe(1);
    // Pair searches share their ministerial-only states, so the distinct total is below the sum.
    expect(report.totals.states).toBeLessThan(report.scopes.reduce((sum, scope) => sum + scope.states, 0));
  }, 120_000);

  it('finds a deliberately broken phase rule, with the shortest path that breaks it, and prints it', () => {
    // "Ministerial contact resumed" without the seat check: a sanctioned minister no longer ends it.
    const broken = relationshipMachine.provide({
      guards: { ministerialContactLive: stateIn({ ministerial: { link: { reopened: 'contactHeld' } } }) },
    });
    const report = verifyMachine({ machine: broken, scopes: [pairScope('leaders')] });
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

  it('finds a phase rule broken only when two other channels move together, in the search of every channel', () => {
    const broken = relationshipMachine.provide({
      guards: {
        restorationUnderway: or([
          'resumptionAgreed',
          ...['leaders', 'ministerial', 'chiefs', 'theater', 'policyTalks', 'maritimeTalks', 'attache'].map((channel) => stateIn({ [channel]: { link: 'reopened' } })),
          and([stateIn({ leaders: { link: 'suspended' } }), stateIn({ chiefs: { link: 'suspended' } })]),
        ]),
      },
    });
    const pairsOnly = verifyMachine({ machine: broken, scopes: [pairScope('leaders'), pairScope('chiefs')] });
    expect(pairsOnly.violations.find((found) => found.id === 'phase-rule')).toBeUndefined();
    const report = verifyMachine({ machine: broken, scopes: [linksScope()] });
    const violation = report.violations.find((found) => found.id === 'phase-rule');
    expect(violation?.scope).toBe('every channel, links only');
    expect(violation?.path.map((event) => [event.type, 'channel' in event ? event.channel : ''])).toEqual([
      ['channel.suspended', 'leaders'],
      ['channel.suspended', 'chiefs'],
    ]);
  }, 60_000);

  it('finds a deliberately made trap: a minister who can never be removed', () => {
    const broken = relationshipMachine.provide({ guards: { namesSeatHolder: () => false } });
    const report = verifyMachine({ machine: broken, scopes: [pairScope('leaders')] });
    const trap = report.violations.find((found) => found.id === 'stays-reachable:seat.vacant');
    expect(trap?.kind).toBe('trap');
    expect(trap?.path.map((event) => event.type)).toEqual(['official.appointed']);
    expect(formatVerifyReport(report, { seconds: 1, color: false })).toContain('✗ trap: stays-reachable:seat.vacant');
  }, 60_000);

  it("refuses to vouch for a machine whose regions test other channels' states", () => {
    const channelsMeet = relationshipMachine.provide({
      guards: { resumptionAgreed: and([stateIn({ agreement: 'reached' }), stateIn({ leaders: { link: 'open' } })]) },
    });
    const report = verifyMachine({ machine: channelsMeet, scopes: [] });
    const violation = report.violations.find((found) => found.id === 'channels-independent:chiefs');
    expect(violation?.kind).toBe('structure');
    expect(violation?.rule).toContain('chiefs tests leaders');
    // The seat testing channels couples them through the seat, which the per-channel searches cannot see.
    const seatReadsChannels = relationshipMachine.provide({
      guards: {
        namesSanctioned: or([
          ({ context, event }) => 'name' in event && context.sanctioned.includes(event.name),
          and([stateIn({ leaders: { link: 'suspended' } }), stateIn({ chiefs: { link: 'suspended' } }), stateIn({ seat: 'held' })]),
        ]),
      },
    });
    expect(verifyMachine({ machine: seatReadsChannels, scopes: [] }).violations.map((found) => found.id)).toEqual(['channels-independent:seat']);
  });

  it('refuses to vouch for guards that read what the state key leaves out', () => {
    // Contacts do not count while the leaders channel is suspended by the PRC: the key keeps that
    // the channel is suspended, not by whom.
    const broken = relationshipMachine.provide({
      guards: { isInformal: ({ context, event }) => (event.type === 'contact.held' && event.mode === 'informal') || context.suspendedBy.leaders === 'PRC' },
    });
    const report = verifyMachine({ machine: broken, scopes: [pairScope('leaders')] });
    const violation = report.violations.find((found) => found.id === 'guards-read-kept-context');
    expect(violation?.kind).toBe('structure');
    expect(violation?.rule).toMatch(/they also read suspendedBy, suspendedBy\.leaders$/);
  }, 60_000);

  it('says when the search of every channel misses a way the phase can see a channel, or is left out', () => {
    // The ministerial channel can be restored outright only while a minister serves beside someone
    // else under sanctions, and the phase forgets a reopened ministerial channel while leaders and
    // chiefs are both suspended: the per-channel searches see the first, not the second.
    const twoNames = (context: { seat: { holder: string | null }; sanctioned: string[] }) =>
      context.seat.holder !== null && context.sanctioned.some((name) => name !== context.seat.holder);
    const broken = relationshipMachine.provide({
      guards: {
        isAbout: ({ context, event }, params: { channel: string }) =>
          'channel' in event && event.channel === params.channel && !(params.channel === 'ministerial' && event.type === 'channel.restored' && !twoNames(context)),
        restorationUnderway: or([
          'resumptionAgreed',
          and([stateIn({ ministerial: { link: 'reopened' } }), not(and([stateIn({ leaders: { link: 'suspended' } }), stateIn({ chiefs: { link: 'suspended' } })]))]),
          ...['leaders', 'chiefs', 'theater', 'policyTalks', 'maritimeTalks', 'attache'].map((channel) => stateIn({ [channel]: { link: 'reopened' } })),
        ]),
      },
    });
    const report = verifyMachine({ machine: broken, scopes: [pairScope('leaders'), pairScope('chiefs'), linksScope()] });
    expect(report.violations.map((found) => found.id)).toContain('phase-covered:ministerial');
    expect(report.clean).toBe(false);
    // Without the search of every channel, verify says so rather than vouch for the phase.
    const pairsOnly = verifyMachine({ scopes: [pairScope('leaders')] });
    expect(pairsOnly.violations.map((found) => found.id)).toEqual(['phase-covered']);
  }, 60_000);
});
