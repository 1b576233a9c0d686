import { type Draft, produce } from 'immer';
import { and, assign, not, or, setup, stateIn } from 'xstate';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  CONTACT_LIFETIME,
  OFFICE_TABLE,
  OFFICES,
  type Office,
  officesOf,
  PHASES,
  type Phase,
  type Side,
} from '../vocabulary/channels.js';
import { certainlyAfter, monthsBetween } from '../vocabulary/dates.js';
import { EVENT_TYPES, isChannelEvent, type RelationshipEvent } from '../vocabulary/events.js';

/** What the machine remembers of one channel beyond its states: dates and sides. */
export interface ChannelRecord {
  /** Date of the last contact that counted. */
  lastContact: string | null;
  /** Date of the contact before that one, so the gap a contact closes can be read. */
  previousContact: string | null;
  /** Which side suspended the channel, and when, while it is suspended. */
  suspendedBy: Side | null;
  suspendedSince: string | null;
  /** Which side refused a meeting or call on it, and when, while the refusal stands. */
  refusedBy: Side | null;
  refusedSince: string | null;
  /** Date of the meeting the last request or acceptance named, if it named one (in a view: only while the request is open). */
  requestFor: string | null;
}

/** Who holds an office and since when; `holder` is null while it is vacant or not on record. */
export interface OfficeRecord {
  holder: string | null;
  since: string | null;
}

/** What the machine remembers beyond its states: office holders, sanctions, dates, counts. */
export interface RelationshipContext {
  offices: Record<Office, OfficeRecord>;
  /** People under US sanctions, in alphabetical order: a set, so that the order they were imposed in is not part of the state. */
  sanctioned: string[];
  channels: Record<Channel, ChannelRecord>;
  /** Incidents so far (intercepts, encounters, exercises...): context, not a channel state. */
  incidents: number;
  /** Patterns of incidents reported to have stopped. */
  incidentsStopped: number;
  /** Provocations so far (official visits to Taiwan, arms sales): context, not a channel state. */
  provocations: number;
}

const emptyChannel = (): ChannelRecord => ({
  lastContact: null,
  previousContact: null,
  suspendedBy: null,
  suspendedSince: null,
  refusedBy: null,
  refusedSince: null,
  requestFor: null,
});

/** The context every replay starts from: no office holder on record, no sanctions, no contact. */
export function initialContext(): RelationshipContext {
  return {
    offices: Object.fromEntries(OFFICES.map((office) => [office, { holder: null, since: null }])) as Record<Office, OfficeRecord>,
    sanctioned: [],
    channels: Object.fromEntries(CHANNELS.map((channel) => [channel, emptyChannel()])) as Record<Channel, ChannelRecord>,
    incidents: 0,
    incidentsStopped: 0,
    provocations: 0,
  };
}

/** A context change: reads as a mutation of a draft, which immer turns into a new context. */
export type ContextRecipe = (draft: Draft<RelationshipContext>, event: RelationshipEvent) => void;

const channelOf = (event: RelationshipEvent): Channel | undefined => (isChannelEvent(event) ? event.channel : undefined);
const nameOf = (event: RelationshipEvent): string | undefined => ('name' in event ? event.name : undefined);
const officeOf = (event: RelationshipEvent): Office | undefined => ('office' in event ? event.office : undefined);
const meetingDateOf = (event: RelationshipEvent): string | undefined => ('for' in event ? event.for : undefined);

// Applies a change to the record of the channel the event names.
const onChannel =
  (change: (record: Draft<ChannelRecord>, event: RelationshipEvent) => void): ContextRecipe =>
  (draft, event) => {
    const channel = channelOf(event);
    if (channel) change(draft.channels[channel], event);
  };

/**
 * Every context change the machine makes, by action name. The machine's actions apply them
 * through immer; the fast engine (src/engine) applies the same functions to its own mutable
 * copy, so the effects are written once.
 */
