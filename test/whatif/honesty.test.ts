// What-ifs tell the truth about themselves: an event that did not happen is hypothetical
// everywhere it is shown, a contact by someone who no longer holds the office does not count,
// the machine's notes reach the what-if report, a stated reason that is gone is said to be gone,
// and an edit that names an event an earlier edit removed says which edit did. On a small
// invented history (test/fixtures/contacts.yaml), not the record.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTimeline } from '../../src/cli/format/timeline.js';
import { cameoRows, ploverRecords } from '../../src/data/eventRecords.js';
import {
  applyEdits,
  compareRuns,
  type Edit,
  formatProblem,
  InvalidEditError,
  type InvalidInputError,
  readScenario,
  replay,
  type Scenario,
  type ScenarioEvent,
} from '../../src/index.js';
import { reportedOnly } from '../../src/replay/reportedOnly.js';
import { basisOf } from '../../src/scenario/schema.js';
import { viewerSteps } from '../../src/viewer/viewerModel.js';
import { sameValue } from '../../src/whatif/sameValue.js';
import { parseWhatIf } from '../../src/whatif/whatIfFile.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';
import { thaw } from '../support/thaw.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'contacts.yaml');
const base = readScenario(FIXTURE, { sourcesDir: null });
const work = mkdtempSync(join(tmpdir(), 'thaw-honesty-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NOT_COUNTED =
  'not counted: the US Secretary of Defense on record is A. Successor, who is not among the participants named (Lloyd Austin, Dong Jun); a contact counts for the holders of the day';

// A what-if file over the fixture, written where the CLI can read it.
function whatIfFile(name: string, edits: string): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `id: ${name}\ntitle: What if (${name})?\ndescription: A test.\nbase: ${FIXTURE}\nedits:\n${edits}\ncheckpoints:\n  - id: the-end\n    after: ministers-call\n    claim: The end.\n    expect: { phase: partiallyRestored }\n`,
  );
  return file;
}

