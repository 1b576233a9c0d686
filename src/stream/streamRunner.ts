import { diffStates, viewOf, type Change, type RelationshipSnapshot, type RelationshipState } from '../machine/view.js';
import type { ArticleText } from '../scenario/readScenario.js';
import { initialSnapshot, step, toMachineEvent, type Replay } from '../replay/replay.js';
import { EventChecker } from '../scenario/eventChecker.js';
import { formatPath, type Problem } from '../scenario/problems.js';
import { ScenarioEvent } from '../scenario/schema.js';
import { validateDocument } from '../scenario/validateDocument.js';
import { parseYaml } from '../scenario/yamlDocument.js';

const MAX_DEPTH = 16;

// How deeply a parsed JSON value nests, without recursion (a hostile line could be deep).
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** What `thaw run` writes for each event it applies: one JSON line. */
export interface StreamOutput {
  /** The input line the event came from (1-based). */
  line: number;
  id: string;
  date: string;
  type: ScenarioEvent['type'];
  phase: RelationshipState['phase'];
  state: RelationshipState;
  changes: Change[];
  notes: string[];
}

export type StreamResult = { ok: true; output: StreamOutput | null } | { ok: false; problems: Problem[] };

/**
 * Applies events given one JSON line at a time, as `thaw run` reads them, checking each as a
 * scenario file's events are checked (schema, date order, unique ids, causes, sources). A bad
 * line leaves the state as it was.
 */
export class StreamRunner {
  private snapshot: RelationshipSnapshot;
  private state: RelationshipState;
  private readonly checker: EventChecker;

  /**
   * Starts from the machine's initial state, or from the end of a replayed scenario, whose
   * sources the lines' citations must then name; `articleText` (as for parseScenario) lets
   * their quotes be checked too.
   */
  constructor(
    private readonly file: string,
    from?: Replay,
    private readonly options: { articleText?: (fileName: string) => ArticleText | undefined } = {},
  ) {
    const sources = from?.scenario.sources;
    this.snapshot = from?.finalSnapshot ?? initialSnapshot();
    this.state = viewOf(this.snapshot);
    const { articleText } = options;
    this.checker = new EventChecker({
      ...(sources ? { sources } : {}),
      ...(sources && articleText ? { articleText: (article: string) => (Object.hasOwn(sources, article) ? articleText((sources[article] as { file: string }).file) : undefined) } : {}),
      ordered: true,
      causes: true,
      // Line 0 stands for the scenario the stream starts from.
      where: (line: number) => (line === 0 ? 'in the scenario it starts from' : `at line ${line}`),
    });
    for (const event of from?.scenario.events ?? []) this.checker.accept(event, 0);
  }

  /** The state after the last event applied. */
  get current(): RelationshipState {
    return this.state;
  }

  /** Checks and applies one line; a blank line is skipped (output null). */
  accept(text: string, line: number): StreamResult {
    if (text.trim() === '') return { ok: true, output: null };
    const at = (column: number, path: string, message: string): StreamResult => ({ ok: false, problems: [{ file: this.file, line, column, path, message }] });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message);
      return at(position ? Number(position[1]) + 1 : 1, '', `not JSON: ${(error as Error).message}`);
    }
    // An event is a few levels deep; refuse deeper lines before the YAML reader spends memory on them.
    if (depthOf(json) > MAX_DEPTH) return at(1, '', `nested more than ${MAX_DEPTH} levels deep; an event is an object of a few levels`);
    // JSON is YAML, so the YAML reader can say which column a schema problem is at.
    const doc = parseYaml(text, this.file);
    if (doc.syntaxProblems.length > 0) return { ok: false, problems: doc.syntaxProblems.map((problem) => ({ ...problem, line })) };
    const parsed = validateDocument(ScenarioEvent, doc);
    if (!parsed.success) return { ok: false, problems: parsed.problems.map((problem) => ({ ...problem, line })) };
    const event = parsed.data;
    const problems = this.checker.check(event, line);
    if (problems.length > 0) {
      return {
        ok: false,
        problems: problems.map(({ path, message }) => ({ ...doc.problemAt(path, message), file: this.file, line, path: formatPath(path) })),
      };
    }

    const result = step(this.snapshot, toMachineEvent(event));
    const state = viewOf(result.snapshot);
    const changes = diffStates(this.state, state);
    this.snapshot = result.snapshot;
    this.state = state;
    this.checker.accept(event, line);
    return { ok: true, output: { line, id: event.id, date: event.date, type: event.type, phase: state.phase, state, changes, notes: result.notes } };
  }
}
