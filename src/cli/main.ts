#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Argument, Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { escapeControls, formatProblem, InvalidInputError } from '../scenario/problems.js';
import { eventTableMarkdown } from '../vocabulary/eventTable.js';
import { replayCommand } from './commands/replay.js';
import { EXPORT_FORMATS, type ExportFormat } from '../export/formats.js';
import { RECORD_FILE } from './defaults.js';
import { checkNotMistypedCommand } from './inputs.js';
import { EXIT, UsageError } from './exitCodes.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
const write = (text: string) => process.stdout.write(`${text}\n`);
const warn = (text: string) => process.stderr.write(`${text}\n`);

// A reader that stops early (`thaw replay | head`) is not an error; a full disk is.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.stderr.write(`thaw: cannot write the output: ${error.message}\n`);
  process.exit(EXIT.outputFailed);
});

const program = new Command('thaw')
  .description('Replay, inspect and question the US–China military-contact statechart, 2022–2024.')
  .version(version)
  .exitOverride()
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
const refuseMistypedCommand = (file: string) => checkNotMistypedCommand(file, program.commands.map((command) => command.name()));

program
  .command('replay', { isDefault: true })
  .description('replay a scenario event by event and check its checkpoints (default: the historical record)')
  .addArgument(new Argument('[file]', 'scenario YAML file').default(RECORD_FILE, 'scenarios/record.yaml, the record'))
  .option('--json', 'print the timeline (or, with --at, the state) as JSON')
  .option('--at <date>', 'print the state on a date (YYYY-MM-DD or YYYY-MM) instead of the timeline')
  .option('--sources <dir>', 'folder of article texts to check quotes against (default: $THAW_SOURCES)')
  .option('--reported-only', 'leave out the inferred events, and say which checkpoints then fail')
  .option('--check-order', 'run each checkpoint under every order of same-month events the sources allow; exit 1 if one depends on the order')
  .addOption(new Option('--no-color', 'print without colour').default(pc.isColorSupported, 'when the terminal supports it'))
  .action((file: string, options: { json?: boolean; at?: string; sources?: string; reportedOnly?: boolean; checkOrder?: boolean; color: boolean }) => {
    refuseMistypedCommand(file);
    process.exitCode = replayCommand({
      file,
      json: options.json ?? false,
      at: options.at,
      sources: options.sources,
      reportedOnly: options.reportedOnly ?? false,
      checkOrder: options.checkOrder ?? false,
      color: options.color,
      write,
    });
  });

program
  .command('whatif')
  .description('replay a what-if file and compare it with its base: first divergence, checkpoints in both, channels, phase over time')
  .argument('<file>', 'what-if YAML file (see scenarios/what-if/)')
  .option('--json', 'print the comparison as JSON')
  .option('--sources <dir>', 'folder of article texts to check the base scenario\'s quotes against (default: $THAW_SOURCES)')
  .option('--check-order', "run the what-if's checkpoints under every order of same-month events the sources allow, instead of comparing")
  .addOption(new Option('--no-color', 'print without colour').default(pc.isColorSupported, 'when the terminal supports it'))
  .action(async (file: string, options: { json?: boolean; sources?: string; checkOrder?: boolean; color: boolean }) => {
    const { whatIfCommand } = await import('./commands/whatif.js');
    process.exitCode = whatIfCommand({ file, json: options.json ?? false, sources: options.sources, checkOrder: options.checkOrder ?? false, color: options.color, write });
  });

program
  .command('run')
  .description('read events as JSON Lines (file or stdin) and write the state after each as JSON Lines')
  .argument('[events]', 'JSON Lines file of events, same fields as scenario events; - or nothing for stdin')
  .option('--from <scenario>', "start from the end state of this scenario (default: the machine's initial state)")
  .addOption(new Option('--on-error <mode>', 'on a bad line: stop, or skip it and go on (exit 2 either way)').choices(['stop', 'skip']).default('stop'))
  .action(async (events: string | undefined, options: { from?: string; onError: 'stop' | 'skip' }) => {
    const { runCommand } = await import('./commands/run.js');
    process.exitCode = await runCommand({ input: events, from: options.from, onError: options.onError, write, warn });
  });

