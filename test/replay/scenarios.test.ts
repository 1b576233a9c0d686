import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario, replay, sourcesDirFromEnv } from '../../src/index.js';

const root = join(import.meta.dirname, '..', '..');

/** Every scenario file under scenarios/, at any depth, except the what-if files (tested on their own). */
export function scenarioFiles(dir = join(root, 'scenarios')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'what-if' ? [] : scenarioFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

const files = scenarioFiles();

describe('scenarios/', () => {
  it('should hold the record', () => {
    expect(files.map((file) => relative(root, file))).toContain(join('scenarios', 'record.yaml'));
  });

  for (const file of files) {
    const scenario = readScenario(file, { sourcesDir: null });
    describe(relative(root, file), () => {
      const result = replay(scenario);
      it('should state at least one checkpoint, so that replaying it tests something', () => {
        expect(scenario.checkpoints.length).toBeGreaterThan(0);
      });
      for (const verdict of result.verdicts) {
        it(`should replay to checkpoint "${verdict.checkpoint.id}" (${verdict.checkpoint.reportedBy ?? 'predicted'})`, () => {
          expect(verdict.mismatches).toEqual([]);
        });
      }
    });
  }
});

describe('the record', () => {
  const scenario = readScenario(join(root, 'scenarios', 'record.yaml'), { sourcesDir: null });

  it('should hold the five reported outcomes, one per article', () => {
    expect(scenario.checkpoints.map((checkpoint) => checkpoint.reportedBy).sort()).toEqual(Object.keys(scenario.sources).sort());
  });

  it('should hold 25 to 40 events, each citing one of the five articles', () => {
    expect(scenario.events.filter((event) => event.source === undefined || event.hypothetical !== undefined)).toEqual([]);
    expect(scenario.events.length).toBeGreaterThanOrEqual(25);
    expect(scenario.events.length).toBeLessThanOrEqual(40);
    expect(Object.keys(scenario.sources)).toHaveLength(5);
  });

  it('should end with ministerial contact resumed', () => {
    expect(replay(scenario).steps.at(-1)?.state.phase).toBe('ministerialResumed');
  });
});

const sourcesDir = sourcesDirFromEnv();
if (!sourcesDir) {
  console.warn(
    'quote check skipped: THAW_SOURCES is not set. Set it to the folder of article texts (e.g. THAW_SOURCES=../shared/seeds) to check every quote verbatim.',
  );
}

describe.skipIf(!sourcesDir)('quotes (THAW_SOURCES)', () => {
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
  for (const file of files) {
    const scenario = readScenario(file, { sourcesDir: null });
    const cited = scenario.events.flatMap((event) => (event.source ? [{ id: event.id, ...event.source }] : []));
    it.each(cited)(`${relative(root, file)}: $id quotes $article verbatim`, ({ article, quote }) => {
      const name = scenario.sources[article]?.file;
      expect(name, `article "${article}" names no file`).toBeDefined();
      const text = readFileSync(join(sourcesDir as string, name as string), 'utf8');
      expect(normalize(text)).toContain(normalize(quote));
    });
  }
});
