import { LINK_COLOURS, PHASE_COLOURS } from '../data/palette.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a viewer page carries besides the scripts: its title, and, for a standalone page, the model. */
export interface ViewerPageOptions {
  title: string;
  /** The model as JSON, for a page that needs no server (thaw export --format html). */
  modelJson?: string;
  /** The browser code itself, for a page that needs no server; otherwise it loads /viewer/main.js. */
  script?: string;
}

// JSON inside a <script> element: nothing in it may close the element.
const scriptSafe = (text: string) => text.replace(/</g, '\\u003c');

/** The viewer's HTML: a shell the browser code in src/viewer/client fills from the model. Pure. */
export function viewerPage({ title, modelJson, script }: ViewerPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · thaw viewer</title>
<style id="viewer-css">${VIEWER_CSS}</style>
</head>
<body>
<header>
  <h1 id="title">${escapeHtml(title)}</h1>
  <div class="controls">
    <button id="back" type="button" title="previous event (←)">◀ back</button>
    <button id="play" type="button" title="play from here (space)">▶ play</button>
    <button id="step" type="button" title="next event (→)">step ▶</button>
    <input id="scrubber" type="range" min="-1" max="-1" value="-1" aria-label="event on the timeline">
    <span id="position"></span>
    <button id="live" type="button" class="live off" title="inspection events from thaw inspect; click to follow them">live: waiting</button>
  </div>
</header>
<section id="current" aria-label="the current event, what it changed and why"></section>
<div id="announce" class="visually-hidden" aria-live="polite" role="status"></div>
<section id="whatif" hidden aria-label="the what-if"></section>
<section id="editor" aria-label="your own what-if"></section>
<main>
  <section id="diagram-panel" aria-labelledby="diagram-heading">
    <h2 id="diagram-heading">Statechart <span id="phase"></span></h2>
    <div class="toolbar" role="toolbar" aria-label="statechart view">
      <button type="button" id="zoom-in" title="zoom in (+)">+</button>
      <button type="button" id="zoom-out" title="zoom out (−)">−</button>
      <button type="button" id="zoom-fit" title="the whole chart (0)">whole chart</button>
      <button type="button" data-focus="thaw.phase">phase</button>
      <button type="button" data-focus="thaw.agreement">agreement</button>
      <button type="button" data-focus="thaw.ministerial">ministerial</button>
      <button type="button" data-focus="thaw.chiefs">chiefs</button>
      <label>show <select id="region" aria-label="show one region of the statechart"><option value="">a region…</option></select></label>
      <label id="history-choice" hidden>diagram shows <select id="history"><option value="whatIf">the what-if</option><option value="base">the record</option></select></label>
      <button type="button" id="diagram-svg">SVG</button>
      <button type="button" id="diagram-png">PNG</button>
    </div>
    <div id="diagram"></div>
    <p class="hint">Wheel or +/− to zoom, drag or Shift+arrows to pan, click a region to show it.</p>
  </section>
  <section id="timeline-panel" aria-labelledby="timeline-heading"><h2 id="timeline-heading">Timeline</h2><ol id="timeline"></ol></section>
</main>
<section id="lanes-panel" aria-labelledby="lanes-heading"><h2 id="lanes-heading">Channels over time <button type="button" id="lanes-svg">SVG</button> <button type="button" id="lanes-png">PNG</button></h2>
  <p class="legend"><span class="key open">open</span><span class="key open-contact">open, contact held</span><span class="key suspended">suspended</span><span class="key refused">refused</span><span class="key reopened">reopened</span><span class="key contact">reopened, contact held</span>
  · phase: <span class="key p-before">normal relations</span><span class="key p-suspended">channels suspended</span><span class="key p-partial">partially restored</span><span class="key p-resumed">ministerial contact resumed</span>
  · <span class="key k-request">request open</span><span class="key k-mark">an event</span><span class="key k-differs">differs from the record</span> · click a lane to go to that date</p>
  <div id="lanes"></div></section>
${modelJson === undefined ? '' : `<script type="application/json" id="model">${scriptSafe(modelJson)}</script>\n`}${script === undefined ? '<script type="module" src="/viewer/main.js"></script>' : `<script type="module">${script.replace(/<\/script/gi, '<\\/script')}</script>`}
</body>
</html>
`;
}

/**
 * A page for those online: it embeds the Stately inspector and forwards to it the inspection
 * events this server relays, so the same stream drives both viewers. Pure.
 */
export function statelyBridgePage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>thaw → Stately inspector</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style></head>
<body>
<iframe id="stately" src="https://stately.ai/inspect"></iframe>
<script>
  const frame = document.getElementById('stately');
  const waiting = [];
  let ready = false;
  // The inspector says when it listens; until then events wait here.
  window.addEventListener('message', (message) => {
    if (message.data && message.data.type === '@statelyai.connected') {
      ready = true;
      for (const event of waiting.splice(0)) frame.contentWindow.postMessage(event, '*');
    }
  });
  const socket = new WebSocket('ws://' + location.host + '/ws');
  socket.onmessage = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (ready) frame.contentWindow.postMessage(event, '*');
    else waiting.push(event);
  };
</script>
</body>
</html>
`;
}

