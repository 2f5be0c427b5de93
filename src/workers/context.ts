import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { StoreResult } from '../db/articles.ts';
import type { Database } from '../db/database.ts';
import type { Mention } from '../entities/entity.ts';
import type { Payloads } from '../jobs/payloads.ts';
import type { QueueName, Queues } from '../jobs/queues.ts';
import type { EnqueueSummary } from '../jobs/producer.ts';
import type { Logger } from '../log.ts';

/** An article's mentions and the extractor (with its model version) that found them. */
export interface Extraction {
  mentions: Mention[];
  extractor: string;
}

/** What every task may use besides its payload. */
export interface TaskContext {
  config: Config;
  db: Kysely<Database>;
  queues: Queues;
  /** Runs the entity extractor on a worker thread, away from the event loop that renews job locks. */
  extractEntities(text: string): Promise<Extraction>;
  log: Logger;
}

/** A stage's result is the next stage's payload; the last stage and the rescan report a summary. */
export interface TaskResults {
  validate: Payloads['dates'];
  dates: Payloads['entities'];
  entities: Payloads['upsert'];
  upsert: StoreResult;
  inbox: EnqueueSummary;
}

export type Task<Q extends QueueName> = (payload: Payloads[Q], context: TaskContext) => Promise<TaskResults[Q]>;
