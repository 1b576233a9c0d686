import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, InvalidInputError, readScenario, readWhatIf, replay, type WhatIf } from '../../src/index.js';
import { parseWhatIf, readScenarioOrWhatIf } from '../../src/whatif/whatIfFile.js';

const dir = join(import.meta.dirname, '..', '..', 'scenarios', 'what-if');
const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
const record = readScenario(join(dir, '..', 'record.yaml'), { sourcesDir: null });

describe('scenarios/what-if/', () => {
  it('should ask the four questions the project promises', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(['li-sanctions-lifted.yaml', 'no-chase-trip.yaml', 'no-pelosi-visit.yaml', 'no-san-francisco-summit.yaml']),
    );
  });

  for (const name of files) {
    describe(name, () => {
      const whatIf = readWhatIf(join(dir, name), { sourcesDir: null });
      const result = replay(whatIf.scenario);

      it('should edit the record and change what the record reports', () => {
        expect(whatIf.base.id).toBe('record');
        // A what-if whose history ends where the record's does at every record checkpoint asks nothing.
        const recordRun = replay(whatIf.base);
        expect(result.steps.map((step) => step.state)).not.toEqual(recordRun.steps.map((step) => step.state));
      });

      for (const verdict of result.verdicts) {
        it(`should replay to its checkpoint "${verdict.checkpoint.id}"`, () => {
          expect(verdict.mismatches).toEqual([]);
        });
      }
    });
  }
});