/** The viewer's styles (WCAG AA contrast for every text colour on its background). */
export const VIEWER_CSS = `
:root { --suspended: ${LINK_COLOURS.suspended}; --refused: ${LINK_COLOURS.refused}; --open: ${LINK_COLOURS['open.quiet']}; --open-contact: ${LINK_COLOURS['open.contactHeld']}; --reopened: ${LINK_COLOURS['reopened.quiet']}; --contact: ${LINK_COLOURS['reopened.contactHeld']}; --muted: #555; --active: #f5b700; --entered: #c2410c; font-family: system-ui, sans-serif; }
body { margin: 0; color: #222; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: 8px 16px; z-index: 2; }
h1 { font-size: 18px; margin: 0 0 6px; }
h2 { font-size: 14px; margin: 0 0 6px; color: #333; }
button { font: inherit; font-size: 13px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
#scrubber { flex: 1; min-width: 160px; }
#position { font-variant-numeric: tabular-nums; min-width: 11em; }
.live { font-size: 12px; padding: 2px 8px; border-radius: 8px; background: #eee; border: 1px solid #ccc; color: #222; cursor: pointer; }
.live.on { background: #fde68a; }
:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
#current { font-size: 13px; padding: 8px 16px; background: #fff; border-bottom: 1px solid #ddd; }
#current .what { font-weight: 600; }
#current .quote { color: #444; font-style: italic; margin-top: 2px; }
#current cite { font-style: normal; color: #333; }
#current a { color: #1d4ed8; }
#current .basis { color: #7a2f80; }
#current ul { margin: 4px 0; padding-left: 18px; }
#current .change { font-family: ui-monospace, monospace; font-size: 12px; }
#current .note { color: #7a4a00; }
#current .verdict { margin-top: 4px; }
#current .verdict.holds { color: #14532d; }
#current .verdict.fails { color: #991b1b; }
#current .verdict.observation { color: #1e3a8a; }
#current .reading { font-size: 12px; padding-left: 18px; }
#current .mismatch { font-family: ui-monospace, monospace; font-size: 12px; padding-left: 18px; }
#whatif { padding: 8px 16px; background: #fff; border-bottom: 1px solid #ddd; font-size: 13px; }
#whatif h2 { margin: 0; }
#whatif .description { margin: 4px 0; max-width: 110ch; }
#whatif .edits { list-style: none; margin: 4px 0; padding: 0; }
#whatif .edit .entry { border: 0; background: none; padding: 2px 0; text-align: left; cursor: pointer; color: inherit; }
#whatif .edit.removed .entry { color: #991b1b; }
#whatif .edit.inserted .entry { color: #14532d; }
#whatif .edit.changed .entry, #whatif .edit.moved .entry { color: #7a4a00; }
#whatif table { border-collapse: collapse; margin-top: 6px; font-size: 12px; }
#whatif caption { text-align: left; font-weight: 600; }
#whatif th, #whatif td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
#whatif td.holds { color: #14532d; }
#whatif td.fails { color: #991b1b; }
#whatif td.observation { color: #1e3a8a; }
#whatif .mismatch { font-family: ui-monospace, monospace; font-size: 11px; }
#editor { padding: 6px 16px; background: #fff; border-bottom: 1px solid #ddd; font-size: 13px; }
#editor summary { cursor: pointer; font-weight: 600; }
#editor .problems { color: #991b1b; }
#editor table { border-collapse: collapse; font-size: 12px; margin: 6px 0; display: block; max-height: 40vh; overflow: auto; }
#editor caption { text-align: left; font-weight: 600; }
#editor td, #editor th { border-bottom: 1px solid #eee; padding: 1px 6px; text-align: left; }
#editor form { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: end; margin: 6px 0; }
#editor fieldset { display: flex; flex-wrap: wrap; gap: 6px 12px; border: 1px solid #ddd; }
#editor .editor-actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0; }
#timeline .edited { display: inline-block; margin-left: 4px; padding: 0 4px; border-radius: 4px; background: #fef3c7; color: #7a4a00; font-size: 11px; }
#timeline li[data-basis="inferred"] .type, #timeline li[data-basis="outside"] .type { color: #7a2f80; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 1fr); gap: 12px; padding: 12px 16px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 4px; }
.toolbar button { font-size: 12px; }
#diagram { height: 62vh; min-height: 280px; border: 1px solid #ddd; background: #fff; overflow: hidden; touch-action: none; }
#diagram svg { display: block; width: 100%; height: 100%; cursor: grab; }
.hint { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.legend { font-size: 12px; margin: 0 0 6px; }
.legend .key { display: inline-block; margin-right: 12px; padding-left: 16px; position: relative; }
.legend .key::before { content: ''; position: absolute; left: 0; top: 2px; width: 12px; height: 12px; }
.legend .open::before { background: var(--open); }
.legend .open-contact::before { background: var(--open-contact); }
.legend .p-before::before { background: ${PHASE_COLOURS.normal}; }
.legend .p-suspended::before { background: ${PHASE_COLOURS.channelsSuspended}; }
.legend .p-partial::before { background: ${PHASE_COLOURS.partiallyRestored}; }
.legend .p-resumed::before { background: ${PHASE_COLOURS.ministerialResumed}; }
.legend .suspended::before { background: var(--suspended); }
.legend .refused::before { background: var(--refused); }
.legend .reopened::before { background: var(--reopened); }
.legend .contact::before { background: var(--contact); }
.legend .k-request::before { background: #6d28d9; height: 5px; top: 6px; }
.legend .k-mark::before { background: #111; width: 8px; height: 8px; top: 4px; }
.legend .k-differs::before { background: none; border: 2px solid #111; width: 10px; height: 10px; }
.state rect { fill: #fff; stroke: #999; stroke-width: 1; rx: 6; }
.state.compound > rect { fill: #f6f6f6; }
.state.parallel > rect { fill: #fbfbfb; stroke-dasharray: 4 3; }
.state text { font-size: 11px; fill: #222; }
.state.active > rect { stroke: #8a6700; stroke-width: 2; }
.state.atomic.active > rect { fill: var(--active); }
.state.entered > rect { stroke: var(--entered); stroke-width: 3; }
.state.atomic.entered > rect { fill: #fdba74; }
.edge path { fill: none; stroke: #999; stroke-width: 1; marker-end: url(#arrow); }
.edge text { font-size: 9px; fill: #555; }
.edge.taken path { stroke: var(--entered); stroke-width: 3; marker-end: url(#arrow-taken); }
.edge.taken text { fill: var(--entered); font-weight: 700; }
#timeline { list-style: none; margin: 0; padding: 0; max-height: 62vh; overflow: auto; border: 1px solid #ddd; background: #fff; font-size: 12px; }
#timeline li { border-bottom: 1px solid #eee; }
#timeline .entry { display: block; width: 100%; text-align: left; padding: 4px 8px; border: 0; background: none; color: inherit; font-size: 12px; cursor: pointer; }
#timeline li.current { background: #fff3c4; }
#timeline li.future { color: #595959; }
#timeline .date { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 6px; }
#timeline .type { color: var(--muted); }
#timeline .quote { display: block; color: #444; font-style: italic; }
#timeline .verdicts { display: block; color: #14532d; }
#lanes-panel { padding: 0 16px 16px; }
#lanes-panel h2 button { font-size: 11px; }
#lanes svg { background: #fff; border: 1px solid #ddd; display: block; margin-bottom: 10px; cursor: pointer; }
.lane-label { font-size: 11px; fill: #222; }
.lane-label.what-if { font-weight: 600; }
.holder { font-size: 10px; fill: #fff; pointer-events: none; }
.segment.suspended { fill: var(--suspended); }
.segment.refused { fill: var(--refused); }
.segment.open-quiet { fill: var(--open); }
.segment.open-contactHeld { fill: var(--open-contact); }
.segment.reopened-quiet { fill: var(--reopened); }
.segment.reopened-contactHeld { fill: var(--contact); }
.segment.phase-normal { fill: ${PHASE_COLOURS.normal}; }
.segment.phase-channelsSuspended { fill: ${PHASE_COLOURS.channelsSuspended}; }
.segment.phase-partiallyRestored { fill: ${PHASE_COLOURS.partiallyRestored}; }
.segment.phase-ministerialResumed { fill: ${PHASE_COLOURS.ministerialResumed}; }
.segment.request-none, .segment.request-declined, .segment.request-lapsed { fill: #f1f1f1; }
.segment.request-pending, .segment.request-accepted { fill: #6d28d9; }
.segment.agreement-none { fill: #f1f1f1; }
.segment.agreement-reached { fill: #0f766e; }
.segment.office-held { fill: #475569; }
.segment.office-none { fill: #e5e7eb; }
.mark { fill: #111; }
.differs { fill: none; stroke: #111; stroke-width: 2; }
.cursor { stroke: #111; stroke-width: 2; }
.tick { font-size: 10px; fill: #555; }
@media (max-width: 900px) {
  main { grid-template-columns: minmax(0, 1fr); }
  #diagram { height: 55vh; }
  #timeline { max-height: 45vh; }
}
@media (max-width: 600px) {
  header { position: static; }
  h1 { font-size: 16px; }
  #position { min-width: 0; }
}
`;
