// A replay as numbers: each channel's state month by month, and how long each channel was cut.
import type { LinkState } from '../machine/view.js';
import { type Replay, stateAt } from '../replay/replay.js';
import { CHANNELS, type Channel, type Phase } from '../vocabulary/channels.js';
import { monthsBetween, partialDate } from '../vocabulary/dates.js';

/** One month of one history: the state at the month's end. */
export interface MonthRow {
  history: string;
  month: string;
  phase: Phase;
  /** Each channel's link at the month's end. */
  links: Record<Channel, LinkState>;
  /** Whole months since each channel's last contact that counted, at the month's end; null with none on record. */
  monthsSinceContact: Record<Channel, number | null>;
  /** Incidents counted by the month's end, and in the month. */
  incidents: number;
  incidentsInMonth: number;
}

const monthOf = (date: string) => partialDate(date).start.slice(0, 7);
function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${String(year).padStart(4, '0')}-${String(number + 1).padStart(2, '0')}`;
}

/**
 * The months a replay spans: from the month before its first change of phase (starting
 * conditions from years before, a minister seated in 2018, would bury the history in idle rows)
 * to its last event's month; `from`/`to` override either end. Pure.
 */
export function monthsOf(run: Replay, range: { from?: string; to?: string } = {}): string[] {
  const events = run.scenario.events;
  const change = run.steps.find((step) => step.state.phase !== run.initial.phase);
  const before = change ? monthOf(change.event.date) : events[0] ? monthOf(events[0].date) : undefined;
  const first = range.from ?? (before === undefined ? undefined : (previousMonth(before) ?? before));
  const last = range.to ?? (events.at(-1) ? monthOf((events.at(-1) as { date: string }).date) : undefined);
  if (first === undefined || last === undefined) return [];
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

// The month before, or undefined before 0000-01, the first month a date here can name.
function previousMonth(month: string): string | undefined {
  const [year, number] = month.split('-').map(Number) as [number, number];
  if (year === 0 && number === 1) return undefined;
  return number === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${String(year).padStart(4, '0')}-${String(number - 1).padStart(2, '0')}`;
}

/** The state at each month's end, as rows; `history` names the replay in the rows (record, what-if). Pure. */
export function monthlySeries(run: Replay, history: string, months = monthsOf(run)): MonthRow[] {
  // Incidents before the first month listed are not that month's.
  const before = months[0] === undefined ? undefined : previousMonth(months[0]);
  let previousIncidents = before === undefined ? run.initial.incidents : stateAt(run, before).state.incidents;
  return months.map((month) => {
    const { state } = stateAt(run, month);
    const end = partialDate(month).end;
    const row: MonthRow = {
      history,
      month,
      phase: state.phase,
      links: Object.fromEntries(CHANNELS.map((channel) => [channel, state.channels[channel].link])) as Record<Channel, LinkState>,
      monthsSinceContact: Object.fromEntries(
        CHANNELS.map((channel) => [
          channel,
          state.channels[channel].lastContact === null ? null : monthsBetween(state.channels[channel].lastContact as string, end),
        ]),
      ) as Record<Channel, number | null>,
      incidents: state.incidents,
      incidentsInMonth: state.incidents - previousIncidents,
    };
    previousIncidents = state.incidents;
    return row;
  });
}

/** The columns of the series as CSV, in order. */
export const SERIES_COLUMNS = [
  'history',
  'month',
  'phase',
  ...CHANNELS,
  ...CHANNELS.map((channel) => `${channel}_months_since_contact`),
  'incidents',
  'incidents_in_month',
] as const;

/** A month row flattened for CSV. Pure. */
export function flatSeriesRow(row: MonthRow): Record<string, string | number | null> {
  return {
    history: row.history,
    month: row.month,
    phase: row.phase,
    ...row.links,
    ...Object.fromEntries(CHANNELS.map((channel) => [`${channel}_months_since_contact`, row.monthsSinceContact[channel]])),
    incidents: row.incidents,
    incidents_in_month: row.incidentsInMonth,
  };
}

/** One stretch in which a channel was cut (suspended, or a meeting on it refused), and when it reopened. */
export interface Cut {
  history: string;
  channel: Channel;
  /** The event and date the cut began. */
  from: string;
  fromEvent: string;
  /** How it began: suspended, or refused. */
  how: 'suspended' | 'refused';
  by: string | null;
  /** The event and date contact resumed on the channel; null while it is still cut at the end. */
  reopened: string | null;
  reopenedBy: string | null;
  /** Whole months cut, to the reopening or, if none, to the last event's date. */
  months: number;
  ongoing: boolean;
}

const isCut = (link: LinkState) => link === 'suspended' || link === 'refused';

/** Every cut of every channel in a replay, in order. A refusal that turns into a suspension is one cut. Pure. */
export function channelCuts(run: Replay, history: string): Cut[] {
  const cuts: Cut[] = [];
  const open = new Map<Channel, Cut>();
  let previous = run.initial;
  for (const step of run.steps) {
    for (const channel of CHANNELS) {
      const before = previous.channels[channel];
      const after = step.state.channels[channel];
      if (!isCut(before.link) && isCut(after.link)) {
        const cut: Cut = {
          history,
          channel,
          from: step.event.date,
          fromEvent: step.event.id,
          how: after.link as 'suspended' | 'refused',
          by: after.suspendedBy ?? after.refusedBy,
          reopened: null,
          reopenedBy: null,
          months: 0,
          ongoing: true,
        };
        open.set(channel, cut);
        cuts.push(cut);
      } else if (isCut(before.link) && !isCut(after.link)) {
        const cut = open.get(channel);
        if (cut) {
          cut.reopened = step.event.date;
          cut.reopenedBy = step.event.id;
          cut.ongoing = false;
          cut.months = monthsBetween(cut.from, step.event.date);
          open.delete(channel);
        }
      }
    }
    previous = step.state;
  }
  const last = run.steps.at(-1)?.event.date;
  for (const cut of open.values()) cut.months = last === undefined ? 0 : monthsBetween(cut.from, last);
  return cuts;
}

/** The columns of the durations as CSV, in order. */
export const CUT_COLUMNS = ['history', 'channel', 'how', 'by', 'from', 'from_event', 'reopened', 'reopened_by', 'months', 'ongoing'] as const;

/** A cut flattened for CSV. Pure. */
export function flatCut(cut: Cut): Record<(typeof CUT_COLUMNS)[number], string | number | boolean | null> {
  return {
    history: cut.history,
    channel: cut.channel,
    how: cut.how,
    by: cut.by,
    from: cut.from,
    from_event: cut.fromEvent,
    reopened: cut.reopened,
    reopened_by: cut.reopenedBy,
    months: cut.months,
    ongoing: cut.ongoing,
  };
}
