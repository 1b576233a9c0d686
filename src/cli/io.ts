import type { Readable } from 'node:stream';

/**
 * What a command may touch of the outside world. The CLI runs on the process's own; the tests run
 * it in-process on buffers, so the same code is tested without a node process per case.
 */
export interface CliIo {
  /**
   * Writes text, or bytes of UTF-8 text, to standard output as is (the caller adds line ends).
   * Returns how many bytes the stream still holds, not yet written out: 0 means bytes given are
   * written (or copied) and may be written over.
   */
  stdout(text: string | Uint8Array): number;
  /** Settles once standard output holds nothing unwritten (at once if it holds nothing now). */
  stdoutDrained(): Promise<void>;
  /** Writes text to standard error as is. */
  stderr(text: string): void;
  /** Where `thaw run` reads events from when no file is named, and `inspect --step` waits for Enter. */
  stdin: Readable & { isTTY?: boolean };
  /** The environment: THAW_SOURCES, NO_COLOR, FORCE_COLOR, TERM. */
  env: Readonly<Record<string, string | undefined>>;
  /** The folder paths are shown relative to. */
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /**
   * The compiled worker that checks `thaw run` lines on a second thread. The bin gives it; code
   * run from the sources (the tests) cannot start it unless given the built one, and checks on
   * its own thread instead.
   */
  checkWorker?: URL;
  /** Settles when the user asks to stop (Ctrl-C); `thaw inspect` runs until then. Other commands end on Ctrl-C as usual. */
  untilInterrupted(): Promise<void>;
}

const EMPTY = new Uint8Array(0);

/** The process's own standard streams, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(text);
      return process.stdout.writableLength;
    },
    // An empty write's callback comes once every write before it is done ('drain' would not come
    // at all had no write been refused). A failed write ends the process (see main.ts).
    stdoutDrained: () => (process.stdout.writableLength === 0 ? Promise.resolve() : new Promise((resolve) => process.stdout.write(EMPTY, () => resolve()))),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    untilInterrupted: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

/** Whether to colour the output by default: on a terminal, unless NO_COLOR says no (FORCE_COLOR says yes). */
export function colorByDefault(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}
