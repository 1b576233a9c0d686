import { dirname, resolve } from 'node:path';
import { checkScenario, type LooseScenario } from './checkScenario.js';
import type { ArticleText } from './citations.js';
import { type Problem, sortProblems } from './problems.js';
import { Scenario } from './schema.js';
import { validateDocument } from './validateDocument.js';
import { type LocatedDocument, parseYaml } from './yamlDocument.js';

/** How parseScenario finds article texts for the quote check. */
export interface ParseScenarioOptions {
  /** The file name to put in problems. */
  file: string;
  /**
   * The text of an article file named in `sources`: a string, null when the sources folder was
   * given but has no such file, or undefined when no folder was given (quotes go unchecked).
   */
  articleText?: (fileName: string) => ArticleText | undefined;
  /**
   * Reads the scenario a file `extends` (its path resolved against `file`): undefined when there
   * is none; throws InvalidInputError when it is invalid. Without it, `extends` is refused.
   */
  readBase?: (path: string) => Scenario | undefined;
}

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Parses and validates a scenario's YAML text: syntax, schema, and the checks no schema can make
 * (order of dates, unique ids, references, quotes). Every problem is reported, each located. Pure.
 */
export function parseScenario(text: string, options: ParseScenarioOptions): ParseScenarioResult {
  return parseScenarioDocument(parseYaml(text, options.file), options);
}

/** A scenario file's parsed document, validated and checked as parseScenario does. Pure. */
export function parseScenarioDocument(doc: LocatedDocument, options: ParseScenarioOptions): ParseScenarioResult {
  if (doc.syntaxProblems.length > 0) return { ok: false, problems: sortProblems(doc.syntaxProblems) };
  if (doc.data === null || typeof doc.data !== 'object' || Array.isArray(doc.data)) {
    return {
      ok: false,
      problems: [doc.problemAt([], 'a scenario is a YAML mapping with id, title, description, sources, events and checkpoints')],
    };
  }
  const parsed = validateDocument(Scenario, doc);
  const problems: Problem[] = [...parsed.problems];
  const base = baseOf(doc.data as { extends?: unknown }, options, (message) => problems.push(doc.problemAt(['extends'], message)));
  // The cross-checks run on the raw data too, so a file's problems are all reported at once.
  problems.push(
    ...checkScenario(doc.data as LooseScenario, { problemAt: doc.problemAt, where: (path) => `line ${doc.lineOf(path)}` }, options.articleText, base),
  );
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  if (base === undefined) return { ok: true, scenario: parsed.data };
  // A continuation: its base's sources, events and checkpoints, then its own.
  const own = parsed.data;
  return {
    ok: true,
    scenario: {
      ...own,
      sources: { ...base.scenario.sources, ...own.sources },
      events: [...base.scenario.events, ...own.events],
      checkpoints: [...base.scenario.checkpoints, ...own.checkpoints],
    },
  };
}

// The scenario a file extends, read through `readBase`; a problem (no reader, no file) is reported.
function baseOf(
  data: { extends?: unknown } | null,
  options: ParseScenarioOptions,
  report: (message: string) => void,
): { scenario: Scenario; file: string } | undefined {
  const name = data?.extends;
  if (typeof name !== 'string' || name === '') return undefined;
  if (!options.readBase) {
    report('"extends" names a file, which only a scenario read from a file can do');
    return undefined;
  }
  const path = resolve(dirname(options.file), name);
  const scenario = options.readBase(path);
  if (scenario === undefined) report(`no scenario at "${name}" (looked for ${path})`);
  return scenario && { scenario, file: name };
}
