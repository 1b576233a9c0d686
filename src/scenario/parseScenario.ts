import { sortProblems, type Problem } from './problems.js';
import type { ArticleText } from './readScenario.js';
import { checkScenario, type LooseScenario } from './checkScenario.js';
import { Scenario } from './schema.js';
import { validateDocument } from './validateDocument.js';
import { parseYaml } from './yamlDocument.js';

/** How parseScenario finds article texts for the quote check. */
export interface ParseScenarioOptions {
  /** The file name to put in problems. */
  file: string;
  /**
   * The text of an article file named in `sources`: a string, null when the sources folder was
   * given but has no such file, or undefined when no folder was given (quotes go unchecked).
   */
  articleText?: (fileName: string) => ArticleText | undefined;
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
  const parsed = validateDocument(Scenario, doc);
  // The cross-checks run on the raw data too, so a file's problems are all reported at once.
  const problems = [
    ...parsed.problems,
    ...checkScenario(doc.data as LooseScenario, { problemAt: doc.problemAt, where: (path) => `line ${doc.lineOf(path)}` }, options.articleText),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, scenario: parsed.data };
}

