// A replay's events as event-dataset records: PLOVER (as POLECAT exchanges them, one JSON object
// per line) and CAMEO rows (as GDELT and ICEWS tabulate them, with Goldstein values). The codes
// come from src/vocabulary/codes.ts, the one mapping table; the actors from the events and, for
// the offices at either end of a channel, from who held them on the day (the replay's state).
import type { RelationshipState } from '../machine/view.js';
import { describeEvent } from '../replay/describeEvent.js';
import type { Replay } from '../replay/replay.js';
import { toMachineEvent } from '../replay/replay.js';
import { articleTitle, basisOf, type EventBasis, type ScenarioEvent } from '../scenario/schema.js';
import { type Channel, OFFICE_TABLE, officeLabelOn, officesOf, type Side } from '../vocabulary/channels.js';
import { codeOf } from '../vocabulary/codes.js';
import { partialDate } from '../vocabulary/dates.js';

/** One party to an event: an ISO 3166 alpha-3 country, and the office and its holder where known. */
export interface Party {
  country: string;
  office?: string;
  name?: string;
}

/** One event as a PLOVER record, with what this project knows of it beside the PLOVER fields. */
export interface PloverRecord {
  id: string;
  /** First day the event can be (ISO); an event known only to its month gets an `enddate`. */
  date: string;
  enddate?: string;
  actor: Party[];
  recipient: Party[];
  /** The PLOVER event type; null for events PLOVER has no type for (office changes), kept so the history is whole. */
  event: string | null;
  mode: string | null;
  context: string[];
  text: string;
  link: string | null;
  cite_info: string | null;
  /** How the event is known: reported by an article, an outside fact, an inference, or hypothetical (a what-if's). */
  basis: EventBasis;
  /** Why a hypothetical event is supposed, or what an inferred one is inferred from. */
  basis_note: string | null;
  /** The event as this project codes it. */
  thaw_type: string;
  thaw_payload: Record<string, unknown>;
}

/** What a replay's events become as records, and which of them the format has no code for. */
export interface EventRecords<T> {
  /** Every event, in order; those with no code carry null where the code would be. */
  records: T[];
  /** Events with no code in the format, each with the reason. */
  uncoded: Array<{ id: string; type: string; reason: string }>;
}

const SIDE_COUNTRY: Record<Side, string> = { US: 'USA', PRC: 'CHN' };
const other = (side: Side): Side => (side === 'US' ? 'PRC' : 'US');

// The party for a side of a channel: its country, and the channel's office on that side with its holder then.
function sideParty(side: Side, channel: Channel | undefined, state: RelationshipState): Party {
  const office = channel === undefined ? undefined : officesOf(channel).find((candidate) => OFFICE_TABLE[candidate].side === side);
  if (office === undefined) return { country: SIDE_COUNTRY[side] };
  const holder = state.offices[office].holder;
  return { country: SIDE_COUNTRY[side], office: OFFICE_TABLE[office].label, ...(holder ? { name: holder } : {}) };
}

/** Who acted and who was acted on, for one event, with the offices as they stood before it. Pure. */
export function partiesOf(event: ScenarioEvent, before: RelationshipState): { actor: Party[]; recipient: Party[] } {
  const payload = event.payload as Record<string, unknown>;
  const channel = payload.channel as Channel | undefined;
  const by = payload.by as Side | undefined;
  if (event.type === 'sanctions.imposed' || event.type === 'sanctions.lifted') {
    // By the US on a person (the default), or by the PRC on a firm.
    const side = by ?? 'US';
    return { actor: [{ country: SIDE_COUNTRY[side] }], recipient: [{ country: SIDE_COUNTRY[other(side)], name: String(payload.name) }] };
  }
  if (by !== undefined) return { actor: [sideParty(by, channel, before)], recipient: [sideParty(other(by), channel, before)] };
  switch (event.type) {
    case 'contact.held': {
      // A visit is the visitor's act towards its host; other contacts are mutual, listed US first.
      const host = payload.host as Side | undefined;
      const actor = host ? other(host) : 'US';
      return { actor: [sideParty(actor, channel, before)], recipient: [sideParty(other(actor), channel, before)] };
    }
    case 'incident':
    case 'incidents.stopped':
      return { actor: [{ country: String(payload.actor) }], recipient: [{ country: String(payload.target) }] };
    case 'provocation':
      // A crackdown is China's at home; the others are the US's towards Taiwan, the US hosting
      // Taiwan's leader (whose actor may be the leader, or the office that let him in).
      if (payload.kind === 'crackdown') return { actor: [{ country: 'CHN', name: String(payload.actor) }], recipient: [{ country: 'CHN' }] };
      if (payload.kind === 'taiwanLeaderVisit') return { actor: [{ country: 'USA' }], recipient: [{ country: 'TWN' }] };
      return { actor: [{ country: 'USA', name: String(payload.actor) }], recipient: [{ country: 'TWN' }] };
    case 'official.appointed':
    case 'official.inOffice':
    case 'official.absent':
    case 'official.removed': {
      const office = payload.office as keyof typeof OFFICE_TABLE;
      return {
        actor: [{ country: SIDE_COUNTRY[OFFICE_TABLE[office].side], office: officeLabelOn(office, event.date), name: String(payload.name) }],
        recipient: [],
      };
    }
    default:
      return { actor: [{ country: 'USA' }], recipient: [{ country: 'CHN' }] };
  }
}

