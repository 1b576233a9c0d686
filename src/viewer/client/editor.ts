// The reader's own what-if, made in the page: events toggled off, moved to another date, or
// inserted from the vocabulary (a form built from each type's JSON Schema). The page replays it
// with the same library the CLI uses (bundled), shows it beside its base as a what-if file would
// be shown, and saves it as a what-if file that `thaw whatif` reads back to the same end.
import { stringify } from 'yaml';
import { replay } from '../../replay/replay.js';
import type { ScenarioEvent } from '../../scenario/schema.js';
import { applyEdits, type Edit, InvalidEditError } from '../../whatif/applyEdits.js';
import type { ViewerEditor, ViewerModel } from '../viewerModel.js';
import { viewerModel } from '../viewerModel.js';

/** The reader's edits, as the page's address carries them. */
export interface PageEdits {
  /** Ids of events toggled off, each with every event it caused (through `causedBy`) unless kept. */
  off: string[];
  /** Of the events toggled off, those whose consequences stay (a what-if file's `cascade: false`). */
  keep?: string[];
  /** New dates, by event id. */
  moved: Record<string, string>;
  /** Events inserted, each placed by its date. */
  inserted: ScenarioEvent[];
}

export const NO_EDITS: PageEdits = { off: [], moved: {}, inserted: [] };

/** Whether the reader has edited nothing. */
export const isEmpty = (edits: PageEdits) => edits.off.length === 0 && Object.keys(edits.moved).length === 0 && edits.inserted.length === 0;

/**
 * For a list of events, a function giving the events each one caused, directly or through a chain
 * of `causedBy`: the list is read once, into an index from each cause to what it caused. Pure.
 */
export function consequencesIn(events: ReadonlyArray<Pick<ScenarioEvent, 'id' | 'causedBy'>>): (id: string) => string[] {
  const effects = new Map<string, string[]>();
  for (const event of events) {
    for (const cause of typeof event.causedBy === 'string' ? [event.causedBy] : (event.causedBy ?? [])) {
      const list = effects.get(cause);
      if (list) list.push(event.id);
      else effects.set(cause, [event.id]);
    }
  }
  return (id) => {
    const found = new Set<string>();
    const queue = [id];
    for (let cause = queue.pop(); cause !== undefined; cause = queue.pop()) {
      for (const effect of effects.get(cause) ?? []) {
        if (found.has(effect) || effect === id) continue;
        found.add(effect);
        queue.push(effect);
      }
    }
    // In the order of the list, as the panel shows them.
    return events.map((event) => event.id).filter((other) => found.has(other));
  };
}

/** The events the page's edits start from: the base, with the what-if's own edits applied. Pure. */
export function startingEvents(editor: ViewerEditor): ScenarioEvent[] {
  return editor.edits.length > 0 ? applyEdits(editor.base, editor.edits).events : editor.base.events;
}

/**
 * The page's edits as what-if edits, after the ones the editor started with: an event left out
 * takes what it caused with it, as in a what-if file, unless it is kept; an event already taken
 * by an earlier one is not removed again, nor moved. Pure.
 */
export function toEdits(editor: ViewerEditor, edits: PageEdits): Edit[] {
  const keep = new Set(edits.keep ?? []);
  const taken = new Set<string>();
  // What an event caused, among the events the reader sees: the what-if's own edits applied.
  const caused = consequencesIn(startingEvents(editor));
  const removals: Edit[] = [];
  for (const id of edits.off) {
    if (taken.has(id)) continue;
    const cascade = !keep.has(id);
    removals.push(cascade ? { remove: id } : { remove: id, cascade: false });
    taken.add(id);
    if (cascade) for (const effect of caused(id)) taken.add(effect);
  }
  return [
    ...editor.edits,
    ...removals,
    // An event left out is not moved as well.
    ...Object.entries(edits.moved)
      .filter(([id]) => !taken.has(id))
      .map(([id, to]): Edit => ({ move: id, to })),
    ...edits.inserted.map((event): Edit => ({ insert: event })),
  ];
}

/** The address's edits as the page reads them: what is well formed, and why the rest was left out. */
export interface AddressEdits {
  edits: PageEdits;
  /** One plain line for each part of the address's edits that was left out. */
  problems: string[];
}

/**
 * The edits in the address (`#edits=...`, JSON in base64url), if it has any: anyone can craft a
 * link, so they are read as `readPageEdits` reads any value, and an unreadable one is a problem too.
 */
