// A replay as swimlanes: each channel's link, the phase, the agreement and the office holders as
// stretches of time. The viewer draws them in the page and thaw chart draws them for a report.
import type { LinkState, RequestState } from '../machine/view.js';
import type { Replay } from '../replay/replay.js';
import { CHANNEL_LABELS, CHANNELS, type Channel, OFFICE_TABLE, OFFICES, type Office, type Phase } from '../vocabulary/channels.js';
import { partialDate } from '../vocabulary/dates.js';

/** A stretch of time in one state, from `from` to `to` (ISO days). */
export interface Segment<T> {
  from: string;
  to: string;
  value: T;
  /** The step that began it; -1 for the starting state. */
  step: number;
}

/** An event drawn on the lanes: when, which step, and the channel it names (null for none). */
export interface EventMark {
  date: string;
  step: number;
  channel: Channel | null;
}

/** One history drawn as swimlanes: each channel's link state over time, under a phase band. */
export interface Swimlanes {
  label: string;
  start: string;
  end: string;
  phases: Array<Segment<Phase>>;
  lanes: Array<{ channel: Channel; label: string; links: Array<Segment<LinkState>>; requests: Array<Segment<RequestState>> }>;
  /** The leaders' agreement to resume: `none` or `reached`. */
  agreement: Array<Segment<string>>;
  /** Who holds each office over time (`vacant`, or `not on record` before the scenario names one). */
  offices: Array<{ office: Office; label: string; holders: Array<Segment<string>> }>;
  /** Every event, at its date. */
  marks: EventMark[];
}

const addMonths = (iso: string, months: number) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
};

function segments<T>(run: Replay, pick: (state: Replay['initial']) => T, start: string, end: string): Array<Segment<T>> {
  const out: Array<Segment<T>> = [{ from: start, to: end, value: pick(run.initial), step: -1 }];
  for (const step of run.steps) {
    const value = pick(step.state);
    const last = out[out.length - 1] as Segment<T>;
    if (value === last.value) continue;
    // A day-dated event can follow one dated only to its month: never draw time backwards.
    const at = partialDate(step.event.date).start;
    const from = [start, last.from, at].reduce((latest, date) => (date > latest ? date : latest));
    if (from === last.from) {
      // Several changes at one date: the last one is what the lane shows from then on.
      last.value = value;
      last.step = step.index;
    } else {
      last.to = from;
      out.push({ from, to: end, value, step: step.index });
    }
  }
  return out.filter((segment, index, all) => index === 0 || segment.value !== all[index - 1]?.value || segment.from !== all[index - 1]?.from);
}

/**
 * A replay as swimlanes. The time axis starts a month before the first change of phase, so
 * starting conditions from years earlier (a minister seated in 2018) do not squeeze the chart. Pure.
 */
export function swimlanes(run: Replay, label: string, axis?: { start: string; end: string }): Swimlanes {
  const firstChange = run.steps.find((step) => step.state.phase !== run.initial.phase) ?? run.steps[0];
  const last = run.steps.at(-1);
  const start = axis?.start ?? addMonths(partialDate(firstChange?.event.date ?? '2022-01').start, -1);
  const end = axis?.end ?? addMonths(partialDate(last?.event.date ?? '2024-12').end, 1);
  return {
    label,
    start,
    end,
    phases: segments(run, (state) => state.phase, start, end),
    lanes: CHANNELS.map((channel) => ({
      channel,
      label: CHANNEL_LABELS[channel],
      links: segments(run, (state) => state.channels[channel].link, start, end),
      requests: segments(run, (state) => state.channels[channel].request, start, end),
    })),
    agreement: segments(run, (state) => state.agreement, start, end),
    offices: OFFICES.map((office) => ({
      office,
      label: OFFICE_TABLE[office].label,
      holders: segments(run, (state) => holderLabel(state.offices[office]), start, end),
    })),
    marks: run.steps.map((step) => ({
      date: partialDate(step.event.date).start,
      step: step.index,
      channel: 'channel' in step.event.payload ? (step.event.payload.channel as Channel) : null,
    })),
  };
}

const holderLabel = (office: { status: string; holder: string | null }) => office.holder ?? (office.status === 'vacant' ? 'vacant' : 'not on record');
