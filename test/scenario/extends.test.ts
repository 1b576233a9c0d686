// A scenario that continues another: `extends` names the base, whose sources, events and
// checkpoints come first. On the small invented history in test/fixtures/contacts.yaml.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, InvalidInputError, parseScenario, readScenario, replay } from '../../src/index.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-extends-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'contacts.yaml'), join(work, 'contacts.yaml'));

const CONTINUATION = `id: later
extends: contacts.yaml
title: Later
description: The fixture, continued.
sources: {}
events:
  - id: refused-again
    date: 2024-11-20
    type: meeting.declined
    payload: { channel: ministerial, by: PRC, mode: sidelines, reason: an arms sale }
    outside: [{ fact: It was refused., outlet: A wire, url: "https://example.org/a" }]
checkpoints:
  - id: refused-again
    after: refused-again
    claim: The ministers' channel is refused again.
    expect: { channels: { ministerial: { link: refused } } }
`;

function problemsOf(text: string, name = 'later.yaml'): string[] {
  const file = join(work, name);
  writeFileSync(file, text);
  try {
    readScenario(file, { sourcesDir: null });
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems.map(formatProblem).map((line) => line.replace(`${work}/`, ''));
    throw error;
  }
  return [];
}

describe('extends', () => {
  it("continues the base: its sources, events and checkpoints first, then the file's own", () => {
    writeFileSync(join(work, 'later.yaml'), CONTINUATION);
    const later = readScenario(join(work, 'later.yaml'), { sourcesDir: null });
    const base = readScenario(join(work, 'contacts.yaml'), { sourcesDir: null });
    expect(later.events.map((event) => event.id)).toEqual([...base.events.map((event) => event.id), 'refused-again']);
    expect(later.checkpoints.map((checkpoint) => checkpoint.id)).toEqual([...base.checkpoints.map((checkpoint) => checkpoint.id), 'refused-again']);
    expect(Object.keys(later.sources)).toEqual(Object.keys(base.sources));
    expect(replay(later).verdicts.every((verdict) => verdict.holds)).toBe(true);
  });

  it("checks the file's events against the base's: ids, causes, date order, and checkpoints", () => {
    const broken = CONTINUATION.replace('id: refused-again\n    date: 2024-11-20', 'id: summit\n    date: 2024-03-01\n    causedBy: visti')
      .replace('after: refused-again', 'after: nowhere')
      .replace('  - id: refused-again\n    after', '  - id: resumed\n    after');
    expect(problemsOf(broken)).toEqual([
      expect.stringMatching(/^later\.yaml:7:9: events\[0\]\.id: duplicate event id "summit" \(first used in contacts\.yaml\)$/),
      expect.stringMatching(/^later\.yaml:8:11: events\[0\]\.date: date 2024-03-01 is before the previous event's date 2024-04-16 \("ministers-call"\)/),
      'later.yaml:9:15: events[0].causedBy: causedBy names unknown event "visti"; did you mean "visit"?',
      'later.yaml:14:9: checkpoints[0].id: duplicate checkpoint id "resumed" (the base scenario, contacts.yaml, has one)',
      expect.stringMatching(/^later\.yaml:15:12: checkpoints\[0\]\.after: checkpoint names unknown event "nowhere"/),
    ]);
  });

  it('refuses a missing base, a file that extends itself, and extends without a file to read from', () => {
    expect(problemsOf(CONTINUATION.replace('extends: contacts.yaml', 'extends: nowhere.yaml'))).toEqual([
      expect.stringMatching(/^later\.yaml:2:10: extends: no scenario at "nowhere\.yaml"/),
    ]);
    expect(() => problemsOf(CONTINUATION.replace('extends: contacts.yaml', 'extends: loop.yaml'), 'loop.yaml')).not.toThrow();
    expect(problemsOf(CONTINUATION.replace('extends: contacts.yaml', 'extends: loop.yaml'), 'loop.yaml')[0]).toMatch(
      /extends, at some depth, the file that extends it/,
    );
    const result = parseScenario(CONTINUATION, { file: 'x.yaml' });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toContainEqual(
      'x.yaml:2:10: extends: "extends" names a file, which only a scenario read from a file can do',
    );
  });
});
