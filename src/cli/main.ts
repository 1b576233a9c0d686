#!/usr/bin/env node
import { createRequire } from 'node:module';
import { EXIT } from './exitCodes.js';
import { processIo } from './io.js';

// A reader that stops early (`thaw replay | head`) is not an error; a full disk is.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.stderr.write(`thaw: cannot write the output: ${error.message}\n`);
  process.exit(EXIT.outputFailed);
});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before the program and the library load, which is most of a start's time.
  process.stdout.write(`${(createRequire(import.meta.url)('../../package.json') as { version: string }).version}\n`);
} else {
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(args, { ...processIo(), checkWorker: new URL('../stream/checkWorker.js', import.meta.url) });
}
