import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario, replay } from '../../src/index.js';
import { activeStateIds } from '../../src/viewer/client/stateIds.js';
import { startViewerServer } from '../../src/viewer/server.js';
import { swimlanes, viewerModel } from '../../src/viewer/viewerModel.js';

const record = readScenario(join(import.meta.dirname, '..', '..', 'scenarios', 'record.yaml'), { sourcesDir: null });
const run = replay(record);

describe('activeStateIds', () => {
  it('should list every active state from a state value, ancestors included', () => {
    expect(activeStateIds({ seat: { held: 'clear' }, phase: 'beforeFreeze' })).toEqual([
      'thaw',
      'thaw.seat',
      'thaw.seat.held',
      'thaw.seat.held.clear',
      'thaw.phase',
      'thaw.phase.beforeFreeze',
    ]);
  });
});

describe('swimlanes', () => {
  const lanes = swimlanes(run, 'record');

  it('should start a month before the first change of phase, not at the 2018 starting conditions', () => {
    expect(lanes.start).toBe('2022-07-01');
    expect(lanes.end).toBe('2024-05-30');
  });

  it("should give each channel's link states in order, as contiguous segments", () => {
    const ministerial = lanes.lanes.find((lane) => lane.channel === 'ministerial');
    expect(ministerial?.links.map((segment) => [segment.value, segment.from])).toEqual([
      ['open.quiet', '2022-07-01'],
      ['suspended', '2022-08-01'],
      ['reopened.contactHeld', '2024-04-01'],
    ]);
    for (const lane of lanes.lanes) {
      lane.links.forEach((segment, index) => expect(segment.from).toBe(index === 0 ? lanes.start : lane.links[index - 1]?.to));
      expect(lane.links.at(-1)?.to).toBe(lanes.end);
    }
  });
});

describe('the viewer server', () => {
  it('should serve the model and its own scripts on 127.0.0.1, and nothing else', async () => {
    const server = await startViewerServer({ model: await viewerModel({ run, file: 'scenarios/record.yaml' }) });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const model = await (await fetch(`${server.url}api/model`)).json();
      expect(model.steps).toHaveLength(record.events.length);
      expect(model.layout.states.length).toBeGreaterThan(100);
      expect((await fetch(`${server.url}viewer/main.js`)).status).toBe(200);
      expect((await fetch(`${server.url}viewer/../../package.json`)).status).toBe(404);
      expect((await fetch(`${server.url}README.md`)).status).toBe(404);
      expect((await fetch(`${server.url}api/model`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
