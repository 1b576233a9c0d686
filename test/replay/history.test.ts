import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXIT } from '../../src/cli/exitCodes.js';
import type { Comparison } from '../../src/compare/comparison.js';
import { readScenario } from '../../src/index.js';
import { pageModel } from '../../src/viewer/pageModel.js';
import { root, thaw } from '../support/thaw.js';

// The history library's own tests: they read scenarios/history/, so correcting history touches
// them and no unit test. That every episode replays to its checkpoints is scenarios.test.ts's.
const folder = join(root, 'scenarios', 'history');
const episodes = readdirSync(folder)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

interface RawFact {
  outlet?: string;
  url?: string;
  quote?: string;
}
interface RawEvent {
  id: string;
  source?: unknown;
  outside?: RawFact[];
  inferred?: string;
  hypothetical?: string;
}

describe('the history library (scenarios/history/)', () => {
  it('should hold the record to the present and, at least, the freezes of 1989, 1995–96, 1999, 2001 and 2010', () => {
    for (const year of ['present', '1989', '1995', '1999', '2001', '2010'])
      expect(
        episodes.some((name) => name.startsWith(year)),
        year,
      ).toBe(true);
  });

  for (const name of episodes) {
    it(`${name}: should give every event and checkpoint of its own an outside fact with outlet, address and a quote read there, and nothing hypothetical`, () => {
      const raw = parse(readFileSync(join(folder, name), 'utf8')) as {
        sources: Record<string, unknown>;
        events: RawEvent[];
        checkpoints: Array<{ id: string; outside?: RawFact[]; reportedBy?: string }>;
      };
      // The articles are the record's; an episode cites pages found outside them.
      expect(raw.sources).toEqual({});
      for (const item of [...raw.events, ...raw.checkpoints]) {
        expect((item as RawEvent).hypothetical, item.id).toBeUndefined();
        expect(item.outside?.length, `${item.id} has no outside fact`).toBeGreaterThan(0);
        for (const fact of item.outside ?? []) {
          expect(fact.outlet && fact.url && fact.quote, `${item.id}: an outside fact needs outlet, url and quote`).toBeTruthy();
        }
      }
    });
  }

  it("should compare every episode by default, one row per freeze, each history's checkpoints holding", async () => {
    const { code, stdout, stderr } = await thaw(['compare', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const comparison = JSON.parse(stdout) as Comparison;
    expect(comparison.histories.map((history) => history.file).sort()).toEqual(episodes.map((name) => relative(root, join(folder, name))).sort());
    for (const history of comparison.histories) {
      expect(history.freezes.length, `${history.file} holds no freeze`).toBeGreaterThan(0);
      expect(history.checks?.hold).toBe(history.checks?.judged);
    }
    // The record to the present holds two freezes: the cuts of August 2022, and the refusal of November 2024.
    const present = comparison.histories.find((history) => history.file.endsWith('present.yaml'));
    expect(present?.freezes.map((freeze) => [freeze.began.date.slice(0, 7), freeze.ongoing])).toEqual([
      ['2022-08', false],
      ['2024-11', false],
    ]);
  });

  it('should list every episode in the README, and print there the comparison table as the tool prints it', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of episodes) expect(readme, name).toContain(`| \`${name}\` |`);
    const { stdout } = await thaw(['compare']);
    // The title, then the table, then the legend, each a paragraph of its own.
    const table = stdout.split('\n\n')[1] as string;
    expect(table.split('\n').length).toBeGreaterThan(episodes.length);
    expect(readme).toContain(`\`\`\`\n${table}\n\`\`\``);
  });

  it('should open every episode in the viewer, its lanes over its own years, its checkpoints with their outside sources', async () => {
    for (const name of episodes) {
      const file = join(folder, name);
      const model = await pageModel(file, { sourcesDir: null, shown: name });
      const scenario = readScenario(file, { sourcesDir: null });
      expect(
        model.steps.map((step) => step.id),
        name,
      ).toEqual(scenario.events.map((event) => event.id));
      const firstCut = scenario.events.find((event) => event.type === 'channel.suspended' || event.type === 'meeting.declined');
      // The lanes begin the month before the first change of phase: the episode's first cut or refusal.
      expect(model.swimlanes[0]?.start.slice(0, 4), name).toBe(String(Number(firstCut?.date.slice(0, 4)) - (firstCut?.date.slice(5, 7) === '01' ? 1 : 0)));
      for (const checkpoint of model.checkpoints.filter((shown) => !scenario.checkpoints.find((own) => own.id === shown.id)?.reportedBy)) {
        expect(checkpoint.source, `${name}: ${checkpoint.id}`).toMatch(/\(outside the articles\)$/);
      }
    }
  });

  it('should give every episode as data: its cuts and its months', async () => {
    for (const name of episodes) {
      const file = join(folder, name);
      const durations = await thaw(['data', 'durations', file]);
      expect(durations.code, name).toBe(EXIT.ok);
      expect(durations.stdout.trim().split('\n').length, `${name} has no cut`).toBeGreaterThan(1);
      const series = await thaw(['data', 'series', file]);
      expect(series.code, name).toBe(EXIT.ok);
      expect(series.stdout).toMatch(/,channelsSuspended,/);
    }
  });
});
