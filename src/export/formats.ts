import { allStates, edgeLabel, eventTypesOf, type GraphEdge, type GraphState, localEdges, type MachineGraph, mergeLabels } from './machineGraph.js';

/** The diagram formats `thaw export` writes. */
export const EXPORT_FORMATS = ['mermaid', 'dot', 'scxml', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Mermaid `stateDiagram-v2`. Mermaid draws a transition only between states of the same
 * composite, so transitions are drawn as `localEdges` gives them. Pure.
 */
export function toMermaid(graph: MachineGraph): string {
  const name = (id: string) => id.replace(/[^A-Za-z0-9]/g, '_');
  const label = (text: string) => text.replace(/[:;{}#]/g, ' ');
  const blocks = new Map<string, string[]>();
  for (const edge of localEdges(graph)) {
    blocks.set(edge.parent, [...(blocks.get(edge.parent) ?? []), `${name(edge.source)} --> ${name(edge.target)} : ${label(edge.label)}`]);
  }

  const lines = ['stateDiagram-v2'];
  const render = (state: GraphState, depth: number) => {
    const pad = '  '.repeat(depth);
    if (state.children.length === 0) {
      lines.push(`${pad}state "${state.key}" as ${name(state.id)}`);
      return;
    }
    lines.push(`${pad}state "${state.key}" as ${name(state.id)} {`);
    state.children.forEach((child, index) => {
      if (state.type === 'parallel' && index > 0) lines.push(`${pad}  --`);
      render(child, depth + 1);
    });
    if (state.initial) lines.push(`${pad}  [*] --> ${name(state.initial)}`);
    for (const line of blocks.get(state.id) ?? []) lines.push(`${pad}  ${line}`);
    lines.push(`${pad}}`);
  };
  render(graph.root, 1);
  return lines.join('\n');
}

const dotString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Graphviz DOT: composite states as clusters (parallel regions dashed), each with a small
 * anchor node where the transitions that start or end at the composite itself attach.
 * Targetless transitions are left out. Pure.
 */
export function toDot(graph: MachineGraph): string {
  // newrank: the classic ranking fails on edges into nested clusters ("trouble in init_rank").
  const lines = [
    'digraph thaw {',
    '  newrank=true;',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const byId = new Map(allStates(graph.root).map((state) => [state.id, state]));
  const anchor = (state: GraphState) => (state.children.length === 0 ? state.id : `${state.id}#anchor`);
  const render = (state: GraphState, depth: number) => {
    const pad = '  '.repeat(depth);
    if (state.children.length === 0) {
      lines.push(`${pad}${dotString(state.id)} [label=${dotString(state.key)}];`);
      return;
    }
    lines.push(`${pad}subgraph ${dotString(`cluster_${state.id}`)} {`, `${pad}  label=${dotString(state.key)};`);
    if (state.type === 'parallel') lines.push(`${pad}  style=dashed;`);
    lines.push(`${pad}  ${dotString(anchor(state))} [shape=point, width=0.05, label=""];`);
    for (const child of state.children) render(child, depth + 1);
    lines.push(`${pad}}`);
  };
  render(graph.root, 1);
  const drawn = mergeLabels(
    graph.edges.filter((edge) => !edge.internal).map((edge) => ({ source: edge.source, target: edge.target, edge, label: edgeLabel(edge) })),
    eventTypesOf(graph),
  );
  for (const { edge, label } of drawn) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    // No lhead/ltail clipping: with nested clusters it sends dot's ranking into errors.
    lines.push(`  ${dotString(anchor(source))} -> ${dotString(anchor(target))} [label=${dotString(label)}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * SCXML (W3C): one `<state>` or `<parallel>` per machine state, transitions inside their
 * source state with `event`, `cond` (the guard's name) and `target`; eventless transitions have
 * no `event`, targetless ones are `type="internal"` with no `target`. Pure.
 */
export function toScxml(graph: MachineGraph): string {
  const bySource = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) bySource.set(edge.source, [...(bySource.get(edge.source) ?? []), edge]);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" name="${xml(graph.root.key)}" initial="${xml(graph.root.id)}">`,
  ];
  const render = (state: GraphState, depth: number) => {
    const pad = '  '.repeat(depth);
    const element = state.type === 'parallel' ? 'parallel' : 'state';
    const initial = state.initial ? ` initial="${xml(state.initial)}"` : '';
    const transitions = (bySource.get(state.id) ?? []).map((edge) => {
      const event = edge.event ? ` event="${xml(edge.event)}"` : '';
      const cond = edge.guard ? ` cond="${xml(edge.guard)}"` : '';
      const target = edge.internal ? ' type="internal"' : ` target="${xml(edge.target)}"`;
      return `${pad}  <transition${event}${cond}${target}/>`;
    });
    if (state.children.length === 0 && transitions.length === 0) {
      lines.push(`${pad}<${element} id="${xml(state.id)}"/>`);
      return;
    }
    lines.push(`${pad}<${element} id="${xml(state.id)}"${initial}>`, ...transitions);
    for (const child of state.children) render(child, depth + 1);
    lines.push(`${pad}</${element}>`);
  };
  render(graph.root, 1);
  lines.push('</scxml>');
  return lines.join('\n');
}

/** The diagram in one of the export formats. Pure. */
export function exportDiagram(graph: MachineGraph, format: ExportFormat): string {
  switch (format) {
    case 'mermaid':
      return toMermaid(graph);
    case 'dot':
      return toDot(graph);
    case 'scxml':
      return toScxml(graph);
    case 'json':
      return JSON.stringify(graph, null, 2);
  }
}
