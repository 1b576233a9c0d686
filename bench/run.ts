// `npm run bench`: the speed and memory figures, measured in one run on the same random
// sequences and written to docs/benchmarks.md. Not a test: nothing here fails on a slow machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActor, transition } from 'xstate';
import { compileRelationshipMachine, relationshipEngine } from '../src/engine/relationshipEngine.js';
import { initialSnapshot, type RelationshipEvent, relationshipMachine, step } from '../src/index.js';
import { sequences } from './events.js';
import { initialReducerState, reduce } from './reducer.js';
import { bigScenarioYaml, type ScaleResult } from './scale.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SEQUENCES = 400;
const LENGTH = 60;
// Each method runs in ROUNDS slices of SLICE_MS, taking turns, and its median slice is reported:
// a slow moment on a shared machine then hits every method alike instead of one of them.
const ROUNDS = 7;
const SLICE_MS = 300;

type Method = { name: string; run: (events: RelationshipEvent[]) => void };

/** Events per second of `run` over the sequences for one slice. */
function slice(all: RelationshipEvent[][], run: (events: RelationshipEvent[]) => void): number {
  let events = 0;
  const started = performance.now();
  for (let round = 0; performance.now() - started < SLICE_MS; round += 1) {
    const sequence = all[round % all.length] as RelationshipEvent[];
    run(sequence);
    events += sequence.length;
  }
  return events / ((performance.now() - started) / 1000);
}

/** Each method's median events per second over ROUNDS interleaved slices. */
function throughputs(all: RelationshipEvent[][], methods: Method[]): { name: string; perSecond: number }[] {
  const samples = methods.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round += 1) methods.forEach((method, index) => samples[index]?.push(slice(all, method.run)));
  return methods.map((method, index) => {
    const sorted = (samples[index] as number[]).sort((a, b) => a - b);
    return { name: method.name, perSecond: sorted[Math.floor(sorted.length / 2)] as number };
  });
}

const all = sequences(SEQUENCES, LENGTH);
// The fast engine learns its tables from xstate the first time it meets a state; learning is
// timed on its own, then the throughput below is the engine's steady state.
const engine = relationshipEngine();
const learning = performance.now();
for (const events of all) engine.run(events);
const learnt = { ms: performance.now() - learning, ...engine.stats() };
// The same engine with its search for moving regions walked as data, as where code cannot be made.
const walking = compileRelationshipMachine(relationshipMachine, { generateCode: false });
for (const events of all) walking.run(events);
const results = throughputs(all, [
  {
    name: 'hand-written reducer (baseline)',
    run: (events) => {
      const state = initialReducerState();
      for (const event of events) reduce(state, event);
    },
  },
  {
    name: 'fast path (tables compiled from the machine)',
    run: (events) => {
      const state = engine.initialState();
      for (const event of events) engine.step(state, event);
    },
  },
  {
    name: 'fast path, its search walked as data (generateCode: false)',
    run: (events) => {
      const state = walking.initialState();
      for (const event of events) walking.step(state, event);
    },
  },
  {
    name: 'xstate actor.send loop',
    run: (events) => {
      const actor = createActor(relationshipMachine).start();
      for (const event of events) actor.send(event);
      actor.stop();
    },
  },
  {
    name: "the library's step (xstate's machine.transition, one actor scope)",
    run: (events) => {
      let snapshot = initialSnapshot();
      for (const event of events) snapshot = step(snapshot, event).snapshot;
    },
  },
  {
    name: 'xstate transition() (an actor built per call)',
    run: (events) => {
      let snapshot = initialSnapshot();
      for (const event of events) [snapshot] = transition(relationshipMachine, snapshot, event);
    },
  },
]);
const baseline = results[0]?.perSecond ?? 1;

