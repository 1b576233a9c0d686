import type { DiagramLayout } from '../layout.js';
import { svg } from './svg.js';

/** Draws the laid-out statechart; returns a function that lights up the active states. */
export function drawDiagram(container: HTMLElement, layout: DiagramLayout): (active: ReadonlySet<string>) => void {
  const root = svg('svg', { width: Math.ceil(layout.width), height: Math.ceil(layout.height), viewBox: `0 0 ${layout.width} ${layout.height}` });
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 6, markerHeight: 6, orient: 'auto' }, svg('defs', {}, root));
  svg('path', { d: 'M0,0 L8,4 L0,8 z', fill: '#aaa' }, marker);

  const groups = new Map<string, SVGGElement>();
  // Outer states first, so substates are drawn on top of their parents.
  for (const state of [...layout.states].sort((a, b) => a.depth - b.depth)) {
    const group = svg('g', { class: `state ${state.type}`, 'data-id': state.id }, root);
    svg('rect', { x: state.x, y: state.y, width: state.width, height: state.height }, group);
    const label = svg('text', state.type === 'atomic' ? { x: state.x + state.width / 2, y: state.y + 17, 'text-anchor': 'middle' } : { x: state.x + 6, y: state.y + 15 }, group);
    label.textContent = state.key;
    svg('title', {}, group).textContent = state.id;
    groups.set(state.id, group);
  }
  for (const edge of layout.edges) {
    const group = svg('g', { class: 'edge', 'data-source': edge.source, 'data-target': edge.target }, root);
    svg('path', { d: edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ') }, group);
    if (edge.label) svg('text', { x: edge.label.x, y: edge.label.y }, group).textContent = edge.event;
    svg('title', {}, group).textContent = edge.title;
  }
  container.replaceChildren(root);

  return (active) => {
    for (const [id, group] of groups) group.classList.toggle('active', active.has(id));
  };
}
