import { describe, expect, it } from 'vitest';
import {
  type Channel,
  initialSnapshot,
  type Office,
  type RelationshipEvent,
  type RelationshipSnapshot,
  type RelationshipState,
  step,
  viewOf,
} from '../../src/index.js';

const date = '2023-01';
const suspend = (channel: Channel): RelationshipEvent => ({ type: 'channel.suspended', channel, by: 'PRC', date });
const contact = (channel: Channel, mode: 'call' | 'informal' = 'call'): RelationshipEvent => ({ type: 'contact.held', channel, mode, date });
const decline = (channel: Channel): RelationshipEvent => ({ type: 'meeting.declined', channel, by: 'PRC', mode: 'call', date });
const appoint = (office: Office, name: string, on = date): RelationshipEvent => ({ type: 'official.appointed', office, name, date: on });
const remove = (office: Office, name: string): RelationshipEvent => ({ type: 'official.removed', office, name, date });
const agree: RelationshipEvent = { type: 'leaders.agreedToResume', date };

function play(...events: RelationshipEvent[]): { state: RelationshipState; notes: string[] } {
  let snapshot: RelationshipSnapshot = initialSnapshot();
  let notes: string[] = [];
  for (const event of events) ({ snapshot, notes } = step(snapshot, event));
  return { state: viewOf(snapshot), notes };
}

