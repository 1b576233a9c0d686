/** Exit codes, documented in the README and `thaw --help`. */
export const EXIT = {
  /** Every checkpoint holds. */
  ok: 0,
  /** The scenario replayed, but a checkpoint does not hold. */
  checkpointFailed: 1,
  /** The input (a file, an argument) is invalid; nothing was replayed. */
  invalidInput: 2,
  /** A bug in thaw itself. */
  internal: 3,
  /** The output could not be written: a full disk, an unwritable file. Not the input's fault, nor thaw's. */
  outputFailed: 4,
} as const;

/** Thrown by a command to end with a message on stderr and a given exit code. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalidInput,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
