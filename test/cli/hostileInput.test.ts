// The hostile inputs of the third adversarial pass (issue 25) at the command line, in-process:
// values that would reach a terminal raw, records of the wrong types, cells a spreadsheet would run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands/run.js';
import { csvField } from '../../src/data/csv.js';
import { fromPlover } from '../../src/datasets/ploverImport.js';
import { root, thaw } from '../support/thaw.js';

const work = mkdtempSync(join(tmpdir(), 'thaw-hostile-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixture = join(root, 'test', 'fixtures', 'contacts.yaml');
const incident = (id: string, date: string) =>
  JSON.stringify({ id, date, type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, hypothetical: 'a test' });
// An object whose toString is not a function: String() of it throws.
const oddPlover = (field: string) =>
  JSON.stringify({ id: 'p', date: '2022-01-02', actor: ['USA'], recipient: ['CHN'], event: 'CONSULT', [field]: { toString: 1 } });

describe('PLOVER records with values of the wrong type', () => {
  it('should refuse each text field that is not text, by name, instead of failing', () => {
    for (const field of ['event', 'mode', 'text', 'cite_info', 'link', 'basis', 'basis_note', 'date', 'enddate', 'thaw_type', 'id']) {
      expect(fromPlover(JSON.parse(oddPlover(field)) as Record<string, unknown>)).toEqual({
        ok: false,
        reason: `the PLOVER record's "${field}" is an object, not text`,
      });
    }
  });

  for (const [path, checkWorker] of [
    ['on this thread', false],
    ['on a second thread', true],
  ] as const) {
    it(`should make such a record a problem line and keep the lines before and after it (${path})`, async () => {
      // Standard input: a small file is checked on this thread whatever the worker (a thread would not pay).
      const input = [incident('a1', '2022-01-01'), oddPlover('event'), incident('a2', '2022-01-03')].join('\n');
      const result = await thaw(['run', '--on-error', 'skip', '--no-state'], { checkWorker, input });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`stdin:2:1: cannot place this PLOVER record: the PLOVER record's "event" is an object, not text`);
      expect(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { id: string }).id),
      ).toEqual(['a1', 'a2']);
    });
  }

  it('should refuse it as a what-if insertion, naming the edit', async () => {
    const file = join(work, 'odd-insert.yaml');
    writeFileSync(
      file,
      `id: odd\ntitle: An odd insert\ndescription: A PLOVER record of the wrong type.\nbase: ${fixture}\nedits:\n  - insert: ${oddPlover('event')}\n`,
    );
    const result = await thaw(['whatif', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /odd-insert\.yaml:6:\d+: edits\[0\]\.insert: cannot place this PLOVER record: the PLOVER record's "event" is an object, not text/,
    );
  });
});

describe('thaw run when something fails after lines were applied', () => {
  it('should still write the output of the lines applied before the failure', async () => {
    let written = '';
    // A line, then at once a failure: the line is applied and held for the next write when it comes.
    const stdin = Readable.from(
      (async function* () {
        yield `${incident('a1', '2022-01-01')}\n`;
        throw new Error('the disk went away');
      })(),
    );
    const running = runCommand({
      input: undefined,
      from: undefined,
      onError: 'skip',
      state: false,
      sourcesDir: null,
      stdin,
      write: (bytes) => {
        written += Buffer.from(bytes).toString();
        return 0;
      },
      drained: async () => {},
      // Gathered, not written at once: the failure comes while the line is held.
      writeEvery: 1 << 20,
      warn: () => {},
    });
    await expect(running).rejects.toThrow('the disk went away');
    expect(written).toContain('"id":"a1"');
  });
});

/** The fixture with its text changed by `edit`, written to the work folder. */
function fixtureWith(name: string, edit: (text: string) => string): string {
  const file = join(work, name);
  writeFileSync(file, edit(readFileSync(fixture, 'utf8')));
  return file;
}

describe('dates at the start of the calendar', () => {
  it('should give the series of a history whose first change falls in 0000-01, from that month', async () => {
    const file = fixtureWith('year-zero.yaml', (text) => text.replace(/date: 20(18|21|22)-\d\d(-\d\d)?/g, 'date: 0000-01'));
    const result = await thaw(['data', 'series', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const months = result.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect(months[0]).toBe('0000-01');
    expect(months).toContain('2023-05');
  });
});

describe('control characters in the text of a chart', () => {
  // XML 1.0 allows no C0 control but tab, line feed and carriage return, anywhere.
  const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
  const file = () =>
    fixtureWith('controls-chart.yaml', (text) =>
      text
        .replace('title: A small invented history for tests', 'title: "A title \\e[31m with an escape"')
        .replace('outlet: Test Gazette', 'outlet: "Test\\aGazette\\u0001"'),
    );

  it('should write SVG that XML allows, and a PNG', async () => {
    const svg = join(work, 'controls.svg');
    const png = join(work, 'controls.png');
    const drawn = await thaw(['chart', file(), '--out', svg]);
    expect(drawn.code, drawn.stderr).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).not.toMatch(NOT_XML);
    expect(text).toContain('A title \\e[31m with an escape');
    const rendered = await thaw(['chart', file(), '--out', png]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('should write text that starts like a formula as text, with an apostrophe, and numbers as they are', () => {
    for (const formula of ["=cmd|' /C calc'!A0", '@SUM(1+1)', '+1+1', '-1+1', '\t=1', '\r=1']) {
      const field = csvField(formula);
      expect(field, formula).toBe(`"'${formula.replace(/"/g, '""')}"`);
      // Read back as RFC 4180 says, the cell is the apostrophe and the text as it was.
      expect(field.slice(1, -1).replace(/""/g, '"')).toBe(`'${formula}`);
    }
    expect(csvField(-10)).toBe('-10');
    expect(csvField('2022-08')).toBe('2022-08');
  });

  it('should neutralise them in the CAMEO rows of thaw data events', async () => {
    const file = fixtureWith('formulas.yaml', (text) =>
      text.replace('quote: "the visit"', `quote: "=cmd|' /C calc'!A0"`).replace('payload: { name: Li Shangfu }', 'payload: { name: "@SUM(1+1)" }'),
    );
    const result = await thaw(['data', 'events', file, '--format', 'cameo']);
    expect(result.code, result.stderr).toBe(0);
    const cells = result.stdout.split('\n').flatMap((line) => line.split(','));
    expect(result.stdout).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(result.stdout).toContain(`"'@SUM(1+1)"`);
    expect(cells.filter((cell) => /^[=+@]/.test(cell))).toEqual([]);
  });
});