// The explorer, each run in a child process of its own so that its peak memory is its own: on the
// 10 candidates docs/commands.md shows, and on the record's last 16 events.
const TEN = [
  'chase-liu-meeting',
  'ministers-call-expected',
  'san-francisco-summit',
  'san-francisco-agreement',
  'policy-talks-bans-lifted',
  'brown-liu-call',
  'dong-appointed',
  'policy-talks-held',
  'mmca-talks-held',
  'austin-dong-call',
];
interface Exploration {
  sequences: string;
  mergedStates: number;
  transitions: number;
  seconds: number;
  before: number;
  after: number;
}
function exploreInChild(ids: string[] | number): Exploration {
  const child = spawnSync(
    process.execPath,
    [
      '-e',
      `
    const { readScenario, replay, exploreOrderings } = await import('thaw');
    const record = readScenario('scenarios/record.yaml', { sourcesDir: null });
    const wanted = ${JSON.stringify(ids)};
    const ids = typeof wanted === 'number' ? record.events.slice(-wanted).map((event) => event.id) : wanted;
    const first = record.events.findIndex((event) => ids.includes(event.id));
    const start = replay({ ...record, events: record.events.slice(0, first), checkpoints: [] }).finalSnapshot;
    const before = process.resourceUsage().maxRSS;
    const began = performance.now();
    const result = exploreOrderings(start, ids.map((id) => record.events.find((event) => event.id === id)));
    const seconds = (performance.now() - began) / 1000;
    console.log(JSON.stringify({ sequences: String(result.sequences), mergedStates: result.mergedStates, transitions: result.transitions, seconds, before, after: process.resourceUsage().maxRSS }));
  `,
      '--input-type=module',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(child.stdout || '{"sequences":"0","mergedStates":0,"transitions":0,"seconds":0,"before":0,"after":0}') as Exploration;
}
const exploration = exploreInChild(TEN);
const sixteen = exploreInChild(16);

// Large inputs, each in a process of its own (bench/scale.ts). Where the claim is "linear", at two
// sizes: the time per item should not grow with the input. Each is run SCALE_RUNS times: the
// host's speed drifts by a third within minutes, and the fastest run is the least disturbed
// measure of the code; its memory is the most any run used and added.
const SCALE_RUNS = 3;
function scaleInChild(work: string, size: number): ScaleResult {
  const runs = Array.from({ length: SCALE_RUNS }, () => {
    const child = spawnSync(process.execPath, [fileURLToPath(new URL('./scale.js', import.meta.url)), work, String(size)], { cwd: root, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench workload ${work} ${size} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as ScaleResult;
  });
  const peakMiB = Math.max(...runs.map((run) => run.peakMiB));
  const addedMiB = Math.max(...runs.map((run) => run.peakMiB - run.inputMiB));
  return { ...(runs[0] as ScaleResult), seconds: Math.min(...runs.map((run) => run.seconds)), peakMiB, inputMiB: peakMiB - addedMiB };
}
const scale = {
  replay: scaleInChild('replay', 100_000),
  whatif: scaleInChild('whatif', 100_000),
  run: [scaleInChild('run', 250_000), scaleInChild('run', 1_000_000)],
  runNoState: [scaleInChild('runNoState', 250_000), scaleInChild('runNoState', 1_000_000)],
  inserts: [scaleInChild('inserts', 20_000), scaleInChild('inserts', 40_000)],
  removes: [scaleInChild('removes', 10_000), scaleInChild('removes', 20_000)],
  moves: [scaleInChild('moves', 10_000), scaleInChild('moves', 20_000)],
  yamlKeys: [scaleInChild('yamlKeys', 20_000), scaleInChild('yamlKeys', 40_000)],
  checkpoints: [scaleInChild('checkpoints', 80_000), scaleInChild('checkpoints', 160_000)],
  unknownCauses: [scaleInChild('unknownCauses', 20_000), scaleInChild('unknownCauses', 40_000)],
  runBadLines: [scaleInChild('runBadLines', 40_000), scaleInChild('runBadLines', 80_000)],
  sanctions: scaleInChild('sanctions', 10),
};

// Start-up, whole process: node doing nothing, `thaw --version`, and the main job (the record
// replayed), taking turns so that a slow moment hits each alike; the median of each, and each as
// a ratio to node's own start in the same run.
const STARTS = 9;
// As a user starts thaw (bin/thaw: from the startup snapshot the build made), and, for
// comparison, the plain program (node dist/cli/main.js).
const startCommands = {
  node: [process.execPath, '-e', '0'],
  version: ['bin/thaw', '--version'],
  replay: ['bin/thaw', 'replay'],
  plainReplay: [process.execPath, 'dist/cli/main.js', 'replay'],
};
const startTimes: Record<keyof typeof startCommands, number[]> = { node: [], version: [], replay: [], plainReplay: [] };
for (let round = 0; round < STARTS; round += 1) {
  for (const [name, [command, ...args]] of Object.entries(startCommands) as Array<[keyof typeof startCommands, string[]]>) {
    const began = performance.now();
    spawnSync(command as string, args, { cwd: root, stdio: 'ignore', env: { ...process.env, THAW_SOURCES: '' } });
    startTimes[name].push(performance.now() - began);
  }
}
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
const starts = {
  node: median(startTimes.node),
  version: median(startTimes.version),
  replay: median(startTimes.replay),
  plainReplay: median(startTimes.plainReplay),
};

// A valid scenario of `size` events, replayed from the command line as a user would: wall time
// and the process's peak memory (its own report at exit), the fastest of three runs.
function bigReplay(size: number): { size: number; seconds: number; peakMiB: number; megabytes: number } {
  const folder = mkdtempSync(join(tmpdir(), 'thaw-bench-big-'));
  try {
    const file = join(folder, 'big.yaml');
    writeFileSync(file, bigScenarioYaml(size));
    const peak = join(folder, 'peak.cjs');
    writeFileSync(peak, "process.on('exit', () => process.stderr.write('peak ' + process.resourceUsage().maxRSS + '\\n'));");
    const runs = Array.from({ length: 3 }, () => {
      const began = performance.now();
      // As bin/thaw runs it, from the snapshot, with a preload that reports the peak as the process ends.
      const child = spawnSync(process.execPath, ['--require', peak, '--snapshot-blob', 'dist/thaw.blob', '--', 'replay', file], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, THAW_SOURCES: '' },
      });
      const seconds = (performance.now() - began) / 1000;
      if (child.status !== 0) throw new Error(`thaw replay of ${size} events failed: ${child.stderr}`);
      return { seconds, peakMiB: Number(/peak (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024 };
    });
    return {
      size,
      seconds: Math.min(...runs.map((run) => run.seconds)),
      peakMiB: Math.max(...runs.map((run) => run.peakMiB)),
      megabytes: statSync(file).size / 1e6,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
const big = [bigReplay(50_000), bigReplay(100_000)];

const format = (n: number) => Math.round(n).toLocaleString('en-US');
const row = (what: string, result: ScaleResult, unit = 'events') =>
  `| ${what} | ${format(result.size)} ${unit} | ${result.seconds.toFixed(2)} s | ${format(result.peakMiB)} MiB |`;
// Two sizes of one work: the time per item at the larger over that at the smaller (1 for linear work).
const pair = (what: string, [small, large]: ScaleResult[], unit: string) => {
  const a = small as ScaleResult;
  const b = large as ScaleResult;
  const perItem = b.seconds / b.size / (a.seconds / a.size);
  const rate = unit === 'lines' ? ` (${format(b.size / b.seconds)} lines/s)` : '';
  const added = (result: ScaleResult) => format(Math.max(0, result.peakMiB - result.inputMiB));
  return `| ${what} | ${format(a.size)} / ${format(b.size)} ${unit} | ${a.seconds.toFixed(2)} / ${b.seconds.toFixed(2)} s${rate} | ${perItem.toFixed(2)} | ${added(a)} / ${added(b)} MiB |`;
};
const lines = [
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  `sequences: ${SEQUENCES} random sequences of ${LENGTH} events (seeded); each method the median of ${ROUNDS} interleaved ${SLICE_MS} ms slices`,
  '',
  '| engine | events/s | ratio to the reducer |',
  '| --- | ---: | ---: |',
  ...results.map((result) => `| ${result.name} | ${format(result.perSecond)} | ${(result.perSecond / baseline).toFixed(3)} |`),
  '',
  `fast path tables: learnt from ${format(learnt.probes)} runs of xstate (${format(learnt.entries)} entries) in ${format(learnt.ms)} ms, on the first pass over the sequences`,
  ...[
    ['10 candidates', exploration],
    ["the record's last 16 events", sixteen],
  ].map(([what, run]) => {
    const { sequences, seconds, mergedStates, transitions, before, after } = run as Exploration;
    return `explorer, ${what}: ${BigInt(sequences).toLocaleString('en-US')} orderings in ${seconds.toFixed(2)} s, ${format(mergedStates)} merged states, ${format(transitions)} transitions, ${format(after / 1024)} MiB resident at most (${format((after - before) / 1024)} MiB more than before it ran)`;
  }),
  '',
  `| start-up, whole process (median of ${STARTS}, taking turns) | time | ratio to node -e 0 | target |`,
  '| --- | ---: | ---: | ---: |',
  `| node -e 0 | ${format(starts.node)} ms | 1.00 | |`,
  `| bin/thaw --version | ${format(starts.version)} ms | ${(starts.version / starts.node).toFixed(2)} | at most 1.5 |`,
  `| bin/thaw replay (the record) | ${format(starts.replay)} ms | ${(starts.replay / starts.node).toFixed(2)} | at most 3 |`,
  `| node dist/cli/main.js replay (no snapshot) | ${format(starts.plainReplay)} ms | ${(starts.plainReplay / starts.node).toFixed(2)} | |`,
  '',
  '| a valid scenario replayed from the command line (bin/thaw) | YAML | time | per event, larger / smaller | peak memory | target |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...big.map(
    (run, index) =>
      `| ${format(run.size)} events | ${run.megabytes.toFixed(1)} MB | ${run.seconds.toFixed(2)} s | ${index === 0 ? '' : (run.seconds / run.size / ((big[0]?.seconds ?? 1) / (big[0]?.size ?? 1))).toFixed(2)} | ${format(run.peakMiB)} MiB | ${run.size === 100_000 ? 'under 3 s and 500 MB' : ''} |`,
  ),
  '',
  '| work | size | time | peak memory |',
  '| --- | ---: | ---: | ---: |',
  row('replay (random events, one a day)', scale.replay),
  row('what-if: two histories parting 10 events from the end', scale.whatif, 'events each'),
  row('sanctions on distinct people, every ordering explored', scale.sanctions, 'candidates'),
  '',
  '| work, at two sizes | sizes | time | per item, larger / smaller | memory the work added |',
  '| --- | ---: | ---: | ---: | ---: |',
  pair('thaw run, whole state per line', scale.run, 'lines'),
  pair('thaw run --no-state', scale.runNoState, 'lines'),
  pair('insert edits by date', scale.inserts, 'edits'),
  pair('remove edits (each event with what it caused)', scale.removes, 'edits'),
  pair('move edits to other dates', scale.moves, 'edits'),
  pair('a YAML mapping of unknown keys, each placed as a problem', scale.yamlKeys, 'keys'),
  pair('checkpoints after one event, replayed and printed', scale.checkpoints, 'checkpoints'),
  pair('unknown causedBy ids, checked', scale.unknownCauses, 'events'),
  pair('thaw run --on-error skip, every line bad', scale.runBadLines, 'lines'),
];
// The figures live in docs/benchmarks.md, dated by the run that made them; the terminal gets them too.
const report = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: every figure below is from that one run, on that machine. Run it again to measure yours; nothing here is a test, and nothing fails on a slow machine.`,
  '',
  ...lines,
].join('\n');
writeFileSync(join(root, 'docs', 'benchmarks.md'), `${report.trimEnd()}\n`);
console.log(lines.join('\n').trimEnd());
