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
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** `file:line:column: path: message`, the shape editors and terminals link to. Pure. */
export function formatProblem(problem: Problem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${where}${problem.message}`;
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
