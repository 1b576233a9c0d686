import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ploverRecords } from '../../src/data/eventRecords.js';
import { readScenario, replay } from '../../src/index.js';
import {
  type CheckedBatch,
  checkLines,
  checkLinesInWorker,
  type LineCheckSetup,
  LineCheckThreadError,
  packBatch,
  READ_AHEAD,
  unpackBatch,
} from '../../src/stream/checkedLines.js';
import { MAX_LINE_LENGTH } from '../../src/stream/lines.js';
import { propertyParameters, relationshipEvent } from '../arbitraries/relationshipEvent.js';
import { builtCheckWorker } from '../support/thaw.js';

// The worker runs the built code (npm test builds first): a worker thread cannot load the sources.
const record = readScenario(join(import.meta.dirname, '..', 'fixtures', 'frozen', 'record.yaml'), { sourcesDir: null });
const [firstEvent, ...laterEvents] = record.events;
const plover = ploverRecords(replay(record)).records[0];
const incident = (id: string, date: string) =>
  JSON.stringify({ id, date, type: 'incident', payload: { kind: 'intercept', actor: 'CHN', target: 'USA' }, hypothetical: 'a test — ünïcode' });

// A stream with every kind of line: good events, blank lines, broken JSON, a schema error, a
// duplicate id, a date out of order, a PLOVER record, a line too long to hold, and characters
// of several bytes for the chunks to cut through.
const lines = [
  JSON.stringify(firstEvent),
  '',
  '{"id": "broken"',
  ...laterEvents.slice(0, 20).map((event) => JSON.stringify(event)),
  '   ',
  JSON.stringify({ ...laterEvents[0], payload: { channel: 'cheifs', mode: 'call' } }),
  JSON.stringify(laterEvents[0]),
  incident('early', '2019-01'),
  JSON.stringify(plover),
  'x'.repeat(MAX_LINE_LENGTH + 10),
  ...laterEvents.slice(20).map((event) => JSON.stringify(event)),
  incident('late-1', '2025-01'),
  incident('late-2', '2025-02'),
];
const bytes = Buffer.from(lines.join('\r\n'));
const setup: LineCheckSetup = { file: 'mixed.jsonl', sourcesDir: null };

async function collect(batches: AsyncIterable<CheckedBatch>): Promise<{ checked: CheckedBatch['checked']; read: number }> {
  const checked: CheckedBatch['checked'] = [];
  let read = 0;
  for await (const batch of batches) {
    checked.push(...batch.checked);
    read = batch.read;
  }
  return { checked, read };
}

// The bytes cut at the given places (sorted, deduplicated), as a stream of chunks.
const chunked = (cuts: number[]) => {
  const places = [...new Set(cuts)].sort((a, b) => a - b);
  return Readable.from([0, ...places].map((start, index) => bytes.subarray(start, places[index] ?? bytes.length)));
};