/** The article an event cites, as a citation: outlet, headline, when reported; and its address. */
function citation(run: Replay, event: ScenarioEvent): { cite: string | null; link: string | null } {
  const article = event.source ? run.scenario.sources[event.source.article] : undefined;
  if (!article)
    return {
      cite: event.outside?.[0] ? `${event.outside[0].outlet}${event.outside[0].date ? `, ${event.outside[0].date}` : ''} (outside the articles)` : null,
      link: event.outside?.[0]?.url ?? null,
    };
  return { cite: `${article.outlet}, ${articleTitle(article)}, reported ${article.date}`, link: article.url ?? null };
}

const noteOf = (event: ScenarioEvent) => event.hypothetical ?? event.inferred ?? null;

/** Every event of a replay as a PLOVER record; those PLOVER has no type for (event null) are also listed. Pure. */
export function ploverRecords(run: Replay): EventRecords<PloverRecord> {
  const records: PloverRecord[] = [];
  const uncoded: EventRecords<PloverRecord>['uncoded'] = [];
  run.steps.forEach((step) => {
    const { event } = step;
    const machineEvent = toMachineEvent(event);
    const code = codeOf(machineEvent as Parameters<typeof codeOf>[0]);
    if (code.plover === null) uncoded.push({ id: event.id, type: event.type, reason: `PLOVER has no event type for ${event.type}` });
    const before = step.index === 0 ? run.initial : (run.steps[step.index - 1] as typeof step).state;
    const date = partialDate(event.date);
    const { cite, link } = citation(run, event);
    records.push({
      id: event.id,
      date: date.start,
      ...(event.until !== undefined ? { enddate: partialDate(event.until).end } : date.precision === 'month' ? { enddate: date.end } : {}),
      ...partiesOf(event, before),
      event: code.plover,
      mode: code.plover === null ? null : (code.ploverMode ?? null),
      context: ['military'],
      text: event.source?.quote ?? event.outside?.[0]?.fact ?? describeEvent(machineEvent),
      link,
      cite_info: cite,
      basis: basisOf(event),
      basis_note: noteOf(event),
      thaw_type: event.type,
      thaw_payload: event.payload as Record<string, unknown>,
    });
  });
  return { records, uncoded };
}

/** The columns of a CAMEO row, in order. */
export const CAMEO_COLUMNS = [
  'id',
  'date',
  'enddate',
  'source_country',
  'source_office',
  'source_name',
  'target_country',
  'target_office',
  'target_name',
  'cameo',
  'cameo_name',
  'goldstein',
  'basis',
  'basis_note',
  'quote',
  'source',
  'link',
] as const;

/** One CAMEO row, keyed by column. */
export type CameoRow = Record<(typeof CAMEO_COLUMNS)[number], string | number | null>;

/** Every event of a replay as a CAMEO row with its Goldstein value; those CAMEO has no code for (code empty) are also listed. Pure. */
export function cameoRows(run: Replay): EventRecords<CameoRow> {
  const records: CameoRow[] = [];
  const uncoded: EventRecords<CameoRow>['uncoded'] = [];
  run.steps.forEach((step) => {
    const { event } = step;
    const code = codeOf(toMachineEvent(event) as Parameters<typeof codeOf>[0]);
    if (code.cameo === null) uncoded.push({ id: event.id, type: event.type, reason: `CAMEO has no code for ${event.type}` });
    const before = step.index === 0 ? run.initial : (run.steps[step.index - 1] as typeof step).state;
    const { actor, recipient } = partiesOf(event, before);
    const date = partialDate(event.date);
    const { cite, link } = citation(run, event);
    records.push({
      id: event.id,
      date: date.start,
      enddate: event.until !== undefined ? partialDate(event.until).end : date.precision === 'month' ? date.end : null,
      source_country: actor[0]?.country ?? null,
      source_office: actor[0]?.office ?? null,
      source_name: actor[0]?.name ?? null,
      target_country: recipient[0]?.country ?? null,
      target_office: recipient[0]?.office ?? null,
      target_name: recipient[0]?.name ?? null,
      cameo: code.cameo,
      cameo_name: code.cameoName,
      goldstein: code.goldstein,
      basis: basisOf(event),
      basis_note: noteOf(event),
      quote: event.source?.quote ?? null,
      source: cite,
      link,
    });
  });
  return { records, uncoded };
}
