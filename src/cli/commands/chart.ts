import { relative } from 'node:path';
import { chartSvg, type ChartHistory } from '../../data/chart.js';
import { replay } from '../../replay/replay.js';
import type { Scenario } from '../../scenario/schema.js';
import { readScenario } from '../../scenario/readScenario.js';
import { isWhatIfFile, readWhatIf } from '../../whatif/whatIfFile.js';
import { emitOutput } from '../outputFile.js';

/** The articles a scenario cites, one line each: outlet, headline, when reported, address. Pure. */
export function citedSources(scenario: Scenario): string[] {
  return Object.values(scenario.sources).map((article) => `${article.outlet}, "${article.headline}", reported ${article.date}${article.url ? `, ${article.url}` : ''}`);
}

/**
 * `thaw chart`: the phase and each channel's link over time as a standalone SVG, with a title,
 * a legend and the sources in a caption; a what-if's rows under its base's.
 */
export async function chartCommand(options: { file: string; output: string | undefined; sourcesDir: string | null; cwd: string; write: (text: string) => void }): Promise<number> {
  const { file, sourcesDir } = options;
  let histories: ChartHistory[];
  let title: string;
  let sources: Scenario;
  if (isWhatIfFile(file)) {
    const whatIf = readWhatIf(file, { sourcesDir });
    histories = [
      { label: whatIf.base.id, run: replay(whatIf.base) },
      { label: whatIf.definition.id, run: replay(whatIf.scenario) },
    ];
    title = `${whatIf.definition.title} (rows "what-if" under the record's)`;
    sources = whatIf.base;
  } else {
    const scenario = readScenario(file, { sourcesDir });
    histories = [{ label: scenario.id, run: replay(scenario) }];
    title = scenario.title;
    sources = scenario;
  }
  const caption = [
    `Sources: the articles the events cite (${relative(options.cwd, file) || file}, drawn by thaw):`,
    ...citedSources(sources).map((line) => `  ${line}`),
    ...(histories.length > 1 ? ['The what-if rows are hypothetical: the history the model gives once the edits are made.'] : []),
  ];
  const svg = await chartSvg(histories, { title, caption });
  return emitOutput(svg, options.output, options.write, '--out');
}
