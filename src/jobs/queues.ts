import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.ts';

/**
 * The stages every article passes, in order. They are steps of one job per article (so that the
 * text is read once and never travels through Redis); `status` counts each stage.
 */
export const STAGES = ['validate', 'dates', 'entities', 'upsert'] as const;
export type Stage = (typeof STAGES)[number];

/** The queue of articles, one job each, and the queue whose scheduled jobs rescan the inbox. */
export const ARTICLE_QUEUE = 'article';
export const INBOX_QUEUE = 'inbox';
export const QUEUE_NAMES = [ARTICLE_QUEUE, INBOX_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Long-running processes retry the Redis connection for ever (a Redis restart must not stop them);
 * one-shot commands try three times within three seconds, so that the user hears about it at once.
 */
export function redisConnection(config: Config, mode: 'service' | 'command'): ConnectionOptions & RedisOptions & { url: string } {
  if (mode === 'service') return { url: config.redisUrl, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(times * 200, 2000) };
  return { url: config.redisUrl, maxRetriesPerRequest: null, connectTimeout: 800, retryStrategy: (times: number) => (times > 2 ? null : 250) };
}

export function defaultJobOptions(config: Config): DefaultJobOptions {
  return {
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: 1000 },
    // A completed job still holds its article text; once stored, Postgres has it all.
    removeOnComplete: { age: 3600, count: 1000 },
    // A failed job keeps its payload so that it can be retried; a month is time enough to look.
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

export type Queues = { readonly [Q in QueueName]: Queue } & {
  /** A connection for the project's own keys beside the queues' (all under the queue prefix). */
  readonly redis: Redis;
  close(): Promise<void>;
};

/**
 * One Queue per queue name, sharing the configured prefix and default job options. Connection
 * errors go to `onError` (a command also sees them fail its own calls).
 */
export function openQueues(config: Config, mode: 'service' | 'command', onError: (error: Error) => void = () => {}): Queues {
  const connection = redisConnection(config, mode);
  const entries = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection, prefix: config.queuePrefix, defaultJobOptions: defaultJobOptions(config) });
    queue.on('error', onError);
    return [name, queue] as const;
  });
  const queues = Object.fromEntries(entries) as { [Q in QueueName]: Queue };
  const { url, ...options } = connection;
  const redis = new Redis(url, options);
  redis.on('error', onError);
  return {
    ...queues,
    redis,
    async close() {
      await Promise.all(entries.map(([, queue]) => queue.close()));
      redis.disconnect();
    },
  };
}

/** Deletes every key under `prefix`: a whole installation's queues and counts (the benchmark's, a test's). */
export async function deleteQueueKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
