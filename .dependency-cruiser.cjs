// The layers of src/, lowest first: a module may import from its own layer and the layers below
// it, never above. Checked on the compiled JavaScript (dist/) by `npm test`, as the TypeScript 7
// compiler offers no API for a tool to read the sources with.
const LAYERS = [
  'vocabulary', // the event types, channels, offices, dates and codes: words, no behaviour
  'fences', // the only reads of libraries' internals
  'scenario', // the scenario format: schema, parsing, checks, reading files
  'datasets', // event datasets' layouts read as scenario events
  'machine', // the statechart and its pure transition
  'engine', // the fast path compiled from the machine
  'replay', // a scenario replayed, with checkpoints judged
  'whatif', // edits, and two histories compared
  'explore', // every ordering of candidate events
  'verify', // every reachable state searched
  'export', // the statechart as diagrams
  'data', // histories as records, series and charts
  'compare', // freezes across histories
  'stream', // thaw run's JSON Lines
  'viewer', // the page, its server and its browser code
  'cli', // the command line
];

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((layer, index) => ({
      name: `${layer}-imports-upward`,
      comment: `${layer}/ may import only from ${LAYERS.slice(0, index + 1).join(', ')}`,
      severity: 'error',
      from: { path: `^dist/${layer}/` },
      to: { path: `^dist/(${LAYERS.slice(index + 1).join('|')})/` },
    })),
    {
      name: 'only-the-cli-imports-the-entry',
      comment: 'src/index.ts is the public entry: the library inside does not import it',
      severity: 'error',
      from: { path: '^dist/', pathNot: '^dist/(cli/|index\\.js$)' },
      to: { path: '^dist/index\\.js$' },
    },
    {
      name: 'no-circle',
      comment: 'modules that import each other, at any depth',
      severity: 'error',
      from: { path: '^dist/' },
      to: { circular: true },
    },
    {
      name: 'every-folder-a-layer',
      comment: 'a new folder of src/ is given its place in LAYERS',
      severity: 'error',
      from: { path: '^dist/', pathNot: `^dist/(index\\.js$|${LAYERS.join('|')})/?` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The snapshot's bundle is the program again, in one file: its layers are checked in its sources.
    exclude: { path: ['node_modules', '^dist/thaw-snapshot\\.cjs$'] },
    moduleSystems: ['es6'],
  },
};
