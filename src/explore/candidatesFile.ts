import { z } from 'zod';
import { placePloverRecords } from '../datasets/ploverImport.js';
import { EventChecker } from '../scenario/eventChecker.js';
import { InvalidInputError, type Problem, sortProblems } from '../scenario/problems.js';
import { readInputFile } from '../scenario/readScenario.js';
import { ScenarioEvent } from '../scenario/schema.js';
import { validateDocument } from '../scenario/validateDocument.js';
import { parseYaml } from '../scenario/yamlDocument.js';

/** A candidates file: a YAML list of events, each as in a scenario's `events` or as a PLOVER record. */
export const CandidatesFile = z.array(ScenarioEvent).min(1, 'list at least one candidate event');

/** Reads a candidates file; throws InvalidInputError with every located problem. */
export function readCandidates(file: string): ScenarioEvent[] {
  const text = readInputFile(file, 'the candidate events');
  const doc = parseYaml(text, file);
  if (doc.syntaxProblems.length > 0) throw new InvalidInputError(doc.syntaxProblems);
  // PLOVER records (from `thaw data events` or an event dataset) stand for the events they code.
  const placed = Array.isArray(doc.data) ? placePloverRecords(doc.data) : undefined;
  if (placed && placed.refused.length > 0) {
    throw new InvalidInputError(placed.refused.map(({ index, reason }) => doc.problemAt([index], `cannot place this PLOVER record: ${reason}`)));
  }
  const parsed = validateDocument(CandidatesFile, placed ? { ...doc, data: placed.items } : doc);
  if (!parsed.success) throw new InvalidInputError(sortProblems(parsed.problems));
  // Candidates come in no order and their causes are in the scenario; the rest is checked as in a file.
  const checker = new EventChecker({ ordered: false, causes: false, where: (index) => `at line ${doc.lineOf([index])}` });
  const problems: Problem[] = [];
  parsed.data.forEach((event, index) => {
    for (const problem of checker.check(event, index)) problems.push(doc.problemAt([index, ...problem.path], problem.message));
    checker.accept(event, index);
  });
  if (problems.length > 0) throw new InvalidInputError(sortProblems(problems));
  return parsed.data;
}
