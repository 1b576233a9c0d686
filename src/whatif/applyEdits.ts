import { produce, type Draft } from 'immer';
import { z } from 'zod';
import { checkScenario, MISSING_SOURCE } from '../scenario/checkScenario.js';
import { formatPath } from '../scenario/problems.js';
import { causesOf, Citation, Id, DateText, Scenario, ScenarioEvent, statesBasis, toMachineEvent } from '../scenario/schema.js';
import { describeEvent } from '../replay/describeEvent.js';
import { SuggestionBudget } from '../scenario/suggest.js';
import { unlocatedDocument, validateDocument } from '../scenario/validateDocument.js';
import { earliestEndsFrom } from '../replay/datePrefix.js';
import { partialDate } from '../vocabulary/dates.js';

/** One edit of a scenario's events. Edits apply in order, each to the result of the last. */
export const Edit = z.union([
  z.strictObject({
    /** Removes an event and, unless `cascade` is false, every event it caused (via `causedBy`). */
    remove: Id,
    cascade: z.boolean().default(true),
  }),
  z.strictObject({
    /** Inserts an event before or after another, or, with neither, where its date falls. */
    insert: ScenarioEvent,
    before: Id.optional(),
    after: Id.optional(),
  }),
  z.strictObject({
    /**
     * Replaces an event's payload, keeping its type, date and causes. The new event did not
     * happen, so it is hypothetical and cites no article unless `source` gives the sentence
     * it rests on.
     */
    replace: Id,
    payload: z.record(z.string(), z.unknown()),
    /** Why the new payload is supposed (default: says what the base had). */
    hypothetical: z.string().min(1).optional(),
    source: Citation.optional(),
  }),
  z.strictObject({
    /** Gives an event another date and moves it to where that date falls. */
    move: Id,
    to: DateText,
  }),
  z.strictObject({
    /** Puts these events in this order, in the places they held between them. */
    reorder: z.array(Id).min(2),
  }),
]);
export type Edit = z.input<typeof Edit>;

/** What is wrong with one edit, or with the scenario the edits produce. */
export interface EditProblem {
  /** Index of the edit at fault; undefined when the problem is in the edited scenario as a whole. */
  edit: number | undefined;
  message: string;
}

/** Thrown when edits cannot apply or produce an invalid scenario; lists every problem. */
export class InvalidEditError extends Error {
  constructor(readonly problems: EditProblem[]) {
    super(problems.map((problem) => (problem.edit === undefined ? problem.message : `edits[${problem.edit}]: ${problem.message}`)).join('\n'));
    this.name = 'InvalidEditError';
  }
}

// The ids an event caused, directly or through a chain of `causedBy`.
function consequences(events: ReadonlyArray<ScenarioEvent>, id: string): Set<string> {
  const out = new Set([id]);
  for (const event of events) if (causesOf(event).some((cause) => out.has(cause))) out.add(event.id);
  return out;
}

// An event kept though a cause of it was removed: the cause struck, and the event hypothetical.
function keptWithout(event: Draft<ScenarioEvent>, gone: ReadonlySet<string>): void {
  const lost = causesOf(event).filter((cause) => gone.has(cause));
  dropCauses(event, gone);
  const why = `kept by the what-if though its cause ${lost.join(', ')} was removed (cascade: false)`;
  event.hypothetical = event.hypothetical === undefined ? why : `${event.hypothetical}; ${why}`;
}

/** Takes the ids in `gone` out of an event's `causedBy`, deleting it when none is left. */
export function dropCauses(event: Draft<ScenarioEvent>, gone: ReadonlySet<string>): void {
  const kept = causesOf(event).filter((cause) => !gone.has(cause));
  if (kept.length === causesOf(event).length) return;
  if (kept.length === 0) delete event.causedBy;
  else event.causedBy = kept.length === 1 ? (kept[0] as string) : kept;
}

/**
 * An inserted event as the edited history holds it: hypothetical, as it is not the base's,
 * whatever else it says of how it is known (an outside fact or article sentence stays, as the
 * evidence it offers; an inference stays too, so that --reported-only still leaves it out). Pure.
 */
function asInserted(event: ScenarioEvent): ScenarioEvent {
  return event.hypothetical !== undefined ? event : { ...event, hypothetical: 'inserted by the what-if: the base scenario does not have it' };
}

/**
 * The events being edited: a working list, with each event's place by id. Inserts by date are
 * held back and placed together, in one merge, when the list is next read: placing each at once
 * would shift the rest of the list every time, which is quadratic in a long run of inserts.
 */
class WorkingEvents {
  private items: ScenarioEvent[];
  private readonly byId: Map<string, ScenarioEvent>;
  private pending: { event: ScenarioEvent; end: string }[] = [];

  constructor(events: ReadonlyArray<ScenarioEvent>) {
    this.items = [...events];
    this.byId = new Map(events.map((event) => [event.id, event]));
  }

  /** The events, in order, every insert placed. */
  get list(): ScenarioEvent[] {
    if (this.pending.length > 0) this.placePending();
    return this.items;
  }