describe('a contact by someone who no longer holds the office: the former Secretary case', () => {
  const edited = applyEdits(base, [
    {
      insert: {
        id: 'new-secretary',
        date: '2024-01',
        type: 'official.appointed',
        payload: { office: 'usDefenseSecretary', name: 'A. Successor' },
        hypothetical: 'a new Secretary',
      },
    },
  ]);
  const run = replay(edited);

  it('does not count the April call named as Austin–Dong, ends "partially restored", and says why', () => {
    const call = run.steps.find((step) => step.event.id === 'ministers-call');
    expect(call?.state.phase).toBe('partiallyRestored');
    expect(call?.state.channels.ministerial.lastContact).toBeNull();
    expect(call?.notes).toEqual([NOT_COUNTED]);
  });

  it('shows the note in thaw whatif, as text and as JSON, for the what-if history only', async () => {
    const file = whatIfFile(
      'former-secretary',
      '  - insert: { id: new-secretary, date: 2024-01, type: official.appointed, payload: { office: usDefenseSecretary, name: A. Successor }, hypothetical: a new Secretary }',
    );
    const text = await thaw(['whatif', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2024-04-16 +ministers-call +what-if +not counted: the US Secretary of Defense on record/);
    const json = JSON.parse((await thaw(['whatif', file, '--json'])).stdout);
    expect(json.notes.whatIf).toContainEqual({ index: 16, id: 'ministers-call', date: '2024-04-16', notes: [NOT_COUNTED] });
    expect(json.notes.base.map((step: { id: string }) => step.id)).not.toContain('ministers-call');
  });

  it("puts the machine's notes in thaw chart's caption, marked by history", async () => {
    const file = whatIfFile(
      'former-secretary-chart',
      '  - insert: { id: new-secretary, date: 2024-01, type: official.appointed, payload: { office: usDefenseSecretary, name: A. Successor }, hypothetical: a new Secretary }',
    );
    const svg = (await thaw(['chart', file])).stdout;
    expect(svg).toContain(`2024-04-16  ministers-call (what-if): ${NOT_COUNTED}`);
  });

  it('replays a what-if file with thaw replay, notes included, and says how to compare it', async () => {
    const file = whatIfFile(
      'former-secretary-replay',
      '  - insert: { id: new-secretary, date: 2024-01, type: official.appointed, payload: { office: usDefenseSecretary, name: A. Successor }, hypothetical: a new Secretary }',
    );
    const result = await thaw(['replay', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(NOT_COUNTED);
    expect(result.stdout).toContain(`sets it against its base`);
    expect(result.stdout).toContain('1 of 1 checkpoints hold');
  });
});

describe('stated reasons that outlive their cause: the Li case', () => {
  const lifted = applyEdits(base, [
    { insert: { id: 'sanctions-lifted', date: '2023-04', type: 'sanctions.lifted', payload: { name: 'Li Shangfu' }, hypothetical: 'the US lifts them' } },
  ]);

  it('notes, on the refusal it keeps, that the sanctions it gives as its reason are not in force', () => {
    const run = replay(lifted);
    const refusal = run.steps.find((step) => step.event.id === 'meeting-declined');
    expect(refusal?.reasonsGone).toEqual(['US sanctions on Li Shangfu']);
    expect(refusal?.notes).toContain('its stated reason is gone: the US sanctions on Li Shangfu are not in force at this point in this history');
    // In the base, the sanctions stand: no such note.
    expect(replay(base).steps.find((step) => step.event.id === 'meeting-declined')?.reasonsGone).toEqual([]);
  });

  it('lists the refusal in the what-if summary as kept, but with its stated reason gone', async () => {
    const comparison = compareRuns(replay(base), replay(lifted));
    expect(comparison.reasonsGone).toEqual([{ id: 'meeting-declined', date: '2023-05', gone: ['US sanctions on Li Shangfu'] }]);
    const file = whatIfFile(
      'li-lifted',
      '  - insert: { id: sanctions-lifted, date: 2023-04, type: sanctions.lifted, payload: { name: Li Shangfu }, hypothetical: the US lifts them }',
    );
    const text = (await thaw(['whatif', file])).stdout;
    expect(text).toMatch(/Kept, but its stated reason is gone\n {2}2023-05 +meeting-declined +US sanctions on Li Shangfu/);
  });

  it("finds the reason in the payload's words when no cause names the sanctions", () => {
    // The refusal no longer names the sanctions as a cause; its words still do.
    const unlinked: Scenario = {
      ...base,
      events: base.events.map((event) => (event.id === 'meeting-declined' ? { ...event, causedBy: 'meeting-requested' } : event)),
    };
    const lifted = applyEdits(unlinked, [
      { insert: { id: 'sanctions-lifted', date: '2023-04', type: 'sanctions.lifted', payload: { name: 'Li Shangfu' }, hypothetical: 'the US lifts them' } },
    ]);
    expect(replay(lifted).steps.find((step) => step.event.id === 'meeting-declined')?.reasonsGone).toEqual(['US sanctions on Li Shangfu']);
    // Words that name him but not the sanctions are no such reason.
    const otherWords = applyEdits(lifted, [
      { replace: 'meeting-declined', payload: { channel: 'ministerial', by: 'PRC', mode: 'sidelines', reason: 'Li Shangfu was unwell' } },
    ]);
    expect(replay(otherWords).steps.find((step) => step.event.id === 'meeting-declined')?.reasonsGone).toEqual([]);
  });

  it('marks an event kept without its removed cause as hypothetical, and lists it as kept with its reason gone', () => {
    const unlinked = applyEdits(base, [{ remove: 'li-sanctioned', cascade: false }]);
    const refusal = unlinked.events.find((event) => event.id === 'meeting-declined');
    expect(refusal).toMatchObject({
      causedBy: 'meeting-requested',
      hypothetical: 'kept by the what-if though its cause li-sanctioned was removed (cascade: false)',
      source: { article: 'gazette' },
    });
    const comparison = compareRuns(replay(base), replay(unlinked));
    expect(comparison.reasonsGone).toEqual([{ id: 'meeting-declined', date: '2023-05', gone: ['its cause li-sanctioned, removed by the what-if'] }]);
    // No sanctions event is left to name him: the words alone make no condition.
    expect(replay(unlinked).steps.find((step) => step.event.id === 'meeting-declined')?.reasonsGone).toEqual([]);
  });
});

describe('what-if errors', () => {
  it('says which edit removed an event an edit names: the cascade case', () => {
    const problems = () => {
      try {
        applyEdits(base, [{ remove: 'summit' }, { remove: 'agreement' }]);
      } catch (error) {
        return (error as InvalidEditError).problems;
      }
      return [];
    };
    expect(problems()).toEqual([
      {
        edit: 1,
        message:
          'event "agreement" was removed by edits[0] (remove: summit), which removes it too through causedBy; give that edit "cascade: false" to keep it, or put this edit first',
      },
    ]);
    // In the other order, both go.
    expect(applyEdits(base, [{ remove: 'agreement' }, { remove: 'summit' }]).events.map((event) => event.id)).not.toContain('summit');
  });

  it('reports schema problems and edit problems in one pass', () => {
    const text = `id: both\ntitle: Both\ndescription: A test.\nbase: contacts.yaml\nedits:\n  - remove: sumit\n  - remove: visit\n    cascad: false\ncheckpoints:\n  - id: x\n    at: 2023-12\n    claim: x\n    expect: { phase: frozen }\n`;
    let problems: string[] = [];
    try {
      parseWhatIf(text, { file: 'w.yaml', readBase: () => base });
    } catch (error) {
      problems = (error as InvalidInputError).problems.map(formatProblem);
    }
    expect(problems).toEqual([
      'w.yaml:6:5: edits[0]: no event "sumit"; did you mean "summit"?',
      'w.yaml:8:5: edits[1].cascad: unknown field "cascad"; did you mean "cascade"? (allowed here: remove, cascade)',
      'w.yaml:13:22: checkpoints[0].expect.phase: not allowed: "frozen" (expected one of: normal, channelsSuspended, partiallyRestored, ministerialResumed)',
    ]);
  });
});

describe('more what-if errors in one pass', () => {
  // The what-if's problems over `over` (default: the fixture), with the gazette's text at hand.
  const problemsOf = (text: string, over: Scenario = base) => {
    try {
      parseWhatIf(text, {
        file: 'w.yaml',
        readBase: () => over,
        articleText: (name) => (name === 'gazette.txt' ? 'Austin spoke with Dong on Tuesday.' : undefined),
      });
    } catch (error) {
      return (error as InvalidInputError).problems.map(formatProblem);
    }
    return [];
  };
  const head = 'id: w\ntitle: W\ndescription: A test.\nbase: contacts.yaml\nedits:\n';
  const tail = 'checkpoints:\n  - id: x\n    at: 2023-12\n    claim: x\n    expect: { phase: channelsSuspended }\n';

  it('checks the checkpoints against what is known while an edit fails, and says nothing more of an insert refused for its own problems', () => {
    const text = `${head}  - insert: { id: x1, date: 2023-13, type: incident, payload: { kind: intercept, actor: CHN, target: USA }, hypothetical: a test }\n  - move: x1\n    to: 2023-09\n  - remove: sumit\n${tail}  - id: y\n    after: nowhere\n    reportedBy: tribune\n    quote: q\n    claim: y\n    expect: { phase: channelsSuspended }\n`;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^w\.yaml:6:\d+: edits\[0\]\.insert\.date: /),
      'w.yaml:9:5: edits[2]: no event "sumit"; did you mean "summit"?',
      'w.yaml:16:12: checkpoints[1].after: checkpoint names unknown event "nowhere"',
      'w.yaml:17:17: checkpoints[1].reportedBy: unknown article "tribune"',
    ]);
  });

  it('gives the cascade advice that fits the edit', () => {
    const message = (edits: Edit[]) => {
      try {
        applyEdits(base, edits);
      } catch (error) {
        return (error as InvalidEditError).problems.map((problem) => problem.message);
      }
      return [];
    };
    expect(message([{ remove: 'summit' }, { move: 'agreement', to: '2023-12' }])).toEqual([
      'event "agreement" was removed by edits[0] (remove: summit), which removes it too through causedBy; give that edit "cascade: false" to keep it',
    ]);
    expect(message([{ remove: 'summit' }, { remove: 'agreement' }])[0]).toMatch(/keep it, or put this edit first$/);
  });

  it("checks a replacement's own citation: its article and its quote", () => {
    const withSource = (article: string, quote: string) =>
      `${head}  - replace: ministers-call\n    payload: { channel: ministerial, mode: visit }\n    source: { article: ${article}, quote: "${quote}" }\n${tail}`;
    const cited: Scenario = { ...base, sources: { gazette: { ...(base.sources.gazette as Scenario['sources'][string]), file: 'gazette.txt' } } };
    const read = (text: string) => problemsOf(text, cited);
    expect(read(withSource('gazette', 'Austin spoke with Dong'))).toEqual([]);
    expect(read(withSource('gazette', 'Austin hugged Dong'))).toEqual([
      expect.stringMatching(/^w\.yaml:8:\d+: edits\[0\]\.source\.quote: quote not found verbatim in article "gazette"/),
    ]);
    expect(read(withSource('tribune', 'x'))).toEqual(['w.yaml:6:5: edits[0]: source.article: unknown article "tribune" (the articles are: gazette)']);
  });

  it('leaves out, with --reported-only, an inferred event an edit moved or inserted', () => {
    const moved = applyEdits(base, [{ move: 'call-agreed', to: '2024-04-10' }]);
    expect(moved.events.find((event) => event.id === 'call-agreed')).toMatchObject({
      inferred: "from an official's expectation",
      hypothetical: 'moved by the what-if from 2024-04-02 to 2024-04-10',
    });
    expect(basisOf(moved.events.find((event) => event.id === 'call-agreed') as ScenarioEvent)).toBe('hypothetical');
    expect(reportedOnly(moved).dropped.map((event) => event.id)).toEqual(['call-agreed']);
  });
});

