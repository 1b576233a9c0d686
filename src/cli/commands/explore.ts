import { relative } from 'node:path';
import { readCandidates } from '../../explore/candidatesFile.js';
import { ExploreMemoryError, MAX_CANDIDATES } from '../../explore/exploreOrderings.js';
import { exploreOrderings, readScenario, replay, type ScenarioEvent, viewOf } from '../../index.js';
import { didYouMean } from '../../scenario/suggest.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { formatExploreReport } from '../format/exploreReport.js';

/** Options of `thaw explore`. */
export interface ExploreCommandOptions {
  file: string;
  events: string | undefined;
  candidates: string | undefined;
  start: string | undefined;
  subsets: boolean;
  json: boolean;
  color: boolean;
  /** Where to draw a progress bar, or undefined for none. */
  progress: ((line: string | null) => void) | undefined;
  /** Folder of article texts to check quotes against, or null for no check. */
  sourcesDir: string | null;
  /** The folder file names are shown relative to. */
  cwd: string;
  /** The most memory the search may use, in MiB. */
  maxMemoryMiB: number;
  write: (text: string) => void;
}

/** `thaw explore`: counts what every ordering of the candidate events leads to; exit 0, or 2 on bad input. */
export function exploreCommand(options: ExploreCommandOptions): number {
  if (options.events === undefined && options.candidates === undefined) {
    throw new UsageError('name the candidate events: --events id,id,... (from the scenario) and/or --candidates FILE');
  }
  const scenario = readScenario(options.file, { sourcesDir: options.sourcesDir });
  const ids = scenario.events.map((event) => event.id);
  const named = (options.events ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = named.filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`--events: no event ${unknown.map((id) => `"${id}"${didYouMean(id, ids)}`).join(', ')} in ${options.file}`);
  }
  if (options.events !== undefined && named.length === 0) throw new UsageError('--events: name at least one event id (comma-separated)');
  if (new Set(named).size !== named.length) throw new UsageError('--events: an event is named twice');
  const fromFile = options.candidates === undefined ? [] : readCandidates(options.candidates);
  const clash = fromFile.find((event) => named.includes(event.id));
  if (clash) throw new UsageError(`--candidates: "${clash.id}" is also named in --events`);
  const candidates: ScenarioEvent[] = [...named.map((id) => scenario.events[ids.indexOf(id)] as ScenarioEvent), ...fromFile];
  if (candidates.length > MAX_CANDIDATES) throw new UsageError(`${candidates.length} candidate events: at most ${MAX_CANDIDATES}`);

  // The start: after --start, or just before the first named candidate, or the scenario's end.
  let prefixEnd: number;
  if (options.start === 'initial') prefixEnd = 0;
  else if (options.start !== undefined) {
    const at = ids.indexOf(options.start);
    if (at < 0) throw new UsageError(`--start: no event "${options.start}"${didYouMean(options.start, ids)} (or "initial")`);
    prefixEnd = at + 1;
  } else prefixEnd = named.length > 0 ? Math.min(...named.map((id) => ids.indexOf(id))) : ids.length;
  const prefix = scenario.events.slice(0, prefixEnd).filter((event) => !named.includes(event.id));
  const startRun = replay({ ...scenario, events: prefix, checkpoints: [] });

  const began = performance.now();
  let result;
  try {
    result = exploreOrderings(startRun.finalSnapshot, candidates, {
      subsets: options.subsets,
      maxMemory: options.maxMemoryMiB * 2 ** 20,
      ...(options.progress ? { onProgress: progressBar(options.progress) } : {}),
    });
  } catch (error) {
    if (error instanceof ExploreMemoryError) throw new UsageError(`${error.message} (--max-memory ${options.maxMemoryMiB})`);
    throw error;
  } finally {
    options.progress?.(null);
  }
  const seconds = (performance.now() - began) / 1000;
  const start = { afterEvent: prefix.at(-1)?.id ?? null, events: prefix.length, state: viewOf(startRun.finalSnapshot) };

  if (options.json) options.write(jsonWithBigInts({ scenario: scenario.id, start, ...result, seconds: Number(seconds.toFixed(3)) }));
  else options.write(formatExploreReport(result, { file: relative(options.cwd, options.file) || options.file, start, seconds, color: options.color }));
  return EXIT.ok;
}

// JSON with exact counts: a bigint is written as the number it is (JSON numbers have no size
// limit; a reader that needs them exact can parse them as such).
function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `\u0000${item}\u0000` : item), 2).replace(/"\\u0000(\d+)\\u0000"/g, '$1');
}

function progressBar(draw: (line: string | null) => void) {
  return ({ length, of, done, total }: { length: number; of: number; done: number; total: number }) => {
    const fraction = (length - 1 + done / Math.max(total, 1)) / of;
    const filled = Math.round(fraction * 30);
    draw(`exploring [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] sequences of ${length}/${of} events · ${done}/${total} states`);
  };
}