export const CONTEXT_RECIPES = {
  recordContact: onChannel((record, event) => {
    record.previousContact = record.lastContact;
    record.lastContact = event.date;
  }),
  markSuspended: onChannel((record, event) => {
    if (event.type !== 'channel.suspended') return;
    record.suspendedBy = event.by;
    record.suspendedSince = event.date;
    record.refusedBy = null;
    record.refusedSince = null;
  }),
  clearSuspension: onChannel((record) => {
    record.suspendedBy = null;
    record.suspendedSince = null;
  }),
  markRefused: onChannel((record, event) => {
    if (event.type !== 'meeting.declined') return;
    record.refusedBy = event.by;
    record.refusedSince = event.date;
  }),
  clearRefusal: onChannel((record) => {
    record.refusedBy = null;
    record.refusedSince = null;
  }),
  recordRequest: onChannel((record, event) => {
    record.requestFor = meetingDateOf(event) ?? null;
  }),
  // Agreeing to a requested meeting keeps its date unless the acceptance names another.
  recordAcceptance: onChannel((record, event) => {
    const date = meetingDateOf(event);
    if (date !== undefined) record.requestFor = date;
  }),
  seatHolder: (draft, event) => {
    const office = officeOf(event);
    if (office) draft.offices[office] = { holder: nameOf(event) ?? null, since: event.date };
  },
  vacateOffice: (draft, event) => {
    const office = officeOf(event);
    if (office) draft.offices[office] = { holder: null, since: event.date };
  },
  addSanction: (draft, event) => {
    const name = nameOf(event);
    if (name) draft.sanctioned = [...draft.sanctioned, name].sort();
  },
  liftSanction: (draft, event) => {
    draft.sanctioned = draft.sanctioned.filter((name) => name !== nameOf(event));
  },
  countIncident: (draft) => {
    draft.incidents += 1;
  },
  countIncidentsStopped: (draft) => {
    draft.incidentsStopped += 1;
  },
  countProvocation: (draft) => {
    draft.provocations += 1;
  },
} satisfies Record<string, ContextRecipe>;

const recipes = new WeakMap<object, ContextRecipe>();

/** The recipe behind one of the machine's assign actions (by implementation, not name), if any. */
export function recipeOfAction(action: unknown): ContextRecipe | undefined {
  return typeof action === 'function' || (typeof action === 'object' && action !== null) ? recipes.get(action) : undefined;
}

// Every context change goes through immer, so actions read as mutations yet never mutate.
const update = (recipe: ContextRecipe) => {
  const action = assign<RelationshipContext, RelationshipEvent, undefined, RelationshipEvent, never>(({ context, event }) =>
    produce(context, (draft) => recipe(draft, event)),
  );
  recipes.set(action, recipe);
  return action;
};

const linkIs = (channel: Channel, link: string | Record<string, string>) => stateIn({ [channel]: { link } });

