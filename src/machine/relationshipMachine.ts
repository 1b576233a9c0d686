import { and, assign, not, or, setup, stateIn } from 'xstate';
import { produce, type Draft } from 'immer';
import { CHANNELS, PHASES, type Channel, type Phase, type Side } from '../vocabulary/channels.js';
import { isChannelEvent, type RelationshipEvent } from '../vocabulary/events.js';

/** What the machine remembers beyond its states: who holds the seat, sanctions, dates. */
export interface RelationshipContext {
  /** The PRC defence seat; `holder` is null while the seat is vacant. */
  seat: { holder: string | null; since: string | null };
  /** People under US sanctions, in the order they were imposed. */
  sanctioned: string[];
  /** Date of the last contact that counted, per channel. */
  lastContact: Record<Channel, string | null>;
  /** Which side suspended each channel that is suspended now. */
  suspendedBy: Record<Channel, Side | null>;
  /** Incidents so far (intercepts, encounters, exercises...): context, not a channel state. */
  incidents: number;
  /** Provocations so far (official visits to Taiwan): context, not a channel state. */
  provocations: number;
}

const perChannel = <T>(value: T): Record<Channel, T> =>
  Object.fromEntries(CHANNELS.map((channel) => [channel, value])) as Record<Channel, T>;

/** The context every replay starts from: no seat holder, no sanctions, no contact on record. */
export function initialContext(): RelationshipContext {
  return {
    seat: { holder: null, since: null },
    sanctioned: [],
    lastContact: perChannel(null),
    suspendedBy: perChannel(null),
    incidents: 0,
    provocations: 0,
  };
}

/** A context change: reads as a mutation of a draft, which immer turns into a new context. */
export type ContextRecipe = (draft: Draft<RelationshipContext>, event: RelationshipEvent) => void;

const channelOf = (event: RelationshipEvent): Channel | undefined =>
  isChannelEvent(event) ? event.channel : undefined;

const nameOf = (event: RelationshipEvent): string | undefined =>
  'name' in event ? event.name : undefined;

/**
 * Every context change the machine makes, by action name. The machine's actions apply them
 * through immer; the fast engine (src/engine) applies the same functions to its own mutable
 * copy, so the effects are written once.
 */
