import { describe, expect, it } from 'vitest';
import {
  initialSnapshot,
  step,
  viewOf,
  type RelationshipEvent,
  type RelationshipSnapshot,
  type RelationshipState,
} from '../../src/index.js';

const date = '2023-01';
const suspend = (channel: 'ministerial' | 'chiefs' | 'attache'): RelationshipEvent => ({ type: 'channel.suspended', channel, by: 'PRC', date });
const contact = (channel: 'ministerial' | 'chiefs' | 'attache', mode: 'call' | 'informal' = 'call'): RelationshipEvent => ({
  type: 'contact.held',
  channel,
  mode,
  date,
});
const appoint = (name: string): RelationshipEvent => ({ type: 'official.appointed', office: 'prcDefenceMinister', name, date });
const agree: RelationshipEvent = { type: 'leaders.agreedToResume', date };

function play(...events: RelationshipEvent[]): { state: RelationshipState; notes: string[] } {
  let snapshot: RelationshipSnapshot = initialSnapshot();
  let notes: string[] = [];
  for (const event of events) ({ snapshot, notes } = step(snapshot, event));
  return { state: viewOf(snapshot), notes };
}

describe('relationshipMachine', () => {
  it('should start before the freeze, every channel open, the seat vacant', () => {
    const { state } = play();
    expect(state.phase).toBe('beforeFreeze');
    expect(Object.values(state.channels).map((channel) => channel.link)).toEqual(Array(7).fill('open.quiet'));
    expect(state.seat).toEqual({ holder: null, since: null, sanctioned: false });
  });

  it('should enter "channels suspended" with the first suspension', () => {
    const { state } = play(suspend('chiefs'));
    expect(state.phase).toBe('channelsSuspended');
    expect(state.channels.chiefs).toMatchObject({ link: 'suspended', suspendedBy: 'PRC' });
  });

  it('should keep a channel suspended when contact is held before the leaders agree (Cambodia, Nov 2022)', () => {
    const { state, notes } = play(appoint('Wei Fenghe'), suspend('ministerial'), contact('ministerial'));
    expect(state.channels.ministerial).toMatchObject({ link: 'suspended', lastContact: date });
    expect(state.phase).toBe('channelsSuspended');
    expect(notes).toEqual(['contact held, but the channel stays suspended: the leaders have not agreed to resume']);
  });

  it('should reopen a suspended channel at its first contact once the leaders have agreed', () => {
    const { state } = play(suspend('chiefs'), agree, contact('chiefs'));
    expect(state.channels.chiefs.link).toBe('reopened.contactHeld');
    expect(state.phase).toBe('partiallyRestored');
  });

  it('should refuse ministerial contact with a vacant seat or a sanctioned minister', () => {
    const vacant = play(suspend('ministerial'), agree, contact('ministerial'));
    expect(vacant.state.channels.ministerial.link).toBe('suspended');
    expect(vacant.notes[0]).toMatch(/^no counterpart/);

    const sanctioned = play({ type: 'sanctions.imposed', name: 'Li Shangfu', date }, appoint('Li Shangfu'), suspend('ministerial'), agree, contact('ministerial'));
    expect(sanctioned.state.seat).toMatchObject({ holder: 'Li Shangfu', sanctioned: true });
    expect(sanctioned.state.channels.ministerial.link).toBe('suspended');
  });

  it('should resume ministerial contact when the sanctions on a seated minister are lifted', () => {
    const { state } = play(
      { type: 'sanctions.imposed', name: 'Li Shangfu', date },
      appoint('Li Shangfu'),
      suspend('ministerial'),
      agree,
      { type: 'sanctions.lifted', name: 'Li Shangfu', date },
      contact('ministerial'),
    );
    expect(state.phase).toBe('ministerialResumed');
  });

  it('should need contact anew when a new minister takes the seat', () => {
    const before = play(appoint('Li Shangfu'), suspend('ministerial'), agree, contact('ministerial'));
    expect(before.state.phase).toBe('ministerialResumed');
    const after = play(appoint('Li Shangfu'), suspend('ministerial'), agree, contact('ministerial'), appoint('Dong Jun'));
    expect(after.state.channels.ministerial.link).toBe('reopened.quiet');
    expect(after.state.phase).toBe('partiallyRestored');
  });

  it('should not count an informal exchange as contact', () => {
    const { state, notes } = play(suspend('attache'), agree, contact('attache', 'informal'));
    expect(state.channels.attache).toMatchObject({ link: 'suspended', lastContact: null });
    expect(notes).toEqual(['an informal exchange does not count as contact']);
  });

  it('should move a request from pending to declined or accepted, and clear it on contact', () => {
    const request: RelationshipEvent = { type: 'meeting.requested', channel: 'chiefs', by: 'US', date };
    expect(play(request).state.channels.chiefs.request).toBe('pending');
    expect(play(request, { type: 'meeting.declined', channel: 'chiefs', by: 'PRC', date }).state.channels.chiefs.request).toBe('declined');
    expect(play(request, { type: 'meeting.accepted', channel: 'chiefs', by: 'PRC', date }).state.channels.chiefs.request).toBe('accepted');
    expect(play(request, contact('chiefs')).state.channels.chiefs.request).toBe('none');
    const stray = play({ type: 'meeting.declined', channel: 'chiefs', by: 'PRC', date });
    expect(stray.state.channels.chiefs.request).toBe('none');
    expect(stray.notes).toEqual(['there is no pending request on this channel']);
  });

  it('should vacate the seat only for its holder', () => {
    const wrong = play(appoint('Dong Jun'), { type: 'official.removed', office: 'prcDefenceMinister', name: 'Li Shangfu', date });
    expect(wrong.state.seat.holder).toBe('Dong Jun');
    expect(wrong.notes).toEqual(['that official does not hold the seat']);
    const right = play(appoint('Dong Jun'), { type: 'official.removed', office: 'prcDefenceMinister', name: 'Dong Jun', date });
    expect(right.state.seat.holder).toBeNull();
  });

  it('should not call a ministerial channel that was never suspended "resumed"', () => {
    const { state } = play(appoint('Wei Fenghe'), contact('ministerial'), suspend('chiefs'));
    expect(state.channels.ministerial.link).toBe('open.contactHeld');
    expect(state.phase).toBe('channelsSuspended');
  });

  it('should never return to "before the freeze" once a channel was suspended', () => {
    const { state } = play(suspend('chiefs'), { type: 'channel.restored', channel: 'chiefs', by: 'PRC', date });
    expect(state.channels.chiefs.link).toBe('reopened.quiet');
    expect(state.phase).toBe('partiallyRestored');
  });
});
