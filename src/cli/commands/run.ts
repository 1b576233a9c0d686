import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { articleReader } from '../../scenario/readScenario.js';
import { MAX_LINE_LENGTH, readLineBatches } from '../../stream/lines.js';
import { EXIT } from '../exitCodes.js';
import { streamOutputJson } from '../../stream/outputJson.js';
import { formatProblem, InvalidInputError, readScenario, replay, type StreamResult, StreamRunner } from '../../index.js';

// Why a path cannot be streamed: missing, a folder, or a device that never ends.
function unreadableStream(name: string): string | undefined {
  if (!existsSync(name)) return 'no such file';
  const stats = statSync(name);
  if (stats.isDirectory()) return 'it is a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice() || stats.isSocket()) return 'it is a device or a socket, not a file of events';
  return undefined;
}

/** Options of `thaw run`. */
export interface RunCommandOptions {
  /** A JSON Lines file, or undefined / "-" for standard input. */
  input: string | undefined;
  from: string | undefined;
  onError: 'stop' | 'skip';
  /** Whether each output line carries the whole state (false: phase, changes and notes only). */
  state: boolean;
  /** Folder of article texts to check quotes against, or null for no check. */
  sourcesDir: string | null;
  /** Where events come from when no file is named. */
  stdin: Readable;
  write: (text: string) => void;
  warn: (text: string) => void;
}

/**
 * `thaw run`: reads events as JSON Lines and writes the state after each as JSON Lines, as they
 * arrive, so another program can drive the simulator. Returns the exit code: 2 if any line was bad.
 */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const fromStdin = options.input === undefined || options.input === '-';
  const name = fromStdin ? 'stdin' : (options.input as string);
  // A stream, so no size limit; a pipe is fine (`thaw run <(producer)`), a device or a folder is not.
  const reason = fromStdin ? undefined : unreadableStream(name);
  if (reason !== undefined) throw new InvalidInputError([{ file: name, line: 1, column: 1, path: '', message: `cannot read the events: ${reason}` }]);
  const { sourcesDir } = options;
  const start = options.from === undefined ? undefined : replay(readScenario(options.from, { sourcesDir }));
  const runner = new StreamRunner(name, start, sourcesDir ? { articleText: articleReader(sourcesDir) } : {});
  const input = fromStdin ? options.stdin : createReadStream(name);

  // Output is gathered and written in large pieces, but never held back while the input waits: a
  // program that drives the simulator line by line gets each answer at once.
  // The lines are joined once per batch: adding each to one growing string would copy the batch
  // again to cut its last line end.
  let pending: string[] = [];
  let pendingLength = 0;
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (pending.length > 0) options.write(pending.join('\n'));
    pending = [];
    pendingLength = 0;
  };
  const emit = (text: string) => {
    pending.push(text);
    pendingLength += text.length + 1;
    if (pendingLength >= 1 << 16) flush();
    else if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };
  const warn = (text: string) => {
    flush();
    options.warn(text);
  };

  let number = 0;
  let bad = 0;
  reading: for await (const batch of readLineBatches(input)) {
    for (const line of batch) {
      number += 1;
      const result: StreamResult =
        'text' in line
          ? runner.accept(line.text, number)
          : { ok: false, problems: [{ file: name, line: number, column: 1, path: '', message: `line of ${line.tooLong.toLocaleString('en-US')} characters; the limit is ${MAX_LINE_LENGTH.toLocaleString('en-US')} (an event is a few hundred)` }] };
      if (result.ok) {
        if (result.output) emit(streamOutputJson(result.output, options.state));
        continue;
      }
      bad += 1;
      for (const problem of result.problems) warn(formatProblem(problem));
      if (options.onError === 'stop') {
        warn(`thaw run: stopped at line ${number}; events before it were applied (--on-error skip goes on past bad lines)`);
        input.destroy();
        break reading;
      }
    }
  }
  flush();
  if (bad > 0 && options.onError === 'skip') warn(`thaw run: skipped ${bad} bad line${bad === 1 ? '' : 's'} of ${number}`);
  return bad > 0 ? EXIT.invalidInput : EXIT.ok;
}