describe('a checkpoint on an event only the what-if has', () => {
  it("compares with the base's state at the same point in the story, not before same-day events listed earlier", () => {
    const edited = applyEdits(base, [
      {
        insert: { id: 'extra-call', date: '2024-04-02', type: 'contact.held', payload: { channel: 'theater', mode: 'call' }, hypothetical: 'a call' },
        after: 'call-agreed',
      },
    ]);
    const withCheckpoint: Scenario = {
      ...edited,
      checkpoints: [
        { id: 'after-extra', after: 'extra-call', claim: 'x', expect: { phase: 'partiallyRestored', channels: { ministerial: { request: 'accepted' } } } },
      ],
    };
    const [comparison] = compareRuns(replay(base), replay(withCheckpoint)).checkpoints;
    // The base's column follows call-agreed (after the month-dated intercepts), as the what-if's does.
    expect(comparison?.base).toMatchObject({ afterEvent: 'call-agreed', holds: true });
    expect(comparison?.whatIf).toMatchObject({ afterEvent: 'extra-call', holds: true });
  });

  it('takes in the events only its own history has that end by that date', () => {
    // The what-if drops the agreed call (2024-04-02) and puts a call of 2024-04-05 right after the
    // intercepts; in the base, the agreed call falls before that point, so its column has it.
    const edited = applyEdits(base, [
      { remove: 'call-agreed' },
      {
        insert: { id: 'extra-call', date: '2024-04-05', type: 'contact.held', payload: { channel: 'theater', mode: 'call' }, hypothetical: 'a call' },
        after: 'intercepts',
      },
    ]);
    const withCheckpoint: Scenario = {
      ...edited,
      checkpoints: [{ id: 'after-extra', after: 'extra-call', claim: 'x', expect: { channels: { ministerial: { request: 'accepted' } } } }],
    };
    const [comparison] = compareRuns(replay(base), replay(withCheckpoint)).checkpoints;
    expect(comparison?.base).toMatchObject({ afterEvent: 'call-agreed', holds: true });
    expect(comparison?.whatIf).toMatchObject({ afterEvent: 'extra-call', holds: false });
  });

  it('places a day-dated insert after the last event over by its day, past a month-dated event listed earlier', () => {
    const early = applyEdits(base, [
      { insert: { id: 'early', date: '2024-04-03', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, hypothetical: 'a test' } },
    ]);
    expect(early.events.map((event) => event.id).slice(-4)).toEqual(['intercepts', 'call-agreed', 'early', 'ministers-call']);
  });
});

