import type { z } from 'zod';
import { CHANNELS } from '../vocabulary/channels.js';
import { canFollow, parsePartialDate } from './dates.js';
import { sortProblems, type Problem } from './problems.js';
import { allowedKeys } from './allowedKeys.js';
import { Scenario } from './schema.js';
import { didYouMean } from './suggest.js';
import { parseYaml, type LocatedDocument } from './yamlDocument.js';

/** How parseScenario finds article texts for the quote check. */
export interface ParseScenarioOptions {
  /** The file name to put in problems. */
  file: string;
  /**
   * The text of an article file named in `sources`: a string, null when the sources folder was
   * given but has no such file, or undefined when no folder was given (quotes go unchecked).
   */
  articleText?: (fileName: string) => string | null | undefined;
}

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Parses and validates a scenario's YAML text: syntax, schema, and the checks no schema can make
 * (order of dates, unique ids, references, quotes). Every problem is reported, each located. Pure.
 */
export function parseScenario(text: string, options: ParseScenarioOptions): ParseScenarioResult {
  const doc = parseYaml(text, options.file);
  if (doc.syntaxProblems.length > 0) return { ok: false, problems: sortProblems(doc.syntaxProblems) };
  if (doc.data === null || typeof doc.data !== 'object' || Array.isArray(doc.data)) {
    return {
      ok: false,
      problems: [doc.problemAt([], 'a scenario is a YAML mapping with id, title, description, sources, events and checkpoints')],
    };
  }
  const parsed = Scenario.safeParse(doc.data);
  // The cross-checks run on the raw data too, so a file's problems are all reported at once.
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => describeIssue(issue, doc))),
    ...checkScenario(doc.data as LooseScenario, doc, options.articleText),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, scenario: parsed.data };
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>(
    (value, segment) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[segment] : undefined),
    data,
  );
}

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

// Turns one zod issue into located problems with messages that say how to fix them.
function describeIssue(issue: z.core.$ZodIssue, doc: LocatedDocument): Problem[] {
  const path = issue.path;
  const received = valueAt(doc.data, path);
  switch (issue.code) {
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        if (received === undefined) {
          return [doc.problemAt(path.slice(0, -1), `missing "type"; the event types are: ${options.join(', ')}`)];
        }
        const hint = typeof received === 'string' ? didYouMean(received, options) : '';
        return [doc.problemAt(path, `unknown event type ${show(received)}${hint} (the event types are: ${options.join(', ')})`)];
      }
      return [doc.problemAt(path, issue.message)];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const hint = typeof received === 'string' ? didYouMean(received, options) : '';
      const what = path[path.length - 1] === 'channel' ? 'unknown channel' : 'not allowed';
      return [doc.problemAt(path, `${what}: ${show(received)}${hint} (expected one of: ${options.join(', ')})`)];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        if (path[path.length - 1] === 'channels') {
          return doc.problemAt(path, `unknown channel "${key}"${didYouMean(key, CHANNELS)} (channels: ${CHANNELS.join(', ')})`, key);
        }
        const allowed = allowedKeys(Scenario, doc.data, path) ?? [];
        const listed = allowed.length > 0 ? ` (allowed here: ${allowed.join(', ')})` : '';
        return doc.problemAt(path, `unknown field "${key}"${didYouMean(key, allowed)}${listed}`, key);
      });
    case 'invalid_type':
      if (received === undefined) {
        return [doc.problemAt(path.slice(0, -1), `missing required field "${String(path[path.length - 1])}" (${issue.expected})`)];
      }
      return [doc.problemAt(path, `expected ${issue.expected}, got ${show(received)}`)];
    default:
      return [doc.problemAt(path, issue.message)];
  }
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

// The document as it may be before validation: every field could be missing or of any type.
interface LooseScenario {
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

// The checks no schema can make: uniqueness, order, references and quotes. They read the data
// defensively, skipping whatever the schema already reports as malformed.
function checkScenario(
  scenario: LooseScenario,
  doc: LocatedDocument,
  articleText: ParseScenarioOptions['articleText'],
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
    if (id !== undefined && !(id in sources)) {
      problems.push(doc.problemAt(path, `unknown article "${id}"${didYouMean(id, sourceIds)} (sources: ${sourceIds.join(', ')})`));
    }
  };

  const articles = new Map<string, string | null | undefined>();
  for (const [id, article] of Object.entries(sources)) {
    const file = text(article?.file);
    if (!file || !articleText) continue;
    const body = articleText(file);
    articles.set(id, body);
    if (body === null) problems.push(doc.problemAt(['sources', id, 'file'], `article file "${file}" is not in the sources folder`));
  }

  const firstIndex = new Map<string, number>();
  let previous: { id: string; date: string } | undefined;
  events.forEach((event, index) => {
    const at = ['events', index];
    const id = text(event.id);
    if (id !== undefined) {
      const earlier = firstIndex.get(id);
      if (earlier !== undefined) {
        problems.push(doc.problemAt([...at, 'id'], `duplicate event id "${id}" (first used at line ${doc.lineOf(['events', earlier])})`));
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

    const source = (event.source ?? {}) as Loose;
    const article = text(source.article);
    checkArticle([...at, 'source', 'article'], article);

    const causedBy = text(event.causedBy);
    if (causedBy !== undefined) {
      const cause = firstIndex.get(causedBy);
      if (cause === undefined || cause === index) {
        const later = events.some((other) => other.id === causedBy);
        problems.push(
          doc.problemAt(
            [...at, 'causedBy'],
            later
              ? `causedBy names "${causedBy}", which is not an earlier event`
              : `causedBy names unknown event "${causedBy}"${didYouMean(causedBy, [...firstIndex.keys()])}`,
          ),
        );
      }
    }

    const quote = text(source.quote);
    const body = article === undefined ? undefined : articles.get(article);
    if (typeof body === 'string' && quote !== undefined && !normalize(body).includes(normalize(quote))) {
      problems.push(
        doc.problemAt([...at, 'source', 'quote'], `quote not found verbatim in article "${article}" (${text(sources[article as string]?.file)})`),
      );
    }
  });

  const eventIds = events.map((event) => text(event.id)).filter((id): id is string => id !== undefined);
  const checkpointIds = new Map<string, number>();
  checkpoints.forEach((checkpoint, index) => {
    const at = ['checkpoints', index];
    const id = text(checkpoint.id);
    const earlier = id === undefined ? undefined : checkpointIds.get(id);
    if (earlier !== undefined) {
      problems.push(
        doc.problemAt([...at, 'id'], `duplicate checkpoint id "${id}" (first used at line ${doc.lineOf(['checkpoints', earlier])})`),
      );
    } else if (id !== undefined) {
      checkpointIds.set(id, index);
    }
    const after = text(checkpoint.after);
    if (after !== undefined && !eventIds.includes(after)) {
      problems.push(doc.problemAt([...at, 'after'], `checkpoint names unknown event "${after}"${didYouMean(after, eventIds)}`));
    }
    checkArticle([...at, 'reportedBy'], text(checkpoint.reportedBy));
  });

  return problems;
}