/** The typed setup: events, context, and every guard and action the config names. */
export const relationshipSetup = setup({
  types: {
    context: {} as RelationshipContext,
    events: {} as RelationshipEvent,
  },
  guards: {
    isAbout: ({ event }, params: { channel: Channel }) => channelOf(event) === params.channel,
    isInformal: ({ event }) => event.type === 'contact.held' && event.mode === 'informal',
    isOffice: ({ event }, params: { office: Office }) => officeOf(event) === params.office,
    namesHolder: ({ context, event }, params: { office: Office }) => {
      const holder = context.offices[params.office].holder;
      return holder !== null && nameOf(event) === holder;
    },
    namesSanctioned: ({ context, event }) => context.sanctioned.includes(nameOf(event) ?? ''),
    // Sanctions the US imposes or lifts (the default), not the PRC's.
    byUs: ({ event }) => !('by' in event) || event.by === undefined || event.by === 'US',
    // The office the event names has a holder on record.
    hasHolder: ({ context, event }) => {
      const office = officeOf(event);
      return office !== undefined && context.offices[office].holder !== null;
    },
    // A contact that names who took part was not with the holder of the day if it leaves them
    // out; one that names nobody is taken to be between the holders.
    leavesOutHolder: ({ context, event }, params: { office: Office }) => {
      const holder = context.offices[params.office].holder;
      return (
        event.type === 'contact.held' &&
        event.participants !== undefined &&
        event.participants.length > 0 &&
        holder !== null &&
        !event.participants.includes(holder)
      );
    },
    // The event is dated more than the channel's contact lifetime after its last contact.
    contactStale: ({ context, event }, params: { channel: Channel }) => {
      const last = context.channels[params.channel].lastContact;
      return last !== null && monthsBetween(last, event.date) > CONTACT_LIFETIME[params.channel];
    },
    // The event is dated after the meeting the channel's request named: the request has lapsed.
    requestOverdue: ({ context, event }, params: { channel: Channel }) => {
      const date = context.channels[params.channel].requestFor;
      return date !== null && certainlyAfter(event.date, date);
    },

    // The phase rule (README, "The phase rule"). These three guards are its only implementation.
    // Every channel working: open, or restored with live contact (none cut, refused, or lifted
    // from a cut with no contact held on it since).
    noChannelShut: and(CHANNELS.map((channel) => or([linkIs(channel, 'open'), linkIs(channel, { reopened: 'contactHeld' })]))),
    ministerialLive: linkIs('ministerial', { reopened: 'contactHeld' }),
    someChannelRestored: or(CHANNELS.map((channel) => linkIs(channel, { reopened: 'contactHeld' }))),
  },
  actions: {
    recordContact: update(CONTEXT_RECIPES.recordContact),
    markSuspended: update(CONTEXT_RECIPES.markSuspended),
    clearSuspension: update(CONTEXT_RECIPES.clearSuspension),
    markRefused: update(CONTEXT_RECIPES.markRefused),
    clearRefusal: update(CONTEXT_RECIPES.clearRefusal),
    recordRequest: update(CONTEXT_RECIPES.recordRequest),
    recordAcceptance: update(CONTEXT_RECIPES.recordAcceptance),
    seatHolder: update(CONTEXT_RECIPES.seatHolder),
    vacateOffice: update(CONTEXT_RECIPES.vacateOffice),
    addSanction: update(CONTEXT_RECIPES.addSanction),
    liftSanction: update(CONTEXT_RECIPES.liftSanction),
    countIncident: update(CONTEXT_RECIPES.countIncident),
    countIncidentsStopped: update(CONTEXT_RECIPES.countIncidentsStopped),
    countProvocation: update(CONTEXT_RECIPES.countProvocation),
    // Says why an event changed less than it might have. It has no effect of its own: replay
    // reads it from the actions transition() returns, an actor simply ignores it.
    explain: (_args, _params: { note: string }) => {},
  },
});

const explain = (note: string) => ({ type: 'explain' as const, params: { note } });

type MachineConfig = Parameters<typeof relationshipSetup.createMachine>[0];
type StateConfig = NonNullable<MachineConfig['states']>[string];
type Transitions = NonNullable<StateConfig['on']>;

const about = (channel: Channel) => ({ type: 'isAbout', params: { channel } }) as const;
const isOffice = (office: Office) => ({ type: 'isOffice', params: { office } }) as const;
const namesHolder = (office: Office) => ({ type: 'namesHolder', params: { office } }) as const;
const vacant = (office: Office) => stateIn({ [office]: 'vacant' });
const leavesOutHolder = (office: Office) => ({ type: 'leavesOutHolder', params: { office } }) as const;

/**
 * The note on a contact not counted because its participants leave out the holder of an office.
 * It names no one, as a machine's notes are fixed; a timeline adds the names (nameHolders).
 */
export function leftOutNote(office: Office): string {
  return `not counted: the ${OFFICE_TABLE[office].label} on record is not among the participants named, and a contact counts for the holders of the day`;
}

