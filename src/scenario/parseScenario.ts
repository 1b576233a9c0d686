import type { z } from 'zod';
import { CHANNELS } from '../vocabulary/channels.js';
import { canFollow } from './dates.js';
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
  if (!parsed.success) {
    return { ok: false, problems: sortProblems(parsed.error.issues.flatMap((issue) => describeIssue(issue, doc))) };
  }
  const problems = checkScenario(parsed.data, doc, options.articleText);
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems) } : { ok: true, scenario: parsed.data };
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

// The checks that need the whole scenario: uniqueness, order, references and quotes.
function checkScenario(
  scenario: Scenario,
  doc: LocatedDocument,
  articleText: ParseScenarioOptions['articleText'],
): Problem[] {
  const problems: Problem[] = [];
  const sourceIds = Object.keys(scenario.sources);
  const firstIndex = new Map<string, number>();

  const checkArticle = (path: PropertyKey[], id: string) => {
    if (!(id in scenario.sources)) {
      problems.push(doc.problemAt(path, `unknown article "${id}"${didYouMean(id, sourceIds)} (sources: ${sourceIds.join(', ')})`));
    }
  };

  const articles = new Map<string, string | null | undefined>();
  for (const [id, article] of Object.entries(scenario.sources)) {
    if (!article.file || !articleText) continue;
    const text = articleText(article.file);
    articles.set(id, text);
    if (text === null) {
      problems.push(doc.problemAt(['sources', id, 'file'], `article file "${article.file}" is not in the sources folder`));
    }
  }

  scenario.events.forEach((event, index) => {
    const at = ['events', index];
    const earlier = firstIndex.get(event.id);
    if (earlier !== undefined) {
      problems.push(
        doc.problemAt([...at, 'id'], `duplicate event id "${event.id}" (first used at line ${doc.lineOf(['events', earlier])})`),
      );
    } else {
      firstIndex.set(event.id, index);
    }

    const previous = scenario.events[index - 1];
    if (previous && !canFollow(previous.date, event.date)) {
      problems.push(
        doc.problemAt(
          [...at, 'date'],
          `date ${event.date} is before the previous event's date ${previous.date} ("${previous.id}"); list events in date order`,
        ),
      );
    }

    checkArticle([...at, 'source', 'article'], event.source.article);

    if (event.causedBy !== undefined) {
      const cause = firstIndex.get(event.causedBy);
      if (cause === undefined || cause === index) {
        const later = scenario.events.some((other) => other.id === event.causedBy);
        problems.push(
          doc.problemAt(
            [...at, 'causedBy'],
            later
              ? `causedBy names "${event.causedBy}", which is not an earlier event`
              : `causedBy names unknown event "${event.causedBy}"${didYouMean(event.causedBy, [...firstIndex.keys()])}`,
          ),
        );
      }
    }

    const text = articles.get(event.source.article);
    if (typeof text === 'string' && !normalize(text).includes(normalize(event.source.quote))) {
      const file = scenario.sources[event.source.article]?.file;
      problems.push(doc.problemAt([...at, 'source', 'quote'], `quote not found verbatim in article "${event.source.article}" (${file})`));
    }
  });

  const eventIds = scenario.events.map((event) => event.id);
  const checkpointIds = new Map<string, number>();
  scenario.checkpoints.forEach((checkpoint, index) => {
    const at = ['checkpoints', index];
    const earlier = checkpointIds.get(checkpoint.id);
    if (earlier !== undefined) {
      problems.push(
        doc.problemAt([...at, 'id'], `duplicate checkpoint id "${checkpoint.id}" (first used at line ${doc.lineOf(['checkpoints', earlier])})`),
      );
    } else {
      checkpointIds.set(checkpoint.id, index);
    }
    if (checkpoint.after !== undefined && !eventIds.includes(checkpoint.after)) {
      problems.push(
        doc.problemAt([...at, 'after'], `checkpoint names unknown event "${checkpoint.after}"${didYouMean(checkpoint.after, eventIds)}`),
      );
    }
    checkArticle([...at, 'reportedBy'], checkpoint.reportedBy);
  });

  return problems;
}
