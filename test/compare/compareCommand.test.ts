import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exitCodes.js';
import type { Comparison } from '../../src/compare/comparison.js';
import { FREEZE_COLUMNS } from '../../src/compare/freezeRows.js';
import { root, thaw } from '../support/thaw.js';

const episodes = join(import.meta.dirname, '..', 'fixtures', 'episodes');
const episode = (name: string) => join(episodes, name);
const work = mkdtempSync(join(tmpdir(), 'thaw-compare-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('thaw compare', () => {
  it('should print one row per freeze and what began and ended each, and exit 1 when a compared history has a checkpoint that fails', async () => {
    const { code, stdout, stderr } = await thaw(['compare', episodes]);
    expect(stderr).toBe(
      "thaw compare: test/fixtures/episodes/one-refusal.yaml: 1 of 1 checkpoints of one-refusal do not hold (thaw replay test/fixtures/episodes/one-refusal.yaml says which); its freezes are the model's alone\n",
    );
    expect(code).toBe(EXIT.checkpointFailed);
    const table = stdout.split('\n').filter((line) => /^(one-refusal|two-freezes)\S*\s+\d/.test(line));
    expect(table.map((line) => line.split(/\s{2,}/))).toEqual([
      ['one-refusal', '1', '1996-03', 'talks-refused', 'PRC', 'policyTalks', '9', 'not shut', '9'],
      ['two-freezes-continued', '1', '2001-04-10', 'encounter', 'US', 'ministerial chiefs', '9', '14', '14'],
      ['two-freezes-continued', '2', '2002-09-20', 'arms-sale', 'PRC', 'theater', '7', 'not shut', '7'],
    ]);
    expect(stdout).toContain('0 of 1 checkpoints hold');
    expect(stdout).toContain('ministerial contact, after 14 months: 2002-06 ministers-meet');
    expect(stdout).toContain('caused by 2001-10-19 summit');
    expect(stdout).toContain(
      'two-freezes (test/fixtures/episodes/two-freezes.yaml) is not listed: two-freezes-continued (test/fixtures/episodes/two-freezes-continued.yaml) continues it',
    );
  });

  it('should mark a freeze the history ends in with the months it has lasted, and exit 0 when every checkpoint holds', async () => {
    const { code, stdout } = await thaw(['compare', episode('two-freezes.yaml')]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/^two-freezes\s+2\s+2002-09-20\s+arms-sale\s+PRC\s+theater\s+>4\s+not shut\s+>4$/m);
    expect(stdout).toContain('normal relations: not by 2003-01, where the history ends (4 months on)');
  });

  it('should write CSV and JSON that carry the same freezes, and the whole chain of causes in JSON', async () => {
    const csv = await thaw(['compare', episode('two-freezes-continued.yaml'), '--csv']);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe(FREEZE_COLUMNS.join(','));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^two-freezes-continued,1,2001-04-10,cut-ministerial,encounter,US,ministerial;chiefs,9,chiefs-call,summit,true,14,ministers-meet,summit;chiefs-call,14,/,
    );
    const json = JSON.parse((await thaw(['compare', episode('two-freezes-continued.yaml'), '--json'])).stdout) as Comparison;
    const [first] = json.histories[0]?.freezes ?? [];
    expect(first?.began.event).toMatchObject({ id: 'cut-ministerial', causes: [{ id: 'encounter', causes: [] }] });
    expect(first?.ministerial?.event.causes[1]).toMatchObject({ id: 'chiefs-call', causes: [{ id: 'summit' }] });
    expect(json.histories[0]?.file).toBe(relative(root, episode('two-freezes-continued.yaml')));
  });

  it("should draw the freezes aligned at their first cut, with each history's sources in the caption", async () => {
    const chart = join(work, 'freezes.svg');
    const { code } = await thaw(['compare', episode('two-freezes-continued.yaml'), episode('one-refusal.yaml'), '--chart', chart, '--csv']);
    expect(code).toBe(EXIT.checkpointFailed);
    const svg = readFileSync(chart, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('months since the first cut or refusal');
    expect(svg).toContain('two-freezes-continued #2, from 2002-09-20');
    expect(svg).toContain('one-refusal, from 1996-03');
    expect(svg).toContain('normal after 14 months');
    expect(svg).toContain('articles of Test Gazette');
  });

  it('should refuse what it cannot do, naming the option or the file', async () => {
    const both = await thaw(['compare', episodes, '--csv', '--json']);
    expect([both.code, both.stderr]).toEqual([EXIT.invalidInput, 'thaw: choose one of --csv and --json\n']);
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const none = await thaw(['compare', empty]);
    expect(none.code).toBe(EXIT.invalidInput);
    expect(none.stderr).toContain(`${empty}: a folder with no .yaml file in it`);
    const missing = await thaw(['compare', join(work, 'nowhere.yaml')]);
    expect(missing.code).toBe(EXIT.invalidInput);
    expect(missing.stderr).toContain('nowhere.yaml');
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, readFileSync(episode('one-refusal.yaml'), 'utf8').replace('channel: policyTalks, by: PRC', 'channel: policyTalk, by: PRC'));
    const bad = await thaw(['compare', broken]);
    expect(bad.code).toBe(EXIT.invalidInput);
    expect(bad.stderr).toMatch(/broken\.yaml:\d+:\d+: .*policyTalk/);
  });
});

