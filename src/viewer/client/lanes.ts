import type { Segment, Swimlanes } from '../viewerModel.js';
import { svg } from './svg.js';

const LABEL_WIDTH = 190;
const ROW = 16;
const GAP = 4;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** What the lanes report back: a date the reader clicked, to jump to. */
export type JumpTo = (date: string) => void;

/** One row of the chart: a label, its segments, and how to colour them. */
interface Row {
  label: string;
  history: number;
  kind: 'phase' | 'link' | 'request' | 'agreement' | 'office';
  key: string;
  segments: Array<Segment<string>>;
  /** Thin rows (requests) sit under their channel's row. */
  thin?: boolean;
}

// The stretches where two histories' rows show different values, as [from, to) dates.
function differences(a: Array<Segment<string>>, b: Array<Segment<string>>): Array<{ from: string; to: string }> {
  const cuts = [...new Set([...a, ...b].flatMap((segment) => [segment.from, segment.to]))].sort();
  const valueAt = (segments: Array<Segment<string>>, date: string) => segments.find((segment) => segment.from <= date && date < segment.to)?.value;
  const out: Array<{ from: string; to: string }> = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const from = cuts[index] as string;
    const to = cuts[index + 1] as string;
    if (valueAt(a, from) === valueAt(b, from)) continue;
    const last = out.at(-1);
    if (last && last.to === from) last.to = to;
    else out.push({ from, to });
  }
  return out;
}

/**
 * Draws the histories' swimlanes in one chart that fits its container's width: the phase, the
 * agreement, each channel (its link, and its request as a thin strip) and each office holder.
 * With two histories (a what-if and its base), each row of the base sits directly above the
 * what-if's, and where they differ the what-if's row is outlined. Events are marked where they
 * fall. A click anywhere on the chart jumps to that date. Returns a function that moves the
 * cursor to a date.
 */
