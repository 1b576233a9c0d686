import { earliestEndsFrom } from '../replay/datePrefix.js';
import { causesOf, type ScenarioEvent } from '../scenario/schema.js';
import { partialDate } from '../vocabulary/dates.js';

interface Node {
  event: ScenarioEvent;
  prev: Node | undefined;
  next: Node | undefined;
}

interface Held {
  event: ScenarioEvent;
  /** The last day its date allows (YYYY-MM-DD). */
  end: string;
}

/**
 * The events a chain of edits works on. Removals, moves, replacements and inserts cost time in
 * proportion to what they touch, not to the length of the history, so thousands of them over
 * thousands of events stay linear. Two kinds of edit still read the whole list: a reorder, and an
 * insert beside an event while inserts by date are held (they are placed first), so a chain that
 * alternates those two with inserts by date costs a pass over the list for each:
 *
 * - the events are a linked list with each event's node by id, so removing, replacing and
 *   inserting beside an event do not shift the rest;
 * - inserts by date (and moves, which are one) are held back and placed together, in one merge,
 *   when a place in the list is next needed; a removal does not need one, so a held insert goes
 *   where its date falls among the events that remain;
 * - what an event caused is found through an index from each cause to its effects.
 */
export class WorkingEvents {
  private first: Node | undefined;
  private last: Node | undefined;
  private readonly nodes = new Map<string, Node>();
  private held = new Map<string, Held>();
  /** For each id, the ids of events that named it in `causedBy`; checked against the events' current causes when read. */
  private readonly effects = new Map<string, Set<string>>();

  constructor(events: ReadonlyArray<ScenarioEvent>) {
    for (const event of events) this.link(event, this.last, undefined);
  }

  /** Whether an event with this id is in the list (placed or held). */
  has(id: string): boolean {
    return this.nodes.has(id) || this.held.has(id);
  }

  /** The event with this id, placed or held. */
  get(id: string): ScenarioEvent | undefined {
    return (this.nodes.get(id) ?? this.held.get(id))?.event;
  }

  /** Every id in the list. */
  ids(): string[] {
    return [...this.nodes.keys(), ...this.held.keys()];
  }

  /** The events in order, every held insert placed. */
  list(): ScenarioEvent[] {
    this.placeHeld();
    const events: ScenarioEvent[] = [];
    for (let node = this.first; node; node = node.next) events.push(node.event);
    return events;
  }

  /** Inserts an event just before or after the event `anchor` (which must be in the list). */
  insertBeside(anchor: string, side: 'before' | 'after', event: ScenarioEvent): void {
    // A held insert's place depends on the events there when it was made: placed before this one joins them.
    this.placeHeld();
    const node = this.nodes.get(anchor) as Node;
    if (side === 'before') this.link(event, node.prev, node);
    else this.link(event, node, node.next);
  }

  /** Inserts where the date falls: after the last event that certainly happened by its last day. */
  insertAtDate(event: ScenarioEvent): void {
    this.held.set(event.id, { event, end: partialDate(event.date).end });
    this.indexCauses(event);
  }

  /** Puts `event` in the place of the event with its id. */
  replace(event: ScenarioEvent): void {
    const place = this.nodes.get(event.id) ?? this.held.get(event.id);
    if (place) place.event = event;
    this.indexCauses(event);
  }

  /** Takes the event with this id out of the list and returns it. */
  remove(id: string): ScenarioEvent {
    const held = this.held.get(id);
    if (held) {
      this.held.delete(id);
      return held.event;
    }
    const node = this.nodes.get(id) as Node;
    if (node.prev) node.prev.next = node.next;
    else this.first = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.last = node.prev;
    this.nodes.delete(id);
    return node.event;
  }

  /** The id and, through chains of `causedBy`, every event in the list it caused. */
  consequences(id: string): Set<string> {
    const found = new Set([id]);
    const queue = [id];
    for (let cause = queue.pop(); cause !== undefined; cause = queue.pop()) {
      for (const effect of this.effects.get(cause) ?? []) {
        const event = this.get(effect);
        if (found.has(effect) || !event || !causesOf(event).includes(cause)) continue;
        found.add(effect);
        queue.push(effect);
      }
    }
    return found;
  }

  /** The events in the list, not among `gone`, that name one of `gone` in `causedBy`. */
  effectsOf(gone: ReadonlySet<string>): ScenarioEvent[] {
    const effected = new Set<string>();
    for (const cause of gone) for (const effect of this.effects.get(cause) ?? []) if (!gone.has(effect)) effected.add(effect);
    return [...effected].flatMap((id) => {
      const event = this.get(id);
      return event && causesOf(event).some((cause) => gone.has(cause)) ? [event] : [];
    });
  }

  /** Puts these events in this order, in the places they held between them. */
  reorder(ids: ReadonlyArray<string>): void {
    this.placeHeld();
    const wanted = new Set(ids);
    const places: Node[] = [];
    for (let node = this.first; node; node = node.next) if (wanted.has(node.event.id)) places.push(node);
    const events = ids.map((id) => (this.nodes.get(id) as Node).event);
    places.forEach((node, index) => {
      node.event = events[index] as ScenarioEvent;
      this.nodes.set(node.event.id, node);
    });
  }

  private link(event: ScenarioEvent, prev: Node | undefined, next: Node | undefined): void {
    const node: Node = { event, prev, next };
    if (prev) prev.next = node;
    else this.first = node;
    if (next) next.prev = node;
    else this.last = node;
    this.nodes.set(event.id, node);
    this.indexCauses(event);
  }

  private indexCauses(event: ScenarioEvent): void {
    for (const cause of causesOf(event)) {
      const effects = this.effects.get(cause);
      if (effects) effects.add(event.id);
      else this.effects.set(cause, new Set([event.id]));
    }
  }

  // One at a time, each insert would go after the last event that ends by its last day, and every
  // event after that place ends later than it does; so an insert lands before an earlier one
  // exactly when it ends sooner. That is the held inserts sorted by end (stably: equal ends keep
  // their order), merged into the list by the earliest end of what follows each place.
  private placeHeld(): void {
    if (this.held.size === 0) return;
    const placed: ScenarioEvent[] = [];
    for (let node = this.first; node; node = node.next) placed.push(node.event);
    const earliest = earliestEndsFrom(placed);
    const inserts = [...this.held.values()].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
    this.held = new Map();
    let next = 0;
    let after: Node | undefined;
    const append = (event: ScenarioEvent) => {
      const node = this.nodes.get(event.id);
      if (node) after = node;
      else {
        this.link(event, after, after ? after.next : this.first);
        after = this.nodes.get(event.id);
      }
    };
    for (const { event, end } of inserts) {
      while (next < placed.length && (earliest[next] as string) <= end) append(placed[next++] as ScenarioEvent);
      append(event);
    }
  }
}
