import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

/**
 * The metrics a process keeps of its own work, in prom-client's default registry: the process's
 * CPU, memory, event-loop lag and so on, and, in a worker, what its stages did. Each process serves
 * them at `/metrics` (on its health server, or the dashboard's); Prometheus adds the processes up.
 * Series with labels appear once they have a value, so a process that runs no stages shows none.
 */
collectDefaultMetrics();

export const processRegistry = register;

/** Why an article failed for good: its content (`data`) or its tries used up on errors around it (`infrastructure`). */
export type FailureCause = 'data' | 'infrastructure';

/** Buckets from a millisecond (a small article's dates) to half a minute (a batch waiting for Postgres). */
const STAGE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const stageDuration = new Histogram({
  name: 'news_ingest_stage_duration_seconds',
  help: 'Time an article spent in each stage (validate, dates, entities, upsert), first tries only',
  labelNames: ['stage'] as const,
  buckets: STAGE_BUCKETS,
});

export const articleFailures = new Counter({
  name: 'news_ingest_article_failures_total',
  help: 'Articles failed for good, by the stage that failed them and the cause (data: the article; infrastructure: tries used up)',
  labelNames: ['stage', 'cause'] as const,
});

export const articlesStored = new Counter({
  name: 'news_ingest_articles_stored_total',
  help: 'Articles the upsert stage finished, by outcome (inserted, updated, unchanged, stale, reprocessed)',
  labelNames: ['outcome'] as const,
});

export const mentionsStored = new Counter({
  name: 'news_ingest_mentions_stored_total',
  help: 'Entity mentions written with inserted, updated or reprocessed articles',
});
