import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, readScenario, replay, type TimelineStep } from '../../src/index.js';
import { basisOf } from '../../src/scenario/schema.js';

const root = join(import.meta.dirname, '..', '..');

/** Every scenario file under scenarios/, at any depth, except the what-if files (tested on their own). */
function scenarioFiles(dir = join(root, 'scenarios')): string[] {
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
  const result = replay(scenario);
  const stepOf = (id: string) => result.steps.find((step) => step.event.id === id) as TimelineStep;
  const between = (from: string, to: string) => result.steps.slice(stepOf(from).index, stepOf(to).index);

  it('should check an outcome from every article, each checkpoint quoting the article that reports it', () => {
    expect(new Set(scenario.checkpoints.map((checkpoint) => checkpoint.reportedBy))).toEqual(new Set(Object.keys(scenario.sources)));
    for (const checkpoint of scenario.checkpoints) expect(checkpoint.quote, checkpoint.id).toBeTruthy();
  });

  it('should hold only events that happened, each reported, an outside fact with its source, or a marked inference', () => {
    expect(scenario.events.filter((event) => basisOf(event) === 'hypothetical')).toEqual([]);
    for (const event of scenario.events.filter((found) => basisOf(found) === 'outside')) {
      expect(
        event.outside?.every((fact) => fact.outlet && (fact.url || fact.date)),
        event.id,
      ).toBe(true);
    }
    expect(scenario.events.filter((event) => basisOf(event) === 'inferred').map((event) => event.id)).toEqual([
      'ministers-call-expected',
      'mmca-talks-planned',
    ]);
    expect(scenario.events.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(scenario.sources)).toHaveLength(5);
  });

  it('should read the November 2022 meeting as ministerial contact held while the working channels stay cut, not as a resumption', () => {
    const cambodia = stepOf('austin-wei-cambodia').state;
    expect(cambodia.channels.ministerial.link).toBe('open.contactHeld');
    expect(cambodia.phase).toBe('channelsSuspended');
    for (const channel of ['theater', 'policyTalks', 'maritimeTalks'] as const) expect(cambodia.channels[channel].link).toBe('suspended');
  });

  it('should have no live ministerial contact from the refusal after the balloon until Austin and Dong Jun speak', () => {
    const frozen = between('balloon-call-declined', 'austin-dong-call');
    expect(frozen.length).toBeGreaterThan(20);
    for (const step of frozen) expect(step.state.channels.ministerial.link, step.event.id).not.toMatch(/contactHeld$/);
    expect(stepOf('austin-dong-call').state.channels.ministerial.link).toBe('reopened.contactHeld');
  });

  it('should count 17 months from the last ministerial contact when Austin and Dong Jun speak', () => {
    const call = stepOf('austin-dong-call');
    expect(call.elapsed.ministerial.lastGap).toBe(17);
    expect(call.state.channels.ministerial.previousContact).toBe(stepOf('austin-wei-cambodia').event.date);
    expect(stepOf('ministers-call-expected').elapsed.ministerial.sinceContact).toBe(17);
  });

  it('should let the Jakarta request lapse once the ADMM-Plus has passed without a meeting', () => {
    expect(stepOf('jakarta-request').state.channels.ministerial.request).toBe('pending');
    const lapsed = result.steps.find((step) => step.state.channels.ministerial.request === 'lapsed');
    expect(lapsed?.event.date.startsWith('2023-12')).toBe(true);
  });

  it('should read Cambodia as a resumption only if the unanswered calls of August 2022 are taken as a refusal', () => {
    const refused = replay(
      applyEdits({ ...scenario, checkpoints: [] }, [
        { remove: 'ministers-calls-unanswered' },
        {
          insert: {
            id: 'calls-refused',
            date: '2022-08',
            type: 'meeting.declined',
            payload: { channel: 'ministerial', by: 'PRC', mode: 'call' },
            hypothetical: 'the other reading',
          },
          after: 'pla-exercises',
        },
      ]),
    );
    const at = (run: typeof result, id: string) => run.steps.find((step) => step.event.id === id)?.state;
    expect(at(result, 'austin-wei-cambodia')?.phase).toBe('channelsSuspended');
    expect(at(refused, 'austin-wei-cambodia')).toMatchObject({ phase: 'ministerialResumed', channels: { ministerial: { link: 'reopened.contactHeld' } } });
    // From the refusal after the balloon on, the two readings agree.
    const from = (run: typeof result) =>
      run.steps.slice(run.steps.findIndex((step) => step.event.id === 'balloon-call-declined')).map((step) => step.state.phase);
    expect(from(refused)).toEqual(from(result));
  });

  it('should move through the phases the articles describe, in order', () => {
    const phases = result.steps.map((step) => step.state.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(phases).toEqual(['normal', 'channelsSuspended', 'partiallyRestored', 'ministerialResumed']);
  });
});

// The test reads the environment itself: the library never does.
const sourcesDir = process.env.THAW_SOURCES?.trim() || undefined;
if (!sourcesDir) {
  console.warn(
    'quote check skipped: THAW_SOURCES is not set. Set it to the folder of article texts (e.g. THAW_SOURCES=../shared/seeds) to check every quote verbatim.',
  );
}

describe.skipIf(!sourcesDir)('quotes (THAW_SOURCES)', () => {
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
  for (const file of files) {
    const scenario = readScenario(file, { sourcesDir: null });
    const cited = [
      ...scenario.events.flatMap((event) => (event.source ? [{ id: event.id, ...event.source }] : [])),
      ...scenario.checkpoints.flatMap((checkpoint) =>
        checkpoint.reportedBy && checkpoint.quote ? [{ id: `checkpoint ${checkpoint.id}`, article: checkpoint.reportedBy, quote: checkpoint.quote }] : [],
      ),
    ];
    it.each(cited)(`${relative(root, file)}: $id quotes $article verbatim`, ({ article, quote }) => {
      const name = scenario.sources[article]?.file;
      expect(name, `article "${article}" names no file`).toBeDefined();
      const text = readFileSync(join(sourcesDir as string, name as string), 'utf8');
      expect(normalize(text)).toContain(normalize(quote));
    });
  }
});
