#!/usr/bin/env node
import { EXIT } from './exitCodes.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

// A reader that stops early (`thaw replay | head`) is not an error; a full disk is.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.stderr.write(`thaw: cannot write the output: ${error.message}\n`);
  process.exit(EXIT.outputFailed);
});

process.exitCode = await runCli(process.argv.slice(2), { ...processIo(), checkWorker: new URL('../stream/checkWorker.js', import.meta.url) });
