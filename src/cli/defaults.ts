import { fileURLToPath } from 'node:url';

/** The historical record, replayed when no file is given. Resolved from the package, not the cwd. */
export const RECORD_FILE = fileURLToPath(new URL('../../scenarios/record.yaml', import.meta.url));

/** The history library: `thaw compare` compares every episode in it when no file is given. */
export const HISTORY_DIR = fileURLToPath(new URL('../../scenarios/history/', import.meta.url));
