import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { didYouMean } from '../scenario/suggest.js';
import { UsageError } from './exitCodes.js';

/** The folder of article texts that THAW_SOURCES names, if any. */
export function sourcesDirFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const dir = env.THAW_SOURCES?.trim();
  return dir ? dir : undefined;
}

/**
 * The folder of article texts from `--sources` or THAW_SOURCES, checked to exist, so that a
 * mistyped folder is one clear error rather than one "missing article" per source.
 */
export function sourcesFolder(option: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const [dir, named] = option !== undefined ? [option, '--sources'] : [sourcesDirFromEnv(env), 'THAW_SOURCES'];
  if (dir === undefined) return undefined;
  if (!existsSync(dir)) throw new UsageError(`${named}: no such folder "${dir}"`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${named}: "${dir}" is a file, not a folder of article texts`);
  return dir;
}

/**
 * Rejects a scenario argument that does not exist and looks like a mistyped command (`thaw scema`):
 * the default command would otherwise report a missing file the user never meant to name.
 */
export function checkNotMistypedCommand(file: string, commands: readonly string[]): void {
  if (existsSync(file) || /[./\\]/.test(file)) return;
  throw new UsageError(`"${file}" is neither a command nor a scenario file${didYouMean(file, commands)} (see thaw --help)`);
}

/**
 * The files to read for commands that take several: a folder stands for the .yaml files it holds
 * directly, by name; a file named twice (by any path) is read once. A missing file is passed on,
 * for the reader to name.
 */
export function expandFiles(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths
    .flatMap((path) => {
      let folder = false;
      try {
        folder = statSync(path).isDirectory();
      } catch {
        return [path];
      }
      if (!folder) return [path];
      const files = readdirSync(path)
        .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
        .sort()
        .map((name) => join(path, name));
      if (files.length === 0) throw new UsageError(`${path}: a folder with no .yaml file in it`);
      return files;
    })
    .filter((path) => {
      const key = resolve(path);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
