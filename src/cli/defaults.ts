import { fileURLToPath } from 'node:url';

/** The historical record, replayed when no file is given. Resolved from the package, not the cwd. */
export const RECORD_FILE = fileURLToPath(new URL('../../scenarios/record.yaml', import.meta.url));
