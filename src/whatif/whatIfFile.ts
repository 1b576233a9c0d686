import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { placePloverRecords } from '../datasets/ploverImport.js';
import { checkScenario } from '../scenario/checkScenario.js';
import type { ArticleText } from '../scenario/citations.js';
import { EventChecker } from '../scenario/eventChecker.js';
import { InvalidInputError, type Problem, sortProblems } from '../scenario/problems.js';
import { articleReader, type ReadScenarioOptions, readInputFile, scenarioFromDocument } from '../scenario/readScenario.js';
import { Checkpoint, Id, type Scenario } from '../scenario/schema.js';
import { validateDocument } from '../scenario/validateDocument.js';
import { type LocatedDocument, parseYaml } from '../scenario/yamlDocument.js';
import { applyEdits, Edit, InvalidEditError } from './applyEdits.js';

/** A what-if file: a base scenario, edits to it, and the checkpoints the edited history should reach. */
export const WhatIfFile = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  /** The question, e.g. "What if Pelosi had not visited Taiwan?" */
  title: z.string().min(1),
  /** What the model predicts, and why. */
  description: z.string().min(1),
  /** The scenario to edit: a path relative to this file. */
  base: z.string().min(1),
  edits: z.array(Edit).min(1, 'a what-if needs at least one edit'),
  /** Expected states of the edited history: predictions, so `reportedBy` is usually absent. */
  checkpoints: z.array(Checkpoint).min(1, 'a what-if states at least one checkpoint'),
});
export type WhatIfFile = z.infer<typeof WhatIfFile>;

/** A loaded what-if: its definition, its base scenario and the edited scenario with its own checkpoints. */
export interface WhatIf {
  definition: WhatIfFile;
  base: Scenario;
  /** The base with the edits applied; its checkpoints are the what-if's. */
  scenario: Scenario;
}

/** How parseWhatIf reads the base scenario a what-if names. */
export interface ParseWhatIfOptions {
  file: string;
  /** Reads the base scenario at an absolute path: undefined if there is none; throws InvalidInputError if it is invalid. */
  readBase: (path: string) => Scenario | undefined;
  /** Whether the file at an absolute path is itself a what-if, which cannot be a base. */
  isWhatIf?: (path: string) => boolean;
  /** The text of an article file, to check the quotes of inserted events (as for parseScenario). */
  articleText?: (fileName: string) => ArticleText | undefined;
}

/**
 * Parses a what-if file's text, reads its base, applies its edits and checks its checkpoints
 * against the edited history. Every problem is located in the what-if file (or in the base, if
 * that is where it is). Throws InvalidInputError.
 */
export function parseWhatIf(text: string, options: ParseWhatIfOptions): WhatIf {
  return parseWhatIfDocument(parseYaml(text, options.file), options);
}

/** A what-if file's parsed document, checked and applied as parseWhatIf does. Throws InvalidInputError. */
export function parseWhatIfDocument(doc: LocatedDocument, options: ParseWhatIfOptions): WhatIf {
  if (doc.syntaxProblems.length > 0) throw new InvalidInputError(sortProblems(doc.syntaxProblems));
  const placed = placePloverInsertions(doc);
  // Every problem in one pass: the file's schema, and what applying the edits that fit it finds.
  const parsed = validateDocument(WhatIfFile, placed);
  const problems: Problem[] = parsed.success ? [] : [...parsed.problems];
  const data = (placed.data ?? {}) as { base?: unknown; edits?: unknown };
  const edits = Array.isArray(data.edits) ? (data.edits as unknown[]) : [];
  // Edits that do not fit the schema are reported above, at their own lines; applyEdits skips them.
  const misfits = new Set(edits.flatMap((edit, index) => (Edit.safeParse(edit).success ? [] : [index])));

  const baseName = typeof data.base === 'string' && data.base.length > 0 ? data.base : undefined;
  let base: Scenario | undefined;
  let edited: Scenario | undefined;
  if (baseName !== undefined) {
    const basePath = resolve(dirname(options.file), baseName);
    if (options.isWhatIf?.(basePath)) {
      problems.push(
        doc.problemAt(
          ['base'],
          `"${baseName}" is a what-if file; a what-if's base must be a scenario (what-ifs do not chain: copy that file's edits into this one, before its own)`,
        ),
      );
    } else {
      base = options.readBase(basePath);
      if (base === undefined) problems.push(doc.problemAt(['base'], `no base scenario at "${baseName}" (looked for ${basePath})`));
    }
  }
  if (base !== undefined && edits.length > 0) {
    try {
      edited = applyEdits(base, edits as Edit[]);
    } catch (error) {
      if (!(error instanceof InvalidEditError)) throw error;
      // A problem with the edited whole is put at `edits`, the part of this file that made it.
      for (const problem of error.problems) {
        if (problem.edit !== undefined && misfits.has(problem.edit)) continue;
        problems.push(doc.problemAt(problem.edit === undefined ? ['edits'] : ['edits', problem.edit], problem.message));
      }
    }
  }
  if (edited === undefined && base !== undefined) problems.push(...looseCheckpointProblems(doc, base, edits));
  if (!parsed.success || edited === undefined || base === undefined || problems.length > 0) throw new InvalidInputError(sortProblems(problems));
  const definition = parsed.data;

  const scenario: Scenario = {
    ...edited,
    id: definition.id,
    title: definition.title,
    description: definition.description,
    checkpoints: definition.checkpoints,
  };
  // The edited events passed applyEdits' checks, so what is left to find is in the checkpoints,
  // and in the quotes of inserted and replaced events, which the base's own check never saw: the
  // event checker every event goes through, now with the articles' texts.
  problems.push(...checkScenario(scenario, { problemAt: doc.problemAt, where: (path) => `line ${doc.lineOf(path)}` }));
  const { articleText } = options;
  if (articleText) {
    const sources = scenario.sources;
    const inserted = new EventChecker({
      sources,
      articleText: (article) => (Object.hasOwn(sources, article) ? articleText((sources[article] as { file: string }).file) : undefined),
      ordered: false,
      causes: false,
      where: (index) => `at edits[${index}]`,
    });
    const byId = new Map(scenario.events.map((event) => [event.id, event]));
    definition.edits.forEach((edit, index) => {
      if ('insert' in edit) {
        for (const { path, message } of inserted.check(edit.insert, index)) problems.push(doc.problemAt(['edits', index, 'insert', ...path], message));
      } else if ('replace' in edit && edit.source !== undefined) {
        // The replacement's own citation, checked as the event it makes; the rest of that event is the base's.
        const event = byId.get(edit.replace);
        if (event === undefined) return;
        for (const { path, message } of inserted.check(event, index))
          if (path[0] === 'source') problems.push(doc.problemAt(['edits', index, ...path], message));
      }
    });
  }
  if (problems.length > 0) throw new InvalidInputError(sortProblems(problems));
  return { definition, base, scenario };
}

