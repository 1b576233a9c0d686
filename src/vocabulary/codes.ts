import type { ContactMode, EventType, RelationshipEvent } from './events.js';

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
//   CAMEO-to-PLOVER mapping's COERCE/restrict.
const CONTACT_CODES: Record<ContactMode, EventCode> = {
  call: { cameo: '041', cameoName: 'Discuss by telephone', goldstein: 1.0, plover: 'CONSULT', ploverMode: 'phone' },
  visit: { cameo: '042', cameoName: 'Make a visit (043 Host a visit for the host side)', goldstein: 1.9, plover: 'CONSULT', ploverMode: 'visit' },
  sidelines: { cameo: '044', cameoName: 'Meet at a "third" location', goldstein: 2.5, plover: 'CONSULT', ploverMode: 'third-party' },
  talks: { cameo: '046', cameoName: 'Engage in negotiation', goldstein: 7.0, plover: 'CONSULT' },
  informal: { cameo: '040', cameoName: 'Consult, not specified', goldstein: 1.0, plover: 'CONSULT' },
};

const CODES: { [T in Exclude<EventType, 'contact.held'>]: EventCode } = {
  'channel.suspended': { cameo: '164', cameoName: 'Halt negotiations', goldstein: -7.0, plover: 'SANCTION', ploverMode: 'discontinue' },
  'channel.restored': { cameo: '062', cameoName: 'Cooperate militarily', goldstein: 7.4, plover: 'COOPERATE' },
  'meeting.requested': { cameo: '026', cameoName: 'Appeal to others to meet or negotiate', goldstein: 4.0, plover: 'REQUEST', ploverMode: 'meet' },
  'meeting.declined': { cameo: '125', cameoName: 'Reject proposal to meet, discuss, or negotiate', goldstein: -5.0, plover: 'REJECT', ploverMode: 'meet' },
  'meeting.accepted': { cameo: '036', cameoName: 'Express intent to meet or negotiate', goldstein: 4.0, plover: 'AGREE' },
  'official.appointed': { cameo: null, cameoName: 'no CAMEO code', goldstein: null, plover: null },
  'official.removed': { cameo: null, cameoName: 'no CAMEO code', goldstein: null, plover: null },
  'sanctions.imposed': { cameo: '163', cameoName: 'Impose embargo, boycott, or sanctions', goldstein: -8.0, plover: 'SANCTION', ploverMode: 'discontinue' },
  'sanctions.lifted': { cameo: '085', cameoName: 'Ease economic sanctions, boycott, embargo', goldstein: 7.0, plover: 'RETREAT' },
  'leaders.agreedToResume': { cameo: '0312', cameoName: 'Express intent to engage in military cooperation', goldstein: 5.2, plover: 'AGREE' },
  incident: { cameo: '150', cameoName: 'Demonstrate military or police power', goldstein: -7.2, plover: 'MOBILIZE', ploverMode: 'weapons' },
  provocation: { cameo: '042', cameoName: 'Make a visit (US actor to Taiwan)', goldstein: 1.9, plover: 'CONSULT', ploverMode: 'visit' },
};

/** The dataset codes for one event; contact events are coded by their mode. Pure. */
export function codeOf(event: Pick<RelationshipEvent, 'type'> & { mode?: ContactMode }): EventCode {
  if (event.type === 'contact.held') return CONTACT_CODES[event.mode ?? 'informal'];
  return CODES[event.type];
}

/** Every (type, mode) pair with its code, for the docs table. */
export function allCodes(): Array<{ type: EventType; mode?: ContactMode; code: EventCode }> {
  const contact = (Object.keys(CONTACT_CODES) as ContactMode[]).map((mode) => ({
    type: 'contact.held' as const,
    mode,
    code: CONTACT_CODES[mode],
  }));
  const rest = (Object.keys(CODES) as Array<keyof typeof CODES>).map((type) => ({ type, code: CODES[type] }));
  return [...contact, ...rest];
}
