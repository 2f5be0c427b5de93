import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';

/** A column of a row set and its Postgres type, for `unnest`. */
export type TypedColumn<Row> = readonly [keyof Row & string, string];

/**
 * `unnest($1::text[], $2::bigint[], …) as row(a, b, …)`: many rows as one parameter per column,
 * so that a set-based statement writes any number of rows in one round trip (a multi-row
 * `values` list would meet Postgres's limit of 65,535 parameters on a long article).
 */
export function unnestRows<Row extends object>(rows: readonly Row[], columns: readonly TypedColumn<Row>[]): RawBuilder<unknown> {
  const parameters = columns.map(([name, type]) => sql`${rows.map((row) => row[name])}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(parameters)}) as row(${sql.join(columns.map(([name]) => sql.ref(name)))})`;
}

/** `insert into table (a, b, …) select a, b, … from unnest(…)`. */
export function insertRows<Row extends object>(table: string, rows: readonly Row[], columns: readonly TypedColumn<Row>[]): RawBuilder<unknown> {
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  return sql`insert into ${sql.table(table)} (${names}) select ${names} from ${unnestRows(rows, columns)}`;
}

/**
 * Runs several writes as one statement (`with s0 as (…), s1 as (…) <last>`): one round trip instead
 * of one each. The writes must not read what the others write (each sees the rows as they were).
 */
export async function writeTogether(db: Kysely<any> | Transaction<any>, writes: readonly (RawBuilder<unknown> | undefined)[]): Promise<void> {
  const present = writes.filter((write) => write !== undefined);
  if (present.length === 0) return;
  const last = present.at(-1)!;
  const before = present.slice(0, -1).map((write, i) => sql`${sql.raw(`s${i}`)} as (${write})`);
  await (before.length === 0 ? last : sql`with ${sql.join(before)} ${last}`).execute(db);
}