describe('hypothetical means hypothetical', () => {
  it('makes a replaced event hypothetical, citing nothing unless the edit gives a source, and counts it in the summary', async () => {
    const edited = applyEdits(base, [
      { replace: 'ministers-call', payload: { channel: 'ministerial', mode: 'call', participants: ['Lloyd Austin', 'Wei Fenghe'] } },
    ]);
    const call = edited.events.find((event) => event.id === 'ministers-call') as ScenarioEvent;
    expect(basisOf(call)).toBe('hypothetical');
    expect(call.source).toBeUndefined();
    expect(call.hypothetical).toBe("the what-if's version of an event the base has as: ministerial call (Lloyd Austin – Dong Jun)");
    expect(call.causedBy).toEqual('agreement');
    const cited = applyEdits(base, [
      {
        replace: 'ministers-call',
        payload: { channel: 'ministerial', mode: 'visit' },
        hypothetical: 'a visit instead',
        source: { article: 'gazette', quote: 'Austin spoke with Dong' },
      },
    ]);
    expect(cited.events.find((event) => event.id === 'ministers-call')).toMatchObject({ hypothetical: 'a visit instead', source: { article: 'gazette' } });

    const file = whatIfFile(
      'replaced',
      '  - replace: ministers-call\n    payload: { channel: ministerial, mode: call, participants: [Lloyd Austin, Wei Fenghe] }',
    );
    const text = (await thaw(['whatif', file])).stdout;
    expect(text).toContain('1 edit: 0 events removed, 0 inserted, 1 replaced');
    const json = JSON.parse((await thaw(['whatif', file, '--json'])).stdout);
    expect(json.events).toEqual({ removed: [], inserted: [], replaced: ['ministers-call'], moved: [] });
    const plover = (await thaw(['data', 'events', file, '--format', 'plover'])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      plover.filter((record: { id: string }) => record.id === 'ministers-call').map((record: { basis: string; text: string }) => [record.basis, record.text]),
    ).toEqual([['hypothetical', 'ministerial call (Lloyd Austin – Wei Fenghe)']]);
  });

  // Any edits that put in, change or move events: every event of the result that is not the
  // base's own, unchanged, is hypothetical in the scenario, the timeline, the viewer and both
  // exports, and none of them shows an article's quote it did not bring with it.
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      insert: fc
        .record({
          id: fc.constantFrom('x-one', 'x-two', 'x-three'),
          date: fc.constantFrom('2022-09', '2023-06-01', '2024-04-02'),
          type: fc.constant('contact.held' as const),
          payload: fc.record({ channel: fc.constantFrom('ministerial' as const, 'chiefs' as const), mode: fc.constantFrom('call' as const, 'visit' as const) }),
          // How the inserted event says it is known: it is still not the base's.
          basis: fc.constantFrom<Record<string, unknown>>(
            { source: { article: 'gazette', quote: 'Austin spoke with Dong' } },
            { outside: [{ fact: 'a fact', outlet: 'An outlet' }] },
            { inferred: 'a guess' },
            { hypothetical: 'a what-if' },
          ),
        })
        .map(({ basis, ...event }) => ({ ...event, ...basis }) as unknown as ScenarioEvent),
    }),
    fc.record({
      replace: fc.constantFrom('ministers-call', 'chiefs-call', 'freeze-chiefs'),
      payload: fc.constantFrom({ channel: 'chiefs', by: 'PRC' }, { channel: 'chiefs', mode: 'talks' }),
    }),
    fc.record({ move: fc.constantFrom('summit', 'intercepts', 'call-agreed'), to: fc.constantFrom('2023-12', '2024-04-20') }),
  );

  it('shows no event the edits put in, changed or moved as reported, anywhere', () => {
    const baseEvents = new Map(base.events.map((event) => [event.id, event]));
    let checked = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let edited: Scenario;
        try {
          edited = applyEdits(base, edits);
        } catch (error) {
          // A payload that does not fit its type, a repeated id: refused, so shown nowhere.
          if (error instanceof InvalidEditError) return;
          throw error;
        }
        const own = (event: ScenarioEvent) => sameValue(event, baseEvents.get(event.id));
        const theirs = new Set(edited.events.filter((event) => !own(event)).map((event) => event.id));
        checked += theirs.size;
        for (const event of edited.events) if (theirs.has(event.id)) expect(basisOf(event), event.id).toBe('hypothetical');
        const run = replay(edited);
        for (const record of ploverRecords(run).records) if (theirs.has(record.id)) expect(record.basis).toBe('hypothetical');
        for (const row of cameoRows(run).records) if (theirs.has(String(row.id))) expect(row.basis).toBe('hypothetical');
        for (const step of viewerSteps(run)) if (theirs.has(step.id)) expect(step.basis).toBe('hypothetical');
        const timeline = formatTimeline(run, { color: false, file: 'x' });
        for (const id of theirs) expect(timeline).toMatch(new RegExp(`\\[${id}\\] \\(hypothetical\\)`));
        // A replaced event keeps no quote of the base's.
        for (const event of edited.events)
          if (
            theirs.has(event.id) &&
            baseEvents.has(event.id) &&
            event.payload !== baseEvents.get(event.id)?.payload &&
            !sameValue(event.payload, baseEvents.get(event.id)?.payload)
          )
            expect(event.source).toBeUndefined();
      }),
      { ...propertyParameters, numRuns: Math.min(200, propertyParameters.numRuns ?? 200) },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