// With edits that could not all apply, the checkpoints can still be checked against what is
// known: an event the base has or an edit inserts, an article the base cites. (Problems the
// edited history alone would show wait for the edits to apply.)
function looseCheckpointProblems(doc: LocatedDocument, base: Scenario, edits: readonly unknown[]): Problem[] {
  const data = doc.data as { checkpoints?: unknown };
  if (!Array.isArray(data.checkpoints)) return [];
  const ids = new Set(base.events.map((event) => event.id));
  for (const edit of edits) {
    const id = (edit as { insert?: { id?: unknown } } | null)?.insert?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return data.checkpoints.flatMap((checkpoint: unknown, index: number) => {
    const { after, reportedBy } = (checkpoint ?? {}) as { after?: unknown; reportedBy?: unknown };
    const found: Problem[] = [];
    if (typeof after === 'string' && !ids.has(after)) found.push(doc.problemAt(['checkpoints', index, 'after'], `checkpoint names unknown event "${after}"`));
    if (typeof reportedBy === 'string' && !Object.hasOwn(base.sources, reportedBy))
      found.push(doc.problemAt(['checkpoints', index, 'reportedBy'], `unknown article "${reportedBy}"`));
    return found;
  });
}

// An insertion may be a PLOVER record (from `thaw data events` or an event dataset): it stands for
// the event it codes; one the mapping cannot place is refused, at that insertion.
function placePloverInsertions(doc: LocatedDocument): LocatedDocument {
  const data = doc.data as { edits?: unknown } | undefined;
  if (!data || typeof data !== 'object' || !Array.isArray(data.edits)) return doc;
  const problems: Problem[] = [];
  const edits = data.edits.map((edit: unknown, index: number) => {
    if (typeof edit !== 'object' || edit === null || !('insert' in edit)) return edit;
    const { items, refused } = placePloverRecords([(edit as { insert: unknown }).insert]);
    for (const { reason } of refused) problems.push(doc.problemAt(['edits', index, 'insert'], `cannot place this PLOVER record: ${reason}`));
    return { ...edit, insert: items[0] };
  });
  if (problems.length > 0) throw new InvalidInputError(sortProblems(problems));
  return { ...doc, data: { ...data, edits } };
}

/** Reads a what-if file and its base scenario; throws InvalidInputError listing every problem. */
export function readWhatIf(file: string, options: ReadScenarioOptions = {}): WhatIf {
  return whatIfFromDocument(parseYaml(readInputFile(file, 'the what-if file'), file), file, options);
}

// A what-if's document checked, its base read once from disk: whether it is a what-if too, and the scenario it holds.
function whatIfFromDocument(doc: LocatedDocument, file: string, options: ReadScenarioOptions): WhatIf {
  const { sourcesDir } = options;
  const documents = new Map<string, LocatedDocument | undefined>();
  const documentAt = (path: string) => {
    if (!documents.has(path))
      documents.set(path, existsSync(path) && statSync(path).isFile() ? parseYaml(readInputFile(path, 'the scenario'), path) : undefined);
    return documents.get(path);
  };
  return parseWhatIfDocument(doc, {
    file,
    readBase: (path) => {
      const base = documentAt(path);
      return base === undefined ? undefined : scenarioFromDocument(base, path, options);
    },
    isWhatIf: (path) => {
      try {
        return namesABase(documentAt(path)?.data);
      } catch {
        // Unreadable: readBase says why.
        return false;
      }
    },
    ...(sourcesDir ? { articleText: articleReader(sourcesDir) } : {}),
  });
}

// A what-if file names its base at the top level; a scenario has no such field.
const namesABase = (data: unknown) => data !== null && typeof data === 'object' && !Array.isArray(data) && Object.hasOwn(data, 'base');

/** The what-if file format as JSON Schema, for editors (scenarios/what-if.schema.json). Pure. */
export function whatIfJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(WhatIfFile, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * A file read once and checked as what it says it is: a what-if when its top level names a
 * `base`, a scenario otherwise. Throws InvalidInputError listing every problem.
 */
export function readScenarioOrWhatIf(
  file: string,
  options: ReadScenarioOptions = {},
): { scenario: Scenario; whatIf?: undefined } | { whatIf: WhatIf; scenario?: undefined } {
  const doc = parseYaml(readInputFile(file, 'the scenario'), file);
  return namesABase(doc.data) ? { whatIf: whatIfFromDocument(doc, file, options) } : { scenario: scenarioFromDocument(doc, file, options) };
}
