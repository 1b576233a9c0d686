import type { ViewerModel } from '../viewerModel.js';
import { activeStateIds } from './stateIds.js';
import { drawDiagram } from './diagram.js';
import { drawLanes } from './lanes.js';

const BASIS_LABELS: Record<string, string> = { outside: 'outside the articles', inferred: 'inferred', hypothetical: 'hypothetical', reported: 'reported' };
const PHASE_LABELS: Record<string, string> = {
  beforeFreeze: 'before the freeze',
  channelsSuspended: 'channels suspended',
  partiallyRestored: 'partially restored',
  ministerialResumed: 'ministerial contact resumed',
};

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// Keys in a fixed order, so events compare equal however they were serialised.
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? `{${Object.keys(value).sort().map((key) => `${key}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`
    : JSON.stringify(value);

async function main(): Promise<void> {
  const model = (await (await fetch('/api/model')).json()) as ViewerModel;
  const setActive = drawDiagram(byId('diagram'), model.layout);
  const cursors = model.swimlanes.map((lanes) => drawLanes(byId('lanes'), lanes));
  const scrubber = byId<HTMLInputElement>('scrubber');
  scrubber.max = String(model.steps.length - 1);
  const eventKeys = model.steps.map((step) => canonical(step.machineEvent));

  const items = model.steps.map((step) => {
    const item = document.createElement('li');
    item.dataset.index = String(step.index);
    item.innerHTML = `<span class="date"></span><span class="what"></span> <span class="type"></span><span class="quote"></span>`;
    (item.querySelector('.date') as HTMLElement).textContent = step.date;
    (item.querySelector('.what') as HTMLElement).textContent = step.description;
    const basis = step.basis === 'reported' ? '' : ` · ${BASIS_LABELS[step.basis]}`;
    (item.querySelector('.type') as HTMLElement).textContent = `${step.type}${basis}${step.outlet ? ` · ${step.outlet}` : ''}`;
    item.dataset.basis = step.basis;
    (item.querySelector('.quote') as HTMLElement).textContent = step.quote ? `“${step.quote}”` : (step.hypothetical ?? step.inferred ?? step.outside[0] ?? '');
    item.addEventListener('click', () => take(step.index));
    byId('timeline').appendChild(item);
    return item;
  });

  let current = -1;
  /** Moves everything to just after event `index` (-1: the start); `active` overrides the diagram. */
  function show(index: number, active?: string[]): void {
    current = Math.max(-1, Math.min(model.steps.length - 1, index));
    const step = model.steps[current];
    setActive(new Set(active ?? step?.active ?? model.initialActive));
    scrubber.value = String(current);
    items.forEach((item, at) => {
      item.classList.toggle('current', at === current);
      item.classList.toggle('future', at > current);
    });
    items[current]?.scrollIntoView({ block: 'nearest' });
    for (const move of cursors) move(step?.date ? `${step.date}-01`.slice(0, 10) : null);
    const phase = step?.phase ?? null;
    byId('phase').textContent = phase ? `· ${PHASE_LABELS[phase] ?? phase}` : '· the start';
    byId('phase').dataset.phase = phase ?? '';
    byId('position').textContent = step ? `${current + 1} / ${model.steps.length} · ${step.date}` : `start / ${model.steps.length}`;
    const details = byId('current');
    details.replaceChildren();
    if (step) {
      const what = document.createElement('div');
      what.textContent = `${step.date} — ${step.description} [${step.id}] → ${PHASE_LABELS[step.phase]}`;
      const quote = document.createElement('div');
      quote.className = 'quote';
      quote.textContent = step.quote ? `“${step.quote}” — ${step.outlet}` : step.hypothetical ? `hypothetical: ${step.hypothetical}` : '';
      details.append(what, quote);
      for (const line of [...(step.inferred ? [`inferred: ${step.inferred}`] : []), ...step.outside.map((fact) => `outside the articles: ${fact}`)]) {
        const note = document.createElement('div');
        note.className = 'basis';
        note.textContent = line;
        details.append(note);
      }
    }
  }

  // Live events move the page only while the user follows them; any scrubbing takes over, and a
  // click on the live badge follows again.
  const live = byId('live');
  let following = true;
  let liveIndex = -1;
  let liveActive: string[] | undefined;
  let connected = false;
  function badge(): void {
    const where = liveIndex >= 0 ? `event ${liveIndex + 1} of ${model.steps.length}` : 'waiting';
    live.className = `live ${connected ? 'on' : 'off'}`;
    live.textContent = connected ? `live: ${where}${following ? '' : ' · click to follow'}` : liveIndex >= 0 ? `live run ended at ${where}` : 'live: waiting';
  }
  function take(index: number): void {
    following = false;
    badge();
    show(index);
  }
  live.addEventListener('click', () => {
    following = true;
    badge();
    if (liveIndex >= 0) show(liveIndex, liveActive);
  });

  let timer: number | undefined;
  const stop = () => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    byId('play').textContent = '▶ play';
  };
  const togglePlay = () => {
    if (timer !== undefined) return stop();
    if (current >= model.steps.length - 1) take(-1);
    else take(current);
    byId('play').textContent = '❚❚ pause';
    timer = window.setInterval(() => (current >= model.steps.length - 1 ? stop() : show(current + 1)), 700);
  };
  byId('step').addEventListener('click', () => { stop(); take(current + 1); });
  byId('back').addEventListener('click', () => { stop(); take(current - 1); });
  byId('play').addEventListener('click', togglePlay);
  scrubber.addEventListener('input', () => { stop(); take(Number(scrubber.value)); });
  document.addEventListener('keydown', (event) => {
    // Controls handle their own keys (the range input moves itself with the arrows).
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'BUTTON', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
    if (event.key === 'ArrowRight') { stop(); take(current + 1); }
    else if (event.key === 'ArrowLeft') { stop(); take(current - 1); }
    else if (event.key === ' ') { event.preventDefault(); togglePlay(); }
    else return;
  });
  byId('zoom').addEventListener('click', () => {
    const fit = byId('diagram').classList.toggle('fit');
    byId('zoom').textContent = fit ? 'full size' : 'fit';
  });
  show(-1);
  document.body.dataset.ready = 'true';

  // Live: the inspection events `thaw inspect` sends through the server, as the Stately inspector would get them.
  const socket = new WebSocket(`ws://${location.host}/ws`);
  socket.addEventListener('open', () => { connected = true; badge(); });
  socket.addEventListener('close', () => { connected = false; badge(); });
  socket.addEventListener('message', (message) => {
    let event: { type?: string; name?: string; event?: unknown; snapshot?: { value?: unknown } };
    try {
      event = JSON.parse(String(message.data)) as typeof event;
    } catch {
      return; // not an inspection event
    }
    if (event?.type === '@xstate.actor') {
      liveIndex = -1;
      liveActive = undefined;
      if (following) show(-1);
    } else if (event?.type === '@xstate.snapshot' && event.snapshot?.value !== undefined && event.snapshot.value !== null) {
      const key = canonical(event.event);
      const next = eventKeys.findIndex((candidate, index) => index > liveIndex && candidate === key);
      const index = next >= 0 ? next : eventKeys.indexOf(key);
      if (index < 0) return;
      liveIndex = index;
      liveActive = activeStateIds(event.snapshot.value as Parameters<typeof activeStateIds>[0]);
      if (following) show(index, liveActive);
      document.body.dataset.liveStep = String(index);
    }
    badge();
  });
}

main().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  byId('current').textContent = `The viewer could not start: ${String(error)}`;
});
