import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

const INT8 = 20;
const DATE = 1082;

/**
 * Ids and counts are int8 in Postgres; they stay far below 2^53, so numbers are safe.
 * Dates stay `YYYY-MM-DD` strings: a calendar day has no time zone to shift it.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * A connection pool. An idle connection that the server drops (a Postgres restart) is reported to
 * `onIdleError` and replaced; without a listener, Node would end the process.
 */
export function createPool(databaseUrl: string, max = 10, onIdleError: (error: Error) => void = () => {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, types });
  pool.on('error', onIdleError);
  return pool;
}

export function createDatabase(databaseUrl: string, max?: number, onIdleError?: (error: Error) => void): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, max, onIdleError) }) });
}
