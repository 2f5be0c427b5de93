/**
 * Rows in batches small enough for one statement: Postgres takes at most 65,535 parameters, and a
 * long article can have more mentions than that allows in one insert.
 */
export function* chunksOf<T>(rows: readonly T[], size = 1000): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
