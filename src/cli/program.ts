import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { formatProblem, InvalidInputError } from '../index.js';
import { escapeControls } from '../scenario/problems.js';
import type { CommandContext } from './commandContext.js';
import { EXIT, UsageError } from './exitCodes.js';
import { checkNotMistypedCommand, sourcesFolder } from './inputs.js';
import { type CliIo, colorByDefault } from './io.js';
import { registerChart } from './register/chart.js';
import { registerCompare } from './register/compare.js';
import { registerData } from './register/data.js';
import { registerEvents } from './register/events.js';
import { registerExplore } from './register/explore.js';
import { registerExport } from './register/export.js';
import { registerInspect } from './register/inspect.js';
import { registerReplay } from './register/replay.js';
import { registerRun } from './register/run.js';
import { registerSchema } from './register/schema.js';
import { registerVerify } from './register/verify.js';
import { registerWhatif } from './register/whatif.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * Runs the thaw command line on `argv` (the arguments after `thaw`) against `io`, and resolves to
 * the exit code. Every error becomes a message on io's stderr and a code, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const set = (exitCode: number) => {
    code = exitCode;
  };
  try {
    await buildProgram(io, set).parseAsync([...argv], { from: 'user' });
  } catch (error) {
    code = exitCodeOf(error, io);
  }
  return code;
}

// The one place that turns errors into messages and exit codes.
function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    const benign = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    return benign ? EXIT.ok : EXIT.invalidInput;
  }
  if (error instanceof InvalidInputError) {
    for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
    const count = error.problems.length;
    io.stderr(`${count} problem${count === 1 ? '' : 's'} found; nothing was replayed.\n`);
    return EXIT.invalidInput;
  }
  if (error instanceof UsageError) {
    io.stderr(`thaw: ${escapeControls(error.message)}\n`);
    return error.exitCode;
  }
  io.stderr(`thaw: internal error: ${escapeControls(String((error as Error)?.message ?? error))}\nPlease report this with the command you ran.\n`);
  return EXIT.internal;
}

// Commander keeps parsed options on the command objects, so every run builds its own program.
// Commands other than replay load their modules when run: the main job starts without the
// viewer's layout engine, the inspector or the explorer.
function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const write = (text: string) => void io.stdout(`${text}\n`);
  const warn = (text: string) => io.stderr(`${text}\n`);
  const color = () => new Option('--no-color', 'print without colour').default(colorByDefault(io), 'on a terminal, unless NO_COLOR is set');
  // Progress goes to stderr, and only to a terminal: a log file gets no carriage returns.
  const progress = (wanted: boolean) => (wanted && io.stderrIsTTY ? (line: string | null) => io.stderr(line === null ? '\r\x1b[K' : `\r${line}`) : undefined);
  const sources = (option: string | undefined) => sourcesFolder(option, io.env) ?? null;

  const program = new Command('thaw')
    .description('Replay, inspect and question the US–China military-contact statechart: the record of 2022–2024, and every freeze since 1989.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      'after',
      `
Exit codes: 0 every checkpoint holds (verify: clean), 1 a checkpoint fails (verify: a rule
            is broken; --check-order: a checkpoint depends on the order), 2 invalid input,
            3 internal error, 4 the output could not be written (a full disk, say).
Environment: THAW_SOURCES  folder of article texts; when set, the quotes of scenario files, of
              events inserted by what-ifs and of thaw run lines (with --from) are checked.`,
    );

  // A file argument that is really a mistyped command name (`thaw scema`) is refused with a suggestion.
  const refuseMistypedCommand = (file: string) =>
    checkNotMistypedCommand(
      file,
      program.commands.map((command) => command.name()),
    );

  const context: CommandContext = { io, write, warn, exit, color, progress, sources, refuseMistypedCommand };
  registerReplay(program, context);
  registerWhatif(program, context);
  registerRun(program, context);
  registerExplore(program, context);
  registerInspect(program, context);
  registerExport(program, context);
  registerVerify(program, context);
  registerSchema(program, context);
  registerData(program, context);
  registerChart(program, context);
  registerCompare(program, context);
  registerEvents(program, context);

  // Subcommands inherit exitOverride and configureOutput, so commander's own errors reach io too.
  return program;
}
