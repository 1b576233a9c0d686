// The channel lanes and the phase band over time, as a standalone SVG for a report: the same
// segments the viewer's lanes draw (swimlanes()), drawn by Vega-Lite, which lays out the time
// axis, the legend and the text, and renders SVG in Node with no browser.
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { escapeControls } from '../scenario/problems.js';
import { CHANNEL_LABELS, CHANNELS, PHASE_LABELS } from '../vocabulary/channels.js';
import type { History } from '../whatif/histories.js';
import { LINK_COLOURS, PHASE_COLOURS } from './palette.js';
import { swimlanes } from './swimlanes.js';

const LINK_LABELS: Record<string, string> = {
  'open.quiet': 'open',
  'open.contactHeld': 'open, contact held',
  suspended: 'suspended',
  refused: 'refused',
  'reopened.quiet': 'reopened',
  'reopened.contactHeld': 'reopened, contact held',
};

/** What the chart says besides its lanes. */
export interface ChartText {
  title: string;
  /** Lines for the caption under the chart: the sources, cited. */
  caption: string[];
}

/** The Vega-Lite specification of the chart: pure data, also for a user's own tools. Pure. */
export function chartSpec(histories: History[], text: ChartText): vl.TopLevelSpec {
  // One time axis for every history: from the earliest start to the latest end.
  const own = histories.map((history) => swimlanes(history.run, history.label));
  const axis = {
    start: own.map((lane) => lane.start).sort()[0] as string,
    end: own
      .map((lane) => lane.end)
      .sort()
      .at(-1) as string,
  };
  const lanes = histories.map((history) => swimlanes(history.run, history.label, axis));
  const both = histories.length > 1;
  const rowName = (name: string, history: number) => (both ? `${name} · ${history === 0 ? histories[0]?.label : 'what-if'}` : name);
  const rows: string[] = [];
  const values: Array<{ row: string; from: string; to: string; state: string }> = [];
  lanes.forEach((lane, history) => {
    const row = rowName('phase', history);
    rows.push(row);
    for (const segment of lane.phases) values.push({ row, from: segment.from, to: segment.to, state: PHASE_LABELS[segment.value] });
  });
  for (const channel of CHANNELS) {
    lanes.forEach((lane, history) => {
      const row = rowName(CHANNEL_LABELS[channel], history);
      rows.push(row);
      for (const segment of lane.lanes.find((candidate) => candidate.channel === channel)?.links ?? [])
        values.push({ row, from: segment.from, to: segment.to, state: LINK_LABELS[segment.value] as string });
    });
  }
  const domain = [...Object.keys(PHASE_COLOURS).map((phase) => PHASE_LABELS[phase as keyof typeof PHASE_LABELS]), ...Object.values(LINK_LABELS)];
  const range = [...Object.values(PHASE_COLOURS), ...Object.values(LINK_COLOURS)];
  return reportSpec(text, 1100, {
    width: 1100,
    height: { step: 18 },
    data: { values },
    mark: { type: 'bar', cornerRadius: 0 },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: rows, title: null, axis: { labelLimit: 360 } },
      x: { field: 'from', type: 'temporal', title: null, axis: { format: '%b %Y', labelAngle: 0, grid: true } },
      x2: { field: 'to' },
      color: {
        field: 'state',
        type: 'nominal',
        title: 'phase, and each channel',
        scale: { domain, range },
        legend: { orient: 'bottom', columns: 4, labelLimit: 220, titleLimit: 400 },
      },
      tooltip: [{ field: 'row' }, { field: 'state' }, { field: 'from', type: 'temporal' }, { field: 'to', type: 'temporal' }],
    },
  });
}

/** A chart for a report: its title, the chart itself, and its caption (the sources) under it, one line a row. Pure. */
export function reportSpec(text: ChartText, width: number, chart: ChartPart): vl.TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: text.title, anchor: 'start', fontSize: 15 },
    config: { font: 'DejaVu Sans, Arial, sans-serif', view: { stroke: null } },
    vconcat: [
      chart,
      {
        width,
        height: { step: 14 },
        data: { values: text.caption.map((line, index) => ({ line, index })) },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, color: '#333', limit: 0 },
        encoding: { y: { field: 'index', type: 'ordinal', axis: null }, text: { field: 'line' }, x: { value: 0 } },
      },
    ],
  };
}

/** One part of a report's column of charts, as Vega-Lite types it. */
export type ChartPart = Extract<vl.TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

/** The chart as a standalone SVG document. */
export async function chartSvg(histories: History[], text: ChartText): Promise<string> {
  return svgOf(chartSpec(histories, text));
}

// Characters XML 1.0 forbids anywhere in a document, and the C1 controls it discourages.
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

/** A Vega-Lite specification drawn as a standalone SVG document, in Node with no browser. */
export async function svgOf(specification: vl.TopLevelSpec): Promise<string> {
  // Vega-Lite's warnings are about the spec, which is thaw's own: not for the user's terminal.
  const quiet = {
    level: () => quiet,
    error: (...args: unknown[]) => {
      throw new Error(args.join(' '));
    },
    warn: () => quiet,
    info: () => quiet,
    debug: () => quiet,
  };
  const { spec } = vl.compile(specification, { logger: quiet as unknown as NonNullable<Parameters<typeof vl.compile>[1]>['logger'] });
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Vega escapes markup but not control characters, which XML does not allow at all: a title or an
  // outlet holding one gave SVG that no reader parses (nor resvg, for the PNG). Written as escapes.
  return svg.replace(NOT_IN_XML, (char) => escapeControls(char));
}