// Composite guards drawn in diagrams by a short name rather than spelt out (see guardLabel).
const GUARD_LABELS = new WeakMap<object, string>();
const labelled = <T extends object>(guard: T, label: string): T => {
  GUARD_LABELS.set(guard, label);
  return guard;
};

/** The short name a composite guard of the machine is drawn by, if it has one. */
export function guardLabel(guard: unknown): string | undefined {
  return typeof guard === 'function' || (typeof guard === 'object' && guard !== null) ? GUARD_LABELS.get(guard) : undefined;
}

/**
 * A contact that counts on a channel: about it, not informal, no office at either end vacant,
 * and, where it names its participants, with the holders of the day among them.
 */
const counts = (channel: Channel) =>
  labelled(
    and([about(channel), not('isInformal'), ...officesOf(channel).flatMap((office) => [not(vacant(office)), not(leavesOutHolder(office))])]),
    'countsAsContact',
  );

/** Contacts that change nothing, whatever the link: informal ones, ones with an office vacant, and ones its holder was not part of. */
function uncountedContact(channel: Channel) {
  return [
    { guard: and([about(channel), 'isInformal']), actions: explain('an informal exchange does not count as contact') },
    ...officesOf(channel).map((office) => ({
      guard: and([about(channel), vacant(office)]),
      actions: explain(`no counterpart: the office of ${OFFICE_TABLE[office].label} is vacant`),
    })),
    ...officesOf(channel).map((office) => ({
      guard: and([about(channel), leavesOutHolder(office)]),
      actions: explain(leftOutNote(office)),
    })),
  ];
}

const stale = (channel: Channel) => ({ type: 'contactStale', params: { channel } }) as const;
const staleNote = (channel: Channel) => explain(`the ${CHANNEL_LABELS[channel]} contact has gone stale: none in more than ${CONTACT_LIFETIME[channel]} months`);
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
type Move = { guard?: unknown; target?: string; actions?: unknown };

/** A working channel's own transitions (on `open` and `reopened` alike): cut, refused, contact held. */
function ownMoves(channel: Channel): Transitions {
  return {
    'channel.suspended': { guard: about(channel), target: `#thaw.${channel}.link.suspended`, actions: 'markSuspended' },
    'channel.restored': { guard: about(channel), actions: explain('the channel is not suspended') },
    'contact.held': { guard: counts(channel), target: '.contactHeld', actions: 'recordContact' },
    // A refused meeting or call counts against live contact until the next contact.
    'meeting.declined': { guard: about(channel), target: `#thaw.${channel}.link.refused`, actions: 'markRefused' },
  };
}

/**
 * How live contact ends without a cut, as transitions of the `contactHeld` state: a new holder
 * at either end of the channel (or a removal), and contact gone stale, which an event dated
 * more than the channel's CONTACT_LIFETIME months after its last contact finds. An event that
 * moves the link itself (a contact on the channel that counts, a cut, a refusal) is left to the
 * link. Each ending is a list of moves whose targets `quietly` gives.
 */
function endsOfContact(channel: Channel, quietly: (guard: unknown, actions: unknown[]) => Move[]): Transitions {
  const offices = officesOf(channel);
  const staleUnless = (moves: unknown) => quietly(and([not(moves as never), stale(channel)]), [staleNote(channel)]);
  const byType: Record<string, Move[]> = Object.fromEntries(EVENT_TYPES.map((type) => [type, quietly(stale(channel), [staleNote(channel)])]));
  byType['contact.held'] = staleUnless(counts(channel));
  byType['channel.suspended'] = staleUnless(about(channel));
  byType['meeting.declined'] = staleUnless(about(channel));
  if (offices.length > 0) {
    // The contact was with whoever held the offices then. Naming the holder of an office with
    // none on record is no change: the contact was with whoever held it.
    for (const type of ['official.appointed', 'official.inOffice'] as const) {
      byType[type] = [
        ...quietly(labelled(or(offices.map((office) => and([isOffice(office), not(namesHolder(office)), 'hasHolder' as never]))), 'newHolder'), [
          explain('a new office holder on this channel: contact must be held anew'),
        ]),
        ...(byType[type] ?? []),
      ];
    }
    byType['official.removed'] = [
      ...quietly(labelled(or(offices.map((office) => and([isOffice(office), namesHolder(office)]))), 'holderRemoved'), [
        explain('an office on this channel is now vacant: contact must be held anew'),
      ]),
      ...(byType['official.removed'] ?? []),
    ];
  }
  return byType as Transitions;
}

