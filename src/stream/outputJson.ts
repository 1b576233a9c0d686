import type { StreamOutput } from './streamRunner.js';

/**
 * One output line of `thaw run`: JSON.stringify(output), or without the state when `withState`
 * is false (the phase, changes and notes are enough to follow a stream). Pure.
 */
export function streamOutputJson(output: StreamOutput, withState = true): string {
  if (withState) return JSON.stringify(output);
  const { state: _state, ...rest } = output;
  return JSON.stringify(rest);
}
