import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a whole file or nothing: a regular file (or a new one) is written beside itself and
 * renamed into place, so a full disk leaves the old contents rather than half of the new.
 * Anything else (a device, a pipe) is written directly. Throws the file system's error.
 */
export function writeOutputFile(path: string, text: string): void {
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
