import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { NoAnswerError } from './errors.ts';

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

/** Where the database is and how long it may take: the `database` part of the configuration. */
export interface DatabaseSettings {
  url: string;
  /** A connection not made within this time counts as failed. */
  connectTimeoutMs: number;
  /** The server cancels a statement that runs longer, and ends a transaction left idle as long. */
  statementTimeoutMs: number;
}

/**
 * How much longer than the statement timeout the client waits for any answer. The server cancels a
 * slow statement itself; silence beyond that means the server or the network is gone (packets
 * dropped), which TCP alone would notice only after hours.
 */
const ANSWER_GRACE_MS = 5000;

interface ClientOptions {
  /** Prepare each statement once per connection, under a name derived from its text. */
  prepare: boolean;
  /** Drop the connection when a query has had no answer for this long; 0 waits for ever. */
  answerWithinMs: number;
}

/**
 * A client that gives up on a silent server, and optionally prepares every statement it is given
 * with parameters: Postgres then parses and plans it once per connection instead of on every call.
 * Preparing is meant for the write path, whose statements keep their text batch after batch (rows
 * travel as array parameters), so that the statements a connection keeps prepared stay few.
 */
function clientClass({ prepare, answerWithinMs }: ClientOptions): typeof pg.Client {
  return class GuardedClient extends pg.Client {
    private readonly names = new Map<string, string>();

    constructor(config?: pg.ClientConfig) {
      super(config);
      // A connection that breaks while lent out fails its query (the caller hears of it) and then
      // emits 'error'; unheard, that event would end the process. The pool replaces the client.
      this.on('error', () => {});
    }

    // pg's own overloads: Kysely always passes a text and its values; anything else goes through as given.
    override query(...args: any[]): any {
      const [text, values] = args;
      if (typeof text !== 'string' || !Array.isArray(values)) return (super.query as (...a: any[]) => any)(...args);
      let query: string | pg.QueryConfig = text;
      if (prepare) {
        let name = this.names.get(text);
        if (name === undefined) this.names.set(text, (name = createHash('sha1').update(text).digest('hex')));
        query = { name, text, values };
      }
      const pending: Promise<pg.QueryResult> = prepare ? super.query(query) : super.query(text, values);
      if (answerWithinMs === 0) return pending;
      // Destroying the socket fails this query with the error below, and the pool discards the client.
      const connection = (this as unknown as { connection: { stream: { destroy(error: Error): void } } }).connection;
      const timer = setTimeout(
        () => connection.stream.destroy(new NoAnswerError(`Postgres did not answer within ${answerWithinMs} ms; the connection was dropped`)),
        answerWithinMs,
      );
      return pending.finally(() => clearTimeout(timer));
    }
  };
}

export interface PoolOptions {
  max?: number;
  /** An idle connection that the server drops (a Postgres restart) is reported here and replaced. */
  onIdleError?: (error: Error) => void;
  /** Prepare each statement once per connection: for statements run again and again with the same text. */
  prepare?: boolean;
  /** No statement timeout (migrations: an index on a large table takes as long as it takes). */
  unlimitedStatements?: boolean;
}

/** The settings of one connection: where, the connect timeout, keep-alive, and the server-side timeouts. */
export function connectionConfig(database: DatabaseSettings, unlimitedStatements = false): pg.ClientConfig {
  const limit = unlimitedStatements ? undefined : database.statementTimeoutMs;
  return {
    connectionString: database.url,
    connectionTimeoutMillis: database.connectTimeoutMs,
    keepAlive: true,
    statement_timeout: limit,
    lock_timeout: limit,
    // A client that froze inside a transaction must not hold its locks (the entity lock) for ever.
    idle_in_transaction_session_timeout: limit,
  };
}

/** A connection pool; without an `onIdleError` listener, a dropped idle connection would end the process. */
export function createPool(database: DatabaseSettings, { max = 10, onIdleError = () => {}, prepare = false, unlimitedStatements = false }: PoolOptions = {}): pg.Pool {
  const answerWithinMs = unlimitedStatements ? 0 : database.statementTimeoutMs + ANSWER_GRACE_MS;
  const pool = new pg.Pool({ ...connectionConfig(database, unlimitedStatements), max, types, Client: clientClass({ prepare, answerWithinMs }) });
  pool.on('error', onIdleError);
  return pool;
}

export function createDatabase(database: DatabaseSettings, options: PoolOptions = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(database, options) }) });
}