program
  .command('explore')
  .description('count what every ordering (or subset) of candidate events leads to: end phases, shortest way to resumed contact, needed events')
  .addArgument(new Argument('[file]', 'scenario YAML file the start and the --events come from').default(RECORD_FILE, 'the record'))
  .option('--events <ids>', 'candidate events, by id, from the scenario (comma-separated)')
  .option('--candidates <file>', 'candidate events from a YAML file: a list of events as in a scenario')
  .option('--start <id>', 'start after this event of the scenario, or "initial" (default: just before the first --events event, else the end of the scenario)')
  .option('--subsets', 'count every ordering of every subset of the candidates, not only orderings of them all')
  .option('--json', 'print the result as JSON')
  .option('--no-progress', 'draw no progress bar (none is drawn unless stderr is a terminal)')
  .addOption(new Option('--no-color', 'print without colour').default(pc.isColorSupported, 'when the terminal supports it'))
  .action(async (file: string, options: { events?: string; candidates?: string; start?: string; subsets?: boolean; json?: boolean; progress: boolean; color: boolean }) => {
    const drawProgress = options.progress && process.stderr.isTTY ? (line: string | null) => process.stderr.write(line === null ? '\r\x1b[K' : `\r${line}`) : undefined;
    refuseMistypedCommand(file);
    const { exploreCommand } = await import('./commands/explore.js');
    process.exitCode = exploreCommand({
      file,
      events: options.events,
      candidates: options.candidates,
      start: options.start,
      subsets: options.subsets ?? false,
      json: options.json ?? false,
      color: options.color,
      progress: drawProgress,
      write,
    });
  });

program
  .command('inspect')
  .description('open the local viewer and replay a scenario (or what-if) through a live, inspected actor')
  .addArgument(new Argument('[file]', 'scenario or what-if YAML file').default(RECORD_FILE, 'the record'))
  .option('--port <port>', 'port on 127.0.0.1 for the viewer (0: any free port)', '4700')
  .option('--pace <ms>', 'milliseconds between events', '700')
  .option('--step', 'wait for Enter before each event')
  .option('--stately', 'also print a page that forwards the events to the Stately inspector (needs internet)')
  .option('--sources <dir>', 'folder of article texts to check quotes against (default: $THAW_SOURCES)')
  .action(async (file: string, options: { port: string; pace: string; step?: boolean; stately?: boolean; sources?: string }) => {
    refuseMistypedCommand(file);
    const { inspectCommand } = await import('./commands/inspect.js');
    await inspectCommand({ file, port: options.port, pace: options.pace, step: options.step ?? false, stately: options.stately ?? false, sources: options.sources, write });
  });

program
  .command('export')
  .description("write the statechart's diagram (every region, state and transition) as Mermaid, Graphviz DOT, SCXML or JSON")
  .addOption(new Option('--format <format>', 'diagram format').choices([...EXPORT_FORMATS]).default('mermaid'))
  .option('--output <file>', 'write to this file instead of stdout')
  .action(async (options: { format: ExportFormat; output?: string }) => {
    const { exportCommand } = await import('./commands/export.js');
    process.exitCode = exportCommand({ format: options.format, output: options.output, write });
  });

program
  .command('verify')
  .description('search every state the machine can reach: invariants, declared states never reached, traps; each violation with its shortest event path')
  .option('--channels <list>', 'search only these channels, each on its own (comma-separated; default: every channel)')
  .option('--json', 'print the report as JSON')
  .option('--no-progress', 'say nothing while searching (nothing is said unless stderr is a terminal)')
  .addOption(new Option('--no-color', 'print without colour').default(pc.isColorSupported, 'when the terminal supports it'))
  .action(async (options: { channels?: string; json?: boolean; progress: boolean; color: boolean }) => {
    const progress = options.progress && process.stderr.isTTY ? (line: string | null) => process.stderr.write(line === null ? '\r\x1b[K' : `\r${line}`) : undefined;
    const { verifyCommand } = await import('./commands/verify.js');
    process.exitCode = verifyCommand({ channels: options.channels, json: options.json ?? false, color: options.color, progress, write });
  });

program
  .command('schema')
  .description('print the scenario format as JSON Schema (for editors)')
  .option('--what-if', 'print the what-if file format instead')
  .action(async (options: { whatIf?: boolean }) => {
    const { schemaCommand } = await import('./commands/schema.js');
    process.exitCode = schemaCommand(write, options);
  });

program
  .command('events')
  .description('print the event vocabulary as a Markdown table, with CAMEO, Goldstein and PLOVER codes')
  .action(() => {
    write(eventTableMarkdown());
  });

// Commands other than replay load their modules when run: the main job starts without the
// viewer's layout engine, the inspector or the explorer.

// The one place that turns errors into messages and exit codes: never a stack trace.
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const benign = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    process.exitCode = benign ? EXIT.ok : EXIT.invalidInput;
  } else if (error instanceof InvalidInputError) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const count = error.problems.length;
    process.stderr.write(`${count} problem${count === 1 ? '' : 's'} found; nothing was replayed.\n`);
    process.exitCode = EXIT.invalidInput;
  } else if (error instanceof UsageError) {
    process.stderr.write(`thaw: ${escapeControls(error.message)}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`thaw: internal error: ${escapeControls(String((error as Error)?.message ?? error))}\nPlease report this with the command you ran.\n`);
    process.exitCode = EXIT.internal;
  }
}
