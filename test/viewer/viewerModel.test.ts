import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { swimlanes } from '../../src/data/swimlanes.js';
import { machineGraph } from '../../src/export/machineGraph.js';
import { readScenario, replay } from '../../src/index.js';
import { activeStateIds } from '../../src/machine/stateIds.js';
import { layoutDiagram } from '../../src/viewer/layout.js';
import { startViewerServer } from '../../src/viewer/server.js';
import { viewerModel, viewerSteps } from '../../src/viewer/viewerModel.js';

// The server's tests need a model, not the statechart's layout (which takes ELK a second).
const NO_LAYOUT = { width: 0, height: 0, states: [], edges: [] };

const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const run = replay(record);

describe('activeStateIds', () => {
  it('should list every active state from a state value, ancestors included', () => {
    expect(activeStateIds({ ministerial: { link: { reopened: 'contactHeld' } }, phase: 'normal' })).toEqual([
      'thaw',
      'thaw.ministerial',
      'thaw.ministerial.link',
      'thaw.ministerial.link.reopened',
      'thaw.ministerial.link.reopened.contactHeld',
      'thaw.phase',
      'thaw.phase.normal',
    ]);
  });
});

describe('viewerSteps', () => {
  it('should mark how each event is known, and give the article as the date it reported', () => {
    const steps = viewerSteps(run);
    const step = (id: string) => steps.find((found) => found.id === id);
    expect(step('balloon-call-declined')).toMatchObject({ basis: 'outside', quote: null, outlet: null });
    expect(step('balloon-call-declined')?.outside[0]).toMatch(/^On 4 February 2023, .* — CNN, 2023-02-07$/);
    expect(step('ministers-call-expected')).toMatchObject({ basis: 'inferred', inferred: expect.stringMatching(/^China's agreement to the call/) });
    expect(step('austin-dong-call')).toMatchObject({ basis: 'reported', outlet: 'Financial Times (reworded copy), reported 2024-04' });
    // A text with no headline of its own shows the description in brackets.
    expect(step('austin-dong-call')?.source?.headline).toMatch(/^\[.+\]$/);
    expect(step('jakarta-request')?.source?.headline).toMatch(/^[^[].*[^\]]$/);
  });
});

describe('swimlanes', () => {
  const lanes = swimlanes(run, 'record');

  it('should start a month before the first change of phase, not at the 2018 starting conditions', () => {
    expect(lanes.start).toBe('2022-07-01');
    expect(lanes.end).toBe('2024-05-16');
  });

  it('should never draw time backwards when a day-dated event follows a month-dated one', () => {
    const mixed = replay({ ...record, events: record.events.map((event) => (event.id === 'chase-liu-meeting' ? { ...event, date: '2023-11-20' } : event)) });
    for (const lane of swimlanes(mixed, 'mixed').lanes) for (const segment of lane.links) expect(segment.to >= segment.from).toBe(true);
    const attache = swimlanes(mixed, 'mixed').lanes.find((lane) => lane.channel === 'attache');
    expect(attache?.links.at(-1)).toMatchObject({ value: 'reopened.contactHeld', from: '2023-11-20' });
  });

  it("should give each channel's link states in order, as contiguous segments", () => {
    const ministerial = lanes.lanes.find((lane) => lane.channel === 'ministerial');
    expect(ministerial?.links.map((segment) => [segment.value, segment.from])).toEqual([
      ['open.contactHeld', '2022-07-01'],
      ['refused', '2023-02-04'],
      ['reopened.contactHeld', '2024-04-16'],
    ]);
    for (const lane of lanes.lanes) {
      lane.links.forEach((segment, index) => expect(segment.from).toBe(index === 0 ? lanes.start : lane.links[index - 1]?.to));
      expect(lane.links.at(-1)?.to).toBe(lanes.end);
    }
  });
});

function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/api/model', headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

const opened = (socket: WebSocket) =>
  new Promise<'open' | 'refused'>((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('error', () => resolve('refused'));
  });

describe('the viewer server', () => {
  it('should relay only what the inspector sends, and refuse sockets from other sites', async () => {
    const server = await startViewerServer({ model: viewerModel({ run, file: 'scenarios/record.yaml', layout: NO_LAYOUT }) });
    const viewerUrl = `ws://127.0.0.1:${server.port}/ws`;
    try {
      const foreign = new WebSocket(viewerUrl, { origin: 'https://evil.example' });
      expect(await opened(foreign)).toBe('refused');

      const viewer = new WebSocket(viewerUrl, { origin: `http://127.0.0.1:${server.port}` });
      const received: string[] = [];
      viewer.on('message', (data) => received.push(String(data)));
      expect(await opened(viewer)).toBe('open');
      // A viewer cannot inject events into the stream...
      viewer.send('{"type":"@xstate.snapshot","snapshot":{"value":"fake"}}');
      // ...but the inspector's events reach it.
      const inspector = new WebSocket(server.inspectUrl);
      expect(await opened(inspector)).toBe('open');
      inspector.send('{"type":"@xstate.actor","name":"thaw"}');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toEqual(['{"type":"@xstate.actor","name":"thaw"}']);
      viewer.close();
      inspector.close();
    } finally {
      await server.close();
    }
  });

  it('should serve the model and its own scripts on 127.0.0.1, and nothing else', async () => {
    const server = await startViewerServer({ model: viewerModel({ run, file: 'scenarios/record.yaml', layout: await layoutDiagram(machineGraph()) }) });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const model = await (await fetch(`${server.url}api/model`)).json();
      expect(model.steps).toHaveLength(record.events.length);
      expect(model.layout.states.length).toBeGreaterThan(100);
      expect((await fetch(`${server.url}viewer/main.js`)).status).toBe(200);
      expect((await fetch(`${server.url}viewer/../../package.json`)).status).toBe(404);
      expect((await fetch(`${server.url}README.md`)).status).toBe(404);
      expect((await fetch(`${server.url}api/model`, { method: 'POST' })).status).toBe(405);
      // Another site's name for this address (DNS rebinding) is refused.
      expect(await statusWithHost(server.port, 'evil.example')).toBe(403);
      expect(await statusWithHost(server.port, `127.0.0.1:${server.port}`)).toBe(200);
    } finally {
      await server.close();
    }
  });
});