// The next freeze: from normal relations, a cut or refusal of another channel makes a channel
// restored in the last freeze simply open again, so that its restoration then does not count as
// a restoration in the new one (contact gone stale by then is open, but quiet).
function newFreeze(channel: Channel): Transitions {
  const elsewhere = and([not(about(channel)), stateIn({ phase: 'normal' })]);
  const moves = [
    { guard: and([elsewhere, stale(channel)]), target: `#thaw.${channel}.link.open.quiet`, actions: staleNote(channel) },
    { guard: elsewhere, target: `#thaw.${channel}.link.open.contactHeld` },
  ];
  return { 'channel.suspended': moves, 'meeting.declined': moves };
}

/**
 * A channel's two working states. `open`: working, and not restored in the present freeze
 * (`quiet`, or `contactHeld`). `reopened`: shut in this freeze, then `contactHeld` (restored) or
 * `quiet` (a lifted ban awaiting contact, or restored contact that has ended: a new holder,
 * contact gone stale), which the freeze's end waits for. Once relations are normal again, a
 * restored channel whose contact ends is simply open and quiet.
 */
function workingLink(channel: Channel, kind: 'open' | 'reopened'): StateConfig {
  const quietly = (guard: unknown, actions: unknown[]): Move[] =>
    kind === 'open'
      ? [{ guard, target: 'quiet', actions }]
      : [
          { guard: and([guard as never, stateIn({ phase: 'normal' })]), target: `#thaw.${channel}.link.open.quiet`, actions },
          { guard, target: 'quiet', actions },
        ];
  const ends = endsOfContact(channel, quietly);
  const contactHeld = kind === 'open' ? { on: ends } : { on: { ...ends, ...mergeMoves(ends, newFreeze(channel)) } };
  return { initial: 'quiet', states: { quiet: {}, contactHeld }, on: ownMoves(channel) };
}

// Two sets of transitions as one, those of `first` before those of `then` for each event type.
function mergeMoves(first: Transitions, then: Transitions): Transitions {
  const types = new Set([...Object.keys(first), ...Object.keys(then)]);
  return Object.fromEntries(
    [...types].map((type) => [type, [...list(first[type as keyof Transitions] as never), ...list(then[type as keyof Transitions] as never)]]),
  ) as Transitions;
}

/** The channel's link: open (working, not restored in this freeze), suspended (cut by a side), refused, or reopened. */
function linkRegion(channel: Channel): StateConfig {
  return {
    initial: 'open',
    states: {
      open: workingLink(channel, 'open'),
      suspended: {
        on: {
          'channel.suspended': { guard: about(channel), actions: explain('the channel is already suspended') },
          'channel.restored': { guard: about(channel), target: 'reopened.quiet', actions: 'clearSuspension' },
          // Contact held on a cut channel is contact: the channel is working again.
          'contact.held': { guard: counts(channel), target: 'reopened.contactHeld', actions: ['clearSuspension', 'recordContact'] },
          'meeting.declined': { guard: about(channel), actions: explain('the channel is suspended; a refusal adds nothing to the cut') },
        },
      },
      refused: {
        on: {
          'channel.suspended': { guard: about(channel), target: 'suspended', actions: ['clearRefusal', 'markSuspended'] },
          'channel.restored': { guard: about(channel), actions: explain('the channel is not suspended: a refusal ends with the next contact') },
          'contact.held': { guard: counts(channel), target: 'reopened.contactHeld', actions: ['clearRefusal', 'recordContact'] },
          'meeting.declined': { guard: about(channel), actions: explain('refused again: the refusal stands from its first date') },
        },
      },
      reopened: workingLink(channel, 'reopened'),
    },
  };
}

