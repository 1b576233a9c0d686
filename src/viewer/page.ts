const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The viewer's HTML: a shell the browser code in src/viewer/client fills from /api/model. Pure. */
export function viewerPage(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · thaw viewer</title>
<link rel="stylesheet" href="/viewer.css">
</head>
<body>
<header>
  <h1 id="title">${escapeHtml(title)}</h1>
  <div class="controls">
    <button id="back" title="previous event (←)">◀ back</button>
    <button id="play" title="play from here (space)">▶ play</button>
    <button id="step" title="next event (→)">step ▶</button>
    <input id="scrubber" type="range" min="-1" max="-1" value="-1" aria-label="event">
    <span id="position"></span>
    <span id="live" class="live off" title="inspection events from thaw inspect">live: waiting</span>
  </div>
  <div id="current"></div>
</header>
<main>
  <section id="diagram-panel"><h2>Statechart <span id="phase"></span> <button id="zoom" title="fit the panel, or show at full size">full size</button></h2><div id="diagram" class="fit"></div></section>
  <section id="timeline-panel"><h2>Timeline</h2><ol id="timeline"></ol></section>
</main>
<section id="lanes-panel"><h2>Channels over time</h2>
  <p class="legend"><span class="key open">open</span><span class="key open-contact">open, contact held</span><span class="key suspended">suspended</span><span class="key refused">refused</span><span class="key reopened">reopened</span><span class="key contact">reopened, contact held</span>
  · phase: <span class="key p-before">before the freeze</span><span class="key p-suspended">channels suspended</span><span class="key p-partial">partially restored</span><span class="key p-resumed">ministerial contact resumed</span></p>
  <div id="lanes"></div></section>
<script type="module" src="/viewer/main.js"></script>
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

/** The viewer's styles. */
export const VIEWER_CSS = `
:root { --suspended: #d64545; --refused: #e07b39; --open: #7fb0dc; --open-contact: #2f6da8; --reopened: #2f9e63; --contact: #1f7a4a; --muted: #777; --active: #f5b700; font-family: system-ui, sans-serif; }
body { margin: 0; color: #222; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: 8px 16px; z-index: 2; }
h1 { font-size: 18px; margin: 0 0 6px; }
h2 { font-size: 14px; margin: 0 0 6px; color: #444; }
.controls { display: flex; gap: 8px; align-items: center; }
#scrubber { flex: 1; }
#position { font-variant-numeric: tabular-nums; min-width: 11em; }
.live { font-size: 12px; padding: 2px 6px; border-radius: 8px; background: #eee; cursor: pointer; }
.live.on { background: #fde68a; }
#current { font-size: 13px; margin-top: 6px; min-height: 2.6em; }
#current .quote { color: #555; font-style: italic; }
#current .basis { color: #8a3b8f; }
#timeline li[data-basis="inferred"] .type, #timeline li[data-basis="outside"] .type { color: #8a3b8f; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 1fr); gap: 12px; padding: 12px 16px; }
#diagram { overflow: auto; max-height: 62vh; border: 1px solid #ddd; background: #fff; }
#diagram svg { display: block; }
#diagram.fit svg { width: 100%; height: auto; }
#zoom { font-size: 11px; margin-left: 8px; }
.legend { font-size: 12px; margin: 0 0 6px; }
.legend .key { display: inline-block; margin-right: 12px; padding-left: 16px; position: relative; }
.legend .key::before { content: ''; position: absolute; left: 0; top: 2px; width: 12px; height: 12px; }
.legend .open::before { background: var(--open); }
.legend .open-contact::before { background: var(--open-contact); }
.legend .p-before::before { background: #9cc3e6; }
.legend .p-suspended::before { background: #f0a3a3; }
.legend .p-partial::before { background: #f5d37a; }
.legend .p-resumed::before { background: #8fd1a8; }
.legend .suspended::before { background: var(--suspended); }
.legend .refused::before { background: var(--refused); }
.legend .reopened::before { background: var(--reopened); }
.legend .contact::before { background: var(--contact); }
.state rect { fill: #fff; stroke: #999; stroke-width: 1; rx: 6; }
.state.compound > rect { fill: #f6f6f6; }
.state.parallel > rect { fill: #fbfbfb; stroke-dasharray: 4 3; }
.state text { font-size: 11px; fill: #333; }
.state.active > rect { stroke: #b58900; stroke-width: 2; }
.state.atomic.active > rect { fill: var(--active); }
.edge path { fill: none; stroke: #aaa; stroke-width: 1; marker-end: url(#arrow); }
.edge text { font-size: 9px; fill: #888; }
#timeline { list-style: none; margin: 0; padding: 0; max-height: 62vh; overflow: auto; border: 1px solid #ddd; background: #fff; font-size: 12px; }
#timeline li { padding: 4px 8px; border-bottom: 1px solid #eee; cursor: pointer; }
#timeline li.current { background: #fff3c4; }
#timeline li.future { color: #999; }
#timeline .date { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 6px; }
#timeline .type { color: var(--muted); }
#timeline .quote { display: block; color: #666; font-style: italic; }
#lanes-panel { padding: 0 16px 16px; }
#lanes svg { background: #fff; border: 1px solid #ddd; display: block; margin-bottom: 10px; }
.lane-label { font-size: 11px; fill: #333; }
.segment.suspended { fill: var(--suspended); }
.segment.refused { fill: var(--refused); }
.segment.open-quiet { fill: var(--open); }
.segment.open-contactHeld { fill: var(--open-contact); }
.segment.reopened-quiet { fill: var(--reopened); }
.segment.reopened-contactHeld { fill: var(--contact); }
.segment.phase-beforeFreeze { fill: #9cc3e6; }
.segment.phase-channelsSuspended { fill: #f0a3a3; }
.segment.phase-partiallyRestored { fill: #f5d37a; }
.segment.phase-ministerialResumed { fill: #8fd1a8; }
.cursor { stroke: #111; stroke-width: 2; }
.tick { font-size: 10px; fill: #666; }
`;
