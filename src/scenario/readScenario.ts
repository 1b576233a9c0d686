import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ArticleText } from './citations.js';
import { parseScenarioDocument } from './parseScenario.js';
import { InvalidInputError } from './problems.js';
import type { Scenario } from './schema.js';
import { type LocatedDocument, parseYaml } from './yamlDocument.js';

/** Where readScenario looks for article texts. */
export interface ReadScenarioOptions {
  /** Folder of article texts to check quotes against; undefined or null: no quote check. */
  sourcesDir?: string | null | undefined;
}

/**
 * Reads and validates a scenario file, and the scenario it `extends` if it names one; throws
 * InvalidInputError listing every problem found (in the file or its base).
 */
export function readScenario(file: string, options: ReadScenarioOptions = {}): Scenario {
  return readWithin(file, options, []);
}

// A file, with the chain of files extending it, so that a file extending itself (at any depth) is refused.
function readWithin(file: string, options: ReadScenarioOptions, chain: readonly string[]): Scenario {
  return scenarioFromDocument(parseYaml(readInputFile(file, 'the scenario'), file), file, options, chain);
}

/**
 * A scenario file's parsed document, checked, with the scenario it `extends` read from disk;
 * throws InvalidInputError listing every problem. `chain`: the files that extend this one.
 */
export function scenarioFromDocument(doc: LocatedDocument, file: string, options: ReadScenarioOptions, chain: readonly string[] = []): Scenario {
  const articleText = options.sourcesDir ? articleReader(options.sourcesDir) : undefined;
  const here = resolve(file);
  const result = parseScenarioDocument(doc, {
    file,
    articleText,
    readBase: (path) => {
      if ([...chain, here].includes(resolve(path))) {
        throw new InvalidInputError([{ file, line: 1, column: 1, path: 'extends', message: `"${path}" extends, at some depth, the file that extends it` }]);
      }
      return unreadable(path) === 'no such file' ? undefined : readWithin(path, options, [...chain, here]);
    },
  });
  if (!result.ok) throw new InvalidInputError(result.problems);
  return result.scenario;
}

/** The largest input file read whole: far above any scenario, far below what would exhaust memory. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
/** The largest article text read for the quote check. */
export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Why a path cannot be read as an input file, checked before it is opened (a FIFO would block
 * the open, a device would never end): undefined when it is a regular file within `limit`.
 */
export function unreadable(file: string, limit = MAX_INPUT_BYTES): string | undefined {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  }
  if (stats.isDirectory()) return 'it is a folder';
  if (!stats.isFile()) return 'it is not a regular file (a device, a FIFO or a socket)';
  if (stats.size > limit) return `it is ${megabytes(stats.size)}; the limit is ${megabytes(limit)}`;
  return undefined;
}

/**
 * A regular file's text, read to at most `limit` bytes whatever its size says: some files report
 * a size of 0 and never end (`/proc/self/pagemap`), so the stat check alone cannot bound the read.
 * Returns why it is refused when there is more.
 */
export function readBounded(file: string, limit: number): string | { refused: string } {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Whole chunks: some files refuse reads of an odd length (pagemap reads 8 bytes at a time).
      const chunk = Buffer.allocUnsafe(1 << 16);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > limit) return { refused: `it holds more than ${megabytes(limit)}, the limit (its size on disk says ${megabytes(statSync(file).size)})` };
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A file's text; when it cannot be read, an InvalidInputError naming it and saying why. */
export function readInputFile(file: string, what: string): string {
  let reason = unreadable(file);
  if (reason === undefined) {
    try {
      const text = readBounded(file, MAX_INPUT_BYTES);
      if (typeof text === 'string') return text;
      reason = text.refused;
    } catch (error) {
      reason = (error as Error).message;
    }
  }
  throw new InvalidInputError([{ file, line: 1, column: 1, path: '', message: `cannot read ${what}: ${reason}` }]);
}

/**
 * Reads article texts from a folder by file name. A name resolves inside the folder only: a link
 * that leads out of it, anything but a regular file, and a file over MAX_ARTICLE_BYTES are
 * refused, so that the quote check can never be used to probe other files.
 */
export function articleReader(sourcesDir: string): (fileName: string) => ArticleText {
  const root = realpathSync(sourcesDir);
  return (name) => {
    let real: string;
    try {
      real = realpathSync(join(root, name));
    } catch {
      return null;
    }
    if (!real.startsWith(`${root}${sep}`)) return { refused: 'it leads outside the sources folder' };
    const reason = unreadable(real, MAX_ARTICLE_BYTES);
    if (reason !== undefined) return reason === 'no such file' ? null : { refused: reason };
    return readBounded(real, MAX_ARTICLE_BYTES);
  };
}
