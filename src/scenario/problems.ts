/** One thing wrong with an input file, located to a line and column (both 1-based). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Where in the document, e.g. `events[3].payload.channel`; empty for the whole file. */
  path: string;
  message: string;
}

/** `events[3].payload.channel` from `['events', 3, 'payload', 'channel']`. Pure. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides that
// can make text read other than it is.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * Text with every control character written as an escape (`\n`, `\e`, `\u0007`), so that a value
 * from an input file can neither move the cursor, recolour the terminal, nor start a line that
 * looks like another problem. Pure.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A copy of plain data (objects, arrays) with every string in it escaped by escapeControls, keys
 * and anything else left as they are: what a formatter prints from input files is then escaped
 * whichever of its fields it shows. Pure.
 */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  // Only plain data: a class instance (a machine, a Map) is not a formatter's text.
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, escapeStrings(field)])) as T;
}

/** `file:line:column: path: message`, the shape editors and terminals link to, on one line. Pure. */
export function formatProblem(problem: Problem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  return escapeControls(`${problem.file}:${problem.line}:${problem.column}: ${where}${problem.message}`);
}

/** Problems in reading order. Pure. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** An error carrying located problems; the CLI prints them and exits 2. */
export class InvalidInputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InvalidInputError';
  }
}
