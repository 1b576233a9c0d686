import { createReadStream, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { formatProblem, InvalidInputError, readScenario, replay } from '../../index.js';
import { TimelineStepper } from '../../replay/timelineStepper.js';
import { checkLines, checkLinesInWorker, type LineCheckSetup } from '../../stream/checkedLines.js';
import { OutputLines } from '../../stream/outputJson.js';
import { applyChecked, type StreamOutput } from '../../stream/streamRunner.js';
import { EXIT } from '../exitCodes.js';

// Why a path cannot be streamed: missing, a folder, or a device that never ends.
function unreadableStream(name: string): string | undefined {
  if (!existsSync(name)) return 'no such file';
  const stats = statSync(name);
  if (stats.isDirectory()) return 'it is a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice() || stats.isSocket()) return 'it is a device or a socket, not a file of events';
  return undefined;
}

// Whether checking lines on a second thread pays: there must be a second core, and a stream that
// may be long (standard input, a pipe, a file of 1 MiB or more); for a small file, starting the
// thread (about 0.2 s) costs more than it saves.
function worthAThread(file: string | undefined): boolean {
  if (availableParallelism() < 2) return false;
  if (file === undefined) return true;
  const stats = statSync(file);
  return !stats.isFile() || stats.size >= 1 << 20;
}

/** How many bytes of output the reader may leave unread before `thaw run` waits for it, unless told otherwise. */
export const HELD_AT_MOST = 4 << 20;

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
  /**
   * The compiled line-checking worker (dist/stream/checkWorker.js), to check lines on a second
   * thread while this one steps and writes; without it (or on one core) they are checked here.
   */
  checkWorker?: URL | undefined;
  /**
   * Takes output lines as UTF-8 bytes, each ended by a line end; returns how many bytes it still
   * holds, not written out (0: the bytes given may be written over).
   */
  write: (bytes: Uint8Array) => number;
  /** Settles once `write` holds nothing unwritten. */
  drained: () => Promise<void>;
  /** How many bytes `write` may hold before the run waits for it to drain (default HELD_AT_MOST). */
  heldAtMost?: number;
  /** How many bytes of output gather before they are written, while lines keep coming (default 64 KiB). */
  writeEvery?: number;
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
  const stepper = new TimelineStepper(start?.finalSnapshot);
  const setup: LineCheckSetup = { file: name, sourcesDir, ...(start ? { start: { sources: start.scenario.sources, events: start.scenario.events } } : {}) };
  const input = fromStdin ? options.stdin : createReadStream(name);
  const batches =
    options.checkWorker && worthAThread(fromStdin ? undefined : name) ? checkLinesInWorker(input, setup, options.checkWorker) : checkLines(input, setup);

  // Output is gathered and written in large pieces, but never held back while the input waits: a
  // program that drives the simulator line by line gets each answer at once.
  const lines = new OutputLines(options.state, options.writeEvery);
  let flushScheduled = false;
  // What the output still holds: while it holds nothing, the lines' room is written again.
  let held = 0;
  const flush = () => {
    flushScheduled = false;
    if (lines.length === 0) return;
    held = options.write(lines.take());
    if (held === 0) lines.release();
  };
  const emit = (output: StreamOutput) => {
    lines.add(output);
    if (lines.due) flush();
    else if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };
  const warn = (text: string) => {
    flush();
    options.warn(text);
  };

  // A reader slower than the input (a pipe to a busy program) is waited for, so that a long
  // stream's output is not gathered in memory: checked after each line applied, so what is held
  // stays within the limit and one write (a write comes every `writeEvery` bytes).
  const heldAtMost = options.heldAtMost ?? HELD_AT_MOST;
  const waitForReader = async () => {
    // Written first: a flush still scheduled would write while the run waits, into room the
    // wait's end then hands back as free.
    flush();
    await options.drained();
    held = 0;
    lines.release();
  };
  let read = 0;
  let bad = 0;
  // Whatever ends the run, even an error of the program's own, the lines applied so far are written.
  try {
    await applyAll();
  } finally {
    flush();
  }
  if (bad > 0 && options.onError === 'skip') warn(`thaw run: skipped ${bad} bad line${bad === 1 ? '' : 's'} of ${read}`);
  return bad > 0 ? EXIT.invalidInput : EXIT.ok;

  async function applyAll(): Promise<void> {
    reading: for await (const batch of batches) {
      read = batch.read;
      for (const checked of batch.checked) {
        if ('event' in checked) {
          emit(applyChecked(stepper, checked.id, checked.event, checked.line));
          if (held > heldAtMost) await waitForReader();
          continue;
        }
        bad += 1;
        for (const problem of checked.problems) warn(formatProblem(problem));
        if (options.onError === 'stop') {
          warn(`thaw run: stopped at line ${checked.line}; events before it were applied (--on-error skip goes on past bad lines)`);
          input.destroy();
          break reading;
        }
      }
    }
  }
}
