import type { DiagramLayout } from '../layout.js';
import { svg } from './svg.js';

/** The diagram's controls: light up states, zoom, pan, and show one region. */
export interface Diagram {
  /** Lights the active states, and marks those just entered and the transitions just taken. */
  show(active: ReadonlySet<string>, previous: ReadonlySet<string> | null): void;
  /** Zooms by a factor about the view's centre (or a point in diagram coordinates). */
  zoom(factor: number, about?: { x: number; y: number }): void;
  /** Moves the view by a fraction of its size. */
  pan(dx: number, dy: number): void;
  /** Shows the whole diagram. */
  fit(): void;
  /** Shows one state (a region, say) filling the view. */
  focus(id: string): void;
  /** The part of the diagram in view, in its own coordinates. */
  view(): { x: number; y: number; width: number; height: number };
}

// How the diagram opens: on the phase, the result, with what the layout puts beside it (the
// agreement and the offices: see layout.ts), at a size where labels can be read.
const OPENING = ['thaw.phase'];

/**
 * Draws the laid-out statechart, zoomable (wheel, drag, the buttons, + - 0 keys) and with a
 * click on a region to show it; opens on the phase and the offices rather than the whole chart,
 * whose labels are unreadable at that size.
 */
export function drawDiagram(container: HTMLElement, layout: DiagramLayout): Diagram {
  const root = svg('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'img',
    'aria-label': 'The statechart: states active after the current event are lit',
    tabindex: 0,
  });
  svg('title', {}, root).textContent = 'The relationship statechart';
  const defs = svg('defs', {}, root);
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 6, markerHeight: 6, orient: 'auto' }, defs);
  svg('path', { d: 'M0,0 L8,4 L0,8 z', fill: '#888' }, marker);
  const takenMarker = svg('marker', { id: 'arrow-taken', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 6, markerHeight: 6, orient: 'auto' }, defs);
  svg('path', { d: 'M0,0 L8,4 L0,8 z', fill: '#c2410c' }, takenMarker);

  const groups = new Map<string, SVGGElement>();
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  // Outer states first, so substates are drawn on top of their parents.
  for (const state of [...layout.states].sort((a, b) => a.depth - b.depth)) {
    const group = svg('g', { class: `state ${state.type}`, 'data-id': state.id }, root);
    svg('rect', { x: state.x, y: state.y, width: state.width, height: state.height }, group);
    const label = svg(
      'text',
      state.type === 'atomic' ? { x: state.x + state.width / 2, y: state.y + 17, 'text-anchor': 'middle' } : { x: state.x + 6, y: state.y + 15 },
      group,
    );
    label.textContent = state.key;
    svg('title', {}, group).textContent = state.type === 'atomic' ? state.id : `${state.id} (click to show it)`;
    groups.set(state.id, group);
    boxes.set(state.id, state);
  }
  const edges = layout.edges.map((edge) => {
    const group = svg('g', { class: 'edge', 'data-source': edge.source, 'data-target': edge.target }, root);
    svg('path', { d: edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ') }, group);
    if (edge.label) svg('text', { x: edge.label.x, y: edge.label.y }, group).textContent = edge.event;
    svg('title', {}, group).textContent = edge.title;
    return { group, source: edge.source, target: edge.target };
  });
  container.replaceChildren(root);

  let box = { x: 0, y: 0, width: layout.width, height: layout.height };
  const apply = () => root.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${box.height}`);
  const aspect = () => {
    const rect = container.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 ? rect.height / rect.width : 0.6;
  };
  // A box around `target`, shaped like the panel, with a margin; with `readable`, never so large
  // that the labels shrink below their size (the view then starts at the target's top left).
  const frame = (target: { x: number; y: number; width: number; height: number }, readable = false) => {
    const rect = container.getBoundingClientRect();
    const ratio = aspect();
    let width = target.width + 20;
    let height = target.height + 20;
    if (height / width < ratio) height = width * ratio;
    else width = height / ratio;
    if (readable && rect.width > 0 && width > rect.width) {
      width = rect.width;
      height = width * ratio;
      box = { x: target.x - 10, y: target.y - 10, width, height };
    } else {
      box = { x: target.x + target.width / 2 - width / 2, y: target.y + target.height / 2 - height / 2, width, height };
    }
    apply();
  };
  const union = (ids: string[]) => {
    const found = ids.map((id) => boxes.get(id)).filter((found): found is NonNullable<typeof found> => found !== undefined);
    if (found.length === 0) return { x: 0, y: 0, width: layout.width, height: layout.height };
    const left = Math.min(...found.map((part) => part.x));
    const top = Math.min(...found.map((part) => part.y));
    return {
      x: left,
      y: top,
      width: Math.max(...found.map((part) => part.x + part.width)) - left,
      height: Math.max(...found.map((part) => part.y + part.height)) - top,
    };
  };

  const diagram: Diagram = {
    show(active, previous) {
      for (const [id, group] of groups) {
        const on = active.has(id);
        group.classList.toggle('active', on);
        group.classList.toggle('entered', on && previous !== null && !previous.has(id));
      }
      for (const edge of edges) {
        const taken = previous !== null && previous.has(edge.source) && !active.has(edge.source) && active.has(edge.target) && !previous.has(edge.target);
        edge.group.classList.toggle('taken', taken);
      }
    },
    zoom(factor, about) {
      const centre = about ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const width = Math.min(layout.width * 4, Math.max(80, box.width / factor));
      const height = width * (box.height / box.width);
      box = { x: centre.x - ((centre.x - box.x) * width) / box.width, y: centre.y - ((centre.y - box.y) * height) / box.height, width, height };
      apply();
    },
    pan(dx, dy) {
      box = { ...box, x: box.x + dx * box.width, y: box.y + dy * box.height };
      apply();
    },
    fit() {
      frame({ x: 0, y: 0, width: layout.width, height: layout.height });
    },
    focus(id) {
      frame(union([id]), true);
    },
    view: () => ({ ...box }),
  };

  // Wheel zooms about the pointer; a drag pans; a click (not a drag) on a region shows it.
  const toDiagram = (clientX: number, clientY: number) => {
    const rect = root.getBoundingClientRect();
    return { x: box.x + ((clientX - rect.left) / rect.width) * box.width, y: box.y + ((clientY - rect.top) / rect.height) * box.height };
  };
  root.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      diagram.zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, toDiagram(event.clientX, event.clientY));
    },
    { passive: false },
  );
  let drag: { x: number; y: number; moved: boolean } | null = null;
  root.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, moved: false };
  });
  root.addEventListener('pointermove', (event) => {
    if (!drag || (event.buttons & 1) === 0) return;
    const rect = root.getBoundingClientRect();
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    diagram.pan(-dx / rect.width, -dy / rect.height);
    drag = { x: event.clientX, y: event.clientY, moved: true };
  });
  root.addEventListener('click', (event) => {
    const dragged = drag?.moved;
    drag = null;
    if (dragged) return;
    const group = (event.target as Element).closest('g.state');
    const id = group?.getAttribute('data-id');
    if (id && !group?.classList.contains('atomic')) diagram.focus(id);
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === '+' || event.key === '=') diagram.zoom(1.25);
    else if (event.key === '-') diagram.zoom(1 / 1.25);
    else if (event.key === '0') diagram.fit();
    else if (event.shiftKey && event.key.startsWith('Arrow')) {
      const step = 0.15;
      diagram.pan(
        event.key === 'ArrowLeft' ? -step : event.key === 'ArrowRight' ? step : 0,
        event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0,
      );
    } else return;
    // Handled here: the page's own keys (stepping with the arrows) are not for these.
    event.preventDefault();
    event.stopPropagation();
  });
  // Opens on the result: the phase, the agreement and the ministers.
  requestAnimationFrame(() => frame(union(OPENING), true));
  frame(union(OPENING), true);
  return diagram;
}
