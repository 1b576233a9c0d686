import fc from 'fast-check';
import { type RelationshipEvent } from '../../src/index.js';
import { CHANNELS, COUNTRIES, OFFICES, SIDES } from '../../src/vocabulary/channels.js';
import { CONTACT_MODES, INCIDENT_KINDS, MEETING_MODES, PROVOCATION_KINDS } from '../../src/vocabulary/events.js';

// Few names, so appointments, removals and sanctions often name the same person.
export const names = fc.constantFrom('Wei Fenghe', 'Li Shangfu', 'Dong Jun');
// The ministerial channel is where the phase rule is subtle; weight it so every phase is reached.
const channel = fc.oneof({ arbitrary: fc.constant('ministerial' as const), weight: 2 }, { arbitrary: fc.constantFrom(...CHANNELS), weight: 3 });
const side = fc.constantFrom(...SIDES);
// Dates in the schema's forms, months and days, so requests for a meeting can lapse or not.
const date = fc.constantFrom('2022-08', '2023-05', '2023-11-15', '2023-11', '2024-04');
const meetingDate = fc.option(fc.constantFrom('2023-05', '2023-11-15', '2024-04'), { nil: undefined });
const meetingMode = fc.option(fc.constantFrom(...MEETING_MODES), { nil: undefined });
const office = fc.constantFrom(...OFFICES);
const country = fc.constantFrom(...COUNTRIES);

// Optional payload fields are left out, not set to undefined, as a parsed scenario leaves them.
const defined = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;

/** Any well-typed machine event, over the whole vocabulary. */
export const relationshipEvent: fc.Arbitrary<RelationshipEvent> = fc.oneof(
  fc.record({ type: fc.constant('contact.held' as const), channel, mode: fc.constantFrom(...CONTACT_MODES), date }),
  fc.record({ type: fc.constant('channel.suspended' as const), channel, by: side, date }),
  fc.record({ type: fc.constant('channel.restored' as const), channel, by: side, date }),
  fc.record({ type: fc.constant('meeting.requested' as const), channel, by: side, mode: meetingMode, for: meetingDate, date }).map(defined),
  fc.record({ type: fc.constant('meeting.declined' as const), channel, by: side, mode: meetingMode, date }).map(defined),
  fc.record({ type: fc.constant('meeting.accepted' as const), channel, by: side, for: meetingDate, date }).map(defined),
  fc.record({ type: fc.constant('official.appointed' as const), office, name: names, date }),
  fc.record({ type: fc.constant('official.removed' as const), office, name: names, date }),
  fc.record({ type: fc.constant('sanctions.imposed' as const), name: names, date }),
  fc.record({ type: fc.constant('sanctions.lifted' as const), name: names, date }),
  fc.record({ type: fc.constant('leaders.agreedToResume' as const), date }),
  fc.record({ type: fc.constant('incident' as const), kind: fc.constantFrom(...INCIDENT_KINDS), actor: country, target: country, date }),
  fc.record({ type: fc.constant('incidents.stopped' as const), kind: fc.constantFrom(...INCIDENT_KINDS), actor: country, target: country, date }),
  fc.record({ type: fc.constant('provocation' as const), kind: fc.constantFrom(...PROVOCATION_KINDS), actor: names, date }),
  fc.record({ type: fc.constant('time.passed' as const), date }),
) as fc.Arbitrary<RelationshipEvent>;

/** Sequences long enough to pass through every phase, short enough to shrink well. */
export const eventSequence = fc.array(relationshipEvent, { maxLength: 60, size: 'medium' });

/** Runs per property; raise THAW_FC_RUNS for soak runs. FC_SEED replays a reported failure. */
export const propertyParameters: fc.Parameters<unknown> = {
  numRuns: Number(process.env.THAW_FC_RUNS ?? 300),
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};
