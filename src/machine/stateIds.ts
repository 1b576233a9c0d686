import type { StateValue } from 'xstate';

/** The ids of every active state in a state value, the root included. Pure; runs in the browser too. */
export function activeStateIds(value: StateValue, prefix = 'thaw'): string[] {
  if (typeof value === 'string') return [prefix, `${prefix}.${value}`];
  return [prefix, ...Object.entries(value).flatMap(([key, child]) => (child === undefined ? [] : activeStateIds(child, `${prefix}.${key}`)))];
}
