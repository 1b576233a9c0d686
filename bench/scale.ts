// The bench's large inputs, each run in a process of its own (`node .bench/bench/scale.js WORK
// SIZE`) so that its peak memory is its own. Prints one JSON line: seconds, peak resident MiB and
// what was done. run.ts calls it at two sizes where the claim is "linear", and reads the ratio.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { formatTimeline } from '../src/cli/format/timeline.js';
import { applyEdits, compareRuns, exploreOrderings, initialSnapshot, replay, type Scenario, type ScenarioEvent } from '../src/index.js';
import { checkScenario } from '../src/scenario/checkScenario.js';
import { parseScenario } from '../src/scenario/parseScenario.js';
import type { RelationshipEvent } from '../src/vocabulary/events.js';
import { sequences } from './events.js';

/** The day `index` days after 1 January 1950, as YYYY-MM-DD: dates that only ever go forward. */
const day = (index: number) => new Date(Date.UTC(1950, 0, 1 + index)).toISOString().slice(0, 10);

/** `count` random events (the throughput mix) as scenario events, one a day, marked hypothetical. */
function scenarioEvents(count: number, prefix = 'e'): ScenarioEvent[] {
  const [events] = sequences(1, count) as [RelationshipEvent[]];
  return events.map(
    ({ type, date: _date, ...payload }, index) =>
      ({ id: `${prefix}${index}`, date: day(index), type, payload, hypothetical: 'a bench input' }) as ScenarioEvent,
  );
}

/** A valid scenario of `count` random events (the throughput mix, one a day) as YAML text, as a user's file would be. */
export function bigScenarioYaml(count: number): string {
  return stringify({ id: 'bench', title: 'Bench', description: 'A large generated scenario.', sources: {}, events: scenarioEvents(count), checkpoints: [] });
}

function incident(index: number, id = `e${index}`): ScenarioEvent {
  return {
    id,
    date: day(index),
    type: 'incident',
    payload: { kind: 'intercept', actor: 'CHN', target: 'USA' },
    hypothetical: 'a bench input',
  } as ScenarioEvent;
}

const scenarioOf = (events: ScenarioEvent[], checkpoints: Scenario['checkpoints'] = []): Scenario =>
  ({ id: 'bench', title: 'Bench', description: 'A large generated scenario.', sources: {}, events, checkpoints }) as Scenario;

// The CLI as built (dist/), which finds its package.json where the compiled bench would not.
const root = fileURLToPath(new URL('../../', import.meta.url));
const { runCli } = (await import(pathToFileURL(join(root, 'dist', 'cli', 'program.js')).href)) as typeof import('../src/cli/program.js');

// Writes `count` events as JSON Lines, a batch at a time, so that building the input does not
// raise the process's peak memory above what the run itself needs. Returns the file.
function linesFile(count: number, line: (event: ScenarioEvent) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'thaw-bench-')), 'events.jsonl');
  const out = openSync(file, 'w');
  const BATCH = 10_000;
  const [events] = sequences(1, count) as [RelationshipEvent[]];
  for (let start = 0; start < count; start += BATCH) {
    const batch = events.slice(start, start + BATCH).map(({ type, date: _date, ...payload }, offset) => {
      const index = start + offset;
      return line({ id: `e${index}`, date: day(index), type, payload, hypothetical: 'a bench input' } as ScenarioEvent);
    });
    writeSync(out, `${batch.join('\n')}\n`);
  }
  closeSync(out);
  events.length = 0;
  return file;
}