  /** The event's place in the list, or -1. */
  indexOf(id: string): number {
    const event = this.byId.get(id);
    return event === undefined ? -1 : this.list.indexOf(event);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  insertAt(at: number, event: ScenarioEvent): void {
    this.list.splice(at, 0, event);
    this.byId.set(event.id, event);
  }

  /** Inserts where the date falls: after the last event that certainly happened by its last day. */
  insertAtDate(event: ScenarioEvent): void {
    this.pending.push({ event, end: partialDate(event.date).end });
    this.byId.set(event.id, event);
  }

  replaceAt(at: number, event: ScenarioEvent): void {
    this.list[at] = event;
    this.byId.set(event.id, event);
  }

  removeAt(at: number): ScenarioEvent {
    const [removed] = this.list.splice(at, 1) as [ScenarioEvent];
    this.byId.delete(removed.id);
    return removed;
  }

  /** Keeps only the events `keep` accepts, and gives the kept ones as `rewrite` returns them. */
  filter(keep: (event: ScenarioEvent) => boolean, rewrite: (event: ScenarioEvent) => ScenarioEvent): void {
    this.items = this.list.filter(keep).map(rewrite);
    this.byId.clear();
    for (const event of this.items) this.byId.set(event.id, event);
  }

  // One at a time, each insert would go after the last event that ends by its last day, and every
  // event after that place ends later than it does; so an insert lands before an earlier one
  // exactly when it ends sooner. That is the held inserts sorted by end (stably: equal ends keep
  // their order), merged into the list by the earliest end of what follows each place.
  private placePending(): void {
    const earliest = earliestEndsFrom(this.items);
    const inserts = this.pending.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
    const merged: ScenarioEvent[] = [];
    let next = 0;
    for (const { event, end } of inserts) {
      while (next < this.items.length && (earliest[next] as string) <= end) merged.push(this.items[next++] as ScenarioEvent);
      merged.push(event);
    }
    while (next < this.items.length) merged.push(this.items[next++] as ScenarioEvent);
    this.items = merged;
    this.pending = [];
  }
}

/**
 * Applies edits to a scenario and validates the result like a file: the same schema and the same
 * cross-checks. Returns a new scenario; the input is untouched. Throws InvalidEditError.
 *
 * @example
 * const noPelosi = applyEdits(record, [{ remove: 'pelosi-visit' }]);
 */
export function applyEdits(scenario: Scenario, edits: ReadonlyArray<Edit>): Scenario {
  const problems: EditProblem[] = [];
  const events = new WorkingEvents(scenario.events);
  let checkpoints = [...scenario.checkpoints];
  const unknownIds = new SuggestionBudget();
  // Which edit took each removed event out, so an edit naming one can say so.
  const removedBy = new Map<string, { edit: number; root: string }>();
  // Ids of inserts refused for their own problems: an edit naming one is not reported again.
  const refusedInserts = new Set<string>();
  edits.forEach((raw, index) => {
    // The same messages a file gets, with paths inside the edit instead of lines.
    const parsed = validateDocument(Edit, unlocatedDocument(raw));
    if (!parsed.success) {
      const id = (raw as { insert?: { id?: unknown } } | null)?.insert?.id;
      if (typeof id === 'string') refusedInserts.add(id);
      for (const problem of parsed.problems) {
        problems.push({ edit: index, message: problem.path ? `${problem.path}: ${problem.message}` : problem.message });
      }
      return;
    }
    const fail = (message: string) => problems.push({ edit: index, message });
    const find = (id: string) => {
      const at = events.indexOf(id);
      if (at >= 0 || refusedInserts.has(id)) return at;
      const removal = removedBy.get(id);
      if (removal === undefined) fail(`no event "${id}"${unknownIds.hint(id, () => events.ids())}`);
      else if (removal.root === id) fail(`event "${id}" was removed by edits[${removal.edit}]`);
      else {
        const first = 'remove' in (raw as object) ? ', or put this edit first' : '';
        fail(`event "${id}" was removed by edits[${removal.edit}] (remove: ${removal.root}), which removes it too through causedBy; give that edit "cascade: false" to keep it${first}`);
      }
      return at;
    };
    const edit = parsed.data;
    if ('remove' in edit) {
      if (find(edit.remove) < 0) return;
      const gone = edit.cascade ? consequences(events.list, edit.remove) : new Set([edit.remove]);
      for (const id of gone) removedBy.set(id, { edit: index, root: edit.remove });
      // Without cascade, what the event caused stays, no longer linked to it: happening without
      // its cause is the what-if's assumption, so the event is hypothetical there.
      events.filter(
        (event) => !gone.has(event.id),
        (event) => (causesOf(event).some((cause) => gone.has(cause)) ? produce(event, (draft) => keptWithout(draft, gone)) : event),
      );
      checkpoints = checkpoints.filter((checkpoint) => checkpoint.after === undefined || !gone.has(checkpoint.after));
    } else if ('insert' in edit) {
      if (!statesBasis(edit.insert)) {
        fail(`insert: ${MISSING_SOURCE}`);
        return;
      }
      if (edit.before !== undefined && edit.after !== undefined) {
        fail('give "before" or "after", not both');
        return;
      }
      const anchor = edit.before ?? edit.after;
      const inserted = asInserted(edit.insert);
      if (anchor === undefined) {
        events.insertAtDate(inserted);
        return;
      }
      const found = find(anchor);
      if (found >= 0) events.insertAt(edit.before !== undefined ? found : found + 1, inserted);
    } else if ('replace' in edit) {
      const at = find(edit.replace);
      if (at < 0) return;
      const target = events.list[at] as ScenarioEvent;
      if (edit.source !== undefined && !Object.hasOwn(scenario.sources, edit.source.article)) {
        fail(`source.article: unknown article "${edit.source.article}" (the articles are: ${Object.keys(scenario.sources).join(', ')})`);
        return;
      }
      const replaced = ScenarioEvent.safeParse({
        id: target.id,
        date: target.date,
        type: target.type,
        payload: edit.payload,
        ...(target.causedBy !== undefined ? { causedBy: target.causedBy } : {}),
        ...(edit.source !== undefined ? { source: edit.source } : {}),
        hypothetical: edit.hypothetical ?? `the what-if's version of an event the base has as: ${describeEvent(toMachineEvent(target))}`,
      });
      if (!replaced.success) {
        fail(`the new payload does not fit a ${target.type} event: ${replaced.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ')}`);
        return;
      }
      events.replaceAt(at, replaced.data);
    } else if ('move' in edit) {
      const at = find(edit.move);
      if (at < 0) return;
      const moved = events.removeAt(at);
      // It happened, as its sources say, but not on this date: the dated event is the what-if's.
      const why = [moved.hypothetical, `moved by the what-if from ${moved.date} to ${edit.to}`].filter(Boolean).join('; ');
      events.insertAtDate({ ...moved, date: edit.to, hypothetical: why });
    } else {
      const places = edit.reorder.map(find);
      if (places.some((place) => place < 0)) return;
      if (new Set(edit.reorder).size !== edit.reorder.length) {
        fail('an event is named twice');
        return;
      }
      const originals = places.map((place) => events.list[place] as ScenarioEvent);
      [...places].sort((a, b) => a - b).forEach((place, order) => events.replaceAt(place, originals[order] as ScenarioEvent));
    }
  });
  if (problems.length > 0) throw new InvalidEditError(problems);
  const current: Scenario = { ...scenario, events: events.list, checkpoints };

  // Validated like a file: the schema, then the cross-checks, with problems named by path.
  const result = Scenario.safeParse(current);
  const messages = result.success
    ? []
    : result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const located = checkScenario(current, {
    problemAt: (path, message) => ({ file: '', line: 0, column: 0, path: formatPath(path), message }),
    where: (path) => formatPath(path),
  }).map((problem) => `${problem.path}: ${problem.message}`);
  const all = [...messages, ...located];
  if (all.length > 0 || !result.success) {
    throw new InvalidEditError(all.map((message) => ({ edit: undefined, message: `after the edits, ${message}` })));
  }
  return result.data;
}

/** A chain of edits over a scenario, applied and validated by `apply()`. */
export class ScenarioEdit {
  private constructor(
    private readonly base: Scenario,
    /** The edits so far, in order. */
    readonly edits: ReadonlyArray<Edit>,
  ) {}

