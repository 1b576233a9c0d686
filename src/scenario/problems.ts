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
const CONTROLS_ANYWHERE = new RegExp(CONTROLS.source);
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
  return escapedIn(value, new Map()) as T;
}

/**
 * Whether any string in plain data holds a control character. What a replay derives (states,
 * changes, notes) is made of its scenario's strings and this program's own text, so a scenario
 * without one needs nothing of its replay escaped. Pure.
 */
export function holdsControls(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value === 'string') return CONTROLS_ANYWHERE.test(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => holdsControls(item, seen));
  return Object.values(value).some((field) => holdsControls(field, seen));
}

// Data with nothing to escape is given back as it is, and an object met twice (immer shares what a
// step left unchanged between the states of a replay) is walked once: a long replay is walked in
// time proportional to what changed, and copied only where a string held a control character.
function escapedIn(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return CONTROLS_ANYWHERE.test(value) ? escapeControls(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  let result: unknown = value;
  if (Array.isArray(value)) {
    const items = value.map((item) => escapedIn(item, seen));
    if (items.some((item, index) => item !== value[index])) result = items;
  } else {
    const prototype = Object.getPrototypeOf(value) as unknown;
    // Only plain data: a class instance (a machine, a Map) is not a formatter's text.
    if (prototype === Object.prototype || prototype === null) {
      const entries = Object.entries(value).map(([key, field]) => [key, escapedIn(field, seen)] as const);
      if (entries.some(([key, field]) => field !== (value as Record<string, unknown>)[key])) result = Object.fromEntries(entries);
    }
  }
  seen.set(value, result);
  return result;
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
