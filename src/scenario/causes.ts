import type { Draft } from 'immer';
import { causesOf, type ScenarioEvent } from './schema.js';

/** Takes the ids in `gone` out of an event's `causedBy`, deleting it when none is left. */
export function dropCauses(event: Draft<ScenarioEvent>, gone: ReadonlySet<string>): void {
  const kept = causesOf(event).filter((cause) => !gone.has(cause));
  if (kept.length === causesOf(event).length) return;
  if (kept.length === 0) delete event.causedBy;
  else event.causedBy = kept.length === 1 ? (kept[0] as string) : kept;
}
