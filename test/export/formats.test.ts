import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { exportDiagram, toDot, toMermaid, toScxml } from '../../src/export/formats.js';
import { allStates, machineGraph } from '../../src/export/machineGraph.js';
import { relationshipMachine } from '../../src/index.js';

// Every state of the machine, read from xstate's own state nodes rather than from the graph.
function machineStateIds(node: AnyStateNode = relationshipMachine.root): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => machineStateIds(child as AnyStateNode))];
}
const graph = machineGraph();
const ids = machineStateIds();

describe('machineGraph', () => {
  it('should hold every state of the machine, once', () => {
    expect(
      allStates(graph.root)
        .map((state) => state.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('should include the eventless phase transitions that toDirectedGraph leaves out', () => {
    const phaseEdges = graph.edges.filter((edge) => edge.event === '' && edge.source.startsWith('thaw.phase.'));
    expect(phaseEdges).toHaveLength(12);
    expect(phaseEdges).toContainEqual(
      expect.objectContaining({
        source: 'thaw.phase.channelsSuspended',
        target: 'thaw.phase.partiallyRestored',
        guard: 'and(not(noChannelShut), not(ministerialLive), someChannelRestored)',
      }),
    );
  });

  it('should name guards, composed ones included, and mark targetless transitions', () => {
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        source: 'thaw.ministerial.link.suspended',
        target: 'thaw.ministerial.link.reopened.contactHeld',
        event: 'contact.held',
        internal: false,
      }),
    );
    expect(graph.edges.filter((edge) => edge.internal).every((edge) => edge.source === edge.target)).toBe(true);
    expect(graph.edges.every((edge) => ids.includes(edge.source) && ids.includes(edge.target))).toBe(true);
  });
});

describe('exports', () => {
  it('should write SCXML that is well-formed XML with one state or parallel per machine state', () => {
    const text = toScxml(graph);
    expect(XMLValidator.validate(text)).toBe(true);
    const found: string[] = [];
    const targets: string[] = [];
    const walk = (element: Record<string, unknown>) => {
      for (const [tag, children] of Object.entries(element)) {
        if (tag === ':@' || !Array.isArray(children)) continue;
        const attributes = (element[':@'] ?? {}) as Record<string, string>;
        if (tag === 'state' || tag === 'parallel') found.push(attributes['@_id'] as string);
        if (tag === 'transition' && attributes['@_target']) targets.push(attributes['@_target']);
        for (const child of children) walk(child as Record<string, unknown>);
      }
    };
    for (const top of new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(text)) walk(top);
    expect(found.sort()).toEqual([...ids].sort());
    expect(targets.every((target) => ids.includes(target))).toBe(true);
  });

  it('should write DOT that Graphviz lays out, with every atomic state drawn', async () => {
    const graphviz = await Graphviz.load();
    const svg = graphviz.dot(toDot(graph));
    for (const state of allStates(graph.root).filter((each) => each.children.length === 0)) {
      expect(svg).toContain(`<title>${state.id}</title>`);
    }
  });

  it('should write Mermaid with a composite per compound state and parallel regions split by --', () => {
    const text = toMermaid(graph);
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('state "ministerial" as thaw_ministerial {');
    // suspended → reopened.contactHeld crosses into a composite, so it is drawn to the composite.
    // Transitions with the same ends are drawn once, naming their events under each guard.
    expect(text).toContain('thaw_ministerial_link_suspended --> thaw_ministerial_link_reopened : channel.restored [isAbout] / contact.held [countsAsContact]');
    expect(text).toContain('thaw_ministerial_request_pending --> thaw_ministerial_request_lapsed : any event [requestOverdue]');
    // Mermaid refuses to draw text over 50,000 characters by default.
    expect(text.length).toBeLessThan(50_000);
    // Fourteen regions at the top (seven channels, four offices, agreement, ledger, phase), two in each channel.
    expect(text.split('\n').filter((line) => line.trim() === '--')).toHaveLength(13 + 7);
  });

  it('should write JSON that is the graph itself', () => {
    expect(JSON.parse(exportDiagram(graph, 'json'))).toEqual(JSON.parse(JSON.stringify(graph)));
  });
});
