import type { Kysely } from 'kysely';
import { Gauge, Registry } from 'prom-client';
import type { Config } from '../../config.ts';
import { countRows } from '../../db/articles.ts';
import type { Database } from '../../db/database.ts';
import { entitiesByType } from '../../db/queries.ts';
import { countInbox } from '../../inbox/files.ts';
import { processRegistry } from '../../jobs/metrics.ts';
import { QUEUE_NAMES, type Queues, STAGES } from '../../jobs/queues.ts';
import { readStages } from '../../jobs/stage-counts.ts';
import { readQueueStatus } from '../../jobs/status.ts';
import { LIMITS } from './overview.ts';

/**
 * One reading shared by the gauges that show parts of it: a scrape collects every gauge at once,
 * and each table or key is read once per scrape (or second), not once per gauge.
 */
function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let reading: Promise<T> | undefined;
  let readAt = 0;
  return () => {
    if (reading === undefined || Date.now() - readAt > 1000) {
      readAt = Date.now();
      reading = read();
      reading.catch(() => (reading = undefined));
    }
    return reading;
  };
}

/**
 * The installation's metrics, the same whichever process asks: the queues, the stage totals of all
 * workers, the inbox and the database, each read when Prometheus scrapes. Served by the dashboard
 * with its own process metrics; the workers serve their stage timings themselves.
 */
export function installationMetrics(config: Config, queues: Queues, db: Kysely<Database>): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'news_ingest_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const { counts } = await readQueueStatus(queues, 0);
      for (const queue of QUEUE_NAMES) for (const [state, count] of Object.entries(counts[queue])) this.labels(queue, state).set(count);
    },
  });
  const stages = shared(() => readStages(queues, config));
  new Gauge({
    name: 'news_ingest_stage_articles',
    help: 'Articles that passed or failed each stage, over all workers since the queues were made (failed: for good)',
    labelNames: ['stage', 'outcome'] as const,
    registers: [registry],
    async collect() {
      const { tally } = await stages();
      for (const stage of STAGES) for (const outcome of ['passed', 'failed'] as const) this.labels(stage, outcome).set(tally[stage][outcome]);
    },
  });
  new Gauge({
    name: 'news_ingest_workers',
    help: 'Worker processes heard from in the last 15 seconds',
    registers: [registry],
    async collect() {
      this.set((await stages()).workers.length);
    },
  });
  new Gauge({
    name: 'news_ingest_inbox_backlog_files',
    help: `Files waiting in the inbox, counted up to ${LIMITS.backlog} (a larger backlog shows as ${LIMITS.backlog + 1})`,
    registers: [registry],
    async collect() {
      const { count, more } = await countInbox(config.inbox, LIMITS.backlog);
      this.set(more ? count + 1 : count);
    },
  });
  const database = shared(async () => {
    const [counts, types] = await Promise.all([countRows(db), entitiesByType(db)]);
    return { counts, types };
  });
  new Gauge({
    name: 'news_ingest_stored_rows',
    help: 'Rows stored in Postgres per table: article, entity, mention',
    labelNames: ['table'] as const,
    registers: [registry],
    async collect() {
      const { counts } = await database();
      this.labels('article').set(counts.articles);
      this.labels('entity').set(counts.entities);
      this.labels('mention').set(counts.mentions);
    },
  });
  new Gauge({
    name: 'news_ingest_entities',
    help: 'Stored entities per type',
    labelNames: ['type'] as const,
    registers: [registry],
    async collect() {
      const { types } = await database();
      this.reset();
      for (const [type, count] of Object.entries(types)) this.labels(type).set(count);
    },
  });
  new Gauge({
    name: 'news_ingest_articles_by_extractor',
    help: 'Stored articles per extractor (and model) version',
    labelNames: ['extractor'] as const,
    registers: [registry],
    async collect() {
      const { counts } = await database();
      this.reset();
      for (const [extractor, count] of Object.entries(counts.byExtractor)) this.labels(extractor).set(count);
    },
  });
  return Registry.merge([processRegistry, registry]);
}
