import type { Swimlanes } from '../viewerModel.js';
import { svg } from './svg.js';

const LABEL_WIDTH = 150;
const ROW = 18;
const WIDTH = 1100;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Draws one history's swimlanes; returns a function that moves its cursor to a date. */
export function drawLanes(container: HTMLElement, lanes: Swimlanes): (date: string | null) => void {
  const rows = 1 + lanes.lanes.length;
  const height = 34 + rows * (ROW + 4) + 16;
  const root = svg('svg', { width: WIDTH, height, 'data-history': lanes.label }, container);
  const start = time(lanes.start);
  const span = Math.max(1, time(lanes.end) - start);
  const x = (iso: string) => LABEL_WIDTH + ((time(iso) - start) / span) * (WIDTH - LABEL_WIDTH - 10);

  svg('text', { x: 6, y: 14, class: 'lane-label', 'font-weight': 600 }, root).textContent = lanes.label;
  // A tick every quarter, labelled by month.
  for (let month = new Date(start); month.getTime() <= time(lanes.end); month.setUTCMonth(month.getUTCMonth() + 1)) {
    if (month.getUTCMonth() % 3 !== 0) continue;
    const iso = month.toISOString().slice(0, 10);
    svg('line', { x1: x(iso), x2: x(iso), y1: 20, y2: height - 12, stroke: '#eee' }, root);
    svg('text', { x: x(iso) + 2, y: height - 2, class: 'tick' }, root).textContent = iso.slice(0, 7);
  }

  const row = (index: number, label: string, segments: Array<{ from: string; to: string; value: string }>, kind: string, channel: string) => {
    const y = 24 + index * (ROW + 4);
    svg('text', { x: 6, y: y + 13, class: 'lane-label' }, root).textContent = label;
    for (const segment of segments) {
      const rect = svg('rect', {
        x: x(segment.from),
        y,
        width: Math.max(1, x(segment.to) - x(segment.from)),
        height: ROW,
        class: `segment ${kind === 'phase' ? `phase-${segment.value}` : segment.value.replace('.', '-')}`,
        'data-channel': channel,
        'data-value': segment.value,
        'data-from': segment.from,
      }, root);
      svg('title', {}, rect).textContent = `${label}: ${segment.value} from ${segment.from}`;
    }
  };
  row(0, 'phase', lanes.phases, 'phase', 'phase');
  lanes.lanes.forEach((lane, index) => row(index + 1, lane.label, lane.links, 'link', lane.channel));

  const cursor = svg('line', { class: 'cursor', y1: 20, y2: height - 12, x1: LABEL_WIDTH, x2: LABEL_WIDTH, 'data-date': '' }, root);
  return (date) => {
    const at = date === null ? lanes.start : date < lanes.start ? lanes.start : date;
    cursor.setAttribute('x1', String(x(at)));
    cursor.setAttribute('x2', String(x(at)));
    cursor.setAttribute('data-date', date ?? '');
  };
}
