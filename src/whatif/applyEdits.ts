import { type Draft, produce } from 'immer';
import { z } from 'zod';
import { describeEvent } from '../replay/describeEvent.js';
import { dropCauses } from '../scenario/causes.js';
import { checkScenario, MISSING_SOURCE } from '../scenario/checkScenario.js';
import { formatPath } from '../scenario/problems.js';
import { Citation, causesOf, DateText, Id, Scenario, ScenarioEvent, statesBasis, toMachineEvent } from '../scenario/schema.js';
import { SuggestionBudget } from '../scenario/suggest.js';
import { unlocatedDocument, validateDocument } from '../scenario/validateDocument.js';
import { WorkingEvents } from './workingEvents.js';

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

// An event kept though a cause of it was removed: the cause struck, and the event hypothetical.
function keptWithout(event: Draft<ScenarioEvent>, gone: ReadonlySet<string>): void {
  const lost = causesOf(event).filter((cause) => gone.has(cause));
  dropCauses(event, gone);
  const why = `kept by the what-if though its cause ${lost.join(', ')} was removed (cascade: false)`;
  event.hypothetical = event.hypothetical === undefined ? why : `${event.hypothetical}; ${why}`;
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
 * Applies edits to a scenario and validates the result like a file: the same schema and the same
 * cross-checks. Returns a new scenario; the input is untouched. Throws InvalidEditError.
 *
 * @example
 * const noPelosi = applyEdits(record, [{ remove: 'pelosi-visit' }]);
 */
export function applyEdits(scenario: Scenario, edits: ReadonlyArray<Edit>): Scenario {
  const problems: EditProblem[] = [];
  const events = new WorkingEvents(scenario.events);
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
    // Whether the event is there to edit; when not, says why (unless its insert was refused already).
    const find = (id: string): boolean => {
      if (events.has(id)) return true;
      if (refusedInserts.has(id)) return false;
      const removal = removedBy.get(id);
      if (removal === undefined) fail(`no event "${id}"${unknownIds.hint(id, () => events.ids())}`);
      else if (removal.root === id) fail(`event "${id}" was removed by edits[${removal.edit}]`);
      else {
        const first = 'remove' in (raw as object) ? ', or put this edit first' : '';
        fail(
          `event "${id}" was removed by edits[${removal.edit}] (remove: ${removal.root}), which removes it too through causedBy; give that edit "cascade: false" to keep it${first}`,
        );
      }
      return false;
    };
    const edit = parsed.data;
    if ('remove' in edit) {
      if (!find(edit.remove)) return;
      const gone = edit.cascade ? events.consequences(edit.remove) : new Set([edit.remove]);
      // Without cascade, what the event caused stays, no longer linked to it: happening without
      // its cause is the what-if's assumption, so the event is hypothetical there.
      for (const event of events.effectsOf(gone)) events.replace(produce(event, (draft) => keptWithout(draft, gone)));
      for (const id of gone) {
        removedBy.set(id, { edit: index, root: edit.remove });
        events.remove(id);
      }
    } else if ('insert' in edit) {
      if (!statesBasis(edit.insert)) {
        fail(`insert: ${MISSING_SOURCE}`);
        return;
      }
      if (edit.before !== undefined && edit.after !== undefined) {
        fail('give "before" or "after", not both');
        return;
      }
      // Named here, at the edit: the working list keeps one event an id, so a second would be lost.
      if (events.has(edit.insert.id)) {
        fail(`insert: event id "${edit.insert.id}" is taken by an event of the history; give the inserted event an id of its own`);
        return;
      }
      const anchor = edit.before ?? edit.after;
      const inserted = asInserted(edit.insert);
      if (anchor === undefined) events.insertAtDate(inserted);
      else if (find(anchor)) events.insertBeside(anchor, edit.before !== undefined ? 'before' : 'after', inserted);
    } else if ('replace' in edit) {
      if (!find(edit.replace)) return;
      const target = events.get(edit.replace) as ScenarioEvent;
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
        fail(
          `the new payload does not fit a ${target.type} event: ${replaced.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ')}`,
        );
        return;
      }
      events.replace(replaced.data);
    } else if ('move' in edit) {
      if (!find(edit.move)) return;
      const moved = events.remove(edit.move);
      // It happened, as its sources say, but not on this date: the dated event is the what-if's.
      const why = [moved.hypothetical, `moved by the what-if from ${moved.date} to ${edit.to}`].filter(Boolean).join('; ');
      events.insertAtDate({ ...moved, date: edit.to, hypothetical: why });
    } else {
      const found = edit.reorder.map(find);
      if (found.some((here) => !here)) return;
      if (new Set(edit.reorder).size !== edit.reorder.length) {
        fail('an event is named twice');
        return;
      }
      events.reorder(edit.reorder);
    }
  });
  if (problems.length > 0) throw new InvalidEditError(problems);
  const checkpoints = scenario.checkpoints.filter((checkpoint) => checkpoint.after === undefined || !removedBy.has(checkpoint.after));
  const current: Scenario = { ...scenario, events: events.list(), checkpoints };

  // Validated like a file: the schema, then the cross-checks, with problems named by path.
  const result = Scenario.safeParse(current);
  const messages = result.success ? [] : result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
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