function problemsOf(text: string): string[] {
  try {
    parseWhatIf(text, { file: 'w.yaml', readBase: (path) => (path.endsWith('record.yaml') ? record : undefined) });
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

const SMALL = `id: small
title: What if?
description: A test.
base: record.yaml
edits:
  - remove: pelosi-visit
checkpoints:
  - id: no-freeze
    at: 2022-12
    claim: Nothing is frozen.
    expect: { phase: normal }
`;

describe('parseWhatIf', () => {
  it('should load a what-if and replace the base checkpoints with its own', () => {
    const whatIf: WhatIf = parseWhatIf(SMALL, { file: 'w.yaml', readBase: () => record });
    expect(whatIf.scenario.checkpoints.map((checkpoint) => checkpoint.id)).toEqual(['no-freeze']);
    expect(whatIf.scenario.events.map((event) => event.id)).not.toContain('freeze-chiefs');
    expect(whatIf.scenario.id).toBe('small');
  });

  it('should locate a bad edit at its line in the what-if file', () => {
    expect(problemsOf(SMALL.replace('- remove: pelosi-visit', '- remove: pelosi-vist'))).toEqual([
      'w.yaml:6:5: edits[0]: no event "pelosi-vist"; did you mean "pelosi-visit"?',
    ]);
    expect(problemsOf(SMALL.replace('- remove: pelosi-visit', '- mvoe: pelosi-visit'))).toEqual([
      'w.yaml:6:5: edits[0]: expected one of the forms: remove, insert, replace, move, reorder; did you mean "move"?',
    ]);
    expect(problemsOf(SMALL.replace('- remove: pelosi-visit', '- { move: pelosi-visit, to: 2022 }'))).toEqual([
      'w.yaml:6:31: edits[0].to: expected a date as YYYY-MM-DD or YYYY-MM, got 2022',
    ]);
  });

  it('should check an inserted event like any event, at its own line', () => {
    const inserted = SMALL.replace(
      '  - remove: pelosi-visit\n',
      '  - insert: { id: x, date: 2023-01, type: contact.held, payload: { channel: cheifs, mode: call } }\n',
    );
    expect(problemsOf(inserted)).toEqual([
      'w.yaml:6:77: edits[0].insert.payload.channel: unknown channel: "cheifs"; did you mean "chiefs"? (expected one of: leaders, ministerial, chiefs, theater, policyTalks, maritimeTalks, attache)',
    ]);
    expect(problemsOf(inserted.replace('cheifs', 'chiefs'))).toEqual([
      'w.yaml:6:5: edits[0]: insert: missing "source" (article and verbatim quote); a fact from outside the articles has "outside" (outlet, date, address), an inference "inferred" (from what), an event that did not happen "hypothetical"',
    ]);
  });

  it('should report a missing base and checkpoints naming unknown events', () => {
    expect(problemsOf(SMALL.replace('base: record.yaml', 'base: nowhere.yaml'))[0]).toMatch(/^w\.yaml:4:7: base: no base scenario at "nowhere\.yaml"/);
    expect(problemsOf(SMALL.replace('at: 2022-12', 'after: pelosi-visit'))).toEqual([
      'w.yaml:9:12: checkpoints[0].after: checkpoint names unknown event "pelosi-visit"',
    ]);
  });

  it('should say that what-ifs do not chain when the base is itself a what-if', () => {
    const chained = (text: string) => {
      try {
        parseWhatIf(text, { file: 'w.yaml', readBase: () => record, isWhatIf: (path) => path.endsWith('other-what-if.yaml') });
        return [];
      } catch (error) {
        return (error as InvalidInputError).problems.map(formatProblem);
      }
    };
    expect(chained(SMALL)).toEqual([]);
    expect(chained(SMALL.replace('base: record.yaml', 'base: other-what-if.yaml'))).toEqual([
      'w.yaml:4:7: base: "other-what-if.yaml" is a what-if file; a what-if\'s base must be a scenario (what-ifs do not chain: copy that file\'s edits into this one, before its own)',
    ]);
    // Read from disk, the base is recognised by its own `base:` field.
    const work = mkdtempSync(join(tmpdir(), 'thaw-chain-'));
    try {
      const file = join(work, 'chained.yaml');
      writeFileSync(file, SMALL.replace('base: record.yaml', `base: ${join(dir, 'no-chase-trip.yaml')}`));
      expect(() => readWhatIf(file, { sourcesDir: null })).toThrow(/base: ".*no-chase-trip\.yaml" is a what-if file/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('should check the quote of an inserted event against its article', () => {
    const article = record.sources['ft-2024-04'];
    const withQuote = (quote: string) =>
      SMALL.replace(
        '  - remove: pelosi-visit\n',
        `  - insert: { id: x, date: 2023-01, type: incident, payload: { kind: intercept, actor: CHN, target: USA }, source: { article: ft-2024-04, quote: "${quote}" } }\n`,
      );
    const read = (text: string) => {
      try {
        parseWhatIf(text, {
          file: 'w.yaml',
          readBase: () => record,
          articleText: (name) => (name === article?.file ? 'Austin spoke on Tuesday with Dong Jun.' : null),
        });
        return [];
      } catch (error) {
        return (error as InvalidInputError).problems.map(formatProblem);
      }
    };
    expect(read(withQuote('Austin spoke on Tuesday'))).toEqual([]);
    const text = withQuote('made up');
    const column = (text.split('\n')[5] ?? '').indexOf('"made up"') + 1;
    expect(read(text)).toEqual([`w.yaml:6:${column}: edits[0].insert.source.quote: quote not found verbatim in article "ft-2024-04" (${article?.file})`]);
  });

  it('should read a file as what it is, a scenario or a what-if, and give a broken what-if its own problems', () => {
    expect(readScenarioOrWhatIf(join(dir, '..', 'record.yaml'), { sourcesDir: null }).scenario?.id).toBe('record');
    expect(readScenarioOrWhatIf(join(dir, 'no-chase-trip.yaml'), { sourcesDir: null }).whatIf?.base.id).toBe('record');
    const work = mkdtempSync(join(tmpdir(), 'thaw-scenario-or-what-if-'));
    try {
      const file = join(work, 'broken.yaml');
      writeFileSync(
        file,
        SMALL.replace('base: record.yaml', `base: ${join(dir, '..', 'record.yaml')}`).replace('- remove: pelosi-visit', '- remove: pelosi-vist'),
      );
      // Its own problem, not the scenario reader's complaint about a field named base.
      expect(() => readScenarioOrWhatIf(file, { sourcesDir: null })).toThrow(/no event "pelosi-vist"/);
      writeFileSync(file, 'id: [');
      expect(() => readScenarioOrWhatIf(file, { sourcesDir: null })).toThrow(InvalidInputError);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