describe('relationshipMachine', () => {
  it('should start in normal relations, every channel open, no office holder on record', () => {
    const { state } = play();
    expect(state.phase).toBe('normal');
    expect(Object.values(state.channels).map((channel) => channel.link)).toEqual(Array(7).fill('open.quiet'));
    expect(Object.values(state.offices).map((office) => office.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('should enter "channels suspended" with the first cut, and with the first refusal', () => {
    const cut = play(suspend('theater'));
    expect(cut.state.phase).toBe('channelsSuspended');
    expect(cut.state.channels.theater).toMatchObject({ link: 'suspended', suspendedBy: 'PRC', suspendedSince: date });
    const refused = play(decline('ministerial'));
    expect(refused.state.phase).toBe('channelsSuspended');
    expect(refused.state.channels.ministerial).toMatchObject({ link: 'refused', request: 'declined', refusedBy: 'PRC' });
  });

  it('should count contact while other channels are cut, without calling it a resumption (Cambodia, on a channel never shut)', () => {
    const { state } = play(suspend('theater'), suspend('policyTalks'), contact('ministerial'));
    expect(state.channels.ministerial.link).toBe('open.contactHeld');
    expect(state.phase).toBe('channelsSuspended');
  });

  it('should reopen a cut channel with its first contact, whatever the leaders have agreed', () => {
    expect(play(suspend('chiefs'), contact('chiefs')).state.channels.chiefs.link).toBe('reopened.contactHeld');
    expect(play(suspend('theater'), suspend('chiefs'), contact('chiefs')).state.phase).toBe('partiallyRestored');
    expect(play(suspend('chiefs'), agree, contact('chiefs')).state.channels.chiefs.link).toBe('reopened.contactHeld');
  });

  it('should be back to normal relations once every channel shut in the freeze has contact again', () => {
    // The only channel cut has contact again: a full restoration.
    expect(play(suspend('chiefs'), contact('chiefs')).state.phase).toBe('normal');
    // A lifted ban with no contact since is not yet a restoration.
    const lifted = play(suspend('theater'), suspend('chiefs'), contact('chiefs'), { type: 'channel.restored', channel: 'theater', by: 'PRC', date });
    expect(lifted.state.phase).toBe('partiallyRestored');
    expect(play(suspend('theater'), suspend('chiefs'), contact('chiefs'), contact('theater')).state.phase).toBe('normal');
  });

  it('should start a new freeze as "channels suspended", the last freeze\'s restorations open again', () => {
    const restored = [suspend('theater'), suspend('chiefs'), contact('chiefs'), contact('theater')];
    const next = play(...restored, decline('ministerial'));
    expect(next.state.phase).toBe('channelsSuspended');
    expect(next.state.channels.chiefs.link).toBe('open.contactHeld');
    expect(next.state.channels.theater.link).toBe('open.contactHeld');
    // Within a freeze, a channel restored stays restored when another is refused.
    const within = play(suspend('theater'), suspend('chiefs'), contact('chiefs'), decline('ministerial'));
    expect(within.state).toMatchObject({ phase: 'partiallyRestored', channels: { chiefs: { link: 'reopened.contactHeld' } } });
  });

  it("should let contact go stale after the channel's lifetime with none", () => {
    const at = (day: string): RelationshipEvent => ({ type: 'time.passed', date: day });
    const called = (channel: Channel, day: string): RelationshipEvent => ({ type: 'contact.held', channel, mode: 'call', date: day });
    // The chiefs' lifetime is 12 months: still live 12 months on, stale after.
    expect(play(called('chiefs', '2023-01-10'), at('2024-01-31')).state.channels.chiefs.link).toBe('open.contactHeld');
    const gone = play(called('chiefs', '2023-01-10'), at('2024-02-01'));
    expect(gone.state.channels.chiefs.link).toBe('open.quiet');
    expect(gone.notes).toEqual(['the chiefs of staff contact has gone stale: none in more than 12 months']);
    // Within a freeze, a restored channel whose contact goes stale waits for contact again.
    const freeze = play(suspend('theater'), suspend('chiefs'), called('chiefs', '2023-01-10'), at('2024-02-01'));
    expect(freeze.state).toMatchObject({ phase: 'channelsSuspended', channels: { chiefs: { link: 'reopened.quiet', lastContact: '2023-01-10' } } });
    // In normal relations it is simply open, and quiet.
    const restored = play(suspend('chiefs'), called('chiefs', '2023-01-10'), at('2024-02-01'));
    expect(restored.state).toMatchObject({ phase: 'normal', channels: { chiefs: { link: 'open.quiet' } } });
    // A new contact keeps it live; an informal one does not, and says both things.
    expect(play(called('chiefs', '2023-01-10'), called('chiefs', '2024-03-01')).state.channels.chiefs.link).toBe('open.contactHeld');
    const informal = play(called('chiefs', '2023-01-10'), { type: 'contact.held', channel: 'chiefs', mode: 'informal', date: '2024-03-01' });
    expect(informal.state.channels.chiefs.link).toBe('open.quiet');
    expect(informal.notes).toEqual([
      'the chiefs of staff contact has gone stale: none in more than 12 months',
      'an informal exchange does not count as contact',
    ]);
  });

  it("should not call a leaders' agreement a restoration: it is a commitment, and moves no channel", () => {
    const { state } = play(suspend('chiefs'), agree);
    expect(state.agreement).toBe('reached');
    expect(state.phase).toBe('channelsSuspended');
  });

  it('should not count a contact whose named participants leave out a holder of the day: the former Secretary case', () => {
    const named = (participants: string[]): RelationshipEvent => ({
      type: 'contact.held',
      channel: 'ministerial',
      mode: 'call',
      participants,
      date: '2024-04-16',
    });
    // The chiefs spoke in December 2023, so their contact is still live in April 2024.
    const chiefsCall: RelationshipEvent = { type: 'contact.held', channel: 'chiefs', mode: 'call', date: '2023-12-21' };
    const before = [
      appoint('usDefenseSecretary', 'Lloyd Austin'),
      appoint('prcDefenseMinister', 'Dong Jun'),
      decline('ministerial'),
      suspend('theater'),
      suspend('chiefs'),
      chiefsCall,
    ];
    // As on record: Austin and Dong hold the offices, and their call resumes ministerial contact.
    expect(play(...before, named(['Lloyd Austin', 'Dong Jun'])).state.phase).toBe('ministerialResumed');
    // A new Secretary in January, the April call still named as Austin–Dong: not a contact between the holders.
    const replaced = play(...before, appoint('usDefenseSecretary', 'A. Successor', '2024-01'), named(['Lloyd Austin', 'Dong Jun']));
    expect(replaced.state.phase).toBe('partiallyRestored');
    expect(replaced.state.channels.ministerial).toMatchObject({ link: 'refused', request: 'declined', lastContact: null });
    expect(replaced.notes).toEqual([
      'not counted: the US Secretary of Defense on record is A. Successor, who is not among the participants named (Lloyd Austin, Dong Jun); a contact counts for the holders of the day',
    ]);
    // Naming nobody is a contact between the holders; naming the new holder counts too.
    expect(play(...before, appoint('usDefenseSecretary', 'A. Successor', '2024-01'), contact('ministerial')).state.phase).toBe('ministerialResumed');
    expect(play(...before, appoint('usDefenseSecretary', 'A. Successor', '2024-01'), named(['A. Successor', 'Dong Jun'])).state.phase).toBe(
      'ministerialResumed',
    );
    // An office with no holder on record cannot be left out.
    expect(play(decline('ministerial'), named(['Someone', 'Anyone'])).state.channels.ministerial.link).toBe('reopened.contactHeld');
  });

  it('should end live contact with a refusal, until the next contact', () => {
    const refused = play(appoint('prcDefenseMinister', 'Wei Fenghe'), suspend('theater'), contact('ministerial'), decline('ministerial'));
    expect(refused.state.channels.ministerial.link).toBe('refused');
    const again = play(appoint('prcDefenseMinister', 'Wei Fenghe'), suspend('theater'), contact('ministerial'), decline('ministerial'), contact('ministerial'));
    expect(again.state.channels.ministerial).toMatchObject({ link: 'reopened.contactHeld', refusedBy: null, request: 'none' });
    expect(again.state.phase).toBe('ministerialResumed');
  });

  it('should not let a restoration lift a refusal: only contact does', () => {
    const { state, notes } = play(decline('chiefs'), { type: 'channel.restored', channel: 'chiefs', by: 'PRC', date });
    expect(state.channels.chiefs.link).toBe('refused');
    expect(notes).toEqual(['the channel is not suspended: a refusal ends with the next contact']);
  });

  it('should refuse to count a contact with an office at either end vacant', () => {
    const usVacant = play(
      appoint('usDefenseSecretary', 'Lloyd Austin'),
      remove('usDefenseSecretary', 'Lloyd Austin'),
      decline('ministerial'),
      contact('ministerial'),
    );
    expect(usVacant.state.channels.ministerial.link).toBe('refused');
    expect(usVacant.notes).toEqual(['no counterpart: the office of US Secretary of Defense is vacant']);
    const prcVacant = play(appoint('prcDefenseMinister', 'Li Shangfu'), remove('prcDefenseMinister', 'Li Shangfu'), contact('ministerial'));
    expect(prcVacant.state.channels.ministerial.link).toBe('open.quiet');
    expect(prcVacant.notes).toEqual(['no counterpart: the office of PRC Minister of National Defense is vacant']);
  });

  it('should need contact anew when either office changes hands, on either side', () => {
    const held = [
      suspend('theater'),
      decline('ministerial'),
      appoint('usDefenseSecretary', 'Lloyd Austin'),
      appoint('prcDefenseMinister', 'Li Shangfu'),
      contact('ministerial'),
    ];
    expect(play(...held).state.phase).toBe('ministerialResumed');
    // Restored, then no live contact: within the freeze, the channel waits for contact again.
    for (const change of [
      appoint('prcDefenseMinister', 'Dong Jun'),
      appoint('usDefenseSecretary', 'Pete Hegseth'),
      remove('usDefenseSecretary', 'Lloyd Austin'),
    ]) {
      const after = play(...held, change);
      expect(after.state.channels.ministerial.link).toBe('reopened.quiet');
      expect(after.state.phase).toBe('channelsSuspended');
    }
    // In normal relations a new holder starts no freeze: the channel is simply open, and quiet.
    const normal = play(
      decline('ministerial'),
      appoint('usDefenseSecretary', 'Lloyd Austin'),
      contact('ministerial'),
      appoint('usDefenseSecretary', 'Pete Hegseth'),
    );
    expect(normal.state).toMatchObject({ phase: 'normal', channels: { ministerial: { link: 'open.quiet' } } });
    // The same holder named again changes nothing.
    expect(play(...held, appoint('prcDefenseMinister', 'Li Shangfu')).state.channels.ministerial.link).toBe('reopened.contactHeld');
  });

  it("should track the chiefs' offices the same way, and leave other channels' contact alone", () => {
    const { state } = play(
      appoint('usJointChiefsChairman', 'Mark Milley'),
      contact('chiefs'),
      contact('attache'),
      appoint('usJointChiefsChairman', 'CQ Brown'),
    );
    expect(state.channels.chiefs.link).toBe('open.quiet');
    expect(state.channels.attache.link).toBe('open.contactHeld');
  });

  it('should not count an informal exchange as contact', () => {
    const { state, notes } = play(suspend('attache'), contact('attache', 'informal'));
    expect(state.channels.attache).toMatchObject({ link: 'suspended', lastContact: null });
    expect(notes).toEqual(['an informal exchange does not count as contact']);
  });

  it('should keep the contact before the last, so the gap a contact closes can be read', () => {
    const { state } = play(contact('ministerial'), { type: 'contact.held', channel: 'ministerial', mode: 'call', date: '2024-04' });
    expect(state.channels.ministerial).toMatchObject({ lastContact: '2024-04', previousContact: date });
  });

  it('should move a request through pending, accepted, declined, fulfilled and lapsed', () => {
    const request: RelationshipEvent = { type: 'meeting.requested', channel: 'chiefs', by: 'US', date };
    expect(play(request).state.channels.chiefs.request).toBe('pending');
    expect(play(request, { type: 'meeting.accepted', channel: 'chiefs', by: 'PRC', date }).state.channels.chiefs.request).toBe('accepted');
    expect(play(request, contact('chiefs')).state.channels.chiefs.request).toBe('none');
    expect(play({ type: 'meeting.accepted', channel: 'chiefs', by: 'PRC', date }).state.channels.chiefs.request).toBe('accepted');
  });

  it('should lapse a request once an event is dated after the meeting it asked for, and not before', () => {
    const jakarta: RelationshipEvent = { type: 'meeting.requested', channel: 'ministerial', by: 'US', for: '2023-11-16', date: '2023-11-06' };
    const sameMonth: RelationshipEvent = { type: 'incident', kind: 'encounter', actor: 'CHN', target: 'USA', date: '2023-11' };
    const later: RelationshipEvent = { type: 'incident', kind: 'encounter', actor: 'CHN', target: 'USA', date: '2023-12' };
    expect(play(jakarta, sameMonth).state.channels.ministerial).toMatchObject({ request: 'pending', requestFor: '2023-11-16' });
    const lapsed = play(jakarta, later);
    expect(lapsed.state.channels.ministerial).toMatchObject({ request: 'lapsed', requestFor: null });
    expect(lapsed.state.incidents).toBe(1);
    expect(lapsed.notes).toEqual(['the ministerial request lapses: the date of the meeting it asked for has passed']);
    // A request naming no meeting date waits.
    expect(play({ ...jakarta, for: undefined } as RelationshipEvent, later).state.channels.ministerial.request).toBe('pending');
  });

  it('should vacate an office only for its holder', () => {
    const wrong = play(appoint('prcDefenseMinister', 'Dong Jun'), remove('prcDefenseMinister', 'Li Shangfu'));
    expect(wrong.state.offices.prcDefenseMinister).toMatchObject({ status: 'held', holder: 'Dong Jun' });
    expect(wrong.notes).toEqual(['that official does not hold the office']);
    expect(play(appoint('prcDefenseMinister', 'Dong Jun'), remove('prcDefenseMinister', 'Dong Jun')).state.offices.prcDefenseMinister).toMatchObject({
      status: 'vacant',
      holder: null,
    });
  });

  it('should show a sanctioned holder, without letting sanctions move a channel', () => {
    const { state } = play({ type: 'sanctions.imposed', name: 'Li Shangfu', date }, appoint('prcDefenseMinister', 'Li Shangfu'), contact('ministerial'));
    expect(state.offices.prcDefenseMinister.sanctioned).toBe(true);
    expect(state.channels.ministerial.link).toBe('open.contactHeld');
  });

  it('should count incidents, stopped incidents and provocations even when a request lapses on the same event', () => {
    const { state } = play(
      { type: 'meeting.requested', channel: 'theater', by: 'US', for: '2022-09', date: '2022-08' },
      { type: 'provocation', kind: 'armsSale', actor: 'US State Department', date: '2023-01' },
      { type: 'incidents.stopped', kind: 'intercept', actor: 'CHN', target: 'USA', date: '2023-12' },
    );
    expect(state).toMatchObject({ provocations: 1, incidentsStopped: 1 });
    expect(state.channels.theater.request).toBe('lapsed');
  });

  it('should take a holder on record mid-term as an appointment, and note an absence without refusing anything', () => {
    const inOffice: RelationshipEvent = { type: 'official.inOffice', office: 'prcDefenseMinister', name: 'Chi Haotian', date: '1995-06' };
    expect(play(inOffice).state.offices.prcDefenseMinister).toMatchObject({ status: 'held', holder: 'Chi Haotian', since: '1995-06' });
    const held = [appoint('prcDefenseMinister', 'Wei Fenghe'), contact('ministerial')];
    // A different holder on record ends live contact, as an appointment does.
    expect(play(...held, { ...inOffice, date }).state.channels.ministerial.link).toBe('open.quiet');
    const absent = play(...held, { type: 'official.absent', office: 'prcDefenseMinister', name: 'Wei Fenghe', venue: 'Shangri-La Dialogue', date });
    expect(absent.state.channels.ministerial.link).toBe('open.contactHeld');
    expect(absent.notes).toEqual(['absent: no meeting with a counterpart there, though none was refused']);
  });

  it("should let the ministers reach an agreement as the leaders do, and record exchanges and the PRC's sanctions without moving anything", () => {
    expect(play({ type: 'agreement.reached', level: 'ministers', date }).state.agreement).toBe('reached');
    const base = play(suspend('theater')).state;
    const exchange = play(suspend('theater'), { type: 'exchange', kind: 'armsControl', action: 'suspended', by: 'PRC', date });
    expect(exchange.state).toEqual(base);
    const prc = play(suspend('theater'), { type: 'sanctions.imposed', name: 'Lockheed Martin', by: 'PRC', date });
    expect(prc.state).toEqual(base);
    expect(play({ type: 'sanctions.imposed', name: 'Li Shangfu', date }).state.sanctioned).toEqual(['Li Shangfu']);
  });

  it('should let a cut cancel a meeting asked for or agreed on its channel, unless its date has passed', () => {
    const asked: RelationshipEvent = { type: 'meeting.accepted', channel: 'chiefs', by: 'PRC', mode: 'visit', for: '2023-06', date: '2023-01' };
    const cut = play(asked, suspend('chiefs'));
    expect(cut.state.channels.chiefs).toMatchObject({ link: 'suspended', request: 'declined' });
    expect(cut.notes).toEqual(['the cut cancels the meeting asked for or agreed on this channel']);
    // The visit's date already past: the request has lapsed, the cut cancels nothing.
    expect(play(asked, { ...suspend('chiefs'), date: '2023-07' }).state.channels.chiefs.request).toBe('lapsed');
  });

  it('should not call a lifted ban with no contact since a return to normal relations', () => {
    const { state } = play(suspend('chiefs'), { type: 'channel.restored', channel: 'chiefs', by: 'PRC', date });
    expect(state.channels.chiefs.link).toBe('reopened.quiet');
    expect(state.phase).toBe('channelsSuspended');
  });
});

describe('the vocabulary of long histories', () => {
  it("names the PLA's chief of staff as the office was named on the date", async () => {
    const { officeLabelOn } = await import('../../src/vocabulary/channels.js');
    expect(officeLabelOn('prcJointStaffChief', '2010-06')).toBe('Chief of the PLA General Staff');
    expect(officeLabelOn('prcJointStaffChief', '2016-01-10')).toBe('Chief of the PLA General Staff');
    expect(officeLabelOn('prcJointStaffChief', '2016-01-11')).toBe('Chief of the PLA Joint Staff Department');
    expect(officeLabelOn('usDefenseSecretary', '1990')).toBe('US Secretary of Defense');
  });

  it('codes a video call as the datasets code a call, and an exchange by what happened to it', async () => {
    const { codeOf } = await import('../../src/vocabulary/codes.js');
    expect(codeOf({ type: 'contact.held', mode: 'video' })).toMatchObject({ cameo: '041', plover: 'CONSULT', ploverMode: 'phone' });
    expect(codeOf({ type: 'exchange', action: 'suspended' })).toMatchObject({ cameo: '164', plover: 'SANCTION' });
    expect(codeOf({ type: 'exchange', action: 'held' })).toMatchObject({ cameo: '040', plover: 'CONSULT' });
  });
});
