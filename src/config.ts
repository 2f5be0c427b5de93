import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { KNOWN_NAMES_DEFAULTS } from './ner/known-names.ts';

/** The levels `LOG_LEVEL` may name: a line below the level is not written. */
export const LOG_LEVELS = ['error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Every setting the program reads from the environment. The variable names are part of the
 * product's interface: deployment scripts set them.
 */
const environmentSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/news_ingest'),
  /** A connection to Postgres not made within this time counts as failed (the work waits and tries again). */
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5000),
  /**
   * Postgres cancels a statement that runs longer; the client drops a connection that stays silent
   * a few seconds beyond it (a frozen server or network), instead of waiting for ever.
   */
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(60_000),
  QUEUE_PREFIX: z
    .string()
    // Braces make the prefix a Redis Cluster hash tag, so that a queue's keys share a slot.
    .regex(/^(\{[A-Za-z0-9_.-]+\}|[A-Za-z0-9_.-]+)$/, 'use letters, digits, "_", "." or "-" only, optionally inside {braces} (a Redis Cluster hash tag)')
    .default('news-ingest'),
  INBOX_DIR: z.string().min(1).default('inbox'),
  PROCESSED_DIR: z.string().min(1).optional(),
  FAILED_DIR: z.string().min(1).optional(),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  /** How long a file in the inbox must stay unchanged before it counts as completely written. */
  INBOX_STABLE_MS: positiveInt(1000),
  RESCAN_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Articles in flight per worker process: enough to keep its threads busy and its batches full. */
  WORKER_CONCURRENCY: positiveInt(64),
  /** At most this many articles are written in one transaction. */
  BATCH_SIZE: positiveInt(100),
  /** The producers queue more files only while fewer jobs than this wait or run: the inbox holds the backlog, not Redis. */
  QUEUE_WINDOW: positiveInt(2000),
  ENTITY_THREADS: positiveInt(Math.max(1, availableParallelism() - 1)),
  JOB_ATTEMPTS: positiveInt(10),
  MAX_ARTICLE_BYTES: positiveInt(1_000_000),
  /** The zone of a publication time written without an offset. */
  TIMEZONE: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone such as Europe/Amsterdam')
    .default('Europe/Amsterdam'),
  /** The entity tagger's model file, as written by `ner-train`. */
  NER_MODEL: z.string().min(1).default(fileURLToPath(new URL('../models/ner-nl.model', import.meta.url))),
  /** The tagger is told at most this many of the most mentioned stored names (the archive as memory); 0 tells it none. */
  KNOWN_NAMES_MAX: z.coerce.number().int().min(0).default(KNOWN_NAMES_DEFAULTS.limit),
  /** A stored name with fewer mentions is not told to the tagger. */
  KNOWN_NAMES_MIN_MENTIONS: positiveInt(KNOWN_NAMES_DEFAULTS.minMentions),
  /**
   * How old the names told to the tagger may get before a worker reads them again from the database:
   * counting the mentions takes a while on a large archive (2.5 s for 4.3 million), and the worker's tasks wait for it.
   */
  KNOWN_NAMES_REFRESH_MS: positiveInt(300_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** The port of a long-running process's health endpoints; unset, it serves none (0: any free port, logged). */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** Loopback by default: the endpoints say which servers are down, which is nobody else's business. */
  HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  DASHBOARD_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  /** Loopback by default; another address needs DASHBOARD_USER and DASHBOARD_PASSWORD (checked when it starts). */
  DASHBOARD_HOST: z.string().min(1).default('127.0.0.1'),
  DASHBOARD_USER: z.string().min(1).optional(),
  DASHBOARD_PASSWORD: z.string().min(1).optional(),
  /** No retry buttons, no Bull Board actions: every request that would change something is refused. */
  DASHBOARD_READ_ONLY: z
    .enum(['true', 'false'], 'expected true or false')
    .default('false')
    .transform((value) => value === 'true'),
  /**
   * How long a stopping service waits for its active jobs before it exits anyway; the jobs it leaves
   * are taken up by another worker once their locks lapse. A supervisor's stop timeout must be longer.
   */
  SHUTDOWN_TIMEOUT_MS: positiveInt(30_000),
});

/** The names of every setting (deployment files are checked against them). */
export const SETTING_NAMES = Object.keys(environmentSchema.shape);

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof environmentSchema>) {
  const inboxDir = path.resolve(env.INBOX_DIR);
  return Object.freeze({
    redisUrl: env.REDIS_URL,
    database: Object.freeze({
      url: env.DATABASE_URL,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    }),
    queuePrefix: env.QUEUE_PREFIX,
    inbox: Object.freeze({
      dir: inboxDir,
      processedDir: path.resolve(env.PROCESSED_DIR ?? path.join(inboxDir, 'processed')),
      failedDir: path.resolve(env.FAILED_DIR ?? path.join(inboxDir, 'failed')),
      stableMs: env.INBOX_STABLE_MS,
      rescanIntervalMs: env.RESCAN_INTERVAL_MS,
    }),
    seedsDir: path.resolve(env.SEEDS_DIR),
    workerConcurrency: env.WORKER_CONCURRENCY,
    batchSize: env.BATCH_SIZE,
    queueWindow: env.QUEUE_WINDOW,
    entityThreads: env.ENTITY_THREADS,
    jobAttempts: env.JOB_ATTEMPTS,
    maxArticleBytes: env.MAX_ARTICLE_BYTES,
    nerModel: path.resolve(env.NER_MODEL),
    knownNames:
      env.KNOWN_NAMES_MAX === 0 ? undefined : Object.freeze({ limit: env.KNOWN_NAMES_MAX, minMentions: env.KNOWN_NAMES_MIN_MENTIONS, refreshMs: env.KNOWN_NAMES_REFRESH_MS }),
    timezone: env.TIMEZONE,
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    health: env.HEALTH_PORT === undefined ? undefined : Object.freeze({ port: env.HEALTH_PORT, host: env.HEALTH_HOST }),
    dashboard: Object.freeze({
      port: env.DASHBOARD_PORT,
      host: env.DASHBOARD_HOST,
      credentials: env.DASHBOARD_USER !== undefined && env.DASHBOARD_PASSWORD !== undefined ? Object.freeze({ user: env.DASHBOARD_USER, password: env.DASHBOARD_PASSWORD }) : undefined,
      readOnly: env.DASHBOARD_READ_ONLY,
    }),
  });
}

export class ConfigError extends Error {}

/** A connection string as it may be shown: its password, if any, replaced by `***`. */
export const withoutPassword = (value: string) => value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1***@');

/** Where a URL points, without the user name and password it may carry. */
export const hostOf = (url: string) => new URL(url).host;

/**
 * Reads the configuration once from the environment. Empty variables count as unset, so
 * `FOO= command` falls back to the default instead of failing on "".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}=${JSON.stringify(withoutPassword(env[name] ?? ''))}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  // One without the other would leave the dashboard open while looking protected.
  if ((parsed.data.DASHBOARD_USER === undefined) !== (parsed.data.DASHBOARD_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration:\n  DASHBOARD_USER and DASHBOARD_PASSWORD: set both, or neither');
  }
  return toConfig(parsed.data);
}
