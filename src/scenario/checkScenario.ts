import { canFollow, parsePartialDate } from '../vocabulary/dates.js';
import type { Problem } from './problems.js';
import type { ArticleText } from './readScenario.js';
import { FILE_NAME, statesBasis } from './schema.js';
import { didYouMean, SuggestionBudget } from './suggest.js';

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether a quote appears verbatim in an article, whitespace aside. Pure. */
export const quoteAppearsIn = (body: string, quote: string) => normalize(body).includes(normalize(quote));

/** The document as it may be before validation: every field could be missing or of any type. */
export interface LooseScenario {
  sources?: unknown;
  events?: unknown;
  checkpoints?: unknown;
}
type Loose = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const dateText = (value: unknown): string | undefined => {
  const candidate = typeof value === 'number' ? String(value) : text(value);
  return candidate !== undefined && parsePartialDate(candidate) ? candidate : undefined;
};
const records = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.map((item) => (item !== null && typeof item === 'object' ? (item as Loose) : {})) : [];

/** Every event says how it is known: reported, from outside the articles, inferred, or hypothetical. */
export const MISSING_SOURCE =
  'missing "source" (article and verbatim quote); a fact from outside the articles has "outside" (outlet, date, address), an inference "inferred" (from what), an event that did not happen "hypothetical"';

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
): Problem[] {
  const problems: Problem[] = [];
  const sources: Record<string, Loose> =
    scenario.sources !== null && typeof scenario.sources === 'object' && !Array.isArray(scenario.sources)
      ? (scenario.sources as Record<string, Loose>)
      : {};
  const sourceIds = Object.keys(sources);
  const events = records(scenario.events);
  const checkpoints = records(scenario.checkpoints);

  const checkArticle = (path: PropertyKey[], id: string | undefined) => {
    if (id !== undefined && !Object.hasOwn(sources, id)) {
      problems.push(doc.problemAt(path, `unknown article "${id}"${didYouMean(id, sourceIds)} (sources: ${sourceIds.join(', ')})`));
    }
  };

  const articles = new Map<string, ArticleText | undefined>();
  for (const [id, article] of Object.entries(sources)) {
    const file = text(article?.file);
    if (!file || !articleText || !FILE_NAME.test(file)) continue;
    const body = articleText(file);
    articles.set(id, body);
    if (body === null) problems.push(doc.problemAt(['sources', id, 'file'], `article file "${file}" is not in the sources folder`));
    else if (typeof body === 'object' && body !== null) problems.push(doc.problemAt(['sources', id, 'file'], `article file "${file}" is refused: ${body.refused}`));
  }

  const checkQuote = (path: PropertyKey[], article: string | undefined, quote: string | undefined) => {
    const body = article === undefined ? undefined : articles.get(article);
    if (typeof body === 'string' && quote !== undefined && !quoteAppearsIn(body, quote)) {
      problems.push(doc.problemAt(path, `quote not found verbatim in article "${article}" (${text(sources[article as string]?.file)})`));
    }
  };

  const firstIndex = new Map<string, number>();
  const allIds = new Set(events.map((event) => text(event.id)));
  const unknownCauses = new SuggestionBudget();
  const unknownAfters = new SuggestionBudget();
  let previous: { id: string; date: string } | undefined;
  events.forEach((event, index) => {
    const at = ['events', index];
    const id = text(event.id);
    if (id !== undefined) {
      const earlier = firstIndex.get(id);
      if (earlier !== undefined) {
        problems.push(doc.problemAt([...at, 'id'], `duplicate event id "${id}" (first used at ${doc.where(['events', earlier])})`));
      } else {
        firstIndex.set(id, index);
      }
    }

    const date = dateText(event.date);
    if (date !== undefined) {
      if (previous && !canFollow(previous.date, date)) {
        problems.push(
          doc.problemAt(
            [...at, 'date'],
            `date ${date} is before the previous event's date ${previous.date} ("${previous.id}"); list events in date order`,
          ),
        );
      }
      previous = { id: id ?? `events[${index}]`, date };
    }

    if (!statesBasis(event) && Object.keys(event).length > 0) problems.push(doc.problemAt(at, MISSING_SOURCE));
    if (event.hypothetical !== undefined && event.inferred !== undefined) {
      problems.push(doc.problemAt([...at, 'inferred'], 'an event is hypothetical (it did not happen) or inferred (it did, by inference), not both'));
    }
    const source = (event.source ?? {}) as Loose;
    const article = text(source.article);
    checkArticle([...at, 'source', 'article'], article);

    const causes = typeof event.causedBy === 'string' ? [event.causedBy] : Array.isArray(event.causedBy) ? event.causedBy : [];
    causes.forEach((cause, position) => {
      const causedBy = text(cause);
      if (causedBy === undefined) return;
      const where = Array.isArray(event.causedBy) ? [...at, 'causedBy', position] : [...at, 'causedBy'];
      const earlier = firstIndex.get(causedBy);
      if (earlier === undefined || earlier === index) {
        const later = allIds.has(causedBy);
        problems.push(
          doc.problemAt(
            where,
            later
              ? `causedBy names "${causedBy}", which is not an earlier event`
              : `causedBy names unknown event "${causedBy}"${unknownCauses.hint(causedBy, () => [...firstIndex.keys()])}`,
          ),
        );
      }
    });

    checkQuote([...at, 'source', 'quote'], article, text(source.quote));
  });

  const eventIds = events.map((event) => text(event.id)).filter((id): id is string => id !== undefined);
  const checkpointIds = new Map<string, number>();
  checkpoints.forEach((checkpoint, index) => {
    const at = ['checkpoints', index];
    const id = text(checkpoint.id);
    const earlier = id === undefined ? undefined : checkpointIds.get(id);
    if (earlier !== undefined) {
      problems.push(
        doc.problemAt([...at, 'id'], `duplicate checkpoint id "${id}" (first used at ${doc.where(['checkpoints', earlier])})`),
      );
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
  });

  return problems;
}
