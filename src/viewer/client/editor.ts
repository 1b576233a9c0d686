// The reader's own what-if, made in the page: events toggled off, moved to another date, or
// inserted from the vocabulary (a form built from each type's JSON Schema). The page replays it
// with the same library the CLI uses (bundled), shows it beside its base as a what-if file would
// be shown, and saves it as a what-if file that `thaw whatif` reads back to the same end.
import { stringify } from 'yaml';
import { replay } from '../../replay/replay.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import { applyEdits, InvalidEditError, type Edit } from '../../whatif/applyEdits.js';
import type { ViewerEditor, ViewerModel } from '../viewerModel.js';
import { viewerModel } from '../viewerModel.js';

/** The reader's edits, as the page's address carries them. */
export interface PageEdits {
  /** Ids of events toggled off. */
  off: string[];
  /** New dates, by event id. */
  moved: Record<string, string>;
  /** Events inserted, each placed by its date. */
  inserted: ScenarioEvent[];
}

export const NO_EDITS: PageEdits = { off: [], moved: {}, inserted: [] };

/** Whether the reader has edited nothing. */
export const isEmpty = (edits: PageEdits) => edits.off.length === 0 && Object.keys(edits.moved).length === 0 && edits.inserted.length === 0;

/** The page's edits as what-if edits, after the ones the editor started with. Pure. */
export function toEdits(editor: ViewerEditor, edits: PageEdits): Edit[] {
  return [
    ...editor.edits,
    ...edits.off.map((id): Edit => ({ remove: id, cascade: false })),
    // An event left out is not moved as well.
    ...Object.entries(edits.moved).filter(([id]) => !edits.off.includes(id)).map(([id, to]): Edit => ({ move: id, to })),
    ...edits.inserted.map((event): Edit => ({ insert: event })),
  ];
}

/** The edits in the address (`#edits=...`, JSON in base64url), if any. */
export function editsInAddress(hash: string): PageEdits | undefined {
  const match = /(?:^|[#&])edits=([A-Za-z0-9_-]+)/.exec(hash);
  if (!match) return undefined;
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob((match[1] as string).replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)));
    const parsed = JSON.parse(text) as Partial<PageEdits>;
    return { off: parsed.off ?? [], moved: parsed.moved ?? {}, inserted: parsed.inserted ?? [] };
  } catch {
    return undefined;
  }
}

/** The edits as the address part `edits=...`; empty for none. */
export function editsForAddress(edits: PageEdits): string {
  if (isEmpty(edits)) return '';
  const bytes = new TextEncoder().encode(JSON.stringify(edits));
  let binary = '';
  // In pieces: spreading a long array into fromCharCode would overflow the stack.
  for (let start = 0; start < bytes.length; start += 8192) binary += String.fromCharCode(...bytes.subarray(start, start + 8192));
  return `edits=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * The model of the page with the reader's edits: the edited history replayed beside its base,
 * as `thaw inspect` shows a what-if file. Throws InvalidEditError when the edits do not apply.
 */
export function editedModel(model: ViewerModel, edits: PageEdits): ViewerModel {
  const editor = model.editor as ViewerEditor;
  if (isEmpty(edits)) return model;
  const scenario = applyEdits(editor.base, toEdits(editor, edits));
  const run = replay({ ...scenario, id: 'your-what-if', title: `Your what-if on ${editor.base.title}`, checkpoints: keptCheckpoints(editor, scenario.events) });
  const base = { label: editor.baseLabel, run: replay(editor.base) };
  const own = viewerModel({ run, file: model.file, layout: model.layout, base });
  const description = `Your edits to ${editor.base.title}: ${describeEdits(edits, editor.edits.length)}.`;
  return { ...own, title: run.scenario.title, whatIf: { ...(own.whatIf as NonNullable<ViewerModel['whatIf']>), description }, editor };
}

function describeEdits(edits: PageEdits, prior: number): string {
  const parts = [
    ...(prior > 0 ? [`after the what-if's own ${prior} edit${prior === 1 ? '' : 's'}`] : []),
    ...edits.off.map((id) => `${id} left out`),
    ...Object.entries(edits.moved).map(([id, to]) => `${id} moved to ${to}`),
    ...edits.inserted.map((event) => `${event.id} inserted`),
  ];
  return parts.join(', ');
}

const END_CHECKPOINT = 'where-the-page-ends';

// A what-if's own checkpoints that still stand: none for an event left out, and not the end
// checkpoint of an earlier save (a new one is written).
function keptCheckpoints(editor: ViewerEditor, events: ReadonlyArray<{ id: string }>): ViewerEditor['checkpoints'] {
  const ids = new Set(events.map((event) => event.id));
  return editor.checkpoints.filter((checkpoint) => checkpoint.id !== END_CHECKPOINT && (checkpoint.after === undefined || ids.has(checkpoint.after)));
}

/**
 * The page's what-if as a what-if file `thaw whatif` reads: its base, every edit, and checkpoints
 * of where it ends. Undefined when there is nothing to save (no edit: a what-if needs one).
 */
export function whatIfFile(model: ViewerModel, edits: PageEdits): string | undefined {
  const editor = model.editor as ViewerEditor;
  const all = toEdits(editor, edits);
  if (all.length === 0) return undefined;
  const last = model.steps.at(-1);
  const end = {
    id: END_CHECKPOINT,
    ...(last ? { after: last.id } : { at: '2024-12' }),
    claim: `Where the page showed this history ending: ${last?.phase ?? model.initialPhase}.`,
    expect: { phase: last?.phase ?? model.initialPhase },
  };
  const file = {
    id: 'your-what-if',
    title: model.title,
    description: model.whatIf?.description ?? `Edits to ${editor.base.title}.`,
    base: editor.basePath,
    edits: all,
    checkpoints: [...keptCheckpoints(editor, model.steps), end],
  };
  return `# Saved from the thaw viewer. The base is where the scenario was when it was saved; change it if you move this file.\n${stringify(file, { lineWidth: 0 })}`;
}

/** Why edits could not apply, one line each. */
export function editProblems(error: unknown): string[] {
  if (error instanceof InvalidEditError) return error.problems.map((problem) => (problem.edit === undefined ? problem.message : `edit ${problem.edit + 1}: ${problem.message}`));
  return [String((error as Error)?.message ?? error)];
}