export function drawLanes(container: HTMLElement, histories: Swimlanes[], jump: JumpTo): (date: string | null) => void {
  const [first] = histories;
  if (!first) return () => {};
  const width = Math.max(600, container.clientWidth || 1000);
  const start = first.start;
  const end = first.end;
  const span = Math.max(1, time(end) - time(start));
  const x = (iso: string) => LABEL_WIDTH + ((time(iso) - time(start)) / span) * (width - LABEL_WIDTH - 10);
  const dateAt = (px: number) => new Date(time(start) + ((px - LABEL_WIDTH) / (width - LABEL_WIDTH - 10)) * span).toISOString().slice(0, 10);
  const both = histories.length > 1;
  const tag = (history: number) => (both ? ` · ${history === 0 ? 'record' : 'what-if'}` : '');

  const rows: Row[] = [];
  const perHistory = (make: (lanes: Swimlanes, history: number) => Row[]) => histories.forEach((lanes, history) => rows.push(...make(lanes, history)));
  perHistory((lanes, history) => [{ label: `phase${tag(history)}`, history, kind: 'phase', key: 'phase', segments: lanes.phases }]);
  perHistory((lanes, history) => [{ label: `leaders' agreement${tag(history)}`, history, kind: 'agreement', key: 'agreement', segments: lanes.agreement }]);
  for (let index = 0; index < first.lanes.length; index += 1) {
    perHistory((lanes, history) => {
      const own = lanes.lanes[index] as Swimlanes['lanes'][number];
      return [
        { label: `${own.label}${tag(history)}`, history, kind: 'link', key: own.channel, segments: own.links },
        { label: 'request', history, kind: 'request', key: own.channel, segments: own.requests, thin: true },
      ];
    });
  }
  first.offices.forEach((office, index) => {
    perHistory((lanes, history) => [
      {
        label: `${office.label}${tag(history)}`,
        history,
        kind: 'office',
        key: office.office,
        segments: (lanes.offices[index] as Swimlanes['offices'][number]).holders,
      },
    ]);
  });

  const heights = rows.map((row) => (row.thin ? 5 : ROW));
  const tops: number[] = [];
  let y = 24;
  rows.forEach((row, index) => {
    tops.push(y);
    y += (heights[index] as number) + (row.thin ? GAP + 2 : 1);
  });
  const height = y + 20;
  const title = histories.map((lanes) => lanes.label).join(' above ');
  const root = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      width: '100%',
      role: 'img',
      'aria-label': `Channels over time: ${title}`,
      'data-histories': histories.map((lanes) => lanes.label).join('|'),
    },
    container,
  );
  svg('title', {}, root).textContent = `Channels over time: ${title}`;

  for (let month = new Date(time(start)); month.getTime() <= time(end); month.setUTCMonth(month.getUTCMonth() + 1)) {
    if (month.getUTCMonth() % 3 !== 0) continue;
    const iso = month.toISOString().slice(0, 10);
    svg('line', { x1: x(iso), x2: x(iso), y1: 18, y2: height - 14, stroke: '#e4e4e4' }, root);
    svg('text', { x: x(iso) + 2, y: height - 3, class: 'tick' }, root).textContent = iso.slice(0, 7);
  }

  rows.forEach((row, index) => {
    const top = tops[index] as number;
    const rowHeight = heights[index] as number;
    if (!row.thin) svg('text', { x: 4, y: top + 12, class: `lane-label${row.history > 0 ? ' what-if' : ''}` }, root).textContent = row.label;
    for (const segment of row.segments) {
      const value = segment.value;
      const cls =
        row.kind === 'phase'
          ? `phase-${value}`
          : row.kind === 'link'
            ? value.replace('.', '-')
            : row.kind === 'request'
              ? `request-${value}`
              : row.kind === 'agreement'
                ? `agreement-${value}`
                : value === 'vacant' || value === 'not on record'
                  ? 'office-none'
                  : 'office-held';
      const rect = svg(
        'rect',
        {
          x: x(segment.from),
          y: top,
          width: Math.max(1, x(segment.to) - x(segment.from)),
          height: rowHeight,
          class: `segment ${cls}`,
          'data-history': histories[row.history]?.label ?? '',
          'data-kind': row.kind,
          'data-channel': row.kind === 'phase' ? 'phase' : row.key,
          'data-value': value,
          'data-from': segment.from,
        },
        root,
      );
      svg('title', {}, rect).textContent = `${row.label}: ${value} from ${segment.from}`;
      if (row.kind === 'office' && value !== 'vacant' && value !== 'not on record' && x(segment.to) - x(segment.from) > value.length * 6) {
        svg('text', { x: x(segment.from) + 3, y: top + 12, class: 'holder' }, root).textContent = value;
      }
    }
  });

  // Where the what-if's rows differ from the record's, outlined on the what-if's row.
  if (both) {
    rows.forEach((row, index) => {
      if (row.history === 0) return;
      const base = rows.find((other) => other.history === 0 && other.kind === row.kind && other.key === row.key);
      if (!base) return;
      for (const stretch of differences(base.segments, row.segments)) {
        svg(
          'rect',
          {
            x: x(stretch.from),
            y: (tops[index] as number) - 1,
            width: Math.max(2, x(stretch.to) - x(stretch.from)),
            height: (heights[index] as number) + 2,
            class: 'differs',
            'data-kind': row.kind,
            'data-channel': row.key,
          },
          root,
        );
      }
    });
  }

  // Each event, on its channel's row (or the phase row for events that name none).
  histories.forEach((lanes, history) => {
    for (const mark of lanes.marks) {
      const rowIndex = rows.findIndex(
        (row) => row.history === history && (mark.channel === null ? row.kind === 'phase' : row.kind === 'link' && row.key === mark.channel),
      );
      const top = tops[rowIndex] ?? 24;
      const cx = x(mark.date);
      const tick = svg(
        'path',
        {
          d: `M${cx - 3.5},${top - 1} L${cx + 3.5},${top - 1} L${cx},${top + 5} z`,
          class: 'mark',
          'data-history': lanes.label,
          'data-step': mark.step,
          'data-channel': mark.channel ?? 'none',
        },
        root,
      );
      svg('title', {}, tick).textContent = `event ${mark.step + 1}, ${mark.date}`;
    }
  });

  const cursor = svg('line', { class: 'cursor', y1: 18, y2: height - 14, x1: LABEL_WIDTH, x2: LABEL_WIDTH, 'data-date': '' }, root);
  root.addEventListener('click', (event) => {
    const box = root.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    if (px >= LABEL_WIDTH) jump(dateAt(px));
  });
  return (date) => {
    const at = date === null ? start : date < start ? start : date;
    cursor.setAttribute('x1', String(x(at)));
    cursor.setAttribute('x2', String(x(at)));
    cursor.setAttribute('data-date', date ?? '');
  };
}
