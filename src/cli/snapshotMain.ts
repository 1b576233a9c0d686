// The program as a V8 startup snapshot (dist/thaw.blob, made by `npm run build`): the modules of
// the commands it serves loaded and the fast engine's tables learnt for every reachable state,
// so `bin/thaw` starts where a plain start would be after a third of a second. The commands that
// draw or serve (chart, compare, inspect, export) need modules a snapshot cannot hold: bin/thaw
// starts the plain program for them.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startupSnapshot } from 'node:v8';
import { replay } from '../replay/replay.js';
import { reseedIds } from '../scenario/idIndex.js';
import { readScenario } from '../scenario/readScenario.js';
import { verifyMachine } from '../verify/verifyMachine.js';
import { RECORD_FILE } from './defaults.js';
import { EXIT } from './exitCodes.js';
import { processIo } from './io.js';
import { PLAIN_COMMANDS } from './plainCommands.js';
import { runCli } from './program.js';

const main = new URL('./main.js', import.meta.url);

async function start(): Promise<void> {
  // Modules outside the snapshot are required from the package's own folder.
  (globalThis as { __thawRequire?: NodeJS.Require }).__thawRequire = createRequire(main);
  // Under a snapshot, argv holds no script: the arguments follow node itself.
  const args = process.argv.slice(1);
  const command = args.find((arg) => !arg.startsWith('-'));
  if (command !== undefined && PLAIN_COMMANDS.has(command)) {
    // bin/thaw starts these as the plain program; a snapshot started by hand says so.
    process.stderr.write(`thaw: ${command} needs packages a snapshot cannot hold; run it with bin/thaw or node ${fileURLToPath(main)}\n`);
    process.exitCode = EXIT.invalidInput;
    return;
  }
  // The id index's hash seed, drawn when the snapshot was made, is drawn anew for this process.
  reseedIds();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    process.stderr.write(`thaw: cannot write the output: ${error.message}\n`);
    process.exit(EXIT.outputFailed);
  });
  process.exitCode = await runCli(args, { ...processIo(), checkWorker: new URL('../stream/checkWorker.js', import.meta.url) });
}

if (startupSnapshot.isBuildingSnapshot()) {
  // The engine's tables for every state the machine can reach (the search thaw verify makes
  // learns them), and for the record: a replay then learns only what a context adds.
  verifyMachine();
  replay(readScenario(RECORD_FILE, { sourcesDir: null }));
  startupSnapshot.setDeserializeMainFunction(() => void start());
}
