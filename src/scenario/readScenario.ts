import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from './parseScenario.js';
import { InvalidInputError } from './problems.js';
import type { Scenario } from './schema.js';

/** Where readScenario looks for article texts. */
export interface ReadScenarioOptions {
  /** Folder of article texts; undefined: THAW_SOURCES, if set; null: no quote check. */
  sourcesDir?: string | null | undefined;
}

/** The folder of article texts that THAW_SOURCES names, if any. */
export function sourcesDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.THAW_SOURCES?.trim();
  return dir ? dir : undefined;
}

/** Reads and validates a scenario file; throws InvalidInputError listing every problem found. */
export function readScenario(file: string, options: ReadScenarioOptions = {}): Scenario {
  const text = readInputFile(file, 'the scenario');
  const sourcesDir = options.sourcesDir === undefined ? sourcesDirFromEnv() : options.sourcesDir;
  const articleText = sourcesDir ? articleReader(sourcesDir) : undefined;
  const result = parseScenario(text, { file, articleText });
  if (!result.ok) throw new InvalidInputError(result.problems);
  return result.scenario;
}

/** A file's text; when it cannot be read, an InvalidInputError naming it and saying why. */
export function readInputFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new InvalidInputError([{ file, line: 1, column: 1, path: '', message: `cannot read ${what}: ${reason}` }]);
  }
}

/** Reads article texts from a folder by file name: the text, or null when there is no such file. */
export function articleReader(sourcesDir: string): (fileName: string) => string | null {
  return (name) => {
    try {
      return readFileSync(join(sourcesDir, name), 'utf8');
    } catch {
      return null;
    }
  };
}