describe('thaw compare with what-ifs', () => {
  const whatIfs = join(import.meta.dirname, '..', 'fixtures', 'episodes-what-if');

  it("should compare a what-if beside the history it edits, read from the base's own file, and keep a history with no freeze", async () => {
    const { code, stdout } = await thaw(['compare', whatIfs, '--csv']);
    expect(code).toBe(EXIT.ok);
    const rows = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const column = (name: string) => FREEZE_COLUMNS.indexOf(name as (typeof FREEZE_COLUMNS)[number]);
    expect(rows.map((row) => [row[column('history')], row[column('freeze')], row[column('hypothetical')], row[column('file')]])).toEqual([
      ['two-freezes', '1', 'false', relative(root, episode('two-freezes.yaml'))],
      ['two-freezes', '2', 'false', relative(root, episode('two-freezes.yaml'))],
      ['no-arms-sale', '1', 'true', relative(root, join(whatIfs, 'no-arms-sale.yaml'))],
      // Nothing is cut: the history keeps a row, with no freeze.
      ['nothing-cut', '', 'true', relative(root, join(whatIfs, 'nothing-cut.yaml'))],
    ]);
    const text = await thaw(['compare', whatIfs]);
    expect(text.stdout).toContain('nothing-cut (what-if): What if there had been neither the encounter nor the arms sale?');
    expect(text.stdout).toContain('no freeze: relations stay normal throughout');
    // Both what-ifs read the same base file: it is shown once, with no word about the second reading.
    expect(text.stdout).not.toContain('is not listed');
  });

  it('should say on stderr which history has a checkpoint that fails, whatever the format, and refuse what it cannot tell apart', async () => {
    const failing = await thaw(['compare', episode('one-refusal.yaml'), '--json']);
    expect(failing.code).toBe(EXIT.checkpointFailed);
    expect(failing.stderr).toContain('one-refusal.yaml: 1 of 1 checkpoints of one-refusal do not hold');
    JSON.parse(failing.stdout);
    const renamed = join(work, 'renamed-for-compare.yaml');
    writeFileSync(renamed, readFileSync(episode('one-refusal.yaml'), 'utf8').replace('id: one-refusal', 'id: two-freezes'));
    const clash = await thaw(['compare', episode('two-freezes.yaml'), renamed]);
    expect(clash.code).toBe(EXIT.invalidInput);
    expect(clash.stderr).toContain('two different histories are named "two-freezes"');
    const same = join(work, 'same.svg');
    const both = await thaw(['compare', episodes, '--chart', same, '--output', same]);
    expect([both.code, both.stderr]).toEqual([EXIT.invalidInput, 'thaw: --chart and --output name the same file; give each its own\n']);
    // One file named twice, by two paths, is read once.
    const twice = await thaw(['compare', episode('two-freezes.yaml'), join(episodes, '.', 'two-freezes.yaml'), '--csv']);
    expect(twice.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('thaw chart of a history that cites no article', () => {
  it('should name in its caption the outlets of its outside facts, so the chart keeps its sources', async () => {
    const file = join(work, 'outside-only.yaml');
    const fact = (outlet: string) => `[{ fact: a fact, outlet: ${outlet}, url: "https://example.org/${outlet.replace(/\W/g, '')}", quote: a line }]`;
    writeFileSync(
      file,
      [
        'id: outside-only',
        'title: Outside only',
        'description: Invented for the test.',
        'sources: {}',
        'events:',
        `  - { id: cut, date: 2001-04-10, type: channel.suspended, payload: { channel: chiefs, by: US }, outside: ${fact('First Outlet')} }`,
        `  - { id: call, date: 2001-06-01, type: contact.held, payload: { channel: chiefs, mode: call }, outside: ${fact('Second Outlet')} }`,
        '',
      ].join('\n'),
    );
    const { code, stdout } = await thaw(['chart', file]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('2 facts from outside the articles, from First Outlet, Second Outlet; each event names its page');
    expect(stdout).not.toContain('the articles the events cite');
  });
});

describe('thaw data on several histories', () => {
  it('should give every history a file holds, each once, and refuse two different histories under one name', async () => {
    const durations = await thaw(['data', 'durations', episode('two-freezes-continued.yaml'), episode('one-refusal.yaml')]);
    expect(durations.code).toBe(EXIT.ok);
    expect(
      durations.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 2).join(' ')),
    ).toEqual(['two-freezes-continued ministerial', 'two-freezes-continued chiefs', 'two-freezes-continued theater', 'one-refusal policyTalks']);
    const series = JSON.parse((await thaw(['data', 'series', episode('two-freezes-continued.yaml'), episode('one-refusal.yaml'), '--json'])).stdout) as Array<{
      history: string;
      month: string;
    }>;
    // Each file over its own months: five years apart, they share none.
    expect(series.filter((row) => row.history === 'one-refusal').map((row) => row.month)).toEqual([
      '1996-02',
      '1996-03',
      '1996-04',
      '1996-05',
      '1996-06',
      '1996-07',
      '1996-08',
      '1996-09',
      '1996-10',
      '1996-11',
      '1996-12',
    ]);
    expect(series.find((row) => row.history === 'two-freezes-continued')?.month).toBe('2001-03');
    const twice = await thaw(['data', 'durations', episode('one-refusal.yaml'), episode('one-refusal.yaml')]);
    expect(twice.stdout.trim().split('\n')).toHaveLength(2);
    const renamed = join(work, 'renamed.yaml');
    writeFileSync(renamed, readFileSync(episode('two-freezes.yaml'), 'utf8').replace('id: two-freezes', 'id: one-refusal'));
    const clash = await thaw(['data', 'series', episode('one-refusal.yaml'), renamed]);
    expect(clash.code).toBe(EXIT.invalidInput);
    expect(clash.stderr).toContain('a second, different history named "one-refusal"');
  });
});
