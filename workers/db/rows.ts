import { z } from 'zod';

/**
 * Rows of a raw SQL statement, checked against a zod schema instead of cast: for the set-wise
 * queries (aggregates by day, for example) that drizzle's builder would only obscure.
 */
export async function allRows<T extends z.ZodType>(schema: T, statement: D1PreparedStatement): Promise<z.output<T>[]> {
  const { results } = await statement.all();
  return z.array(schema).parse(results);
}

export async function firstRow<T extends z.ZodType>(schema: T, statement: D1PreparedStatement): Promise<z.output<T>> {
  return schema.parse(await statement.first());
}
