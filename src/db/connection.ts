import { createHash } from 'node:crypto';
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
 * A client that prepares every statement it is given with parameters, under a name derived from
 * its text: Postgres parses and plans it once per connection instead of on every call. Meant for
 * the write path, whose statements keep their text batch after batch (rows travel as array
 * parameters), so that the statements a connection keeps prepared stay few.
 */
class PreparingClient extends pg.Client {
  private readonly names = new Map<string, string>();

  // pg's own overloads: a text with values is sent as a named statement, anything else as given.
  override query(...args: any[]): any {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values)) return (super.query as (...a: any[]) => any)(...args);
    let name = this.names.get(text);
    if (name === undefined) this.names.set(text, (name = createHash('sha1').update(text).digest('hex')));
    return super.query({ name, text, values });
  }
}

export interface PoolOptions {
  max?: number;
  /** An idle connection that the server drops (a Postgres restart) is reported here and replaced. */
  onIdleError?: (error: Error) => void;
  /** Prepare each statement once per connection: for statements run again and again with the same text. */
  prepare?: boolean;
}

/** A connection pool; without an `onIdleError` listener, a dropped idle connection would end the process. */
export function createPool(databaseUrl: string, { max = 10, onIdleError = () => {}, prepare = false }: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, types, ...(prepare ? { Client: PreparingClient } : {}) });
  pool.on('error', onIdleError);
  return pool;
}

export function createDatabase(databaseUrl: string, options: PoolOptions = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, options) }) });
}
