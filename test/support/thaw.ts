import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

/** The project's root, where `thaw` runs in these tests (so `scenarios/record.yaml` resolves). */
export const root = join(import.meta.dirname, '..', '..');

/** The compiled line-checking worker the bin starts: a worker thread cannot load the sources. */
export const builtCheckWorker = new URL('../../dist/stream/checkWorker.js', import.meta.url);

/** What one run of the command line printed, and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `thaw ARGS` in-process, as the bin does, on captured output: no colour, no THAW_SOURCES
 * unless given, stdin from `input`, not a terminal.
 */
export async function thaw(
  args: string[],
  options: {
    input?: string;
    /** Or a stream to read stdin from, for a test that feeds it while the command runs. */
    stdin?: Readable;
    env?: Record<string, string>;
    stdinIsTTY?: boolean;
    /** Press Ctrl-C once the output so far satisfies this. */
    interruptWhen?: (stdout: string) => boolean;
    /** Or press it when this settles. */
    interrupted?: Promise<void>;
    /** Sees the output so far after every write, to act on it while the command runs. */
    onStdout?: (stdout: string) => void;
    /** Check `thaw run` lines on a second thread, as the bin does (with the built worker: npm test builds first), or with this worker script. */
    checkWorker?: boolean | URL;
  } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  // Ctrl-C, pressed once the output shows what the test waits for.
  let interrupt = () => {};
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  void options.interrupted?.then(() => interrupt());
  const stdin = Object.assign(options.stdin ?? Readable.from(options.input === undefined ? [] : [options.input]), { isTTY: options.stdinIsTTY ?? false });
  // `thaw run` writes bytes; lines end where they are written, but a decoder does not count on it.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += typeof text === 'string' ? text : decoder.decode(text, { stream: true });
      if (options.interruptWhen?.(stdout)) interrupt();
      options.onStdout?.(stdout);
      // Decoded at once: nothing is held.
      return 0;
    },
    stdoutDrained: async () => {},
    stderr: (text) => {
      stderr += text;
    },
    stdin,
    env: { NO_COLOR: '1', ...options.env },
    cwd: root,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    untilInterrupted: () => interrupted,
    ...(options.checkWorker ? { checkWorker: options.checkWorker === true ? builtCheckWorker : options.checkWorker } : {}),
  });
  return { code, stdout, stderr };
}

/** A `thaw inspect` running in-process: its viewer's address, its output so far, and Ctrl-C. */
export interface RunningInspect {
  url: string;
  output: () => string;
  /** Presses Ctrl-C and resolves once the command has closed everything and returned. */
  stop: () => Promise<CliResult>;
}

/** Starts `thaw inspect ARGS` on a free port in-process and resolves once its viewer is up. */
export async function startInspect(args: string[]): Promise<RunningInspect> {
  let stop = () => {};
  const interrupted = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let output = '';
  let serving = (_url: string) => {};
  const up = new Promise<string>((resolve) => {
    serving = resolve;
  });
  const running = thaw(['inspect', '--port', '0', ...args], {
    interrupted,
    onStdout: (text) => {
      output = text;
      const match = /viewer: (\S+)/.exec(text);
      if (match) serving(match[1] as string);
    },
  });
  // A command that fails before serving ends here, with what it said.
  const url = await Promise.race([
    up,
    running.then((result) => Promise.reject(new Error(`thaw inspect ended (${result.code}) before serving:\n${result.stderr}`))),
  ]);
  return {
    url,
    output: () => output,
    stop: () => {
      stop();
      return running;
    },
  };
}