export const CONTEXT_RECIPES = {
  recordContact: (draft, event) => {
    const channel = channelOf(event);
    if (channel) draft.lastContact[channel] = event.date;
  },
  markSuspended: (draft, event) => {
    if (event.type === 'channel.suspended') draft.suspendedBy[event.channel] = event.by;
  },
  clearSuspension: (draft, event) => {
    const channel = channelOf(event);
    if (channel) draft.suspendedBy[channel] = null;
  },
  seatOfficial: (draft, event) => {
    draft.seat = { holder: nameOf(event) ?? null, since: event.date };
  },
  vacateSeat: (draft, event) => {
    draft.seat = { holder: null, since: event.date };
  },
  addSanction: (draft, event) => {
    const name = nameOf(event);
    if (name) draft.sanctioned.push(name);
  },
  liftSanction: (draft, event) => {
    draft.sanctioned = draft.sanctioned.filter((name) => name !== nameOf(event));
  },
  countIncident: (draft) => {
    draft.incidents += 1;
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

/** The typed setup: events, context, and every guard and action the config names. */
export const relationshipSetup = setup({
  types: {
    context: {} as RelationshipContext,
    events: {} as RelationshipEvent,
  },
  guards: {
    isAbout: ({ event }, params: { channel: Channel }) => channelOf(event) === params.channel,
    isInformal: ({ event }) => event.type === 'contact.held' && event.mode === 'informal',
    namesSeatHolder: ({ context, event }) =>
      context.seat.holder !== null && nameOf(event) === context.seat.holder,
    namesSanctioned: ({ context, event }) => context.sanctioned.includes(nameOf(event) ?? ''),
    seatClear: stateIn({ seat: { held: 'clear' } }),
    resumptionAgreed: stateIn({ agreement: 'reached' }),

    // The phase rule (README, "The phase rule"). These four guards are its only implementation.
    noChannelEverSuspended: and(CHANNELS.map((channel) => stateIn({ [channel]: { link: 'open' } }))),
    ministerialContactLive: and([stateIn({ ministerial: { link: { reopened: 'contactHeld' } } }), 'seatClear']),
    restorationUnderway: or([
      'resumptionAgreed',
      ...CHANNELS.map((channel) => stateIn({ [channel]: { link: 'reopened' } })),
    ]),
  },
  actions: {
    recordContact: update(CONTEXT_RECIPES.recordContact),
    markSuspended: update(CONTEXT_RECIPES.markSuspended),
    clearSuspension: update(CONTEXT_RECIPES.clearSuspension),
    seatOfficial: update(CONTEXT_RECIPES.seatOfficial),
    vacateSeat: update(CONTEXT_RECIPES.vacateSeat),
    addSanction: update(CONTEXT_RECIPES.addSanction),
    liftSanction: update(CONTEXT_RECIPES.liftSanction),
    countIncident: update(CONTEXT_RECIPES.countIncident),
    countProvocation: update(CONTEXT_RECIPES.countProvocation),
    // Says why an event changed less than it might have. It has no effect of its own: replay
    // reads it from the actions transition() returns, an actor simply ignores it.
    explain: (_args, _params: { note: string }) => {},
  },
});

const explain = (note: string) => ({ type: 'explain' as const, params: { note } });

type MachineConfig = Parameters<typeof relationshipSetup.createMachine>[0];
type StateConfig = NonNullable<MachineConfig['states']>[string];

/** Contacts that change nothing, whatever the link: informal ones, and ministerial ones without a counterpart. */
function uncountedContact(channel: Channel, needsCounterpart: boolean) {
  const about = { type: 'isAbout', params: { channel } } as const;
  return [
    { guard: and([about, 'isInformal']), actions: explain('an informal exchange does not count as contact') },
    ...(needsCounterpart ? [{ guard: and([about, not('seatClear')]), actions: explain(NO_COUNTERPART) }] : []),
  ];
}

/** Transitions shared by a channel's two open states (`open` and `reopened`). */
function openLinkConfig(channel: Channel, needsCounterpart: boolean): StateConfig {
  const about = { type: 'isAbout', params: { channel } } as const;
  return {
    initial: 'quiet',
    states: {
      quiet: {},
      contactHeld: needsCounterpart
        ? {
            on: {
              // A contact was with whoever held the seat then; a new holder needs a new one.
              'official.appointed': { guard: not('namesSeatHolder'), target: 'quiet' },
              'official.removed': { guard: 'namesSeatHolder', target: 'quiet' },
            },
          }
        : {},
    },
    on: {
      'channel.suspended': { guard: about, target: '#thaw.' + channel + '.link.suspended', actions: 'markSuspended' },
      'channel.restored': { guard: about, actions: explain('the channel is not suspended') },
      'contact.held': [
        ...uncountedContact(channel, needsCounterpart),
        { guard: about, target: '.contactHeld', actions: 'recordContact' },
      ],
    },
  };
}

const NO_COUNTERPART =
  'no counterpart: the PRC defence seat is vacant or its holder is under US sanctions, which Beijing made a precondition';

/** One channel's region: its link (open, suspended, reopened) and any meeting request on it. */
function channelRegion(channel: Channel): StateConfig {
  const about = { type: 'isAbout', params: { channel } } as const;
  const needsCounterpart = channel === 'ministerial';
  const counts = needsCounterpart
    ? and([about, not('isInformal'), 'seatClear'])
    : and([about, not('isInformal')]);
  const noPendingRequest = { guard: about, actions: explain('there is no pending request on this channel') };
  return {
    type: 'parallel',
    states: {
      link: {
        initial: 'open',
        states: {
          open: openLinkConfig(channel, needsCounterpart),
          suspended: {
            on: {
              'channel.suspended': { guard: about, actions: explain('the channel is already suspended') },
              'channel.restored': { guard: about, target: 'reopened', actions: 'clearSuspension' },
              'contact.held': [
                ...uncountedContact(channel, needsCounterpart),
                // After the leaders agree to resume, a first contact is what reopens a channel.
                {
                  guard: and([about, 'resumptionAgreed']),
                  target: 'reopened.contactHeld',
                  actions: ['clearSuspension', 'recordContact'],
                },
                // Before that, a contact is a one-off that leaves the freeze in place (Cambodia, Nov 2022).
                {
                  guard: about,
                  actions: ['recordContact', explain('contact held, but the channel stays suspended: the leaders have not agreed to resume')],
                },
              ],
            },
          },
          reopened: openLinkConfig(channel, needsCounterpart),
        },
      },
      request: {
        initial: 'none',
        states: {
          none: { on: { 'meeting.declined': noPendingRequest, 'meeting.accepted': noPendingRequest } },
          pending: {
            on: {
              'meeting.requested': { guard: about, actions: explain('a request is already pending') },
              'meeting.declined': { guard: about, target: 'declined' },
              'meeting.accepted': { guard: about, target: 'accepted' },
            },
          },
          declined: { on: { 'meeting.declined': noPendingRequest, 'meeting.accepted': noPendingRequest } },
          accepted: {
            on: {
              'meeting.accepted': { guard: about, actions: explain('the meeting is already agreed') },
              'meeting.declined': { guard: about, target: 'declined' },
            },
          },
        },
        on: {
          'meeting.requested': { guard: about, target: '.pending' },
          // A contact that counts fulfils whatever request was open on the channel.
          'contact.held': { guard: counts, target: '.none' },
        },
      },
    },
  };
}

/** In each phase, eventless transitions to every other phase, each guarded by the rule. */
function phaseState(phase: Phase): StateConfig {
  return { always: PHASES.filter((other) => other !== phase).map((other) => ({ target: other, guard: PHASE_GUARDS[other] })) };
}

// First match wins, in this order: before the freeze, ministerial resumed, partially restored,
// channels suspended. Each guard spells out the earlier rules failing, so exactly one holds.
const PHASE_GUARDS = {
  beforeFreeze: 'noChannelEverSuspended',
  ministerialResumed: and([not('noChannelEverSuspended'), 'ministerialContactLive']),
  partiallyRestored: and([not('noChannelEverSuspended'), not('ministerialContactLive'), 'restorationUnderway']),
  channelsSuspended: and([not('noChannelEverSuspended'), not('ministerialContactLive'), not('restorationUnderway')]),
} as const;

/**
 * The US–China military-contact statechart: one region per channel, the PRC defence seat, the
 * leaders' agreement to resume, and the phase, which follows from the others.
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
    seat: {
      initial: 'vacant',
      states: {
        vacant: {},
        held: { initial: 'clear', states: { clear: {}, sanctioned: {} } },
      },
      on: {
        'official.appointed': [
          { guard: 'namesSeatHolder', actions: explain('already holds the seat') },
          { guard: 'namesSanctioned', target: '.held.sanctioned', actions: 'seatOfficial' },
          { target: '.held.clear', actions: 'seatOfficial' },
        ],
        'official.removed': [
          { guard: 'namesSeatHolder', target: '.vacant', actions: 'vacateSeat' },
          { actions: explain('that official does not hold the seat') },
        ],
        'sanctions.imposed': [
          { guard: 'namesSanctioned', actions: explain('already under US sanctions') },
          { guard: 'namesSeatHolder', target: '.held.sanctioned', actions: 'addSanction' },
          { actions: 'addSanction' },
        ],
        'sanctions.lifted': [
          { guard: not('namesSanctioned'), actions: explain('not under US sanctions') },
          { guard: 'namesSeatHolder', target: '.held.clear', actions: 'liftSanction' },
          { actions: 'liftSanction' },
        ],
      },
    },
    agreement: {
      initial: 'none',
      states: {
        none: { on: { 'leaders.agreedToResume': 'reached' } },
        reached: { on: { 'leaders.agreedToResume': { actions: explain('the leaders have already agreed to resume') } } },
      },
    },
    phase: {
      initial: 'beforeFreeze',
      states: Object.fromEntries(PHASES.map((phase) => [phase, phaseState(phase)])) as Record<Phase, StateConfig>,
    },
  },
  on: {
    incident: { actions: 'countIncident' },
    provocation: { actions: 'countProvocation' },
  },
});

export type RelationshipMachine = typeof relationshipMachine;
