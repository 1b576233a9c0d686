import { type ContactMode, EVENT_TYPES, type EventType, type EXCHANGE_ACTIONS, type ProvocationKind, type RelationshipEvent } from './events.js';

/**
 * How an event is coded in the event datasets this project joins with: CAMEO (as in ICEWS and
 * GDELT) with its Goldstein value, and PLOVER (as in POLECAT).
 */
export interface EventCode {
  /** CAMEO event code, or null where CAMEO has none (office changes). */
  cameo: string | null;
  /** CAMEO's name for that code. */
  cameoName: string;
  /** Goldstein value, from GDELT's CAMEO.goldsteinscale.txt; null with no CAMEO code. */
  goldstein: number | null;
  /** PLOVER event type, or null where PLOVER has none. */
  plover: string | null;
  /** PLOVER mode, where one applies. */
  ploverMode?: string;
}

// Where the code books disagree, the choice is made here and nowhere else:
// - channel suspended: CAMEO 164 "Halt negotiations" with GDELT's -7.0 (ICEWS lists -6.5);
// - channel restored: CAMEO 062 "Cooperate militarily", whose usage note covers resuming a
//   military exchange, rather than the weaker 050;
// - sanctions imposed: PLOVER SANCTION/discontinue from the PLOVER manual, not the 2021
//   CAMEO-to-PLOVER mapping's COERCE/restrict;
// - a visit: CAMEO codes it twice, 042 for the visiting side and 043 for the host; one event
//   here carries 042, and `host` says which side the 043 record belongs to;
// - a strike (CAMEO 195) and a crackdown (175): their Goldstein values are ICEWS's CAMEO table's
//   (andybega/icews, data-raw/cameo-codes.csv), as GDELT's scale file was not read for them;
//   PLOVER ASSAULT, heavy-weapons for a strike, as the 2021 mapping has them;
// - incidents stopping: CAMEO 087 "De-escalate military engagement", PLOVER RETREAT/disarm as
//   the 2021 mapping has it (the manual gives no example).
const CONTACT_CODES: Record<ContactMode, EventCode> = {
  call: { cameo: '041', cameoName: 'Discuss by telephone', goldstein: 1.0, plover: 'CONSULT', ploverMode: 'phone' },
  video: { cameo: '041', cameoName: 'Discuss by telephone (a video call)', goldstein: 1.0, plover: 'CONSULT', ploverMode: 'phone' },
  visit: { cameo: '042', cameoName: 'Make a visit (043 Host a visit for the host side)', goldstein: 1.9, plover: 'CONSULT', ploverMode: 'visit' },
  sidelines: { cameo: '044', cameoName: 'Meet at a "third" location', goldstein: 2.5, plover: 'CONSULT', ploverMode: 'third-party' },
  talks: { cameo: '046', cameoName: 'Engage in negotiation', goldstein: 7.0, plover: 'CONSULT' },
  informal: { cameo: '040', cameoName: 'Consult, not specified', goldstein: 1.0, plover: 'CONSULT' },
};

const PROVOCATION_CODES: Record<ProvocationKind, EventCode> = {
  taiwanVisit: { cameo: '042', cameoName: 'Make a visit (US actor to Taiwan)', goldstein: 1.9, plover: 'CONSULT', ploverMode: 'visit' },
  taiwanLeaderVisit: { cameo: '043', cameoName: "Host a visit (the US, Taiwan's leader)", goldstein: 2.8, plover: 'CONSULT', ploverMode: 'host' },
  armsSale: { cameo: '0332', cameoName: 'Express intent to provide military aid (US to Taiwan)', goldstein: 5.2, plover: 'AGREE' },
  crackdown: { cameo: '175', cameoName: 'Use tactics of violent repression', goldstein: -9.0, plover: 'ASSAULT' },
};

// Incidents are shows of force, but for a strike, which is force used.
const STRIKE_CODE: EventCode = { cameo: '195', cameoName: 'Employ aerial weapons', goldstein: -10.0, plover: 'ASSAULT', ploverMode: 'heavy-weapons' };

// An exchange that is no channel: coded by what happened to it (a held round is consultation; a
// suspension halts talks; a single cancellation is a refused meeting, as EVENT-CODES.md has it).
const EXCHANGE_CODES: Record<(typeof EXCHANGE_ACTIONS)[number], EventCode> = {
  held: { cameo: '040', cameoName: 'Consult, not specified', goldstein: 1.0, plover: 'CONSULT' },
  resumed: { cameo: '040', cameoName: 'Consult, not specified', goldstein: 1.0, plover: 'CONSULT' },
  suspended: { cameo: '164', cameoName: 'Halt negotiations', goldstein: -7.0, plover: 'SANCTION', ploverMode: 'discontinue' },
  cancelled: { cameo: '125', cameoName: 'Reject proposal to meet, discuss, or negotiate', goldstein: -5.0, plover: 'REJECT', ploverMode: 'meet' },
};

