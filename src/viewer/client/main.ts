import { activeStateIds } from '../../machine/stateIds.js';
import { PHASE_LABELS } from '../../vocabulary/channels.js';
import type { ViewerModel, ViewerStep } from '../viewerModel.js';
import { drawDiagram } from './diagram.js';
import { downloadPng, downloadSvg } from './download.js';
import { editedModel, editProblems, editsForAddress, editsInAddress, isEmpty, NO_EDITS, whatIfFile } from './editor.js';
import { drawEditorPanel } from './editorPanel.js';
import { explainStep } from './explain.js';
import { drawLanes } from './lanes.js';
import { drawWhatIfPanel } from './whatIfPanel.js';

const BASIS_LABELS: Record<string, string> = { outside: 'outside the articles', inferred: 'inferred', hypothetical: 'hypothetical', reported: 'reported' };

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// Keys in a fixed order, so events compare equal however they were serialised.
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? `{${Object.keys(value)
        .sort()
        .map((key) => `${key}:${canonical((value as Record<string, unknown>)[key])}`)
        .join(',')}}`
    : JSON.stringify(value);

/** The step a page address names (`#step=12`, 1-based; 0 for the start), if it names one. */
function stepInAddress(steps: number): number | undefined {
  const match = /(?:^|[#&])step=(\d+)/.exec(location.hash);
  if (!match) return undefined;
  return Math.min(steps, Number(match[1])) - 1;
}

// The model comes with the page when the page is a standalone export; from the server otherwise.
async function loadModel(): Promise<{ model: ViewerModel; live: boolean }> {
  const embedded = document.getElementById('model');
  if (embedded?.textContent) return { model: JSON.parse(embedded.textContent) as ViewerModel, live: false };
  return { model: (await (await fetch('/api/model')).json()) as ViewerModel, live: true };
}

async function main(): Promise<void> {
  const loaded = await loadModel();
  const serverPresent = loaded.live;
  // The reader's own edits, from the address: the page replays them with the bundled library.
  // Parts of them that cannot be read are left out and listed: a crafted link once stopped the page.
  const read = editsInAddress(location.hash);
  const edits = read?.edits ?? NO_EDITS;
  const unread = read?.problems ?? [];
  let model = loaded.model;
  let problems: string[] = [];
  if (model.editor && !isEmpty(edits)) {
    try {
      model = editedModel(model, edits);
    } catch (error) {
      problems = editProblems(error);
    }
  }
  // Edits that do not apply stay in the address too: a reload shows the same problems, not a silent loss.
  const editsPart = editsForAddress(edits);
  byId('title').textContent = model.title;
  document.title = `${model.title} · thaw viewer`;
  const css = byId('viewer-css')?.textContent ?? '';
  const diagram = drawDiagram(byId('diagram'), model.layout);
  // The lanes fit the window: drawn again, at the current step, when its width changes.
  const lanesContainer = byId('lanes');
  const drawAllLanes = () => {
    lanesContainer.replaceChildren();
    return drawLanes(lanesContainer, model.swimlanes, (date) => take(lastStepBy(date)));
  };
  let moveCursor = drawAllLanes();
  let drawnWidth = lanesContainer.clientWidth;
  window.addEventListener('resize', () => {
    if (Math.abs(lanesContainer.clientWidth - drawnWidth) < 8) return;
    drawnWidth = lanesContainer.clientWidth;
    moveCursor = drawAllLanes();
    const step = model.steps[current];
    moveCursor(step?.date ? `${step.date}-01`.slice(0, 10) : null);
  });
  const scrubber = byId<HTMLInputElement>('scrubber');
  scrubber.max = String(model.steps.length - 1);
  const eventKeys = model.steps.map((step) => canonical(step.machineEvent));
  const lastStepBy = (date: string) => {
    let found = -1;
    model.steps.forEach((step, index) => {
      if (`${step.date}-01`.slice(0, 10) <= date) found = index;
    });
    return found;
  };

  const items = model.steps.map((step) => {
    const item = document.createElement('li');
    item.dataset.index = String(step.index);
    item.dataset.basis = step.basis;
    // A button inside the list item: reachable by Tab, pressed by Enter or space, and still a list.
    const entry = document.createElement('button');
    entry.type = 'button';
    entry.className = 'entry';
    entry.innerHTML = `<span class="date"></span><span class="what"></span> <span class="type"></span><span class="quote"></span>`;
    (entry.querySelector('.date') as HTMLElement).textContent = step.date;
    (entry.querySelector('.what') as HTMLElement).textContent = step.description;
    const basis = step.basis === 'reported' ? '' : ` · ${BASIS_LABELS[step.basis]}`;
    (entry.querySelector('.type') as HTMLElement).textContent = `${step.type}${basis}${step.source ? ` · ${step.source.outlet}` : ''}`;
    (entry.querySelector('.quote') as HTMLElement).textContent = step.quote ? `“${step.quote}”` : (step.hypothetical ?? step.inferred ?? step.outside[0] ?? '');
    const edit = model.whatIf?.edits.find((candidate) => candidate.step === step.index);
    if (edit) {
      const mark = document.createElement('span');
      mark.className = 'edited';
      mark.textContent = edit.kind;
      entry.prepend(mark);
      item.dataset.edit = edit.kind;
    }
    const checks = model.checkpoints.filter((checkpoint) => checkpoint.afterIndex === step.index);
    if (checks.length > 0) {
      const verdicts = document.createElement('span');
      verdicts.className = 'verdicts';
      verdicts.textContent = checks.map((checkpoint) => `${checkpoint.observation ? '◇' : checkpoint.holds ? '✔' : '✘'} ${checkpoint.id}`).join(' ');
      entry.append(verdicts);
    }
    entry.addEventListener('click', () => take(step.index));
    item.append(entry);
    byId('timeline').appendChild(item);
    return item;
  });

  let current = -1;
  // For a what-if, the diagram can show either history: the record's at the same date.
  let diagramHistory: 'whatIf' | 'base' = 'whatIf';
  const baseIndexAt = (date: string | undefined) => {
    if (date === undefined || !model.whatIf) return -1;
    let found = -1;
    model.whatIf.baseSteps.forEach((step, index) => {
      if (`${step.date}-01`.slice(0, 10) <= `${date}-01`.slice(0, 10)) found = index;
    });
    return found;
  };
  const activeAt = (index: number) => new Set(model.steps[index]?.active ?? model.initialActive);
  const baseActiveAt = (index: number) => new Set(model.whatIf?.baseSteps[index]?.active ?? model.whatIf?.baseInitialActive ?? []);
  /** Moves everything to just after event `index` (-1: the start); `active` overrides the diagram. */
  function show(index: number, active?: string[]): void {
    current = Math.max(-1, Math.min(model.steps.length - 1, index));
    const step: ViewerStep | undefined = model.steps[current];
    if (diagramHistory === 'base' && model.whatIf) {
      const baseIndex = baseIndexAt(step?.date);
      diagram.show(baseActiveAt(baseIndex), baseIndex >= 0 ? baseActiveAt(baseIndex - 1) : null);
    } else {
      const now = new Set(active ?? step?.active ?? model.initialActive);
      // What the last event entered: against the state before it, not whatever was shown before.
      diagram.show(now, step ? activeAt(current - 1) : null);
    }
    byId('diagram').dataset.history = diagramHistory;
    scrubber.value = String(current);
    scrubber.setAttribute(
      'aria-valuetext',
      step ? `event ${current + 1} of ${model.steps.length}, ${step.date}: ${step.description}` : 'the start, before any event',
    );
    items.forEach((item, at) => {
      item.classList.toggle('current', at === current);
      item.classList.toggle('future', at > current);
      const entry = item.firstElementChild as HTMLElement;
      if (at === current) entry.setAttribute('aria-current', 'step');
      else entry.removeAttribute('aria-current');
    });
    items[current]?.scrollIntoView({ block: 'nearest' });
    moveCursor(step?.date ? `${step.date}-01`.slice(0, 10) : null);
    const phase = step?.phase ?? model.initialPhase;
    byId('phase').textContent = `· ${PHASE_LABELS[phase] ?? phase}`;
    byId('phase').dataset.phase = phase;
    byId('position').textContent = step ? `${current + 1} / ${model.steps.length} · ${step.date}` : `start / ${model.steps.length}`;
    explainStep(
      byId('current'),
      step,
      model.checkpoints.filter((checkpoint) => checkpoint.afterIndex === current),
      PHASE_LABELS,
    );
    byId('announce').textContent = step ? `${step.date}: ${step.description}. Phase: ${PHASE_LABELS[step.phase]}.` : 'The start, before any event.';
    // The address names the step, so a reload or a shared link opens here.
    history.replaceState(null, '', `#step=${current + 1}${editsPart ? `&${editsPart}` : ''}`);
  }

  // Live events move the page only while the user follows them; any scrubbing takes over, and a
  // click on the live badge follows again.
  const live = byId<HTMLButtonElement>('live');
  let following = stepInAddress(model.steps.length) === undefined;
  let liveIndex = -1;
  let liveActive: string[] | undefined;
  let connected = false;
  function badge(): void {
    const where = liveIndex >= 0 ? `event ${liveIndex + 1} of ${model.steps.length}` : 'waiting';
    live.className = `live ${connected ? 'on' : 'off'}`;
    live.textContent = !serverPresent
      ? 'saved page'
      : connected
        ? `live: ${where}${following ? '' : ' · click to follow'}`
        : liveIndex >= 0
          ? `live run ended at ${where}`
          : 'live: waiting';
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
  byId('step').addEventListener('click', () => {
    stop();
    take(current + 1);
  });
  byId('back').addEventListener('click', () => {
    stop();
    take(current - 1);
  });
  byId('play').addEventListener('click', togglePlay);
  scrubber.addEventListener('input', () => {
    stop();
    take(Number(scrubber.value));
  });
  document.addEventListener('keydown', (event) => {
    // Form fields keep their keys (the slider moves itself with the arrows); so do buttons for
    // space and Enter, which press them. Everywhere else the arrows step and space plays.
    const target = event.target as HTMLElement | null;
    const field = target && (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable);
    if (field || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' && !event.shiftKey) {
      event.preventDefault();
      stop();
      take(current + 1);
    } else if (event.key === 'ArrowLeft' && !event.shiftKey) {
      event.preventDefault();
      stop();
      take(current - 1);
    } else if (event.key === ' ' && !['BUTTON', 'SUMMARY', 'A'].includes(target?.tagName ?? '')) {
      event.preventDefault();
      togglePlay();
    }
  });
  byId('zoom-in').addEventListener('click', () => diagram.zoom(1.25));
  byId('zoom-out').addEventListener('click', () => diagram.zoom(1 / 1.25));
  byId('zoom-fit').addEventListener('click', () => diagram.fit());
  // Every top-level region, to show any channel at a readable size.
  const regionChoice = byId<HTMLSelectElement>('region');
  for (const state of model.layout.states.filter((candidate) => candidate.depth === 1)) {
    const option = document.createElement('option');
    option.value = state.id;
    option.textContent = state.key;
    regionChoice.append(option);
  }
  regionChoice.addEventListener('change', () => {
    if (regionChoice.value) diagram.focus(regionChoice.value);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-focus]')) {
    button.addEventListener('click', () => diagram.focus(button.dataset.focus as string));
  }
  if (model.editor) {
    const editor = model.editor;
    drawEditorPanel(
      byId('editor'),
      editor,
      edits,
      { unread, unapplied: problems },
      {
        apply: (next) => {
          const part = editsForAddress(next);
          location.hash = `step=${current + 1}${part ? `&${part}` : ''}`;
          location.reload();
        },
        save: () => {
          // Only what the page shows is saved: nothing while the edits do not apply, or with none.
          const text = problems.length === 0 ? whatIfFile(model, edits) : undefined;
          if (text === undefined) {
            byId('announce').textContent = problems.length > 0 ? 'Nothing saved: the edits do not apply.' : 'Nothing saved: make an edit and replay it first.';
            return;
          }
          const link = document.createElement('a');
          link.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
          link.download = 'your-what-if.yaml';
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(link.href), 1000);
        },
      },
    );
  }
  if (model.whatIf) {
    drawWhatIfPanel(byId('whatif'), model.whatIf, (step, date) => take(step >= 0 ? step : lastStepBy(`${date}-01`.slice(0, 10))));
    byId('history-choice').hidden = false;
    const choice = byId<HTMLSelectElement>('history');
    choice.addEventListener('change', () => {
      diagramHistory = choice.value === 'base' ? 'base' : 'whatIf';
      show(current);
    });
  }
  const fileName = model.file.replace(/^.*\//, '').replace(/\.ya?ml$/, '') || 'thaw';
  const picture = (id: string) => byId(id).querySelector('svg') as SVGSVGElement;
  byId('diagram-svg').addEventListener('click', () => downloadSvg(picture('diagram'), css, `${fileName}-statechart`));
  byId('diagram-png').addEventListener('click', () => void downloadPng(picture('diagram'), css, `${fileName}-statechart`));
  byId('lanes-svg').addEventListener('click', () => downloadSvg(picture('lanes'), css, `${fileName}-channels`));
  byId('lanes-png').addEventListener('click', () => void downloadPng(picture('lanes'), css, `${fileName}-channels`));
  window.addEventListener('hashchange', () => {
    // Other edits in the address are another history: the page is built anew for them.
    const now = editsInAddress(location.hash)?.edits ?? NO_EDITS;
    if (editsForAddress(now) !== editsForAddress(edits)) return location.reload();
    const wanted = stepInAddress(model.steps.length);
    if (wanted !== undefined && wanted !== current) take(wanted);
  });

  show(stepInAddress(model.steps.length) ?? -1);
  badge();
  document.body.dataset.ready = 'true';
  if (!serverPresent) return;

  // Live: the inspection events `thaw inspect` sends through the server, as the Stately inspector would get them.
  const socket = new WebSocket(`ws://${location.host}/ws`);
  socket.addEventListener('open', () => {
    connected = true;
    badge();
  });
  socket.addEventListener('close', () => {
    connected = false;
    badge();
  });
  // A viewer that connects late is sent the whole run at once: draw the newest step once per
  // frame rather than every step in turn (each draw lays the page out again). The badge and the
  // live step are kept at once, so a tab in the background (no frames) still says where the run is.
  let drawScheduled = false;
  const drawLive = () => {
    if (liveIndex >= 0) document.body.dataset.liveStep = String(liveIndex);
    badge();
    if (drawScheduled) return;
    drawScheduled = true;
    requestAnimationFrame(() => {
      drawScheduled = false;
      if (following) show(liveIndex, liveActive);
    });
  };
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
    } else if (event?.type === '@xstate.snapshot' && event.snapshot?.value !== undefined && event.snapshot.value !== null) {
      const key = canonical(event.event);
      const next = eventKeys.findIndex((candidate, index) => index > liveIndex && candidate === key);
      const index = next >= 0 ? next : eventKeys.indexOf(key);
      if (index < 0) return;
      liveIndex = index;
      liveActive = activeStateIds(event.snapshot.value as Parameters<typeof activeStateIds>[0]);
    } else return;
    drawLive();
  });
}

main().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  byId('current').textContent = `The viewer could not start: ${String(error)}`;
});
