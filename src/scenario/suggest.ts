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