  /** Starts a chain of edits over `scenario`. */
  static of(scenario: Scenario): ScenarioEdit {
    return new ScenarioEdit(scenario, []);
  }

  private with(edit: Edit): ScenarioEdit {
    return new ScenarioEdit(this.base, [...this.edits, edit]);
  }

  /** Removes an event and (unless `cascade` is false) everything it caused. */
  remove(id: string, options: { cascade?: boolean } = {}): ScenarioEdit {
    return this.with({ remove: id, ...options });
  }

  /** Inserts an event before another event. */
  insertBefore(id: string, event: z.input<typeof ScenarioEvent>): ScenarioEdit {
    return this.with({ insert: event, before: id });
  }

  /** Inserts an event after another event. */
  insertAfter(id: string, event: z.input<typeof ScenarioEvent>): ScenarioEdit {
    return this.with({ insert: event, after: id });
  }

  /** Inserts an event where its date falls. */
  insertAtDate(event: z.input<typeof ScenarioEvent>): ScenarioEdit {
    return this.with({ insert: event });
  }

  /** Replaces an event's payload; the result is hypothetical, citing only the `source` given. */
  replacePayload(id: string, payload: Record<string, unknown>, options: { hypothetical?: string; source?: z.input<typeof Citation> } = {}): ScenarioEdit {
    return this.with({ replace: id, payload, ...options });
  }

  /** Gives an event a new date and moves it there. */
  move(id: string, to: string): ScenarioEdit {
    return this.with({ move: id, to });
  }

  /** Puts these events in this order, in the places they held. */
  reorder(...ids: string[]): ScenarioEdit {
    return this.with({ reorder: ids });
  }

  /** The edited scenario, validated; throws InvalidEditError. */
  apply(): Scenario {
    return applyEdits(this.base, this.edits);
  }
}
