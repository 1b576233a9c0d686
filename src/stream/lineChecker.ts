import { fromPlover, isPloverRecord } from '../datasets/ploverImport.js';
import type { ArticleText } from '../scenario/citations.js';
import { EventChecker } from '../scenario/eventChecker.js';
import { formatPath, type Problem } from '../scenario/problems.js';
import { type Scenario, ScenarioEvent } from '../scenario/schema.js';
import { validateDocument } from '../scenario/validateDocument.js';
import { parseYaml } from '../scenario/yamlDocument.js';
import { type Line, MAX_LINE_LENGTH } from './lines.js';

const MAX_DEPTH = 16;
const NOT_BLANK = /\S/;

// How deeply a parsed JSON value nests and how many keys it has at every level, in one walk and
// without recursion (a hostile line could be deep). Stops counting past MAX_DEPTH. Its stacks are
// kept between calls: a stream walks millions of lines.
const shapeValues: unknown[] = [];
const shapeLevels: number[] = [];
function shapeOf(value: unknown): { depth: number; keys: number } {
  let depth = 0;
  let keys = 0;
  shapeValues.push(value);
  shapeLevels.push(1);
  while (shapeValues.length > 0) {
    const item = shapeValues.pop();
    const level = shapeLevels.pop() as number;
    if (item === null || typeof item !== 'object') continue;
    if (level > depth) depth = level;
    if (depth > MAX_DEPTH) break;
    if (Array.isArray(item)) {
      for (const child of item) {
        shapeValues.push(child);
        shapeLevels.push(level + 1);
      }
      continue;
    }
    for (const key in item) {
      keys += 1;
      shapeValues.push((item as Record<string, unknown>)[key]);
      shapeLevels.push(level + 1);
    }
  }
  shapeValues.length = 0;
  shapeLevels.length = 0;
  return { depth, keys };
}

// Whether a line of JSON writes a key twice (JSON.parse keeps the last), given how many keys the
// parsed value has. Every key written is a string closed by a quote before a colon, so a count of
// quote-colon pairs no larger than the parsed keys settles it at native speed; a string value
// holding `\":` makes the count larger, and then the keys are counted exactly.
function writesAKeyTwice(text: string, parsedKeys: number): boolean {
  return quoteColons(text) > parsedKeys && keysIn(text) !== parsedKeys;
}

// How many colons follow a quote, white space between them allowed: each colon found by indexOf
// (native), then looked back from.
function quoteColons(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let before = colon - 1;
    while (before >= 0 && isJsonSpace(text.charCodeAt(before))) before -= 1;
    if (text.charCodeAt(before) === 34 /* " */) count += 1;
  }
  return count;
}

// JSON's white space: space, tab, line feed, carriage return.
const isJsonSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

// How many keys a line of JSON writes: strings followed by a colon.
function keysIn(text: string): number {
  let count = 0;
  let index = 0;
  while (index < text.length) {
    if (text.charCodeAt(index) !== 34 /* " */) {
      index += 1;
      continue;
    }
    index += 1;
    while (index < text.length && text.charCodeAt(index) !== 34) index += text.charCodeAt(index) === 92 /* \ */ ? 2 : 1;
    index += 1;
    while (index < text.length && isJsonSpace(text.charCodeAt(index))) index += 1;
    if (text.charCodeAt(index) === 58 /* : */) count += 1;
  }
  return count;
}

/** A line checked: the event it holds, ready to apply, or what is wrong with it. */
export type CheckedLine = { line: number; event: ScenarioEvent } | { line: number; problems: Problem[] };

/** The scenario a stream goes on from: its sources (which citations must name) and its events (whose ids and dates come before). */
export type StreamStart = Pick<Scenario, 'sources' | 'events'>;

/**
 * Checks the events of a stream one line at a time, as a scenario file's events are checked
 * (schema, date order, unique ids, causes, sources), and takes each good one as applied: what
 * `thaw run` and StreamRunner do before stepping. It needs nothing of the relationship's state,
 * so it can run ahead of the stepping, on another thread.
 */
export class LineChecker {
  private readonly checker: EventChecker;

