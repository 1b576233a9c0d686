import { readFileSync } from 'node:fs';
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
<style id="viewer-css">${viewerCss()}</style>
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

// The palette as CSS variables, so the stylesheet names the colours the charts use.
const PALETTE_CSS = `:root { ${Object.entries({
  suspended: LINK_COLOURS.suspended,
  refused: LINK_COLOURS.refused,
  open: LINK_COLOURS['open.quiet'],
  'open-contact': LINK_COLOURS['open.contactHeld'],
  reopened: LINK_COLOURS['reopened.quiet'],
  contact: LINK_COLOURS['reopened.contactHeld'],
  ...Object.fromEntries(Object.entries(PHASE_COLOURS).map(([phase, colour]) => [`phase-${phase}`, colour])),
})
  .map(([name, colour]) => `--${name}: ${colour};`)
  .join(' ')} }`;

let css: string | undefined;
/** The viewer's stylesheet (src/viewer/viewer.css, copied beside this module by the build), with the palette. */
function viewerCss(): string {
  css ??= `${PALETTE_CSS}\n${readFileSync(new URL('./viewer.css', import.meta.url), 'utf8')}`;
  return css;
}
