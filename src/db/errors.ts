/**
 * What a failed database call says about its cause: the data written, or the database being out of
 * reach. The two decide what becomes of an article: refused for good, or kept waiting.
 */

const sqlState = (error: unknown): string | undefined => {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  // Only the server's errors carry a severity; a Node error's `code` is an errno name.
  return typeof severity === 'string' && typeof code === 'string' ? code : undefined;
};

/**
 * An error the database raised because of the data written (SQLSTATE class 22, data exception; 23,
 * integrity constraint violation; 54, a limit exceeded, such as a text too long to index): the
 * same article fails the same way on every try.
 */
export function isDataError(error: unknown): boolean {
  return /^(22|23|54)/.test(sqlState(error) ?? '');
}

/**
 * SQLSTATEs that say the server cannot serve anyone now, or not in time: 08 connection exception,
 * 28 invalid authorization (a changed password), 3D no such database, 53 insufficient resources
 * (disk full, too many connections), 57P0x shutting down or starting up, 58 system error (I/O);
 * and the ones that say it is busy: 57014 a statement cancelled by its timeout, 55P03 a lock not
 * had in time (a VACUUM FULL, a migration), 40001 and 40P01 a serialization failure or deadlock.
 * None is an article's fault: the work waits and tries again, without using up a try.
 */
const UNAVAILABLE_STATE = /^(08|28|3D|53|57P0|58|57014|55P03|40001|40P01)/;

/** Node's socket errors: nothing answers at the address, or the connection broke. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** How pg reports a connection that ended or never came (it gives these no code). */
const CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** The client gave up on a server that stopped answering (see `createPool`): the connection is dropped. */
export class NoAnswerError extends Error {}

/**
 * Whether `error` means Postgres is out of reach (down, restarting, unreachable, refusing
 * connections, silent) or too busy to answer in time, which no article is to blame for: the work
 * waits until it answers.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof NoAnswerError) return true;
  const state = sqlState(error);
  if (state !== undefined) return UNAVAILABLE_STATE.test(state);
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && SOCKET_ERRORS.has(code)) return true;
  // A connect timeout or refused connection may come wrapped in an AggregateError (one per address tried).
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}
