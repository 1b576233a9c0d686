// What the machine's guard functions read of the context: verify's state key keeps only office
// holders, the sanctions list and whether a request names a meeting date, so a guard reading
// anything else (a counter, who suspended a channel) could tell apart states the search merges.
// A contact's date is read (whether contact has gone stale) but decides nothing in a search.

import { UnsupportedMachineError } from '../engine/machineStructure.js';
import type { RelationshipEngine, RelationshipEngineState } from '../engine/relationshipEngine.js';
import type { RelationshipEvent } from '../vocabulary/events.js';

/**
 * Whether a context path (dotted, array indexes as numbers) is one the state key keeps. A
 * request's meeting date is kept only as "named or not": every event of a search carries one
 * date, later than every meeting date its requests name, so a named date is always past. A
 * channel's last contact is not kept at all: a contact in a search carries that one date too, so
 * no contact is ever stale there, whatever the state records (none, or that date).
 */
export const KEPT_CONTEXT = (path: string): boolean =>
  /^offices(\.\w+(\.holder)?)?$/.test(path) ||
  path === 'sanctioned' ||
  path.startsWith('sanctioned.') ||
  /^channels(\.\w+(\.(requestFor|lastContact))?)?$/.test(path);

// A read-only view of a value that reports every property path read through it.
function recording<T extends object>(value: T, prefix: string, seen: Set<string>): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      const inner = Reflect.get(target, key, receiver) as unknown;
      if (typeof key === 'symbol') return inner;
      const path = prefix ? `${prefix}.${key}` : key;
      seen.add(path);
      if (typeof inner === 'function') return inner.bind(target);
      return typeof inner === 'object' && inner !== null ? recording(inner, path, seen) : inner;
    },
    set() {
      throw new UnsupportedMachineError('a guard tried to change the context');
    },
  });
}

/**
 * The context paths the guard functions read, outside what `kept` allows, evaluating every guard
 * each event's type uses on each given state. Pure apart from calling the guards.
 */
export function unkeptContextReads(
  engine: RelationshipEngine,
  states: readonly RelationshipEngineState[],
  alphabet: readonly RelationshipEvent[],
  kept = KEPT_CONTEXT,
): string[] {
  const seen = new Set<string>();
  // Guards see the context and the event, not the configuration: states with equal contexts
  // read alike, so each distinct context is tried once (every state is still covered).
  const contexts = new Map<string, RelationshipEngineState>();
  for (const state of states) {
    const key = JSON.stringify(state.context);
    if (!contexts.has(key)) contexts.set(key, state);
  }
  for (const state of contexts.values()) {
    const context = recording(state.context, '', seen);
    for (const event of alphabet) {
      for (const leaf of engine.structure.eventTypes.get(event.type)?.leaves ?? []) leaf.check({ context, event }, leaf.params);
    }
  }
  return [...seen].filter((path) => !kept(path)).sort();
}
