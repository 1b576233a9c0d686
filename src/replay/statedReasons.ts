// An event may give a reason for itself that names a condition the model tracks: China's refusal
// at Shangri-La "over US sanctions on Li Shangfu". A history where that condition no longer holds
// (a what-if that lifts the sanctions first) keeps the event, but the reader must be told that
// its stated reason is gone. Today the model tracks one such condition: sanctions on a person.
import type { RelationshipState } from '../machine/view.js';
import { causesOf, type Scenario, type ScenarioEvent } from '../scenario/schema.js';

/** A condition an event's reason rests on, which the state says holds or not. */
export interface StatedCondition {
  /** "sanctions on Li Shangfu" */
  label: string;
  holds: (state: RelationshipState) => boolean;
}

/** What a scenario's events say of reasons: who is ever under sanctions, and each event by id. */
export interface ReasonIndex {
  sanctionedNames: ReadonlySet<string>;
  byId: ReadonlyMap<string, ScenarioEvent>;
}

/** The index statedConditions reads, made once per scenario. Pure. */
export function reasonIndex(scenario: Pick<Scenario, 'events'>): ReasonIndex {
  const sanctionedNames = new Set<string>();
  for (const event of scenario.events) {
    if (event.type === 'sanctions.imposed' || event.type === 'sanctions.lifted') sanctionedNames.add(event.payload.name);
  }
  return { sanctionedNames, byId: new Map(scenario.events.map((event) => [event.id, event])) };
}

/**
 * The tracked conditions an event's reason rests on: sanctions on a person its `causedBy` names
 * as imposed, or that its payload's `reason` names (the word "sanction" and a person the scenario
 * sanctions: "US sanctions on Li Shangfu", not "Li Shangfu's removal"). Pure.
 */
export function statedConditions(event: ScenarioEvent, index: ReasonIndex): StatedCondition[] {
  const names = new Set<string>();
  for (const cause of causesOf(event)) {
    const caused = index.byId.get(cause);
    if (caused?.type === 'sanctions.imposed') names.add(caused.payload.name);
  }
  const reason = 'reason' in event.payload && typeof event.payload.reason === 'string' ? event.payload.reason : undefined;
  if (reason !== undefined && /sanction/i.test(reason)) for (const name of index.sanctionedNames) if (reason.includes(name)) names.add(name);
  return [...names].map((name) => ({ label: `US sanctions on ${name}`, holds: (state) => state.sanctioned.includes(name) }));
}

/** How every note on a stated reason that no longer holds begins. */
export const REASON_GONE = 'its stated reason is gone';

/** The note on an event whose stated reason rests on a condition that does not hold. Pure. */
export function reasonGoneNote(condition: StatedCondition): string {
  return `${REASON_GONE}: the ${condition.label} are not in force at this point in this history`;
}
