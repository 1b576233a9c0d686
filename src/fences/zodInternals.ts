/**
 * Every read of a zod schema's definition (`schema._zod.def`, which zod 4 keeps for the authors of
 * tools built on it, not in its user API), in one place: the problem messages and the tests'
 * generated events look through a schema's wrappers, unions and fields with it. A zod upgrade that
 * moves it breaks here, and the tests of both fail.
 */

/** A schema's definition: its kind, and the fields of that kind (inner schema, options, shape...). */
export interface SchemaDef {
  type: string;
  [field: string]: unknown;
}

/** The definition of a zod schema. */
export const defOf = (schema: unknown): SchemaDef => (schema as { _zod: { def: SchemaDef } })._zod.def;
