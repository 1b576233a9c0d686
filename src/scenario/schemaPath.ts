import type { z } from 'zod';

import { defOf } from '../fences/zodInternals.js';

// Looks through wrappers (optional, default, nullable, pipe) to the schema that holds the data.
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
      current = def.innerType as z.ZodType;
    } else if (def.type === 'pipe') {
      current = def.out as z.ZodType;
    } else {
      return current;
    }
  }
}

const shapeOf = (schema: z.ZodType) => (schema as unknown as z.ZodObject).shape;
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/**
 * The member of a union that `data` is meant to be: for a discriminated union, the one its
 * discriminator names; otherwise the one whose first field `data` has (`{ move: ... }` is a
 * move), or, for a list or a plain value, the one member of that kind (an expectation's value,
 * its list of allowed values, or `{ not: ... }`).
 */
export function unionMember(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  const options = (def.options as z.ZodType[]).map(unwrap);
  const kind = (option: z.ZodType) => defOf(option).type;
  if (Array.isArray(data) || !isObject(data)) {
    const list = Array.isArray(data);
    const fitting = (def.options as z.ZodType[]).filter((option) => (kind(unwrap(option)) === 'array') === list && kind(unwrap(option)) !== 'object');
    return fitting.length === 1 ? fitting[0] : undefined;
  }
  const discriminator = def.discriminator as string | undefined;
  if (discriminator !== undefined) {
    return options.find((option) => {
      const field = shapeOf(option)[discriminator];
      return field !== undefined && (defOf(field).values as unknown[]).includes(data[discriminator]);
    });
  }
  const objects = options.filter((option) => defOf(option).type === 'object');
  const chosen = objects.filter((option) => Object.hasOwn(data, Object.keys(shapeOf(option))[0] ?? ''));
  // With one form of object to choose from, a mapping is meant as that one, whatever its fields.
  return chosen.length === 1 ? chosen[0] : objects.length === 1 ? objects[0] : undefined;
}

/** The first field of each member of a plain union of objects: the words that tell them apart. */
export function unionLeadingKeys(schema: z.ZodType): string[] {
  return (defOf(schema).options as z.ZodType[])
    .map(unwrap)
    .flatMap((option) => (defOf(option).type === 'object' ? Object.keys(shapeOf(option)).slice(0, 1) : []));
}

/** The schema that validates the value at `path` of `data`, looking through wrappers; undefined if none. Pure. */
export function schemaAt(schema: z.ZodType, data: unknown, path: ReadonlyArray<PropertyKey>): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  let value = data;
  for (const segment of path) {
    if (current && defOf(current).type === 'union') current = unionMember(current, value);
    if (!current) return undefined;
    const kind = defOf(current).type;
    if (kind === 'object') current = shapeOf(current)[String(segment)] as z.ZodType | undefined;
    else if (kind === 'array') current = defOf(current).element as z.ZodType;
    else if (kind === 'record') current = defOf(current).valueType as z.ZodType;
    else return undefined;
    current = current && unwrap(current);
    value = isObject(value) ? value[segment as string] : undefined;
  }
  return current;
}

/**
 * The field names the schema allows in the object at `path` of `data` (the keys of a record keyed
 * by an enum), or undefined if the path leads to neither. Pure.
 */
export function allowedKeys(schema: z.ZodType, data: unknown, path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let current = schemaAt(schema, data, path);
  if (current && defOf(current).type === 'union') current = unionMember(current, valueAt(data, path));
  if (current && defOf(current).type === 'record') {
    // A record keyed by an enum (the channels of an expectation) allows the enum's values.
    const keys = defOf(defOf(current).keyType as z.ZodType) as { type: string; entries?: Record<string, string> };
    return keys.type === 'enum' ? Object.values(keys.entries ?? {}) : undefined;
  }
  return current && defOf(current).type === 'object' ? Object.keys(shapeOf(current)) : undefined;
}

/** The value at `path` of `data`, or undefined where the path leads nowhere. Pure. */
export function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((value, segment) => (isObject(value) ? value[segment as string] : undefined), data);
}
