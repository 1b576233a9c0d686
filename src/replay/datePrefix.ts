import type { ScenarioEvent } from '../scenario/schema.js';
import { partialDate } from '../vocabulary/dates.js';

/**
 * For each event of a list, the latest last day of it and every event before it. These only grow
 * along the list, so the events certainly over by a date (the longest prefix all of whose events
 * ended by then) are found by binary search: see prefixBy. Pure.
 */
export function latestEnds(events: ReadonlyArray<Pick<ScenarioEvent, 'date'>>): string[] {
  let running = '';
  return events.map((event) => {
    const end = partialDate(event.date).end;
    if (end > running) running = end;
    return running;
  });
}

/**
 * For each event of a list, the earliest last day of it and every event after it. These only
 * grow along the list, so the place after the last event certainly over by a day (where an
 * insert by date goes) is found by walking or binary search: the first place whose value is
 * after that day. Pure.
 */
export function earliestEndsFrom(events: ReadonlyArray<Pick<ScenarioEvent, 'date'>>): string[] {
  const ends = events.map((event) => partialDate(event.date).end);
  for (let index = ends.length - 2; index >= 0; index -= 1) if ((ends[index + 1] as string) < (ends[index] as string)) ends[index] = ends[index + 1] as string;
  return ends;
}

/** How many events, from the start, certainly happened by `end` (a YYYY-MM-DD last day), given latestEnds. Pure. */
export function prefixBy(latest: ReadonlyArray<string>, end: string): number {
  let low = 0;
  let high = latest.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((latest[middle] as string) <= end) low = middle + 1;
    else high = middle;
  }
  return low;
}
