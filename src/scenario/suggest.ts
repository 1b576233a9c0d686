import { closest, distance } from 'fastest-levenshtein';

/** The candidate a mistyped word most likely meant, if any is close enough. Pure. */
export function suggest(received: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(received, [...candidates]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(received.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/** `; did you mean "x"?` or nothing. Pure. */
export function didYouMean(received: string, candidates: readonly string[]): string {
  const best = suggest(received, candidates);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/**
 * "Did you mean" for many misspellings of one kind: each looks at every candidate, so after
 * `budget` of them no more are looked up. A file with thousands of unknown ids gets every
 * problem, and a hint on the first few, in time linear in its size.
 */
export class SuggestionBudget {
  private left: number;

  constructor(budget = 20) {
    this.left = budget;
  }

  /** `; did you mean "x"?`, or nothing (also once the budget is spent). */
  hint(received: string, candidates: () => readonly string[]): string {
    if (this.left <= 0) return '';
    this.left -= 1;
    return didYouMean(received, candidates());
  }
}
