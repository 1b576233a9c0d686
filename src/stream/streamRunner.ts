import { diffStates, viewOf, type Change, type RelationshipSnapshot, type RelationshipState } from '../machine/view.js';
import type { ArticleText } from '../scenario/readScenario.js';
import { initialSnapshot, step, toMachineEvent, type Replay } from '../replay/replay.js';
import { MISSING_SOURCE, quoteAppearsIn } from '../scenario/checkScenario.js';
import { canFollow } from '../vocabulary/dates.js';
import type { Problem } from '../scenario/problems.js';
import { causesOf, ScenarioEvent, statesBasis, type Scenario } from '../scenario/schema.js';
import { didYouMean, SuggestionBudget } from '../scenario/suggest.js';
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
  private readonly ids: Set<string>;
  private previous: { id: string; date: string } | undefined;
  private readonly sources: Scenario['sources'] | undefined;
  private readonly unknownCauses = new SuggestionBudget();

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
    this.sources = from?.scenario.sources;
    this.snapshot = from?.finalSnapshot ?? initialSnapshot();
    this.state = viewOf(this.snapshot);
    this.ids = new Set(from?.scenario.events.map((event) => event.id) ?? []);
    const last = from?.scenario.events.at(-1);
    this.previous = last && { id: last.id, date: last.date };
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
    const column = (path: PropertyKey[]) => doc.problemAt(path, '').column;
    if (this.ids.has(event.id)) return at(column(['id']), 'id', `duplicate event id "${event.id}"`);
    if (this.previous && !canFollow(this.previous.date, event.date)) {
      return at(column(['date']), 'date', `date ${event.date} is before the previous event's date ${this.previous.date} ("${this.previous.id}")`);
    }
    const causes = causesOf(event);
    const unknown = causes.findIndex((cause) => !this.ids.has(cause));
    if (unknown >= 0) {
      const path = typeof event.causedBy === 'string' ? ['causedBy'] : ['causedBy', unknown];
      const cause = causes[unknown] as string;
      return at(column(path), typeof event.causedBy === 'string' ? 'causedBy' : `causedBy[${unknown}]`, `causedBy names no earlier event "${cause}"${this.unknownCauses.hint(cause, () => [...this.ids])}`);
    }
    if (!statesBasis(event)) return at(1, '', MISSING_SOURCE);
    if (event.source && this.sources) {
      const { article, quote } = event.source;
      const known = Object.keys(this.sources);
      if (!Object.hasOwn(this.sources, article)) {
        return at(column(['source', 'article']), 'source.article', `unknown article "${article}"${didYouMean(article, known)} (sources: ${known.join(', ')})`);
      }
      const fileName = this.sources[article]?.file;
      const body = fileName === undefined ? undefined : this.options.articleText?.(fileName);
      if (typeof body === 'string' && !quoteAppearsIn(body, quote)) {
        return at(column(['source', 'quote']), 'source.quote', `quote not found verbatim in article "${article}" (${fileName})`);
      }
    }

    const result = step(this.snapshot, toMachineEvent(event));
    const state = viewOf(result.snapshot);
    const changes = diffStates(this.state, state);
    this.snapshot = result.snapshot;
    this.state = state;
    this.ids.add(event.id);
    this.previous = { id: event.id, date: event.date };
    return { ok: true, output: { line, id: event.id, date: event.date, type: event.type, phase: state.phase, state, changes, notes: result.notes } };
  }
}
