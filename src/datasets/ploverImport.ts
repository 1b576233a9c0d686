// PLOVER records (as POLECAT exchanges them, or as `thaw data events` writes them) read back as
// this project's events, where the mapping allows. A record thaw wrote carries its own type and
// payload; a record from elsewhere is placed only when its PLOVER type and parties say all an
// event here needs (most do not name a channel, and are refused with the reason).
import { COUNTRIES } from '../vocabulary/channels.js';
import { parsePartialDate } from '../vocabulary/dates.js';

/** Whether a parsed JSON value looks like a PLOVER record rather than a scenario event. Pure. */
export function isPloverRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'event' in value && 'actor' in value && !('type' in value);
}

type Placed = { ok: true; event: Record<string, unknown> } | { ok: false; reason: string };

const partyCountry = (parties: unknown): string | undefined => {
  const first = Array.isArray(parties) ? (parties[0] as unknown) : undefined;
  if (typeof first === 'string') return first;
  return typeof first === 'object' && first !== null && typeof (first as { country?: unknown }).country === 'string'
    ? (first as { country: string }).country
    : undefined;
};
const partyName = (parties: unknown): string | undefined => {
  const first = Array.isArray(parties) ? (parties[0] as unknown) : undefined;
  return typeof first === 'object' && first !== null && typeof (first as { name?: unknown }).name === 'string' ? (first as { name: string }).name : undefined;
};

const partyHasOffice = (parties: unknown): boolean => {
  const first = Array.isArray(parties) ? (parties[0] as unknown) : undefined;
  return typeof first === 'object' && first !== null && 'office' in first;
};

// PLOVER dates are days; an event known only to its month was written as its first and last day.
function dateOf(record: Record<string, unknown>): string | undefined {
  const start = typeof record.date === 'string' ? record.date : undefined;
  const end = typeof record.enddate === 'string' ? record.enddate : undefined;
  if (start === undefined) return undefined;
  if (end !== undefined) {
    const month = parsePartialDate(start.slice(0, 7));
    if (month && month.start === start && month.end === end) return start.slice(0, 7);
  }
  return start;
}

// How the event is known: as the record says, and an event from a dataset is an outside fact citing it.
function basisOf(record: Record<string, unknown>): Record<string, unknown> {
  const note = typeof record.basis_note === 'string' && record.basis_note !== '' ? record.basis_note : undefined;
  if (record.basis === 'hypothetical') return { hypothetical: note ?? 'a hypothetical event from a PLOVER file' };
  if (record.basis === 'inferred') return { inferred: note ?? 'inferred, as the PLOVER file marks it' };
  const link = typeof record.link === 'string' && /^https?:\/\//.test(record.link) ? record.link : undefined;
  const outlet = typeof record.cite_info === 'string' && record.cite_info !== '' ? record.cite_info : 'a PLOVER event file';
  const fact = typeof record.text === 'string' && record.text !== '' ? record.text : `a ${String(record.event as string | null)} event`;
  return { outside: [{ fact, outlet, ...(link ? { url: link } : {}) }] };
}

// The fields read as text, or null for none (as thaw writes an office change's event). A value of
// another type (an object whose toString is not a function, say) is refused by name rather than
// turned into text.
const TEXT_FIELDS = ['id', 'date', 'enddate', 'event', 'mode', 'text', 'cite_info', 'link', 'basis', 'basis_note', 'thaw_type'] as const;

const kindOf = (value: unknown) => (Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

/** One PLOVER record as a scenario event (checked afterwards like any other), or why it cannot be one. Pure. */
export function fromPlover(record: Record<string, unknown>): Placed {
  if (record.id === undefined || record.id === null) return { ok: false, reason: 'the PLOVER record has no "id"' };
  for (const field of TEXT_FIELDS) {
    const value = record[field];
    if (value !== undefined && value !== null && typeof value !== 'string')
      return { ok: false, reason: `the PLOVER record's "${field}" is ${kindOf(value)}, not text` };
  }
  const id = record.id as string;
  const date = dateOf(record);
  if (date === undefined) return { ok: false, reason: `PLOVER record "${id}" has no "date"` };
  // An end date that is not the month's own last day spans several days (talks over days).
  const end = typeof record.enddate === 'string' ? record.enddate : undefined;
  const span = end !== undefined && end !== date && date.length === 10 ? { until: end } : {};
  const base = { id, date, ...span, ...basisOf(record) };
  if (typeof record.thaw_type === 'string' && typeof record.thaw_payload === 'object' && record.thaw_payload !== null) {
    return { ok: true, event: { ...base, type: record.thaw_type, payload: record.thaw_payload } };
  }
  const event = String(record.event as string | null);
  const mode = typeof record.mode === 'string' ? record.mode : undefined;
  const actor = partyCountry(record.actor);
  const recipient = partyCountry(record.recipient);
  const known = (country: string | undefined) => country !== undefined && (COUNTRIES as readonly string[]).includes(country);
  if (event === 'MOBILIZE' && known(actor) && known(recipient)) {
    return { ok: true, event: { ...base, type: 'incident', payload: { kind: 'exercise', actor, target: recipient } } };
  }
  // A person sanctioned, not an office: SANCTION/discontinue against an office holder is how a
  // suspended channel is coded, which says nothing of sanctions.
  if (event === 'SANCTION' && mode === 'discontinue' && actor === 'USA' && partyName(record.recipient) && !partyHasOffice(record.recipient)) {
    return { ok: true, event: { ...base, type: 'sanctions.imposed', payload: { name: partyName(record.recipient) } } };
  }
  const between = `${actor ?? '?'} → ${recipient ?? '?'}`;
  if (['CONSULT', 'REQUEST', 'REJECT', 'AGREE', 'COOPERATE'].includes(event)) {
    return {
      ok: false,
      reason: `PLOVER ${event}${mode ? `/${mode}` : ''} (${between}) does not say which military channel it is on; add "thaw_type" and "thaw_payload" to place it`,
    };
  }
  return { ok: false, reason: `PLOVER ${event}${mode ? `/${mode}` : ''} (${between}) has no counterpart among this project's events` };
}

/** A list of events in which PLOVER records may stand for events: each replaced by its event, or refused with the reason. Pure. */
export function placePloverRecords(items: readonly unknown[]): { items: unknown[]; refused: Array<{ index: number; reason: string }> } {
  const refused: Array<{ index: number; reason: string }> = [];
  const placed = items.map((item, index) => {
    if (!isPloverRecord(item)) return item;
    const result = fromPlover(item);
    if (result.ok) return result.event;
    refused.push({ index, reason: result.reason });
    return item;
  });
  return { items: placed, refused };
}
