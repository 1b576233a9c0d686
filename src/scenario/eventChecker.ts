import { type PartialDate, parsePartialDate } from '../vocabulary/dates.js';
import type { ArticleText } from './citations.js';
import { MISSING_SOURCE, quoteAppearsIn } from './citations.js';
import { IdIndex } from './idIndex.js';
import { statesBasis } from './schema.js';
import { SuggestionBudget } from './suggest.js';

type Loose = Record<string, unknown>;

// What check() gives for a clean event: one shared empty list, never added to.
const NO_PROBLEMS: readonly EventProblem[] = Object.freeze([]);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const dateOf = (value: unknown): PartialDate | undefined => {
  const candidate = typeof value === 'number' ? String(value) : text(value);
  return candidate === undefined ? undefined : parsePartialDate(candidate);
};

/** One problem with an event: where inside the event, and what is wrong. */
export interface EventProblem {
  path: PropertyKey[];
  message: string;
}

/** What an EventChecker holds events to. */
export interface EventCheckOptions {
  /** The articles citations must name; undefined when there are none to check against (thaw run without --from). */
  sources?: Readonly<Record<string, { file?: unknown } | undefined>>;
  /** An article's text by its id, to find quotes in; undefined for no quote check. */
  articleText?: (article: string) => ArticleText | undefined;
  /** Whether each event must be dated no earlier than the one before (a scenario, a stream; not a list of candidates). */
  ordered: boolean;
  /** Whether `causedBy` must name events checked before (not candidates, whose causes are in their scenario). */
  causes: boolean;
  /** Every id of the list, when it is known in advance, to tell a later event from an unknown one. */
  allIds?: ReadonlySet<string | undefined>;
  /** How to point at an earlier event by its place, e.g. "at line 12". */
  where: (place: number) => string;
}

/**
 * The checks on events that no schema can make (unique ids, date order, causes, how the event is
 * known, citations and quotes), made one event at a time, as a scenario file lists them or
 * `thaw run` reads them. Files, streams, candidate lists and edited scenarios all use it. It reads
 * events defensively: a field the schema would reject is skipped, so that every problem is found.
 */
export class EventChecker {
  private readonly places = new IdIndex();
  private previous: { id: string; date: PartialDate } | undefined;
  // The date check() read last, for accept() to take without reading it again: a stream checks
  // then accepts each of millions of events.
  private lastDate: { value: unknown; date: PartialDate | undefined } = { value: undefined, date: undefined };
  private readonly unknownCauses = new SuggestionBudget();
  private readonly unknownArticles = new SuggestionBudget();

  constructor(private readonly options: EventCheckOptions) {}

  /** The ids accepted so far. */
  ids(): string[] {
    return this.places.keys();
  }

  /** What is wrong with the event at `place` (an index or a line), given the events accepted before it. */
  check(event: Loose, place: number): readonly EventProblem[] {
    // Most events are fine: nothing is allocated until a problem is found (a stream checks millions).
    let problems: EventProblem[] | undefined;
    const add = (path: PropertyKey[], message: string) => (problems ??= []).push({ path, message });
    const { options } = this;

    const id = text(event.id);
    const first = id === undefined ? undefined : this.places.get(id);
    if (first !== undefined && first !== place) add(['id'], `duplicate event id "${id}" (first used ${options.where(first)})`);

    const date = this.dateOf(event.date);
    // The event's last possible day is on or after the previous event's first: the order may hold.
    if (options.ordered && date !== undefined && this.previous && date.end < this.previous.date.start) {
      add(['date'], `date ${date.text} is before the previous event's date ${this.previous.date.text} ("${this.previous.id}"); list events in date order`);
    }

    // Over several days: the span ends on or after the day it starts.
    if (event.until !== undefined && date !== undefined) {
      const until = dateOf(event.until);
      if (until !== undefined && until.end < date.start) add(['until'], `the span ends (${until.text}) before the event's date (${date.text})`);
    }

    if (!statesBasis(event) && Object.keys(event).length > 0) add([], MISSING_SOURCE);

    if (options.causes && event.causedBy !== undefined) {
      const listed = Array.isArray(event.causedBy);
      const causes: unknown[] = listed ? (event.causedBy as unknown[]) : [event.causedBy];
      causes.forEach((cause, position) => {
        const causedBy = text(cause);
        if (causedBy === undefined) return;
        const earlier = this.places.get(causedBy);
        if (earlier !== undefined && earlier !== place) return;
        add(
          listed ? ['causedBy', position] : ['causedBy'],
          options.allIds?.has(causedBy)
            ? `causedBy names "${causedBy}", which is not an earlier event`
            : `causedBy names unknown event "${causedBy}"${this.unknownCauses.hint(causedBy, () => this.ids())}`,
        );
      });
    }

    const source = event.source as Loose | undefined;
    const article = text(source?.article);
    if (article !== undefined && options.sources) {
      const known = Object.keys(options.sources);
      if (!Object.hasOwn(options.sources, article)) {
        add(['source', 'article'], `unknown article "${article}"${this.unknownArticles.hint(article, () => known)} (sources: ${known.join(', ')})`);
      } else {
        const quote = text(source?.quote);
        const body = options.articleText?.(article);
        if (typeof body === 'string' && quote !== undefined && !quoteAppearsIn(body, quote)) {
          add(['source', 'quote'], `quote not found verbatim in article "${article}" (${text(options.sources[article]?.file)})`);
        }
      }
    }
    return problems ?? NO_PROBLEMS;
  }

  /** Takes the event as seen: its id may be a cause from now on, and its date the one to follow. */
  accept(event: Loose, place: number): void {
    const id = text(event.id);
    if (id !== undefined) this.places.add(id, place);
    const date = this.dateOf(event.date);
    if (date !== undefined) this.previous = { id: id ?? `the event ${this.options.where(place)}`, date };
  }

  private dateOf(value: unknown): PartialDate | undefined {
    if (value !== this.lastDate.value) this.lastDate = { value, date: dateOf(value) };
    return this.lastDate.date;
  }
}
