// Checkpoints that say what the sources say: any of phase, channels, offices, agreement and
// elapsed months, each a value, a list of allowed values or `not:` one; a claim cited from an
// outside source; an observation that asserts nothing. On the small invented history in
// test/fixtures/contacts.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTimeline } from '../../src/cli/format/timeline.js';
import { type Checkpoint, formatProblem, parseScenario, replay, type Scenario } from '../../src/index.js';
import { describeExpected, formatMismatch } from '../../src/replay/checkpoints.js';
import { viewerCheckpoint } from '../../src/viewer/viewerModel.js';

const TEXT = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'contacts.yaml'), 'utf8');
const parsed = parseScenario(TEXT, { file: 'contacts.yaml' });
if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
const base: Scenario = parsed.scenario;

// The verdict of one checkpoint, placed after an event of the fixture.
function judge(after: string, expect: Checkpoint['expect'], extra: Partial<Checkpoint> = {}) {
  const [verdict] = replay({ ...base, checkpoints: [{ id: 'c', after, claim: 'a claim', ...(expect === undefined ? {} : { expect }), ...extra }] }).verdicts;
  return verdict as NonNullable<typeof verdict>;
}

describe('checkpoint expectations', () => {
  it('takes a negated phase: "not channels suspended"', () => {
    expect(judge('chiefs-call', { phase: { not: 'channelsSuspended' } }).holds).toBe(true);
    const fails = judge('agreement', { phase: { not: 'channelsSuspended' } });
    expect(fails.mismatches).toEqual([{ path: 'phase', expected: { not: 'channelsSuspended' }, actual: 'channelsSuspended' }]);
    expect(formatMismatch(fails.mismatches[0] as NonNullable<(typeof fails.mismatches)[0]>)).toBe(
      'phase: expected not channelsSuspended, got channelsSuspended',
    );
  });

  it('takes a channel alone, with a set of allowed link states and "not live"', () => {
    expect(judge('meeting-declined', { channels: { ministerial: { link: ['suspended', 'refused'] } } }).holds).toBe(true);
    expect(judge('meeting-declined', { channels: { ministerial: { link: { not: 'reopened.contactHeld' } } } }).holds).toBe(true);
    // `reopened` matches either substate, negated too.
    const live = judge('chiefs-call', { channels: { chiefs: { link: { not: 'reopened' } } } });
    expect(live.mismatches.map(formatMismatch)).toEqual(['chiefs.link: expected not reopened, got reopened.contactHeld']);
    expect(judge('chiefs-call', { channels: { chiefs: { link: ['open', 'suspended'] } } }).mismatches.map(formatMismatch)).toEqual([
      'chiefs.link: expected one of open, suspended, got reopened.contactHeld',
    ]);
  });

  it('takes offices and the agreement as values, sets or negations', () => {
    expect(
      judge('li-appointed', { offices: { prcDefenseMinister: { holder: { not: 'Dong Jun' }, sanctioned: true, status: ['held', 'vacant'] } } }).holds,
    ).toBe(true);
    expect(judge('li-removed', { offices: { prcDefenseMinister: { holder: [null, 'Dong Jun'] } }, agreement: { not: 'reached' } }).holds).toBe(true);
    expect(judge('li-removed', { agreement: 'reached' }).mismatches.map(formatMismatch)).toEqual(['agreement: expected reached, got none']);
  });

  it('takes elapsed months: since contact, suspended, refused, and the gap the last contact closed', () => {
    // freeze-chiefs is dated 2022-08; the chiefs' call on 2023-12-21 closes 16 months of cut.
    expect(
      judge('dong-appointed', {
        channels: { chiefs: { monthsSinceContact: 0, monthsSuspended: null, lastGap: null }, ministerial: { monthsRefused: 7, monthsSinceContact: null } },
      }).mismatches,
    ).toEqual([]);
    expect(judge('li-removed', { channels: { chiefs: { monthsSuspended: [13, 14] } } }).mismatches).toEqual([]);
    expect(judge('li-removed', { channels: { chiefs: { monthsSuspended: { not: 14 } } } }).mismatches.map(formatMismatch)).toEqual([
      'chiefs.monthsSuspended: expected not 14, got 14',
    ]);
  });

  it("prints an observation as the model's reading, never failing, and counts it apart", () => {
    const verdict = judge('call-agreed', undefined, { outside: [{ fact: 'Analysts called it a thaw.', outlet: 'An Outlet', date: '2024-04-03' }] });
    expect(verdict).toMatchObject({ holds: true, observation: true, mismatches: [] });
    const timeline = formatTimeline(
      replay({ ...base, checkpoints: [verdict.checkpoint, { id: 'end', after: 'ministers-call', claim: 'x', expect: { phase: 'ministerialResumed' } }] }),
      { color: false, file: 'f' },
    );
    expect(timeline).toContain(
      '  observation c (An Outlet, 2024-04-03 (outside the articles)) ◇ not judged\n    a claim\n    the model reads: partially restored; leaders open.contactHeld; ministerial refused; chiefs of staff reopened.contactHeld',
    );
    expect(timeline).toContain('1 of 1 checkpoints hold (and 1 observation, not judged)');
  });

  it('gives the viewer an observation as such, with who reports it and the reading', () => {
    const verdict = judge('call-agreed', undefined, { reportedBy: 'gazette', quote: 'x' });
    expect(viewerCheckpoint(verdict, base.sources)).toMatchObject({
      observation: true,
      holds: true,
      source: 'Test Gazette, 2024-04',
      reading: expect.stringMatching(/^partially restored; /),
    });
    expect(viewerCheckpoint(judge('summit', { phase: ['normal'] }), base.sources)).toMatchObject({
      observation: false,
      holds: false,
      source: 'predicted',
      mismatches: ['phase: expected normal, got channelsSuspended'],
    });
  });

  it('cites an outside source for a claim no article makes, instead of calling it a prediction', () => {
    const outside = replay({
      ...base,
      checkpoints: [
        { id: 'c', after: 'summit', claim: 'x', outside: [{ fact: 'The leaders met.', outlet: 'The Wire' }], expect: { phase: 'channelsSuspended' } },
      ],
    });
    expect(formatTimeline(outside, { color: false, file: 'f' })).toContain('checkpoint c (The Wire (outside the articles)) ✔ holds');
    const predicted = replay({ ...base, checkpoints: [{ id: 'c', after: 'summit', claim: 'x', expect: { phase: 'channelsSuspended' } }] });
    expect(formatTimeline(predicted, { color: false, file: 'f' })).toContain('checkpoint c (predicted) ✔ holds');
  });

  it('says what is wrong with a bad expectation, at its line, with a suggestion, in each form', () => {
    const withCheckpoint = (expectation: string) =>
      parseScenario(`${TEXT}  - id: bad\n    after: summit\n    claim: x\n    expect: ${expectation}\n`, { file: 'f.yaml' });
    const problems = (expectation: string) => {
      const result = withCheckpoint(expectation);
      return result.ok ? [] : result.problems.map(formatProblem);
    };
    const line = TEXT.split('\n').length + 3;
    // The column of `token` in the expectation's line.
    const at = (expectation: string, token: string) => `${line}:${'    expect: '.length + expectation.indexOf(token) + 1}`;
    expect(problems('{ phase: { not: chanelsSuspended } }')).toEqual([
      `f.yaml:${at('{ phase: { not: chanelsSuspended } }', 'chanels')}: checkpoints[1].expect.phase.not: not allowed: "chanelsSuspended"; did you mean "channelsSuspended"? (expected one of: normal, channelsSuspended, partiallyRestored, ministerialResumed)`,
    ]);
    expect(problems('{ channels: { chiefs: { link: [open, cut] } } }')).toEqual([
      `f.yaml:${at('{ channels: { chiefs: { link: [open, cut] } } }', 'cut')}: checkpoints[1].expect.channels.chiefs.link[1]: not allowed: "cut" (expected one of: open, open.quiet, open.contactHeld, suspended, refused, reopened, reopened.quiet, reopened.contactHeld)`,
    ]);
    expect(problems('{ agreement: { nto: reached } }')).toEqual([
      `f.yaml:${at('{ agreement: { nto: reached } }', '{ nto')}: checkpoints[1].expect.agreement: missing required field "not" (one of: none, reached)`,
      `f.yaml:${at('{ agreement: { nto: reached } }', 'nto')}: checkpoints[1].expect.agreement.nto: unknown field "nto"; did you mean "not"? (allowed here: not)`,
    ]);
    expect(problems('{ channels: { chiefs: { monthsSuspended: [] } } }')[0]).toMatch(/monthsSuspended: list at least one value/);
    expect(problems('{ channels: { chiefs: { link: suspended } } }')).toEqual([]);
    // An expectation of nothing cannot fail: refused, at its place; leaving expect out is an observation.
    const empty = 'an empty expectation asserts nothing and cannot fail: say what is expected, or leave "expect" out for an observation';
    expect(problems('{}')).toEqual([`f.yaml:${at('{}', '{}')}: checkpoints[1].expect: ${empty}`]);
    expect(problems('{ channels: { chiefs: {} } }')).toEqual([
      `f.yaml:${at('{ channels: { chiefs: {} } }', '{}')}: checkpoints[1].expect.channels.chiefs: ${empty}`,
    ]);
  });

  it('describes each form of expectation in words', () => {
    expect(describeExpected('refused')).toBe('refused');
    expect(describeExpected(['refused'])).toBe('refused');
    expect(describeExpected(['refused', null])).toBe('one of refused, —');
    expect(describeExpected({ not: ['a', 'b'] })).toBe('not one of a, b');
    expect(describeExpected('a\u001b[2Jb')).toBe('a\\e[2Jb');
  });
});
