import type { z } from 'zod';
import { CHANNELS } from '../vocabulary/channels.js';
import { sortProblems, type Problem } from './problems.js';
import { allowedKeys } from './allowedKeys.js';
import { checkScenario, type LooseScenario } from './checkScenario.js';
import { DATE_FORMAT, EventCommonFields, Scenario } from './schema.js';
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
    ...checkScenario(doc.data as LooseScenario, { problemAt: doc.problemAt, where: (path) => `line ${doc.lineOf(path)}` }, options.articleText),
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

// JSON.stringify would print Infinity (YAML's 1e400 or .inf) as null.
const show = (value: unknown) =>
  typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : JSON.stringify(value);

const DATE_FIELDS = new Set(['date', 'at', 'lastContact']);

// With no type to pick a schema by, zod checks nothing else; the fields all events share still can be.
function commonFieldProblems(eventPath: ReadonlyArray<PropertyKey>, doc: LocatedDocument): Problem[] {
  const result = EventCommonFields.safeParse(valueAt(doc.data, eventPath));
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => describeIssue({ ...issue, path: [...eventPath, ...issue.path] }, doc));
}

// Turns one zod issue into located problems with messages that say how to fix them.
function describeIssue(issue: z.core.$ZodIssue, doc: LocatedDocument): Problem[] {
  const path = issue.path;
  const received = valueAt(doc.data, path);
  switch (issue.code) {
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const typeProblem =
          received === undefined
            ? doc.problemAt(path.slice(0, -1), `missing "type"; the event types are: ${options.join(', ')}`)
            : doc.problemAt(
                path,
                `unknown event type ${show(received)}${typeof received === 'string' ? didYouMean(received, options) : ''} (the event types are: ${options.join(', ')})`,
              );
        return [typeProblem, ...commonFieldProblems(path.slice(0, -1), doc)];
      }
      return [doc.problemAt(path, issue.message)];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (received === undefined) {
        return [doc.problemAt(path.slice(0, -1), `missing required field "${String(path.at(-1))}" (one of: ${options.join(', ')})`)];
      }
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
    case 'invalid_key': {
      // A record key that breaks the key schema, e.g. an article id in `sources`: point at the key.
      const key = String(path.at(-1));
      const reasons = issue.issues.map((inner) => inner.message).join('; ');
      return [doc.problemAt(path.slice(0, -1), `bad id "${key}": ${reasons}`, key)];
    }
    case 'invalid_type':
      if (received === undefined) {
        return [doc.problemAt(path.slice(0, -1), `missing required field "${String(path[path.length - 1])}" (${issue.expected})`)];
      }
      if (DATE_FIELDS.has(String(path.at(-1))) && issue.expected === 'string') {
        return [doc.problemAt(path, `${DATE_FORMAT}, got ${show(received)}`)];
      }
      return [doc.problemAt(path, `expected ${issue.expected}, got ${show(received)}`)];
    default:
      return [doc.problemAt(path, issue.message)];
  }
}

