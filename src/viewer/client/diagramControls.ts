// The statechart's controls: zoom, and a region (or a channel's button) brought into view.
import type { ViewerModel } from '../viewerModel.js';
import type { drawDiagram } from './diagram.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Wires the zoom buttons, the region list (every top-level region) and the channel buttons to the diagram. */
export function wireDiagramControls(model: ViewerModel, diagram: ReturnType<typeof drawDiagram>): void {
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
}
