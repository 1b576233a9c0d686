import { PHASE_LABELS } from '../../vocabulary/channels.js';
import type { ViewerModel, ViewerStep } from '../viewerModel.js';
import { drawDiagram } from './diagram.js';
import { wireDiagramControls } from './diagramControls.js';
import { wireDownloads } from './download.js';
import { editedModel, editProblems, editsForAddress, editsInAddress, isEmpty, NO_EDITS } from './editor.js';
import { drawPageEditor } from './editorPanel.js';
import { explainStep } from './explain.js';
import { drawLanes } from './lanes.js';
import { listenLive } from './live.js';
import { wirePlayback } from './playback.js';
import { drawTimeline } from './timeline.js';
import { drawWhatIfPanel } from './whatIfPanel.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

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
  const lastStepBy = (date: string) => {
    let found = -1;
    model.steps.forEach((step, index) => {
      if (`${step.date}-01`.slice(0, 10) <= date) found = index;
    });
    return found;
  };

  const items = drawTimeline(byId('timeline'), model, (index) => take(index));

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

  wirePlayback(scrubber, { last: model.steps.length - 1, current: () => current, take, show });
  wireDiagramControls(model, diagram);
  if (model.editor) drawPageEditor(model, edits, { unread, unapplied: problems }, () => current);
  if (model.whatIf) {
    drawWhatIfPanel(byId('whatif'), model.whatIf, (step, date) => take(step >= 0 ? step : lastStepBy(`${date}-01`.slice(0, 10))));
    byId('history-choice').hidden = false;
    const choice = byId<HTMLSelectElement>('history');
    choice.addEventListener('change', () => {
      diagramHistory = choice.value === 'base' ? 'base' : 'whatIf';
      show(current);
    });
  }
  wireDownloads(model.file, css);
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
  listenLive(
    `ws://${location.host}/ws`,
    model.steps.map((step) => step.machineEvent),
    {
      connection: (open) => {
        connected = open;
        badge();
      },
      step: (index, active) => {
        liveIndex = index;
        liveActive = active;
        drawLive();
      },
    },
  );
}

main().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  byId('current').textContent = `The viewer could not start: ${String(error)}`;
});