describe('packBatch', () => {
  it('should give back every line as it was, fields in their order, problems and all', () => {
    const problem = fc.record({ file: fc.string(), line: fc.nat(), column: fc.nat(), path: fc.string(), message: fc.string() });
    const checked = fc.oneof(
      fc.record({ line: fc.nat(), id: fc.string(), event: relationshipEvent }),
      fc.record({ line: fc.nat(), problems: fc.array(problem, { minLength: 1, maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(checked, { maxLength: 20 }), fc.nat(), fc.boolean(), (lines, read, done) => {
        const batch: CheckedBatch = { checked: lines, read, done };
        const unpacked = unpackBatch(packBatch(batch));
        expect(unpacked).toEqual(batch);
        // The output writes an event's fields in the order they come: the order must survive too.
        unpacked.checked.forEach((line, index) => {
          if ('event' in line) expect(Object.keys(line.event)).toEqual(Object.keys((lines[index] as { event: object }).event));
        });
      }),
      propertyParameters,
    );
  });
});

describe('checkLines and checkLinesInWorker', () => {
  it('should check a stream with every kind of line the same way on either thread, however it is cut into chunks', async () => {
    const expected = await collect(checkLines(Readable.from([bytes]), setup));
    // Sanity: the stream holds good events and problems of several kinds.
    expect(expected.read).toBe(lines.length);
    expect(expected.checked.filter((line) => 'event' in line).length).toBeGreaterThan(record.events.length - 2);
    expect(expected.checked.filter((line) => 'problems' in line).map((line) => line.line)).toEqual([3, 25, 26, 27, 28, 29]);
    expect(expected.checked.find((line) => line.line === 29)).toMatchObject({
      problems: [{ message: expect.stringMatching(/^line of 1,048,587 characters; the limit is/) }],
    });
    const cuts = fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(cuts, async (places) => {
        expect(await collect(checkLines(chunked(places), setup))).toEqual(expected);
      }),
      { ...propertyParameters, numRuns: 40 },
    );
    // Each run starts a thread (a few tenths of a second): fewer runs, the cutting being the same code.
    await fc.assert(
      fc.asyncProperty(cuts, async (places) => {
        expect(await collect(checkLinesInWorker(chunked(places), setup, builtCheckWorker))).toEqual(expected);
      }),
      { ...propertyParameters, numRuns: 4 },
    );
  });

  it('should check against the scenario a stream goes on from, on the worker too', async () => {
    const start: LineCheckSetup = { file: 'more.jsonl', sourcesDir: null, start: { sources: record.sources, events: record.events } };
    const input = () => Readable.from([`${JSON.stringify(firstEvent)}\n${incident('late', '2025-01')}\n`]);
    const expected = await collect(checkLines(input(), start));
    expect(expected.checked.map((line) => ('problems' in line ? line.problems[0]?.message : 'ok'))).toEqual([
      expect.stringMatching(/^duplicate event id .* \(first used in the scenario it starts from\)$/),
      'ok',
    ]);
    expect(await collect(checkLinesInWorker(input(), start, builtCheckWorker))).toEqual(expected);
  });

  it('should read only a few chunks ahead of the batches taken, and stop reading when the loop is left', async () => {
    let pulled = 0;
    async function* endless() {
      for (let index = 0; ; index += 1) {
        pulled += 1;
        yield `${incident(`e${index}`, '2025-01')}\n`;
      }
    }
    const batches = checkLinesInWorker(endless(), setup, builtCheckWorker);
    for await (const batch of batches) {
      expect(batch.checked).toHaveLength(1);
      // Given time, an unbounded reader would have pulled thousands of chunks by now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      break;
    }
    // The chunks waiting, the one taken, and the one being read when the loop was left.
    expect(pulled).toBeLessThanOrEqual(READ_AHEAD + 2);
    const after = pulled;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pulled).toBeLessThanOrEqual(after + 1);
  });

  it('should close the input when the loop ends on an error, so a producer waiting on it is not left hanging', async () => {
    const input = new PassThrough();
    input.write(`${incident('one', '2025-01')}\n`);
    await expect(
      (async () => {
        for await (const batch of checkLinesInWorker(input, setup, builtCheckWorker)) if (batch.checked.length > 0) throw new Error('cannot write');
      })(),
    ).rejects.toThrow('cannot write');
    expect(input.destroyed).toBe(true);
  });

  it('should give the batches read before an input error, then the error', async () => {
    async function* failing() {
      yield `${incident('one', '2025-01')}\n`;
      throw new Error('disk gone');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const batch of checkLinesInWorker(failing(), setup, builtCheckWorker)) seen.push(...batch.checked.map((line) => line.line));
      })(),
    ).rejects.toThrow('disk gone');
    expect(seen).toEqual([1]);
  });

  it('should say so when the checking thread stops by itself, not wait for it', async () => {
    const dying = new URL('data:text/javascript,process.exit(3)');
    await expect(collect(checkLinesInWorker(Readable.from([`${incident('one', '2025-01')}\n`]), setup, dying))).rejects.toThrow(LineCheckThreadError);
    await expect(collect(checkLinesInWorker(Readable.from([`${incident('one', '2025-01')}\n`]), setup, dying))).rejects.toThrow(/exit code 3/);
  });
});
