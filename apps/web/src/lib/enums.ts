/**
 * Helpers over the generated GraphQL enums (`const` objects in src/__generated__/graphql.ts),
 * so forms list and URLs accept exactly the schema's values, in the schema's order.
 */

/** Every value of a generated enum, in the order the schema declares them. */
export function valuesOf<V extends string>(enumObject: Readonly<Record<string, V>>): readonly V[] {
  return Object.values(enumObject);
}

/** `value` if it is one of the enum's values (e.g. from a hand-edited address), else null. */
export function enumValue<V extends string>(enumObject: Readonly<Record<string, V>>, value: string | null | undefined): V | null {
  if (value === null || value === undefined) return null;
  return (Object.values(enumObject) as readonly string[]).includes(value) ? (value as V) : null;
}
