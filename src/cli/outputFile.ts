import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXIT, UsageError } from './exitCodes.js';

/**
 * Writes a whole file or nothing: a regular file (or a new one) is written beside itself and
 * renamed into place, so a full disk leaves the old contents rather than half of the new.
 * Anything else (a device, a pipe) is written directly. Throws the file system's error.
 */
export function writeOutputFile(path: string, text: string | Uint8Array): void {
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(path);
  } catch {
    existing = undefined;
  }
  if (existing !== undefined && !existing.isFile()) {
    writeFileSync(path, text);
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode: existing?.mode ?? 0o666 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    // The reader asked for `path`; the temporary name would only puzzle them.
    if (error instanceof Error) error.message = error.message.replaceAll(temporary, path);
    throw error;
  }
}

/**
 * A command's output, to stdout (`write` adds the line end) or, whole or not at all, to `file`;
 * a file that cannot be written is a UsageError naming the option, with exit code 4.
 */
export function emitOutput(text: string, file: string | undefined, write: (text: string) => void, option = '--output'): number {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (file === undefined) {
    write(body.slice(0, -1));
    return EXIT.ok;
  }
  try {
    writeOutputFile(file, body);
  } catch (error) {
    throw new UsageError(`${option}: cannot write "${file}": ${(error as Error).message}`, EXIT.outputFailed);
  }
  return EXIT.ok;
}
