import fc from 'fast-check';
import type { z } from 'zod';
import { defOf as zodDefOf } from '../../src/fences/zodInternals.js';
import type { RelationshipEvent } from '../../src/index.js';
import { CHANNELS } from '../../src/vocabulary/channels.js';
import { EVENT_PAYLOADS, EVENT_TYPES } from '../../src/vocabulary/events.js';

// Events are generated from the vocabulary's own payload schemas, so a new event type, or a new
// field, is generated without editing this file. What the schemas cannot say is chosen by field
// name below: which values make the machine's guards interesting.

// Few names, so appointments, removals and sanctions often name the same person.
export const names = fc.constantFrom('Wei Fenghe', 'Li Shangfu', 'Dong Jun');
// The ministerial channel is where the phase rule is subtle; weight it so every phase is reached.
const channel = fc.oneof({ arbitrary: fc.constant('ministerial' as const), weight: 2 }, { arbitrary: fc.constantFrom(...CHANNELS), weight: 3 });
// Dates in the schema's forms, months and days, so requests for a meeting can lapse or not.
const date = fc.constantFrom('2022-08', '2023-05', '2023-11-15', '2023-11', '2024-04');
const meetingDate = fc.constantFrom('2023-05', '2023-11-15', '2024-04');

// Enumerated fields take their schema's values; these are weighted instead.
const ENUMS: Record<string, fc.Arbitrary<unknown>> = { channel };
// Free-text fields: the few values that make the guards that compare names and dates interesting.
const TEXTS: Record<string, fc.Arbitrary<unknown>> = { for: meetingDate, name: names, actor: names };
const participants = fc.subarray(['Wei Fenghe', 'Li Shangfu', 'Dong Jun', 'Lloyd Austin'], { minLength: 1 });

interface Def {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}
const defOf = (schema: z.ZodType) => zodDefOf(schema) as unknown as Def;

/** Values a field's schema accepts, chosen by its name where the name says more than the type. */
function arbitraryOf(field: string, schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (def.type === 'optional') return fc.option(arbitraryOf(field, def.innerType as z.ZodType), { nil: undefined });
  if (def.type === 'default') return arbitraryOf(field, def.innerType as z.ZodType);
  if (def.type === 'enum') return ENUMS[field] ?? fc.constantFrom(...Object.values(def.entries ?? {}));
  if (def.type === 'string') return TEXTS[field] ?? fc.constantFrom('a venue', 'a reason');
  if (def.type === 'array') return participants;
  if (def.type === 'object') {
    // Optional fields are left out, not set to undefined, as a parsed scenario leaves them.
    const fields = Object.entries(def.shape ?? {}).map(([key, value]) => [key, arbitraryOf(key, value)] as const);
    return fc.record(Object.fromEntries(fields)).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
  }
  throw new Error(`no arbitrary for the field "${field}" (a zod ${def.type}): say how to generate it here`);
}

/** Any well-typed machine event, over the whole vocabulary, each type as likely as the others. */
export const relationshipEvent: fc.Arbitrary<RelationshipEvent> = fc.oneof(
  ...EVENT_TYPES.map((type) =>
    fc
      .tuple(arbitraryOf('', EVENT_PAYLOADS[type] as z.ZodType), date)
      .map(([payload, when]) => ({ type, date: when, ...(payload as object) }) as RelationshipEvent),
  ),
);

/** Sequences long enough to pass through every phase, short enough to shrink well. */
export const eventSequence = fc.array(relationshipEvent, { maxLength: 60, size: 'medium' });

/** Runs per property; raise THAW_FC_RUNS for soak runs. FC_SEED replays a reported failure. */
export const propertyParameters: fc.Parameters<unknown> = {
  numRuns: Number(process.env.THAW_FC_RUNS ?? 300),
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};
