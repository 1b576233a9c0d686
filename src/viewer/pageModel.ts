// The viewer model for a file, as `thaw inspect` serves it and `thaw export --format html` saves
// it: the scenario or what-if replayed, its base beside it, the statechart's layout, and what
// the in-page what-if editor starts from. Reads files, so Node only.
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { machineGraph } from '../export/machineGraph.js';
import { type Replay, replay } from '../replay/replay.js';
import { EVENT_PAYLOADS } from '../vocabulary/events.js';
import { readScenarioOrWhatIf } from '../whatif/whatIfFile.js';
import { type DiagramLayout, layoutDiagram } from './layout.js';
import { type ViewerModel, viewerModel } from './viewerModel.js';

/** Each event type's payload as JSON Schema, for the page's insert form. Pure. */
export function payloadSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(EVENT_PAYLOADS).map(([type, schema]) => [type, z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' })]),
  );
}

/** Whether `path` lies in the folder `folder` (or is it). */
function within(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/**
 * How a published page names a file, never by the exporter's own folders: from `folder` (where the
 * page is written) when both lie in `cwd`, from `cwd` when only the file does, and by its name alone
 * when it lies outside. Slashes whatever the system, as a what-if file names its base. Pure.
 */
export function publishedPath(file: string, { cwd, folder }: { cwd: string; folder: string }): string {
  const absolute = resolve(cwd, file);
  if (!within(cwd, absolute)) return basename(absolute);
  const from = resolve(cwd, folder);
  return relative(within(cwd, from) ? from : cwd, absolute)
    .split(sep)
    .join('/');
}

// The statechart's layout is the same for every page, and ELK takes a second: laid out once per process.
let layoutOnce: Promise<DiagramLayout> | undefined;

/**
 * Reads a scenario or what-if file and builds the viewer's model for it; `shown` is the name the
 * page gives the file, and `nameBase` how a what-if saved from the page names its base (by its
 * absolute path unless told otherwise).
 */
export async function pageModel(
  file: string,
  options: { sourcesDir: string | null; shown: string; nameBase?: (absolute: string) => string },
): Promise<ViewerModel> {
  const { sourcesDir } = options;
  const nameBase = options.nameBase ?? ((absolute: string) => absolute);
  let run: Replay;
  let base: { label: string; run: Replay } | undefined;
  let editor: ViewerModel['editor'];
  layoutOnce ??= layoutDiagram(machineGraph());
  const layout = await layoutOnce;
  const { scenario, whatIf } = readScenarioOrWhatIf(file, { sourcesDir });
  if (whatIf) {
    run = replay(whatIf.scenario);
    base = { label: whatIf.base.id, run: replay(whatIf.base) };
    editor = {
      base: whatIf.base,
      basePath: nameBase(resolve(file, '..', whatIf.definition.base)),
      baseLabel: whatIf.base.id,
      edits: whatIf.definition.edits,
      checkpoints: whatIf.definition.checkpoints,
      payloadSchemas: payloadSchemas(),
    };
  } else {
    run = replay(scenario);
    editor = { base: scenario, basePath: nameBase(resolve(file)), baseLabel: scenario.id, edits: [], checkpoints: [], payloadSchemas: payloadSchemas() };
  }
  return { ...viewerModel({ run, file: options.shown, layout, ...(base ? { base } : {}) }), editor };
}
