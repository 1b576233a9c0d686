import { Readable } from 'node:stream';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';

/** The project's root, where `thaw` runs in these tests (so `scenarios/record.yaml` resolves). */
export const root = join(import.meta.dirname, '..', '..');

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
  options: { input?: string; env?: Record<string, string>; stdinIsTTY?: boolean; interruptWhen?: (stdout: string) => boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  // Ctrl-C, pressed once the output shows what the test waits for.
  let interrupt = () => {};
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  const stdin = Object.assign(Readable.from(options.input === undefined ? [] : [options.input]), { isTTY: options.stdinIsTTY ?? false });
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
      if (options.interruptWhen?.(stdout)) interrupt();
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin,
    env: { NO_COLOR: '1', ...options.env },
    cwd: root,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    untilInterrupted: () => interrupted,
  });
  return { code, stdout, stderr };
}
