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