const CODES: { [T in Exclude<EventType, 'contact.held' | 'provocation' | 'exchange'>]: EventCode } = {
  'channel.suspended': { cameo: '164', cameoName: 'Halt negotiations', goldstein: -7.0, plover: 'SANCTION', ploverMode: 'discontinue' },
  'channel.restored': { cameo: '062', cameoName: 'Cooperate militarily', goldstein: 7.4, plover: 'COOPERATE' },
  'meeting.requested': { cameo: '026', cameoName: 'Appeal to others to meet or negotiate', goldstein: 4.0, plover: 'REQUEST', ploverMode: 'meet' },
  'meeting.declined': { cameo: '125', cameoName: 'Reject proposal to meet, discuss, or negotiate', goldstein: -5.0, plover: 'REJECT', ploverMode: 'meet' },
  'meeting.accepted': { cameo: '036', cameoName: 'Express intent to meet or negotiate', goldstein: 4.0, plover: 'AGREE' },
  'official.appointed': { cameo: null, cameoName: 'no CAMEO code', goldstein: null, plover: null },
  'official.inOffice': { cameo: null, cameoName: 'no CAMEO code', goldstein: null, plover: null },
  'official.removed': { cameo: null, cameoName: 'no CAMEO code', goldstein: null, plover: null },
  // Not a rejection of a proposal to meet, unless one was made (then that refusal is an event of its own).
  'official.absent': { cameo: null, cameoName: 'no CAMEO code', goldstein: null, plover: null },
  'sanctions.imposed': { cameo: '163', cameoName: 'Impose embargo, boycott, or sanctions', goldstein: -8.0, plover: 'SANCTION', ploverMode: 'discontinue' },
  'sanctions.lifted': { cameo: '085', cameoName: 'Ease economic sanctions, boycott, embargo', goldstein: 7.0, plover: 'RETREAT' },
  'leaders.agreedToResume': { cameo: '0312', cameoName: 'Express intent to engage in military cooperation', goldstein: 5.2, plover: 'AGREE' },
  'agreement.reached': { cameo: '0312', cameoName: 'Express intent to engage in military cooperation', goldstein: 5.2, plover: 'AGREE' },
  incident: { cameo: '150', cameoName: 'Demonstrate military or police power', goldstein: -7.2, plover: 'MOBILIZE', ploverMode: 'weapons' },
  'incidents.stopped': { cameo: '087', cameoName: 'De-escalate military engagement', goldstein: 9.0, plover: 'RETREAT', ploverMode: 'disarm' },
  'time.passed': { cameo: null, cameoName: 'not an event in the datasets', goldstein: null, plover: null },
};

/** What codeOf needs of an event: its type, and the mode, kind or action that picks the code. */
export type CodedEvent = Pick<RelationshipEvent, 'type'> & { mode?: string; kind?: string; action?: string };

/** The dataset codes for one event; contacts are coded by their mode, provocations by their kind, exchanges by what happened, a strike apart from other incidents. Pure. */
export function codeOf(event: CodedEvent): EventCode {
  if (event.type === 'contact.held') return CONTACT_CODES[(event.mode as ContactMode | undefined) ?? 'informal'];
  if (event.type === 'provocation') return PROVOCATION_CODES[(event.kind as ProvocationKind | undefined) ?? 'taiwanVisit'];
  if (event.type === 'exchange') return EXCHANGE_CODES[(event.action as (typeof EXCHANGE_ACTIONS)[number] | undefined) ?? 'held'];
  if (event.type === 'incident' && event.kind === 'strike') return STRIKE_CODE;
  return CODES[event.type];
}

/** One row of the code table: an event type, the mode or kind it is for (if any), and its code. */
export interface CodeRow {
  type: EventType;
  variant?: string;
  code: EventCode;
}

/** Every (type, mode or kind) with its code, in the vocabulary's order, for the docs table. */
export function allCodes(): CodeRow[] {
  return EVENT_TYPES.flatMap((type): CodeRow[] => {
    if (type === 'contact.held') return Object.entries(CONTACT_CODES).map(([variant, code]) => ({ type, variant, code }));
    if (type === 'provocation') return Object.entries(PROVOCATION_CODES).map(([variant, code]) => ({ type, variant, code }));
    if (type === 'exchange') return Object.entries(EXCHANGE_CODES).map(([variant, code]) => ({ type, variant, code }));
    if (type === 'incident')
      return [
        { type, code: CODES[type] },
        { type, variant: 'strike', code: STRIKE_CODE },
      ];
    return [{ type, code: CODES[type] }];
  });
}