/** Adds, after a state's own transitions for every event type, the lapse of an overdue request. */
function lapsing(channel: Channel, own: Transitions): Transitions {
  const lapse = {
    guard: { type: 'requestOverdue', params: { channel } },
    target: 'lapsed',
    actions: explain(`the ${CHANNEL_LABELS[channel]} request lapses: the date of the meeting it asked for has passed`),
  } as const;
  const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, [...list(own[type as keyof Transitions]), lapse]])) as Transitions;
}

/** The channel's meeting request: none, pending, accepted, declined, or lapsed. */
function requestRegion(channel: Channel): StateConfig {
  const on = about(channel);
  const overdue = { type: 'requestOverdue', params: { channel } } as const;
  // A contact that counts fulfils whatever request was open on the channel.
  const fulfilled = { guard: counts(channel), target: 'none' } as const;
  // A cut cancels the meeting asked for or agreed on the channel (one already past has lapsed).
  const cancelled = {
    guard: and([on, not(overdue)]),
    target: 'declined',
    actions: explain('the cut cancels the meeting asked for or agreed on this channel'),
  } as const;
  const answerable = {
    'meeting.requested': { guard: on, target: 'pending', actions: 'recordRequest' },
    'meeting.accepted': { guard: on, target: 'accepted', actions: 'recordRequest' },
    'meeting.declined': { guard: on, target: 'declined' },
  } as const;
  // Once the meeting an open request named has passed, a new request or acceptance is for
  // another meeting: it starts afresh rather than amend the old one.
  const afresh = {
    'meeting.requested': { guard: and([on, overdue]), target: 'pending', actions: 'recordRequest' },
    'meeting.accepted': { guard: and([on, overdue]), target: 'accepted', actions: 'recordRequest' },
  } as const;
  return {
    initial: 'none',
    // A contact on the channel that does not count, explained here rather than by the link,
    // whose own transitions (contact gone stale) may take the event.
    on: { 'contact.held': uncountedContact(channel) },
    states: {
      none: { on: answerable },
      pending: {
        on: lapsing(channel, {
          'meeting.requested': [afresh['meeting.requested'], { guard: on, actions: ['recordRequest', explain('a new request replaces the pending one')] }],
          'meeting.accepted': [afresh['meeting.accepted'], { guard: on, target: 'accepted', actions: 'recordAcceptance' }],
          'meeting.declined': { guard: on, target: 'declined' },
          'channel.suspended': cancelled,
          'contact.held': fulfilled,
        }),
      },
      accepted: {
        on: lapsing(channel, {
          'meeting.requested': [afresh['meeting.requested'], { guard: on, actions: explain('the meeting is already agreed') }],
          'meeting.accepted': [afresh['meeting.accepted'], { guard: on, actions: ['recordAcceptance', explain('the meeting is already agreed')] }],
          'meeting.declined': { guard: on, target: 'declined' },
          'channel.suspended': cancelled,
          'contact.held': fulfilled,
        }),
      },
      declined: { on: { ...answerable, 'contact.held': fulfilled } },
      lapsed: { on: { ...answerable, 'contact.held': fulfilled } },
    },
  };
}

/** One channel's region: its link and any meeting request on it. */
function channelRegion(channel: Channel): StateConfig {
  return { type: 'parallel', states: { link: linkRegion(channel), request: requestRegion(channel) } };
}

