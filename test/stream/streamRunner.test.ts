import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem, readScenario, replay, StreamRunner } from '../../src/index.js';
import { OutputLines } from '../../src/stream/outputJson.js';
import { eventSequence, propertyParameters } from '../arbitraries/relationshipEvent.js';

const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const line = (event: Record<string, unknown>) => JSON.stringify({ hypothetical: 'a test', ...event });

describe('StreamRunner', () => {
  it('should end where replay ends when fed the record line by line', () => {
    const runner = new StreamRunner('record.jsonl');
    const outputs = record.events.map((event, index) => runner.accept(JSON.stringify(event), index + 1));
    expect(outputs.every((output) => output.ok)).toBe(true);
    expect(runner.current).toEqual(replay(record).steps.at(-1)?.state);
  });

  it('should start from a scenario end state and go on from there', () => {
    const runner = new StreamRunner('more.jsonl', replay(record));
    // The theater commanders meet: the last channel shut in the freeze works again, and relations are normal.
    const result = runner.accept(line({ id: 'aquilino-meets', date: '2024-05', type: 'contact.held', payload: { channel: 'theater', mode: 'visit' } }), 1);
    expect(result).toMatchObject({ ok: true, output: { line: 1, id: 'aquilino-meets', phase: 'normal' } });
    expect(result.ok && result.output?.changes).toContainEqual({ path: 'theater.link', from: 'reopened.quiet', to: 'reopened.contactHeld' });
  });

  it('should name the line and column of a bad line and leave the state as it was', () => {
    const runner = new StreamRunner('in.jsonl', replay(record));
    const before = runner.current;
    const problems = (text: string, number: number) => {
      const result = runner.accept(text, number);
      return result.ok ? [] : result.problems.map(formatProblem);
    };
    expect(problems('{"id": "x",', 3)[0]).toMatch(/^in\.jsonl:3:\d+: not JSON: /);
    // Columns are where the offending value starts in the line.
    const column = (text: string, value: string) => text.indexOf(value) + 1;
    const badChannel = line({ id: 'x', date: '2024-05', type: 'contact.held', payload: { channel: 'cheifs', mode: 'call' } });
    expect(problems(badChannel, 4)).toEqual([
      `in.jsonl:4:${column(badChannel, '"cheifs"')}: payload.channel: unknown channel: "cheifs"; did you mean "chiefs"? (expected one of: leaders, ministerial, chiefs, theater, policyTalks, maritimeTalks, attache)`,
    ]);
    const duplicate = line({ id: 'pelosi-visit', date: '2024-05', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' } });
    expect(problems(duplicate, 5)).toEqual([
      `in.jsonl:5:${column(duplicate, '"pelosi-visit"')}: id: duplicate event id "pelosi-visit" (first used in the scenario it starts from)`,
    ]);
    const early = line({ id: 'early', date: '2023-01', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' } });
    expect(problems(early, 6)).toEqual([
      `in.jsonl:6:${column(early, '"2023-01"')}: date: date 2023-01 is before the previous event's date 2024-04-16 ("austin-dong-call"); list events in date order`,
    ]);
    expect(
      problems(JSON.stringify({ id: 'unsourced', date: '2024-05', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' } }), 7)[0],
    ).toMatch(/^in\.jsonl:7:1: missing "source"/);
    expect(runner.current).toEqual(before);
    expect(runner.accept('   ', 8)).toEqual({ ok: true, output: null });
  });
});

describe('StreamRunner citations and hostile lines', () => {
  const article = record.sources['ft-2024-04'];
  const runner = () =>
    new StreamRunner('in.jsonl', replay(record), { articleText: (name) => (name === article?.file ? 'Austin spoke on Tuesday with Dong Jun.' : null) });
  const cited = (source: object) =>
    JSON.stringify({ id: 'x', date: '2024-05', type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, source });
  const problems = (text: string) => {
    const result = runner().accept(text, 1);
    return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
  };

  it("should check citations against the starting scenario's articles", () => {
    expect(problems(cited({ article: 'nope', quote: 'made up' }))[0]).toMatch(/^source\.article: unknown article "nope"/);
    expect(problems(cited({ article: 'ft-2024-04', quote: 'made up' }))).toEqual([
      `source.quote: quote not found verbatim in article "ft-2024-04" (${article?.file})`,
    ]);
    expect(problems(cited({ article: 'ft-2024-04', quote: 'Austin spoke   on Tuesday' }))).toEqual([]);
  });

  it('should refuse deeply nested lines and duplicate keys with a message, not a crash', () => {
    expect(problems('['.repeat(5000) + ']'.repeat(5000))).toEqual([': nested more than 16 levels deep; an event is an object of a few levels']);
    expect(problems('{"id":"a","id":"a"}')[0]).toMatch(/^: YAML syntax: Map keys must be unique/);
    // Space before the colon, and a string value that looks like a key: the count is exact either way.
    expect(problems('{"id":"a", "id"\t :"a"}')[0]).toMatch(/^: YAML syntax: Map keys must be unique/);
    const tricky = JSON.stringify({
      id: 'x',
      date: '2024-05',
      type: 'incident',
      payload: { kind: 'intercept', actor: 'CHN', target: 'USA' },
      hypothetical: 'a text that says "id": "y"',
    });
    expect(problems(tricky)).toEqual([]);
    expect(problems(tricky.replace('{"id":"x"', '{"id":"x", "id" : "x"'))[0]).toMatch(/^: YAML syntax: Map keys must be unique/);
  });

  it('should refuse a "__proto__" key, which would otherwise vanish with its value', () => {
    const line = cited({ article: 'ft-2024-04', quote: 'Austin spoke on Tuesday' }).replace('"target":"USA"', '"target":"USA","__proto__":{"kind":"exercise"}');
    expect(problems(line)).toEqual(['payload.__proto__: unknown field "__proto__" (no field has this name)']);
  });
});

describe('OutputLines', () => {
  // The output reuses the JSON of what a state shares with the one before: it must still be
  // exactly what JSON.stringify writes, with the state and without it, line after line.
  // Frozen once written: a later step that changed a view it shares with an earlier line would
  // throw here rather than leave the cached text stale.
  const deepFreeze = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  };
  const expectSameAsStringify = (runner: StreamRunner, lines: string[]) => {
    // Small pieces, so that lines are taken part way through a sequence and the buffer grows for a long one.
    const whole = new OutputLines(true, 256);
    const lean = new OutputLines(false, 256);
    const gathered = new OutputLines(true);
    // Each take read and released at once, as a file is written: the slab is written again from its start.
    const recycled = new OutputLines(true, 256);
    let recycledText = '';
    const expected: string[] = [];
    // What was taken is handed over: it must read the same after every later line is added.
    const taken: Array<[Uint8Array, string]> = [];
    const decoder = new TextDecoder('utf-8', { fatal: true });
    lines.forEach((text, index) => {
      const result = runner.accept(text, index + 1);
      if (!result.ok || !result.output) throw new Error(`line ${index + 1} was refused: ${JSON.stringify(result)}`);
      const { state: _state, ...withoutState } = result.output;
      whole.add(result.output);
      lean.add(result.output);
      const view = whole.take();
      taken.push([view, `${JSON.stringify(result.output)}\n`]);
      expect(decoder.decode(view)).toBe(`${JSON.stringify(result.output)}\n`);
      expect(decoder.decode(lean.take())).toBe(`${JSON.stringify(withoutState)}\n`);
      gathered.add(result.output);
      recycled.add(result.output);
      if (recycled.due) {
        recycledText += decoder.decode(recycled.take());
        recycled.release();
      }
      expected.push(`${JSON.stringify(result.output)}\n`);
      deepFreeze(result.output);
    });
    expect(decoder.decode(gathered.take())).toBe(expected.join(''));
    expect(recycledText + decoder.decode(recycled.take())).toBe(expected.join(''));
    for (const [view, text] of taken) expect(decoder.decode(view)).toBe(text);
  };

  it('should write what JSON.stringify writes for text that needs escaping and values of any kind', () => {
    // Names and notes are the user's text; changes' values are the state's, but anything is written as JSON.stringify would.
    const runner = new StreamRunner('names.jsonl');
    const result = runner.accept(
      line({ id: 'e1', date: '2022-01', type: 'official.appointed', payload: { office: 'prcDefenseMinister', name: 'Dong Jun' } }),
      1,
    );
    if (!result.ok || !result.output) throw new Error('the line was refused');
    const texts = ['say "no"', 'back\\slash', 'tab\tand\nline', '\u0000', 'é', '董军', '\ud800 alone', '😀', ''];
    const odd = [-1, 1.5, 2 ** 60, Number.NaN, -0, undefined, { nested: ['x'] }, [1, null], true, false, null];
    const output = {
      ...result.output,
      line: 123_456_789,
      id: texts.join('|'),
      notes: texts,
      state: { ...result.output.state, sanctioned: texts, incidents: 7, provocations: 0 },
      changes: [
        ...texts.map((text) => ({ path: text, from: text, to: null })),
        ...odd.map((value, index) => ({ path: `odd${index}`, from: value, to: index % 2 === 0 ? value : 'x' })),
      ],
    };
    for (const withState of [true, false]) {
      const lines = new OutputLines(withState, 64);
      lines.add(output);
      const { state: _state, ...withoutState } = output;
      expect(new TextDecoder().decode(lines.take())).toBe(`${JSON.stringify(withState ? output : withoutState)}\n`);
    }
  });

  it('should write what JSON.stringify writes for every line of the record', () => {
    expectSameAsStringify(
      new StreamRunner('record.jsonl'),
      record.events.map((event) => JSON.stringify(event)),
    );
  });

  it('should write what JSON.stringify writes for any sequence of events', () => {
    const recordEnd = replay(record);
    fc.assert(
      fc.property(eventSequence, (events) => {
        // One a day, so every sequence is in date order.
        const day = (index: number) => new Date(Date.UTC(2030, 0, 1 + index)).toISOString().slice(0, 10);
        const lines = events.map(({ type, date: _date, ...payload }, index) => line({ id: `e${index}`, date: day(index), type, payload }));
        expectSameAsStringify(new StreamRunner('random.jsonl'), lines);
        // From the record's end too (April 2024), whose state has office holders, sanctions and restored channels.
        expectSameAsStringify(new StreamRunner('random.jsonl', recordEnd), lines);
      }),
      { ...propertyParameters, numRuns: 100 },
    );
  });
});