// Runs `thaw run` in this process, as the bin does, on a file of lines, its output written to
// /dev/null as the CLI writes to a file (every character encoded and written), and counted.
async function thawRun(file: string, args: string[]): Promise<{ exit: number; written: number }> {
  let written = 0;
  const sink = openSync('/dev/null', 'w');
  try {
    const exit = await runCli(['run', file, ...args], {
      // Written at once, as to a file: nothing is held.
      stdout: (text) => {
        written += writeSync(sink, typeof text === 'string' ? Buffer.from(text) : text);
        return 0;
      },
      stdoutDrained: async () => {},
      stderr: () => {},
      stdin: new PassThrough(),
      env: {},
      cwd: tmpdir(),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      untilInterrupted: () => new Promise(() => {}),
      // As the bin runs it: lines checked on a second thread.
      checkWorker: pathToFileURL(join(root, 'dist', 'stream', 'checkWorker.js')),
    });
    return { exit, written };
  } finally {
    closeSync(sink);
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

/** Each workload: builds its input (not timed), then returns the work to time and what it did. */
const WORKLOADS: Record<string, (size: number) => () => unknown | Promise<unknown>> = {
  replay: (size) => {
    const scenario = scenarioOf(scenarioEvents(size));
    return () => ({ steps: replay(scenario).steps.length });
  },
  whatif: (size) => {
    const events = scenarioEvents(size);
    // The two histories part near the end: the what-if drops the tenth event from last.
    const whatIf = scenarioOf(events.filter((_, index) => index !== size - 10));
    const base = scenarioOf(events);
    return () => ({ firstDivergence: compareRuns(replay(base), replay(whatIf)).firstDivergence?.index });
  },
  run: (size) => {
    const file = linesFile(size, (event) => JSON.stringify(event));
    return async () => thawRun(file, []);
  },
  runNoState: (size) => {
    const file = linesFile(size, (event) => JSON.stringify(event));
    return async () => thawRun(file, ['--no-state']);
  },
  runBadLines: (size) => {
    // Every line names a cause no event has: each is refused, and the run goes on past it.
    const file = linesFile(size, (event) => JSON.stringify({ ...event, causedBy: `${event.id}z` }));
    return async () => thawRun(file, ['--on-error', 'skip']);
  },
  inserts: (size) => {
    const base = scenarioOf(Array.from({ length: size }, (_, index) => incident(2 * index)));
    const edits = Array.from({ length: size }, (_, index) => ({ insert: incident(2 * index + 1, `x${index}`) }));
    return () => ({ events: applyEdits(base, edits).events.length });
  },
  removes: (size) => {
    const base = scenarioOf(Array.from({ length: 2 * size }, (_, index) => incident(index)));
    const edits = Array.from({ length: size }, (_, index) => ({ remove: `e${2 * index}` }));
    return () => ({ events: applyEdits(base, edits).events.length });
  },
  moves: (size) => {
    const base = scenarioOf(Array.from({ length: size }, (_, index) => incident(index)));
    // Each event moved to a day among the others', so every move lands inside the list.
    const edits = Array.from({ length: size }, (_, index) => ({ move: `e${index}`, to: day((index * 7919) % size) }));
    return () => ({ events: applyEdits(base, edits).events.length });
  },
  yamlKeys: (size) => {
    // A scenario with `size` keys no field has, each a problem to place at its line.
    const text = `id: bench\ntitle: Bench\n${Array.from({ length: size }, (_, index) => `k${index}: ${index}`).join('\n')}\n`;
    return () => {
      const result = parseScenario(text, { file: 'bench.yaml' });
      return { problems: result.ok ? 0 : result.problems.length };
    };
  },
  checkpoints: (size) => {
    const checkpoints = Array.from({ length: size }, (_, index) => ({ id: `c${index}`, after: 'e0', claim: 'Nothing is cut.', expect: { phase: 'normal' } }));
    const scenario = scenarioOf([incident(0)], checkpoints as Scenario['checkpoints']);
    return () => ({ characters: formatTimeline(replay(scenario), { color: false, file: 'bench' }).length });
  },
  sanctions: (size) => {
    // Sanctions on `size` different people, every order of them.
    const events = Array.from(
      { length: size },
      (_, index) =>
        ({ id: `s${index}`, date: '2023-04', type: 'sanctions.imposed', payload: { name: `Person ${index}` }, hypothetical: 'a bench input' }) as ScenarioEvent,
    );
    return () => {
      const result = exploreOrderings(initialSnapshot(), events);
      return { orderings: String(result.sequences), mergedStates: result.mergedStates };
    };
  },
  unknownCauses: (size) => {
    const events = Array.from({ length: size }, (_, index) => ({ ...incident(index), causedBy: `e${index}z` }) as ScenarioEvent);
    const where = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.');
    return () => ({
      problems: checkScenario(scenarioOf(events), { problemAt: (path, message) => ({ file: '', line: 0, column: 0, path: where(path), message }), where })
        .length,
    });
  },
};

/** The names of the workloads run.ts may ask for. */
export const WORKLOAD_NAMES = Object.keys(WORKLOADS);

/** What one workload reported. */
export interface ScaleResult {
  work: string;
  size: number;
  seconds: number;
  /** Peak resident memory of the whole process, MiB. */
  peakMiB: number;
  /** Peak resident memory before the timed work began (its input built), MiB. */
  inputMiB: number;
  did: unknown;
}

const [work, size] = process.argv.slice(2);
if (work !== undefined && import.meta.url === `file://${process.argv[1]}`) {
  const build = WORKLOADS[work];
  if (!build) throw new Error(`unknown workload ${work}; one of ${WORKLOAD_NAMES.join(', ')}`);
  const timed = build(Number(size));
  const inputMiB = process.resourceUsage().maxRSS / 1024;
  const began = performance.now();
  const did = await timed();
  const seconds = (performance.now() - began) / 1000;
  const result: ScaleResult = { work, size: Number(size), seconds, peakMiB: process.resourceUsage().maxRSS / 1024, inputMiB, did };
  console.log(JSON.stringify(result));
}
