// Where a history's facts come from, in a few lines for a chart's caption: a chart that leaves
// the page keeps its sources.
import type { Scenario } from '../scenario/schema.js';

/** Characters to a caption line: the charts are 900–1100 pixels wide, their captions' text 10 pixels high. */
const CAPTION_WIDTH = 170;

/** The outlets a scenario's events and checkpoints cite, articles first, each once, in order of first citation. Pure. */
export function citedOutlets(scenario: Scenario): { articles: string[]; outside: string[]; outsideFacts: number } {
  const articles = [...new Set(Object.values(scenario.sources).map((article) => article.outlet))];
  const facts = [...scenario.events.flatMap((event) => event.outside ?? []), ...scenario.checkpoints.flatMap((checkpoint) => checkpoint.outside ?? [])];
  return { articles, outside: [...new Set(facts.map((fact) => fact.outlet))], outsideFacts: facts.length };
}

/** The facts from outside the articles, counted, with the first outlets they come from, or nothing when there are none. Pure. */
export function outsideSourcesText(scenario: Scenario, shown = 8): string | undefined {
  const { outside, outsideFacts } = citedOutlets(scenario);
  if (outsideFacts === 0) return undefined;
  const more = outside.length > shown ? ` and ${outside.length - shown} more outlets` : '';
  return `${outsideFacts} facts from outside the articles, from ${outside.slice(0, shown).join(', ')}${more}`;
}

/** Text cut into lines of at most `width` characters at spaces, continuation lines indented. Pure. */
export function wrapped(text: string, width = CAPTION_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `    ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' ? lines : [...lines, line];
}
