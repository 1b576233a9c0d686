// Where a history's facts come from, in one line for a chart's caption: a chart that leaves the
// page keeps its sources.
import type { Scenario } from '../scenario/schema.js';

/** The outlets a scenario's events and checkpoints cite, articles first, each once, in order of first citation. Pure. */
export function citedOutlets(scenario: Scenario): { articles: string[]; outside: string[]; outsideFacts: number } {
  const articles = [...new Set(Object.values(scenario.sources).map((article) => article.outlet))];
  const facts = [...scenario.events.flatMap((event) => event.outside ?? []), ...scenario.checkpoints.flatMap((checkpoint) => checkpoint.outside ?? [])];
  return { articles, outside: [...new Set(facts.map((fact) => fact.outlet))], outsideFacts: facts.length };
}