export function editsInAddress(hash: string): AddressEdits | undefined {
  const match = /(?:^|[#&])edits=([^&]*)/.exec(hash);
  if (!match) return undefined;
  let value: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob((match[1] as string).replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)),
    );
    value = JSON.parse(text);
  } catch {
    return {
      edits: { off: [], moved: {}, inserted: [] },
      problems: ['the edits in the address cannot be read (they are not the JSON in base64url the page writes), so none were made'],
    };
  }
  return readPageEdits(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value as the problems name it, briefly: a page must not fill with a crafted link's text. */
function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${quoted(value)}`;
  return `${typeof value === 'number' ? 'the number ' : ''}${String(value)}`;
}

/** A name or text from the address, quoted and cut short. */
const quoted = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Words joined as a sentence lists them: "id, date and type". */
const listed = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? ''));

const EDIT_KINDS = ['off', 'keep', 'moved', 'inserted'];

/**
 * The page's edits from any value (the address's JSON, which anyone can craft): every part of the
 * right shape is kept, and every other part is left out with a plain line saying why, so a bad
 * link shows what it could of its what-if instead of stopping the page. Pure; never throws.
 */
export function readPageEdits(value: unknown): AddressEdits {
  const problems: string[] = [];
  const edits: PageEdits = { off: [], moved: {}, inserted: [] };
  if (!isRecord(value)) {
    problems.push(`the edits in the address are ${described(value)}, not events left out, moved and inserted, so none were made`);
    return { edits, problems };
  }
  for (const key of Object.keys(value))
    if (!EDIT_KINDS.includes(key)) problems.push(`${quoted(key)} is not an edit the page makes (it leaves events out, moves them and inserts them); left out`);
  const { off, keep, moved, inserted } = value;
  if (Array.isArray(off)) {
    off.forEach((id, index) => {
      if (typeof id === 'string') edits.off.push(id);
      else problems.push(`event ${index + 1} to leave out should be an event's id, not ${described(id)}; left out`);
    });
  } else if (off !== undefined) problems.push(`the events to leave out should be a list of event ids, not ${described(off)}; none were left out`);
  if (Array.isArray(keep)) {
    const kept = keep.filter((id): id is string => typeof id === 'string');
    if (kept.length < keep.length) problems.push('an event whose consequences stay should be named by its id; the others were left out');
    if (kept.length > 0) edits.keep = kept;
  } else if (keep !== undefined)
    problems.push(`the events whose consequences stay should be a list of event ids, not ${described(keep)}; every event left out takes what it caused`);
  if (isRecord(moved)) {
    const kept = Object.entries(moved).filter(([id, date]) => {
      if (typeof date !== 'string') problems.push(`event ${quoted(id)} should be moved to a date, not ${described(date)}; not moved`);
      return typeof date === 'string';
    });
    edits.moved = Object.fromEntries(kept) as Record<string, string>;
  } else if (moved !== undefined) problems.push(`the events to move should be event ids with their new dates, not ${described(moved)}; none were moved`);
  if (Array.isArray(inserted)) {
    inserted.forEach((event, index) => {
      const missing = isRecord(event) ? ['id', 'date', 'type'].filter((field) => typeof event[field] !== 'string') : [];
      if (isRecord(event) && missing.length === 0) edits.inserted.push(event as ScenarioEvent);
      else if (!isRecord(event)) problems.push(`event ${index + 1} to insert should be an event, not ${described(event)}; not inserted`);
      else problems.push(`event ${index + 1} to insert needs its ${listed(missing)} as text; not inserted`);
    });
  } else if (inserted !== undefined) problems.push(`the events to insert should be a list of events, not ${described(inserted)}; none were inserted`);
  return { edits, problems };
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
    ...edits.off.map((id) => `${id} left out${edits.keep?.includes(id) ? ' (what it caused kept)' : ''}`),
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
  return `# Saved from the thaw viewer. thaw whatif looks for the base from this file's folder; change it if the scenario is not there.\n${stringify(file, { lineWidth: 0 })}`;
}

/** Why edits could not apply, one line each. */
export function editProblems(error: unknown): string[] {
  if (error instanceof InvalidEditError)
    return error.problems.map((problem) => (problem.edit === undefined ? problem.message : `edit ${problem.edit + 1}: ${problem.message}`));
  return [String((error as Error)?.message ?? error)];
}
