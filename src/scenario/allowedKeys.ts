import type { z } from 'zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

// Looks through wrappers (optional, default, nullable, pipe) to the schema that holds the data.
function unwrap(schema: z.ZodType): z.ZodType {
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

// Picks the member of a discriminated union that the data's discriminator selects.
function member(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const options = defOf(schema).options as z.ZodType[];
  return options.find((option) =>
    Object.values((option as unknown as z.ZodObject).shape).some((field) => {
      const def = defOf(field);
      return def.type === 'literal' && (def.values as unknown[]).includes((data as Record<string, unknown>)?.type);
    }),
  );
}

/**
 * The field names the schema allows in the object at `path` of `data`, or undefined if the path
 * does not lead to an object schema. Pure.
 */
export function allowedKeys(schema: z.ZodType, data: unknown, path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  let value = data;
  for (const segment of [...path, undefined]) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === 'union') current = member(current, value);
    if (!current) return undefined;
    if (segment === undefined) break;
    const kind = defOf(current).type;
    if (kind === 'object') current = (current as unknown as z.ZodObject).shape[String(segment)] as z.ZodType | undefined;
    else if (kind === 'array') current = defOf(current).element as z.ZodType;
    else if (kind === 'record') current = defOf(current).valueType as z.ZodType;
    else return undefined;
    current = current && unwrap(current);
    value = (value as Record<PropertyKey, unknown> | undefined)?.[segment];
  }
  return current && defOf(current).type === 'object' ? Object.keys((current as unknown as z.ZodObject).shape) : undefined;
}
