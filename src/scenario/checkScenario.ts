import type { ArticleText } from './citations.js';
import { quoteAppearsIn } from './citations.js';
import { EventChecker } from './eventChecker.js';
import type { Problem } from './problems.js';
import { FILE_NAME, type Scenario } from './schema.js';
import { didYouMean, SuggestionBudget } from './suggest.js';

export { MISSING_SOURCE } from './citations.js';

/** The document as it may be before validation: every field could be missing or of any type. */
export interface LooseScenario {
  sources?: unknown;
  events?: unknown;
  checkpoints?: unknown;
}
type Loose = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const records = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.map((item) => (item !== null && typeof item === 'object' ? (item as Loose) : {})) : [];

/** How checkScenario places its problems: in a YAML file, or in a scenario built by edits. */
export interface Locator {
  problemAt(path: ReadonlyArray<PropertyKey>, message: string): Problem;
  /** Names a place for a cross-reference, e.g. "line 12". */
  where(path: ReadonlyArray<PropertyKey>): string;
}

/**
 * The checks no schema can make: uniqueness, date order, references and quotes. They read the
 * data defensively, skipping whatever the schema reports as malformed, so that every problem in a
 * file is reported at once. Pure.
 */
export function checkScenario(
  scenario: LooseScenario,
  doc: Locator,
  articleText?: (fileName: string) => ArticleText | undefined,
  base?: { scenario: Scenario; file: string },
): Problem[] {
  const problems: Problem[] = [];
  const own: Record<string, Loose> =
    scenario.sources !== null && typeof scenario.sources === 'object' && !Array.isArray(scenario.sources) ? (scenario.sources as Record<string, Loose>) : {};
  // A continuation cites its base's articles too; only its own are read for the quote check.
  const sources: Record<string, Loose> = { ...(base?.scenario.sources as Record<string, Loose> | undefined), ...own };
  const sourceIds = Object.keys(sources);
  const events = records(scenario.events);
  const checkpoints = records(scenario.checkpoints);

  const checkArticle = (path: PropertyKey[], id: string | undefined) => {
    if (id !== undefined && !Object.hasOwn(sources, id)) {
      problems.push(doc.problemAt(path, `unknown article "${id}"${didYouMean(id, sourceIds)} (sources: ${sourceIds.join(', ')})`));
    }
  };

  const articles = new Map<string, ArticleText | undefined>();
  for (const [id, article] of Object.entries(own)) {
    const file = text(article?.file);
    if (!file || !articleText || !FILE_NAME.test(file)) continue;
    const body = articleText(file);
    articles.set(id, body);
    if (body === null) problems.push(doc.problemAt(['sources', id, 'file'], `article file "${file}" is not in the sources folder`));
    else if (typeof body === 'object' && body !== null)
      problems.push(doc.problemAt(['sources', id, 'file'], `article file "${file}" is refused: ${body.refused}`));
  }

  const checkQuote = (path: PropertyKey[], article: string | undefined, quote: string | undefined) => {
    const body = article === undefined ? undefined : articles.get(article);
    if (typeof body === 'string' && quote !== undefined && !quoteAppearsIn(body, quote)) {
      problems.push(doc.problemAt(path, `quote not found verbatim in article "${article}" (${text(sources[article as string]?.file)})`));
    }
  };

  const baseEvents = (base?.scenario.events ?? []) as unknown as Loose[];
  const checker = new EventChecker({
    sources,
    ...(articleText ? { articleText: (article: string) => articles.get(article) } : {}),
    ordered: true,
    causes: true,
    allIds: new Set([...baseEvents, ...events].map((event) => text(event.id))),
    // The base's events are placed before this file's, at negative places.
    where: (index) => (index < 0 ? `in ${base?.file}` : `at ${doc.where(['events', index])}`),
  });
  baseEvents.forEach((event, index) => checker.accept(event, -1 - index));
  events.forEach((event, index) => {
    for (const problem of checker.check(event, index)) problems.push(doc.problemAt(['events', index, ...problem.path], problem.message));
    checker.accept(event, index);
  });

  const unknownAfters = new SuggestionBudget();
  const eventIds = [...baseEvents, ...events].map((event) => text(event.id)).filter((id): id is string => id !== undefined);
  const checkpointIds = new Map<string, number>();
  const baseCheckpoints = new Set((base?.scenario.checkpoints ?? []).map((checkpoint) => checkpoint.id));
  checkpoints.forEach((checkpoint, index) => {
    const at = ['checkpoints', index];
    const id = text(checkpoint.id);
    const earlier = id === undefined ? undefined : checkpointIds.get(id);
    if (id !== undefined && baseCheckpoints.has(id)) {
      problems.push(doc.problemAt([...at, 'id'], `duplicate checkpoint id "${id}" (the base scenario, ${base?.file}, has one)`));
    } else if (earlier !== undefined) {
      problems.push(doc.problemAt([...at, 'id'], `duplicate checkpoint id "${id}" (first used at ${doc.where(['checkpoints', earlier])})`));
    } else if (id !== undefined) {
      checkpointIds.set(id, index);
    }
    const placed = [checkpoint.after, checkpoint.at].filter((value) => value !== undefined).length;
    if (placed !== 1 && Object.keys(checkpoint).length > 0) {
      problems.push(doc.problemAt(at, 'give exactly one of "after" (an event id) or "at" (a date)'));
    }
    const after = text(checkpoint.after);
    if (after !== undefined && !eventIds.includes(after)) {
      problems.push(doc.problemAt([...at, 'after'], `checkpoint names unknown event "${after}"${unknownAfters.hint(after, () => eventIds)}`));
    }
    const reportedBy = text(checkpoint.reportedBy);
    checkArticle([...at, 'reportedBy'], reportedBy);
    if (reportedBy !== undefined && checkpoint.quote === undefined) {
      problems.push(doc.problemAt(at, `missing "quote": the sentence of "${reportedBy}" the claim rests on, verbatim`));
    }
    if (reportedBy === undefined && checkpoint.quote !== undefined) {
      problems.push(doc.problemAt([...at, 'quote'], 'a quote needs "reportedBy": the article it is from'));
    }
    checkQuote([...at, 'quote'], reportedBy, text(checkpoint.quote));
    for (const path of emptyExpectations((checkpoint as { expect?: unknown }).expect)) {
      problems.push(
        doc.problemAt(
          [...at, 'expect', ...path],
          'an empty expectation asserts nothing and cannot fail: say what is expected, or leave "expect" out for an observation',
        ),
      );
    }
  });

  return problems;
}

// Where an expectation, or a channel or office in it, expects nothing at all (a mapping with no
// field): it would always hold. The paths are inside `expect`.
function emptyExpectations(expect: unknown): Array<Array<string>> {
  const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isMapping(expect)) return [];
  if (Object.keys(expect).length === 0) return [[]];
  const found: string[][] = [];
  for (const group of ['channels', 'offices']) {
    const entries = expect[group];
    if (!isMapping(entries)) continue;
    if (Object.keys(entries).length === 0) found.push([group]);
    for (const [key, value] of Object.entries(entries)) if (isMapping(value) && Object.keys(value).length === 0) found.push([group, key]);
  }
  return found;
}
