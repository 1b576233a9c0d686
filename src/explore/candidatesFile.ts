import { z } from 'zod';
import { InvalidInputError, sortProblems, type Problem } from '../scenario/problems.js';
import { readInputFile } from '../scenario/readScenario.js';
import { ScenarioEvent } from '../scenario/schema.js';
import { validateDocument } from '../scenario/validateDocument.js';
import { parseYaml } from '../scenario/yamlDocument.js';

/** A candidates file: a YAML list of events, each as in a scenario's `events`. */
export const CandidatesFile = z.array(ScenarioEvent).min(1, 'list at least one candidate event');

/** Reads a candidates file; throws InvalidInputError with every located problem. */
export function readCandidates(file: string): ScenarioEvent[] {
  const text = readInputFile(file, 'the candidate events');
  const doc = parseYaml(text, file);
  if (doc.syntaxProblems.length > 0) throw new InvalidInputError(doc.syntaxProblems);
  const parsed = validateDocument(CandidatesFile, doc);
  if (!parsed.success) throw new InvalidInputError(sortProblems(parsed.problems));
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((event, index) => {
    const first = seen.get(event.id);
    if (first !== undefined) problems.push(doc.problemAt([index, 'id'], `duplicate event id "${event.id}" (first used at line ${doc.lineOf([first])})`));
    else seen.set(event.id, index);
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return parsed.data;
}
