import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import { migrationState } from '../db/migrate.ts';
import { redisConnection } from '../jobs/queues.ts';

/** How long one check may take: a frozen server makes its check fail, not the answer wait. */
export const CHECK_TIMEOUT_MS = 1500;

const CHECKS = ['redis', 'postgres', 'migrations'] as const;
type Check = (typeof CHECKS)[number];

/** Each check's outcome: `ok`, or what is wrong. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<Check, string>;
}

export interface Readiness {
  check(): Promise<ReadinessReport>;
  close(): Promise<void>;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** An error's message; a failed connection to a name with several addresses has none, only its code. */
const reasonOf = (error: unknown) => (error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error));

/**
 * Whether the servers this process needs answer and the schema is the one it was written for. The
 * checks have connections of their own, which keep the process's pools out of it and fail fast.
 */
export function openReadiness(config: Config): Readiness {
  const { url, ...options } = redisConnection(config, 'service');
  // Without the offline queue, a ping while Redis is away fails at once instead of waiting for it.
  const redis = new Redis(url, { ...options, enableOfflineQueue: false, commandTimeout: CHECK_TIMEOUT_MS });
  let redisError = 'not connected yet';
  // The process's own connections log an outage; here it is only reported.
  redis.on('error', (error: Error) => (redisError = error.message));
  // A statement timeout this short also makes the client drop a connection to a frozen server soon.
  const db = createDatabase(
    { ...config.database, connectTimeoutMs: Math.min(config.database.connectTimeoutMs, CHECK_TIMEOUT_MS), statementTimeoutMs: CHECK_TIMEOUT_MS },
    { max: CHECKS.length },
  );

  const checks: Record<Check, () => Promise<void>> = {
    async redis() {
      if (redis.status !== 'ready') throw new Error(`not connected: ${redisError}`);
      await redis.ping();
    },
    async postgres() {
      await sql`select 1`.execute(db);
    },
    async migrations() {
      const { pending, unknown } = await migrationState(db);
      const problems = [
        ...(pending.length > 0 ? [`not applied: ${pending.join(', ')}`] : []),
        ...(unknown.length > 0 ? [`applied, but unknown to this version: ${unknown.join(', ')}`] : []),
      ];
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };

  return {
    async check() {
      const outcomes = await Promise.all(
        CHECKS.map((name) =>
          within(CHECK_TIMEOUT_MS, checks[name]()).then(
            () => 'ok',
            (error: unknown) => reasonOf(error),
          ),
        ),
      );
      const report = Object.fromEntries(CHECKS.map((name, i) => [name, outcomes[i]])) as Record<Check, string>;
      return { ready: outcomes.every((outcome) => outcome === 'ok'), checks: report };
    },
    async close() {
      redis.disconnect();
      await db.destroy();
    },
  };
}
