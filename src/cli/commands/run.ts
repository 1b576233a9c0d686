import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { replay } from '../../replay/replay.js';
import { formatProblem, InvalidInputError } from '../../scenario/problems.js';
import { articleReader, readScenario } from '../../scenario/readScenario.js';
import { StreamRunner } from '../../stream/streamRunner.js';
import { EXIT } from '../exitCodes.js';
import { sourcesFolder } from '../inputs.js';

/** Options of `thaw run`. */
export interface RunCommandOptions {
  /** A JSON Lines file, or undefined / "-" for standard input. */
  input: string | undefined;
  from: string | undefined;
  onError: 'stop' | 'skip';
  write: (text: string) => void;
  warn: (text: string) => void;
}

/**
 * `thaw run`: reads events as JSON Lines and writes the state after each as JSON Lines, as they
 * arrive, so another program can drive the simulator. Returns the exit code: 2 if any line was bad.
 */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const fromStdin = options.input === undefined || options.input === '-';
  const name = fromStdin ? 'stdin' : (options.input as string);
  if (!fromStdin && (!existsSync(name) || statSync(name).isDirectory())) {
    const reason = existsSync(name) ? 'it is a folder' : 'no such file';
    throw new InvalidInputError([{ file: name, line: 1, column: 1, path: '', message: `cannot read the events: ${reason}` }]);
  }
  const sourcesDir = sourcesFolder(undefined);
  const start = options.from === undefined ? undefined : replay(readScenario(options.from, { sourcesDir: sourcesDir ?? null }));
  const runner = new StreamRunner(name, start, sourcesDir ? { articleText: articleReader(sourcesDir) } : {});
  const lines = createInterface({ input: fromStdin ? process.stdin : createReadStream(name), crlfDelay: Infinity });

  let number = 0;
  let bad = 0;
  for await (const text of lines) {
    number += 1;
    const result = runner.accept(text, number);
    if (result.ok) {
      if (result.output) options.write(JSON.stringify(result.output));
      continue;
    }
    bad += 1;
    for (const problem of result.problems) options.warn(formatProblem(problem));
    if (options.onError === 'stop') {
      options.warn(`thaw run: stopped at line ${number}; events before it were applied (--on-error skip goes on past bad lines)`);
      lines.close();
      break;
    }
  }
  if (bad > 0 && options.onError === 'skip') options.warn(`thaw run: skipped ${bad} bad line${bad === 1 ? '' : 's'} of ${number}`);
  return bad > 0 ? EXIT.invalidInput : EXIT.ok;
}