/** One office: no holder on record yet (`unknown`), `vacant`, or `held`. */
function officeRegion(office: Office): StateConfig {
  return {
    initial: 'unknown',
    states: { unknown: {}, vacant: {}, held: {} },
    on: {
      'official.appointed': [
        { guard: and([isOffice(office), namesHolder(office)]), actions: explain('already holds the office') },
        { guard: isOffice(office), target: '.held', actions: 'seatHolder' },
      ],
      // A holder on record on the date: for the machine, as an appointment.
      'official.inOffice': [
        { guard: and([isOffice(office), namesHolder(office)]), actions: explain('already holds the office') },
        { guard: isOffice(office), target: '.held', actions: 'seatHolder' },
      ],
      'official.absent': { guard: isOffice(office), actions: explain('absent: no meeting with a counterpart there, though none was refused') },
      'official.removed': [
        { guard: and([isOffice(office), namesHolder(office)]), target: '.vacant', actions: 'vacateOffice' },
        { guard: isOffice(office), actions: explain('that official does not hold the office') },
      ],
    },
  };
}

/** In each phase, eventless transitions to every other phase, each guarded by the rule. */
function phaseState(phase: Phase): StateConfig {
  return { always: PHASES.filter((other) => other !== phase).map((other) => ({ target: other, guard: PHASE_GUARDS[other] })) };
}

// First match wins, in this order: before the freeze, ministerial contact resumed, partially
// restored, channels suspended. Each guard spells out the earlier ones failing, so exactly one
// holds whatever the three guards say, and the phase can never flip between two.
const PHASE_GUARDS = {
  normal: 'noChannelShut',
  ministerialResumed: and([not('noChannelShut'), 'ministerialLive']),
  partiallyRestored: and([not('noChannelShut'), not('ministerialLive'), 'someChannelRestored']),
  channelsSuspended: and([not('noChannelShut'), not('ministerialLive'), not('someChannelRestored')]),
} as const;

/**
 * The US–China military-contact statechart: one region per channel, one per office at either
 * end of a channel, the leaders' agreement to resume, a ledger of sanctions and incidents, and
 * the phase, which follows from the channels.
 *
 * @example
 * const [snapshot] = initialTransition(relationshipMachine);
 * const [next] = transition(relationshipMachine, snapshot, {
 *   type: 'channel.suspended', channel: 'policyTalks', by: 'PRC', date: '2022-08',
 * });
 * next.value.phase; // 'channelsSuspended'
 */
export const relationshipMachine = relationshipSetup.createMachine({
  id: 'thaw',
  type: 'parallel',
  context: initialContext,
  states: {
    ...(Object.fromEntries(CHANNELS.map((channel) => [channel, channelRegion(channel)])) as Record<Channel, StateConfig>),
    ...(Object.fromEntries(OFFICES.map((office) => [office, officeRegion(office)])) as Record<Office, StateConfig>),
    agreement: {
      initial: 'none',
      states: {
        none: { on: { 'leaders.agreedToResume': 'reached', 'agreement.reached': 'reached' } },
        reached: {
          on: {
            'leaders.agreedToResume': { actions: explain('the leaders have already agreed to resume') },
            'agreement.reached': { actions: explain('an agreement to resume is already reached') },
          },
        },
      },
    },
    // Context the phase never reads. It is a region, not root transitions, because xstate skips a
    // parallel root's own transitions whenever a region takes one (a lapsing request, say).
    ledger: {
      initial: 'kept',
      states: { kept: {} },
      on: {
        // Only US sanctions on a person enter the list; the PRC's (on US firms) are recorded only.
        'sanctions.imposed': [
          { guard: and(['byUs', 'namesSanctioned']), actions: explain('already under US sanctions') },
          { guard: 'byUs', actions: 'addSanction' },
        ],
        'sanctions.lifted': [
          { guard: and(['byUs', not('namesSanctioned')]), actions: explain('not under US sanctions') },
          { guard: 'byUs', actions: 'liftSanction' },
        ],
        incident: { actions: 'countIncident' },
        'incidents.stopped': { actions: 'countIncidentsStopped' },
        provocation: { actions: 'countProvocation' },
      },
    },
    phase: {
      initial: 'normal',
      states: Object.fromEntries(PHASES.map((phase) => [phase, phaseState(phase)])) as Record<Phase, StateConfig>,
    },
  },
});

export type RelationshipMachine = typeof relationshipMachine;
