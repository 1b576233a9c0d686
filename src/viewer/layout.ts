import { createRequire } from 'node:module';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { type GraphState, localEdges, type MachineGraph } from '../export/machineGraph.js';

/** A state placed on the diagram, in absolute coordinates. */
export interface PlacedState {
  id: string;
  key: string;
  type: GraphState['type'];
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A transition placed on the diagram: a polyline and its label's position. */
export interface PlacedEdge {
  id: string;
  source: string;
  target: string;
  event: string;
  /** The full label, with the guard, for a tooltip. */
  title: string;
  points: Array<{ x: number; y: number }>;
  label?: { x: number; y: number };
}

/** The whole statechart laid out: what the viewer draws. */
export interface DiagramLayout {
  width: number;
  height: number;
  states: PlacedState[];
  edges: PlacedEdge[];
}

// elkjs is CommonJS whose typings declare an ES default export; require() sidesteps the mismatch.
const ELK = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new () => { layout(graph: ElkNode): Promise<ElkNode> };

// The result first: the phase, then the agreement and the office holders, then the channels.
const FIRST = ['phase', 'agreement', 'usDefenseSecretary', 'prcDefenseMinister', 'usJointChiefsChairman', 'prcJointStaffChief', 'ledger'];
const readingOrder = (key: string) => (FIRST.includes(key) ? FIRST.indexOf(key) : FIRST.length);

const CHAR = 6.5;
const LEAF_HEIGHT = 26;
const eventText = (event: string) => event || 'always';

/**
 * Lays the statechart out with ELK: parallel states pack their regions side by side
 * (rectangle packing), compound states lay their substates out in layers along their
 * transitions, each composite on its own, so every drawn edge stays inside one composite (see
 * `localEdges`).
 */
export async function layoutDiagram(graph: MachineGraph): Promise<DiagramLayout> {
  const edgesByParent = new Map<string, ElkExtendedEdge[]>();
  const titles = new Map<string, { source: string; target: string; event: string; title: string }>();
  localEdges(graph).forEach((local, index) => {
    const id = `e${index}`;
    const text = eventText(local.edge.event);
    titles.set(id, { source: local.source, target: local.target, event: text, title: local.label });
    const edge: ElkExtendedEdge = {
      id,
      sources: [local.source],
      targets: [local.target],
      labels: [{ text, width: text.length * CHAR, height: 12 }],
    };
    edgesByParent.set(local.parent, [...(edgesByParent.get(local.parent) ?? []), edge]);
  });

  const toElk = (state: GraphState): ElkNode => {
    if (state.children.length === 0) return { id: state.id, width: Math.max(48, state.key.length * CHAR + 20), height: LEAF_HEIGHT };
    const packed = state.type === 'parallel';
    return {
      id: state.id,
      layoutOptions: {
        'elk.algorithm': packed ? 'rectpacking' : 'layered',
        'elk.direction': 'RIGHT',
        'elk.padding': '[top=24,left=10,bottom=10,right=10]',
        'elk.spacing.nodeNode': packed ? '14' : '22',
        'elk.layered.spacing.nodeNodeBetweenLayers': '46',
        'elk.edgeLabels.placement': 'CENTER',
        ...(packed ? { 'elk.aspectRatio': state.id === graph.root.id ? '1.6' : '3' } : {}),
      },
      children: (state.id === graph.root.id ? [...state.children].sort((a, b) => readingOrder(a.key) - readingOrder(b.key)) : state.children).map(toElk),
      edges: edgesByParent.get(state.id) ?? [],
    };
  };

  const laid = await new ELK().layout(toElk(graph.root));
  const byId = new Map<string, GraphState>();
  const index = (state: GraphState) => {
    byId.set(state.id, state);
    state.children.forEach(index);
  };
  index(graph.root);

  const states: PlacedState[] = [];
  const edges: PlacedEdge[] = [];
  const walk = (node: ElkNode, offsetX: number, offsetY: number, depth: number) => {
    const x = offsetX + (node.x ?? 0);
    const y = offsetY + (node.y ?? 0);
    const state = byId.get(node.id);
    if (state) states.push({ id: state.id, key: state.key, type: state.type, depth, x, y, width: node.width ?? 0, height: node.height ?? 0 });
    // Edge coordinates are relative to the composite that holds them.
    for (const edge of node.edges ?? []) {
      const info = titles.get(edge.id);
      const section = (edge as ElkExtendedEdge).sections?.[0];
      if (!info || !section) continue;
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((point) => ({ x: x + point.x, y: y + point.y }));
      const label = (edge as ElkExtendedEdge).labels?.[0];
      edges.push({ id: edge.id, ...info, points, ...(label ? { label: { x: x + (label.x ?? 0), y: y + (label.y ?? 0) + 9 } } : {}) });
    }
    for (const child of node.children ?? []) walk(child, x, y, depth + 1);
  };
  walk(laid, 0, 0, 0);
  return { width: laid.width ?? 0, height: laid.height ?? 0, states, edges };
}
