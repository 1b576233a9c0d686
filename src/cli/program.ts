import { createRequire } from 'node:module';
import { Argument, Command, CommanderError, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../export/formats.js';
import { formatProblem, InvalidInputError } from '../index.js';
import { escapeControls } from '../scenario/problems.js';
import { eventTableMarkdown } from '../vocabulary/eventTable.js';
import { replayCommand } from './commands/replay.js';
import { HISTORY_DIR, RECORD_FILE } from './defaults.js';
import { EXIT, UsageError } from './exitCodes.js';
import { checkNotMistypedCommand, sourcesFolder } from './inputs.js';
import { type CliIo, colorByDefault } from './io.js';

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

  program
    .command('replay', { isDefault: true })
    .description('replay a scenario (or the history a what-if file gives) event by event and check its checkpoints (default: the historical record)')
    .addArgument(new Argument('[file]', 'scenario YAML file').default(RECORD_FILE, 'scenarios/record.yaml, the record'))
    .option('--json', 'print the timeline (or, with --at, the state) as JSON')
    .option('--at <date>', 'print the state on a date (YYYY-MM-DD or YYYY-MM) instead of the timeline')
    .option('--sources <dir>', 'folder of article texts to check quotes against (default: $THAW_SOURCES)')
    .option('--reported-only', 'leave out the inferred events, and say which checkpoints then fail')
    .option('--check-order', 'run each checkpoint under every order of same-month events the sources allow; exit 1 if one depends on the order')
    .addOption(color())
    .action((file: string, options: { json?: boolean; at?: string; sources?: string; reportedOnly?: boolean; checkOrder?: boolean; color: boolean }) => {
      refuseMistypedCommand(file);
      exit(
        replayCommand({
          file,
          json: options.json ?? false,
          at: options.at,
          sourcesDir: sources(options.sources),
          reportedOnly: options.reportedOnly ?? false,
          checkOrder: options.checkOrder ?? false,
          color: options.color,
          cwd: io.cwd,
          write,
        }),
      );
    });

  program
    .command('whatif')
    .description('replay a what-if file and compare it with its base: first divergence, checkpoints in both, channels, phase over time')
    .argument('<file>', 'what-if YAML file (see scenarios/what-if/)')
    .option('--json', 'print the comparison as JSON')
    .option('--sources <dir>', "folder of article texts to check the base scenario's quotes against (default: $THAW_SOURCES)")
    .option('--check-order', "run the what-if's checkpoints under every order of same-month events the sources allow, instead of comparing")
    .addOption(color())
    .action(async (file: string, options: { json?: boolean; sources?: string; checkOrder?: boolean; color: boolean }) => {
      const { whatIfCommand } = await import('./commands/whatif.js');
      exit(
        whatIfCommand({
          file,
          json: options.json ?? false,
          sourcesDir: sources(options.sources),
          checkOrder: options.checkOrder ?? false,
          color: options.color,
          cwd: io.cwd,
          write,
        }),
      );
    });

  program
    .command('run')
    .description('read events as JSON Lines (file or stdin) and write the state after each as JSON Lines')
    .argument('[events]', 'JSON Lines file of events, same fields as scenario events; - or nothing for stdin')
    .option('--from <scenario>', "start from the end state of this scenario (default: the machine's initial state)")
    .addOption(new Option('--on-error <mode>', 'on a bad line: stop, or skip it and go on (exit 2 either way)').choices(['stop', 'skip']).default('stop'))
    .option('--no-state', 'write each line without the whole state: phase, changes and notes only (a tenth of the size, for long streams)')
    .action(async (events: string | undefined, options: { from?: string; onError: 'stop' | 'skip'; state: boolean }) => {
      const { runCommand } = await import('./commands/run.js');
      exit(
        await runCommand({
          input: events,
          from: options.from,
          onError: options.onError,
          state: options.state,
          sourcesDir: sources(undefined),
          stdin: io.stdin,
          checkWorker: io.checkWorker,
          write: io.stdout,
          drained: io.stdoutDrained,
          warn,
        }),
      );
    });

  program
    .command('explore')
    .description('count what every ordering (or subset) of candidate events leads to: end phases, shortest way to resumed contact, needed events')
    .addArgument(new Argument('[file]', 'scenario YAML file the start and the --events come from').default(RECORD_FILE, 'the record'))
    .option('--events <ids>', 'candidate events, by id, from the scenario (comma-separated)')
    .option('--candidates <file>', 'candidate events from a YAML file: a list of events as in a scenario')
    .option(
      '--start <id>',
      'start after this event of the scenario, or "initial" (default: just before the first --events event, else the end of the scenario)',
    )
    .option('--subsets', 'count every ordering of every subset of the candidates, not only orderings of them all')
    .option('--json', 'print the result as JSON')
    .option('--max-memory <MiB>', 'refuse a search that needs more memory than this, before or while it runs', '1024')
    .option('--no-progress', 'draw no progress bar (none is drawn unless stderr is a terminal)')
    .addOption(color())
    .action(
      async (
        file: string,
        options: {
          events?: string;
          candidates?: string;
          start?: string;
          subsets?: boolean;
          json?: boolean;
          maxMemory: string;
          progress: boolean;
          color: boolean;
        },
      ) => {
        refuseMistypedCommand(file);
        const maxMemoryMiB = Number(options.maxMemory);
        if (!/^\d+$/.test(options.maxMemory.trim()) || maxMemoryMiB < 1)
          throw new UsageError(`--max-memory: "${options.maxMemory}" is not a whole number of MiB`);
        const { exploreCommand } = await import('./commands/explore.js');
        exit(
          exploreCommand({
            file,
            events: options.events,
            candidates: options.candidates,
            start: options.start,
            subsets: options.subsets ?? false,
            json: options.json ?? false,
            color: options.color,
            progress: progress(options.progress),
            sourcesDir: sources(undefined),
            cwd: io.cwd,
            maxMemoryMiB,
            write,
          }),
        );
      },
    );

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
      exit(
        await inspectCommand({
          file,
          port: options.port,
          pace: options.pace,
          step: options.step ?? false,
          stately: options.stately ?? false,
          sourcesDir: sources(options.sources),
          io,
          write,
          warn,
        }),
      );
    });

  program
    .command('export')
    .description(
      "write the statechart's diagram (every region, state and transition) as Mermaid, Graphviz DOT, SCXML or JSON, or a scenario in the viewer as one HTML file",
    )
    .argument('[file]', 'with --format html: the scenario or what-if to show (default: the record)')
    .addOption(new Option('--format <format>', 'diagram format, or html for a standalone viewer page').choices([...EXPORT_FORMATS, 'html']).default('mermaid'))
    .option('--output <file>', 'write to this file instead of stdout')
    .option('--sources <dir>', "folder of article texts to check the scenario's quotes against (default: $THAW_SOURCES)")
    .action(async (file: string | undefined, options: { format: ExportFormat | 'html'; output?: string; sources?: string }) => {
      const { exportCommand } = await import('./commands/export.js');
      exit(await exportCommand({ format: options.format, file, output: options.output, sourcesDir: sources(options.sources), cwd: io.cwd, write }));
    });

  program
    .command('verify')
    .description('search every state the machine can reach: invariants, declared states never reached, traps; each violation with its shortest event path')
    .option('--channels <list>', 'search only these channels, each on its own (comma-separated; default: every channel)')
    .option('--json', 'print the report as JSON')
    .option('--no-progress', 'say nothing while searching (nothing is said unless stderr is a terminal)')
    .addOption(color())
    .action(async (options: { channels?: string; json?: boolean; progress: boolean; color: boolean }) => {
      const { verifyCommand } = await import('./commands/verify.js');
      exit(verifyCommand({ channels: options.channels, json: options.json ?? false, color: options.color, progress: progress(options.progress), write }));
    });

  program
    .command('schema')
    .description('print the scenario format as JSON Schema (for editors)')
    .option('--what-if', 'print the what-if file format instead')
    .action(async (options: { whatIf?: boolean }) => {
      const { schemaCommand } = await import('./commands/schema.js');
      exit(schemaCommand(write, options));
    });

  const data = program
    .command('data')
    .description('a scenario or what-if as data: its events as PLOVER or CAMEO records, the state month by month, how long each channel was cut');
  const dataKind = (kind: 'events' | 'series' | 'durations', description: string, argument: Argument) =>
    data
      .command(kind)
      .description(description)
      .addArgument(argument)
      .option('--output <file>', 'write to this file instead of stdout')
      .option('--sources <dir>', "folder of article texts to check the scenario's quotes against (default: $THAW_SOURCES)");
  dataKind(
    'events',
    'every event as a PLOVER record (JSON Lines) or a CAMEO row with its Goldstein value (CSV)',
    new Argument('[file]', 'scenario or what-if YAML file').default(RECORD_FILE, 'the record'),
  )
    .addOption(
      new Option('--format <format>', 'plover (JSON Lines, as POLECAT exchanges events) or cameo (CSV, as GDELT and ICEWS)')
        .choices(['plover', 'cameo'])
        .default('plover'),
    )
    .option('--json', 'with --format cameo: a JSON array instead of CSV')
    .action(async (file: string, options: { format: 'plover' | 'cameo'; json?: boolean; output?: string; sources?: string }) => {
      const { dataCommand } = await import('./commands/data.js');
      exit(
        dataCommand({
          kind: 'events',
          files: [file],
          format: options.format,
          json: options.json ?? false,
          output: options.output,
          sourcesDir: sources(options.sources),
          write,
          warn,
        }),
      );
    });
  for (const [kind, description] of [
    ['series', "month by month: the phase, each channel's link, months since its last contact, incidents (CSV, or --json)"],
    ['durations', 'each time a channel was cut: how, by whom, from when, when it reopened, for how many months (CSV, or --json)'],
  ] as const) {
    dataKind(
      kind,
      description,
      new Argument('[files...]', 'scenario or what-if YAML files, or folders of them, a history column apart').default([RECORD_FILE], 'the record'),
    )
      .option('--json', 'JSON instead of CSV')
      .action(async (files: string[], options: { json?: boolean; output?: string; sources?: string }) => {
        const { dataCommand } = await import('./commands/data.js');
        exit(
          dataCommand({
            kind,
            files,
            format: 'plover',
            json: options.json ?? false,
            output: options.output,
            sourcesDir: sources(options.sources),
            write,
            warn,
          }),
        );
      });
  }

  program
    .command('chart')
    .description("draw the phase and each channel over time as a standalone SVG, with a legend and the sources; a what-if's rows under its base's")
    .addArgument(new Argument('[file]', 'scenario or what-if YAML file').default(RECORD_FILE, 'the record'))
    .option('--out <file>', 'write the chart to this file instead of stdout: SVG, or PNG if the name ends in .png')
    .option(
      '--font <file>',
      'for a PNG: a .ttf font to draw the text with (repeat for bold; default: DejaVu or Liberation Sans where installed)',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--sources <dir>', "folder of article texts to check the scenario's quotes against (default: $THAW_SOURCES)")
    .action(async (file: string, options: { out?: string; font: string[]; sources?: string }) => {
      const { chartCommand } = await import('./commands/chart.js');
      exit(await chartCommand({ file, output: options.out, fonts: options.font, sourcesDir: sources(options.sources), cwd: io.cwd, write }));
    });

  program
    .command('compare')
    .description(
      'compare freezes across histories: what set each off, who cut which channels, months to the first restored channel, to ministerial contact and to normal relations, and what brought each about',
    )
    .addArgument(new Argument('[files...]', 'scenario or what-if YAML files, or folders of them').default([HISTORY_DIR], 'every episode in scenarios/history/'))
    .option('--csv', 'one CSV row per freeze')
    .option('--json', 'the comparison as JSON, with the whole causedBy chain of each step')
    .option('--output <file>', 'write the comparison (text, CSV or JSON) to this file instead of stdout')
    .option('--chart <file>', 'also draw the freezes aligned at their first cut, as SVG, or PNG if the name ends in .png')
    .option(
      '--font <file>',
      'for a PNG chart: a .ttf font (repeat for bold; default: DejaVu or Liberation Sans where installed)',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--sources <dir>', "folder of article texts to check the scenarios' quotes against (default: $THAW_SOURCES)")
    .addOption(color())
    .addHelpText('after', "\nExits 1 if a compared history has a checkpoint that does not hold: its freezes are then the model's alone.")
    .action(
      async (
        files: string[],
        options: { csv?: boolean; json?: boolean; output?: string; chart?: string; font: string[]; sources?: string; color: boolean },
      ) => {
        if (options.csv && options.json) throw new UsageError('choose one of --csv and --json');
        const { compareCommand } = await import('./commands/compare.js');
        exit(
          await compareCommand({
            files,
            format: options.json ? 'json' : options.csv ? 'csv' : 'text',
            output: options.output,
            chart: options.chart,
            fonts: options.font,
            sourcesDir: sources(options.sources),
            color: options.color,
            cwd: io.cwd,
            write,
            warn,
          }),
        );
      },
    );

  program
    .command('events')
    .description('print the event vocabulary as a Markdown table, with CAMEO, Goldstein and PLOVER codes')
    .action(() => {
      write(eventTableMarkdown());
    });

  // Subcommands inherit exitOverride and configureOutput, so commander's own errors reach io too.
  return program;
}
