import { describe, expect, it } from 'vitest';
import { and, createActor, not, or, stateIn } from 'xstate';
import { formatVerifyReport } from '../../src/cli/format/verifyReport.js';
import { type RelationshipEvent, relationshipMachine, viewOf } from '../../src/index.js';
import { STATE_INVARIANTS } from '../../src/verify/invariants.js';
import { channelScope, defaultScopes, linksScope } from '../../src/verify/scopes.js';
import { verifyMachine } from '../../src/verify/verifyMachine.js';
import { CHANNELS } from '../../src/vocabulary/channels.js';

/** Replays a path on a live actor of `machine` and returns its final view. */
function replayPath(machine: typeof relationshipMachine, path: RelationshipEvent[]) {
  const actor = createActor(machine).start();
  for (const event of path) actor.send(event);
  const view = viewOf(actor.getSnapshot());
  actor.stop();
  return view;
}

const informal = ({ event }: { event: RelationshipEvent }) => event.type === 'contact.held' && event.mode === 'informal';
const restored = (channel: string) => stateIn({ [channel]: { link: { reopened: 'contactHeld' } } });

describe('thaw verify', () => {
  it('finds the state space clean: every declared state reached, no rule broken, no trap', () => {
    const report = verifyMachine();
    expect(report.violations).toEqual([]);
    expect(report.declared.unreached).toEqual([]);
    expect(report.declared.notSearched).toBe(0);
    expect(report.declared.total).toBeGreaterThan(130);
    expect(report.clean).toBe(true);
    expect(report.scopes.map((scope) => scope.name)).toEqual(defaultScopes().map((scope) => scope.name));
    // Channels are built alike: those without offices search the same space, as do the two with offices.
    const shape = (name: string) => {
      const scope = report.scopes.find((found) => found.name === name);
      return `${scope?.states}/${scope?.transitions}`;
    };
    expect(new Set(['leaders', 'theater', 'policyTalks', 'maritimeTalks', 'attache'].map(shape)).size).toBe(1);
    expect(shape('ministerial')).toBe(shape('chiefs'));
    expect(shape('ministerial')).not.toBe(shape('leaders'));
  }, 60_000);

  it('finds a deliberately broken phase rule, with the shortest path that breaks it, and prints it', () => {
    // "Ministerial contact resumed" for a reopened ministerial channel with no contact yet.
    const broken = relationshipMachine.provide({ guards: { ministerialLive: stateIn({ ministerial: { link: 'reopened' } }) } });
    const report = verifyMachine({ machine: broken, scopes: [channelScope('ministerial')] });
    expect(report.clean).toBe(false);
    const violation = report.violations.find((found) => found.id === 'resumed-needs-ministerial-contact');
    expect(violation).toBeDefined();
    if (!violation) return;
    // Suspend the ministerial channel, then restore it.
    expect(violation.path.map((event) => event.type)).toEqual(['channel.suspended', 'channel.restored']);
    // The path is real: the broken machine, replayed along it, ends in the state reported...
    const end = replayPath(broken, violation.path);
    expect(end).toEqual(violation.state);
    expect(STATE_INVARIANTS.find((invariant) => invariant.id === violation.id)?.holds(end)).toBe(false);
    // ...and the real machine, along the same path, keeps the rule.
    expect(replayPath(relationshipMachine, violation.path).phase).toBe('channelsSuspended');
    const printed = formatVerifyReport(report, { seconds: 1, color: false });
    expect(printed).toContain('✗ invariant broken: resumed-needs-ministerial-contact');
    expect(printed).toContain('broken after 2 events (shortest; search ministerial):');
    violation.path.forEach((event, index) => expect(printed).toContain(`${String(index + 1).padStart(2)}. ${event.type}`));
    expect(printed).toMatch(/✗ not clean: \d+ rules? broken/);
  }, 60_000);

  it('finds a phase rule broken only when two other channels move together, in the search of every channel', () => {
    const broken = relationshipMachine.provide({
      guards: {
        someChannelRestored: and([
          or(CHANNELS.map(restored)),
          not(and([stateIn({ leaders: { link: 'suspended' } }), stateIn({ chiefs: { link: 'suspended' } })])),
        ]),
      },
    });
    const alone = verifyMachine({ machine: broken, scopes: [channelScope('leaders'), channelScope('chiefs')] });
    expect(alone.violations.find((found) => found.id === 'phase-rule')).toBeUndefined();
    const report = verifyMachine({ machine: broken, scopes: [linksScope()] });
    const violation = report.violations.find((found) => found.id === 'phase-rule');
    expect(violation?.scope).toBe('every channel, links only');
    // Two channels suspended, and a third cut and called again: four events.
    expect(violation?.path).toHaveLength(4);
    expect(violation?.path.filter((event) => event.type === 'channel.suspended' && ['leaders', 'chiefs'].includes(event.channel))).toHaveLength(2);
  }, 60_000);

  it('finds a deliberately made trap: contact that stops counting for good once the leaders agree', () => {
    const broken = relationshipMachine.provide({ guards: { isInformal: or([informal, stateIn({ agreement: 'reached' })]) } });
    const report = verifyMachine({ machine: broken, scopes: [channelScope('attache')] });
    const trap = report.violations.find((found) => found.id === 'stays-reachable:attache.link.reopened.contactHeld');
    expect(trap?.kind).toBe('trap');
    // Once the leaders agree, the channel can never have live contact again.
    expect(trap?.path.map((event) => event.type)).toEqual(['leaders.agreedToResume']);
    // A request made before the agreement can then never be fulfilled.
    expect(report.violations.find((found) => found.id === 'stays-reachable:attache.request.none')?.path.map((event) => event.type)).toEqual([
      'meeting.requested',
      'leaders.agreedToResume',
    ]);
    expect(formatVerifyReport(report, { seconds: 1, color: false })).toContain('✗ trap: stays-reachable:attache.link.reopened.contactHeld');
  }, 60_000);

  it("refuses to vouch for a machine whose channels test other channels' or other offices' states", () => {
    const channelsMeet = relationshipMachine.provide({ guards: { isInformal: or([informal, stateIn({ leaders: { link: 'suspended' } })]) } });
    const meet = verifyMachine({ machine: channelsMeet, scopes: [] });
    expect(meet.violations.find((found) => found.id === 'channels-independent:chiefs')?.rule).toContain('chiefs tests leaders');
    const foreignOffice = relationshipMachine.provide({ guards: { isInformal: or([informal, stateIn({ usJointChiefsChairman: 'vacant' })]) } });
    const ids = verifyMachine({ machine: foreignOffice, scopes: [] }).violations.map((found) => found.id);
    expect(ids).toContain('channel-reads-own-offices:ministerial');
    expect(ids).not.toContain('channel-reads-own-offices:chiefs');
  });

  it('refuses to vouch for guards that read what the state key leaves out', () => {
    // Contacts do not count while the leaders channel is suspended by the PRC: the key keeps that
    // the channel is suspended, not by whom.
    const broken = relationshipMachine.provide({
      guards: { isInformal: ({ context, event }) => informal({ event }) || context.channels.leaders.suspendedBy === 'PRC' },
    });
    const report = verifyMachine({ machine: broken, scopes: [channelScope('leaders')] });
    const violation = report.violations.find((found) => found.id === 'guards-read-kept-context');
    expect(violation?.kind).toBe('structure');
    expect(violation?.rule).toMatch(/they also read channels\.leaders\.suspendedBy$/);
  }, 60_000);

  it('says when the search of every channel misses a way the phase can see a channel, or is left out', () => {
    // A phase that also reads whether the ministerial channel is refused, which the search of
    // every channel (cuts and calls only) never makes it.
    const broken = relationshipMachine.provide({
      guards: {
        ministerialLive: or([restored('ministerial'), and([stateIn({ ministerial: { link: 'refused' } }), stateIn({ leaders: { link: 'suspended' } })])]),
      },
    });
    const report = verifyMachine({ machine: broken, scopes: [channelScope('ministerial'), linksScope()] });
    expect(report.violations.map((found) => found.id)).toContain('phase-covered:ministerial');
    expect(report.clean).toBe(false);
    // Without the search of every channel, verify says so rather than vouch for the phase.
    const alone = verifyMachine({ scopes: [channelScope('leaders')] });
    expect(alone.violations.map((found) => found.id)).toEqual(['phase-covered']);
  }, 60_000);
});
