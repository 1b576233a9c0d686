import type { Option } from 'commander';
import type { CliIo } from './io.js';

/** What each command's registration is given: the outside world, and the options and helpers every command shares. */
export interface CommandContext {
  io: CliIo;
  /** Writes a line to standard output. */
  write: (text: string) => void;
  /** Writes a line to standard error. */
  warn: (text: string) => void;
  /** Sets the exit code the command ends with. */
  exit: (code: number) => void;
  /** The --no-color option, defaulting to colour on a terminal. */
  color: () => Option;
  /** A progress line on a terminal's stderr when wanted, else nothing. */
  progress: (wanted: boolean) => ((line: string | null) => void) | undefined;
  /** The folder of article texts: the option's, else $THAW_SOURCES, else none. */
  sources: (option: string | undefined) => string | null;
  /** Refuses a file argument that is really a mistyped command name (`thaw scema`). */
  refuseMistypedCommand: (file: string) => void;
}