  /**
   * Checks lines that follow `start`'s events, if given, whose sources their citations must then
   * name; `articleText` (as for parseScenario) lets their quotes be checked too.
   */
  constructor(
    private readonly file: string,
    start?: StreamStart,
    options: { articleText?: (fileName: string) => ArticleText | undefined } = {},
  ) {
    const sources = start?.sources;
    const { articleText } = options;
    this.checker = new EventChecker({
      ...(sources ? { sources } : {}),
      ...(sources && articleText
        ? { articleText: (article: string) => (Object.hasOwn(sources, article) ? articleText((sources[article] as { file: string }).file) : undefined) }
        : {}),
      ordered: true,
      causes: true,
      // Line 0 stands for the scenario the stream starts from.
      where: (line: number) => (line === 0 ? 'in the scenario it starts from' : `at line ${line}`),
    });
    for (const event of start?.events ?? []) this.checker.accept(event, 0);
  }

  /** Checks line number `line`; a good event is taken as applied. Undefined for a blank line. */
  check(input: Line, line: number): CheckedLine | undefined {
    if (!('text' in input)) {
      return this.refuse(
        line,
        1,
        '',
        `line of ${input.tooLong.toLocaleString('en-US')} characters; the limit is ${MAX_LINE_LENGTH.toLocaleString('en-US')} (an event is a few hundred)`,
      );
    }
    let { text } = input;
    if (!NOT_BLANK.test(text)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message);
      return this.refuse(line, position ? Number(position[1]) + 1 : 1, '', `not JSON: ${(error as Error).message}`);
    }
    let shape = shapeOf(json);
    // An event is a few levels deep; refuse deeper lines before the YAML reader spends memory on them.
    if (shape.depth > MAX_DEPTH) return this.refuse(line, 1, '', `nested more than ${MAX_DEPTH} levels deep; an event is an object of a few levels`);
    // A PLOVER record is read as the event it stands for (then checked like any other), or refused with the reason.
    let plover = false;
    if (isPloverRecord(json) && !text.includes('__proto__') && !writesAKeyTwice(text, shape.keys)) {
      const placed = fromPlover(json);
      if (!placed.ok) return this.refuse(line, 1, '', `cannot place this PLOVER record: ${placed.reason}`);
      json = placed.event;
      text = JSON.stringify(json);
      shape = shapeOf(json);
      plover = true;
    }
    // Most lines are good: the schema checks the parsed JSON at once, and only a bad line is read
    // again as YAML (JSON is YAML), whose reader can say which column a problem is at.
    // JSON.parse keeps the last of duplicate keys and makes `__proto__` a key: the YAML reader refuses both.
    const quick = text.includes('__proto__') || writesAKeyTwice(text, shape.keys) ? undefined : ScenarioEvent.safeParse(json);
    let event: ScenarioEvent;
    if (quick?.success) event = quick.data;
    else {
      const doc = this.document(text);
      if (doc.syntaxProblems.length > 0) return this.located(doc.syntaxProblems, line, plover);
      const parsed = validateDocument(ScenarioEvent, doc);
      if (!parsed.success) return this.located(parsed.problems, line, plover);
      event = parsed.data;
    }
    const problems = this.checker.check(event, line);
    if (problems.length > 0) {
      const doc = this.document(text);
      return this.located(
        problems.map(({ path, message }) => ({ ...doc.problemAt(path, message), file: this.file, path: formatPath(path) })),
        line,
        plover,
      );
    }

    this.checker.accept(event, line);
    return { line, event };
  }

  private document(text: string) {
    return parseYaml(text, this.file);
  }

  private refuse(line: number, column: number, path: string, message: string): CheckedLine {
    return { line, problems: [{ file: this.file, line, column, path, message }] };
  }

  // Columns in a PLOVER line's event are columns of the event it was read as, not of the line: say so, at column 1.
  private located(found: Problem[], line: number, plover: boolean): CheckedLine {
    return {
      line,
      problems: found.map((problem) =>
        plover ? { ...problem, line, column: 1, message: `${problem.message} (in the event this PLOVER record stands for)` } : { ...problem, line },
      ),
    };
  }
}
