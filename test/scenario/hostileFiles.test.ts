import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, InvalidInputError, readScenario } from '../../src/index.js';
import { articleReader, readBounded, readInputFile } from '../../src/scenario/readScenario.js';
import { LineSplitter } from '../../src/stream/lines.js';

const root = join(import.meta.dirname, '..', '..');
const record = readFileSync(join(root, 'test', 'fixtures', 'frozen', 'record.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'thaw-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('input files that are not files', () => {
  it('should refuse a device, a FIFO and a folder before reading, and an oversized file by its size', () => {
    expect(problemsOf(() => readInputFile('/dev/zero', 'the scenario'))).toEqual([
      '/dev/zero:1:1: cannot read the scenario: it is not a regular file (a device, a FIFO or a socket)',
    ]);
    const fifo = join(work, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(problemsOf(() => readScenario(fifo))).toEqual([`${fifo}:1:1: cannot read the scenario: it is not a regular file (a device, a FIFO or a socket)`]);
    expect(problemsOf(() => readScenario(work))).toEqual([`${work}:1:1: cannot read the scenario: it is a folder`]);
    const sparse = join(work, 'sparse.yaml');
    execFileSync('truncate', ['-s', '2G', sparse]);
    expect(problemsOf(() => readScenario(sparse))).toEqual([`${sparse}:1:1: cannot read the scenario: it is 2048 MB; the limit is 32 MB`]);
  });
});

describe('files whose size on disk says nothing of what they hold', () => {
  it('should stop reading at the limit, not at the stat size (/proc/self/pagemap says 0 bytes and never ends)', () => {
    expect(problemsOf(() => readInputFile('/proc/self/pagemap', 'the scenario'))).toEqual([
      '/proc/self/pagemap:1:1: cannot read the scenario: it holds more than 32 MB, the limit (its size on disk says 0.0 MB)',
    ]);
    const file = join(work, 'ten-bytes.txt');
    writeFileSync(file, '0123456789');
    expect(readBounded(file, 10)).toBe('0123456789');
    expect(readBounded(file, 9)).toEqual({ refused: 'it holds more than 0.0 MB, the limit (its size on disk says 0.0 MB)' });
  });
});

describe('article files named by a scenario', () => {
  const sources = join(work, 'sources');
  mkdirSync(sources);
  writeFileSync(join(sources, 'article.txt'), 'An article.');
  symlinkSync('/etc/passwd', join(sources, 'passwd.txt'));
  symlinkSync('/dev/zero', join(sources, 'zero.txt'));
  const read = articleReader(sources);

  it('should read a file in the folder, and refuse links that lead out of it', () => {
    expect(read('article.txt')).toBe('An article.');
    expect(read('missing.txt')).toBeNull();
    expect(read('passwd.txt')).toEqual({ refused: 'it leads outside the sources folder' });
    expect(read('zero.txt')).toEqual({ refused: 'it leads outside the sources folder' });
  });

  it('should refuse a path in the scenario itself, so the quote check cannot probe other files', () => {
    const file = join(work, 'escape.yaml');
    writeFileSync(file, record.replace('file: 004_53ef868a971eaf6d.txt', 'file: ../../../../../../etc/passwd'));
    const found = problemsOf(() => readScenario(file, { sourcesDir: sources }));
    expect(found[0]).toMatch(/escape\.yaml:\d+:11: sources\.wsj-2023-05\.file: a file name in the sources folder, not a path$/);
    // Either quote, true or false of /etc/passwd, gives the same answer: no read was made.
    const guess = (quote: string) => problemsOf(() => readScenario(file, { sourcesDir: sources })).filter((line) => line.includes(quote));
    expect(guess('root:x:0:0:root')).toEqual(guess('root:x:9:9:root'));
  });
});

describe('LineSplitter', () => {
  const lines = (chunks: string[], limit?: number) => {
    const splitter = new LineSplitter(limit);
    return [...chunks.flatMap((chunk) => splitter.push(Buffer.from(chunk))), ...splitter.end()];
  };

  it('should split on line ends across chunks, drop a byte-order mark, and keep a last line with no end', async () => {
    expect(await lines(['\ufeffone\r\ntw', 'o\nthree'])).toEqual([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
  });

  it('should never hold a line over the limit, and say how long it was', async () => {
    expect(await lines(['ab', 'cdef', 'g\nhi\n'], 4)).toEqual([{ tooLong: 7 }, { text: 'hi' }]);
    expect(await lines(['x'.repeat(10)], 4)).toEqual([{ tooLong: 10 }]);
  });

  it('should measure a line the same however the chunks cut it, a whole one in one chunk too', async () => {
    const whole = await lines(['abcdefg\r\nhi\r\nabcd\r\nxyz'], 4);
    expect(whole).toEqual([{ tooLong: 8 }, { text: 'hi' }, { tooLong: 5 }, { text: 'xyz' }]);
    for (const cuts of [
      ['abcdefg\r', '\nhi\r\nabcd\r\nxyz'],
      ['ab', 'cdefg\r\nhi\r\nabc', 'd\r', '\nxy', 'z'],
      ['abcdefg\r\nhi\r\nabcd', '\r\nxyz'],
    ]) {
      expect(await lines(cuts, 4)).toEqual(whole);
    }
  });
});

describe('thaw run on hostile streams', () => {
  it('should refuse an over-long line with its length and the limit, and a device outright', async () => {
    const { runCommand } = await import('../../src/cli/commands/run.js');
    const stdin = Readable.from([]);
    const file = join(work, 'long.jsonl');
    writeFileSync(file, `${'x'.repeat(2 * 1024 * 1024)}\n`);
    const warnings: string[] = [];
    const code = await runCommand({
      input: file,
      from: undefined,
      onError: 'stop',
      state: true,
      sourcesDir: null,
      stdin,
      write: () => 0,
      drained: async () => {},
      warn: (text) => warnings.push(text),
    });
    expect(code).toBe(2);
    expect(warnings[0]).toBe(`${file}:1:1: line of 2,097,152 characters; the limit is 1,048,576 (an event is a few hundred)`);
    await expect(
      runCommand({
        input: '/dev/zero',
        from: undefined,
        onError: 'stop',
        state: true,
        sourcesDir: null,
        stdin,
        write: () => 0,
        drained: async () => {},
        warn: () => {},
      }),
    ).rejects.toThrow(/it is a device or a socket/);
  });
});
