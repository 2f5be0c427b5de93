import type { Kysely } from 'kysely';
import type { Article } from '../article/article.ts';
import type { Config } from '../config.ts';
import type { StoreResult } from '../db/articles.ts';
import type { Database } from '../db/database.ts';
import type { PublishedDate } from '../dates/published.ts';
import type { TimeExpression } from '../dates/timex/find.ts';
import type { Mention } from '../entities/entity.ts';
import type { Payloads } from '../jobs/payloads.ts';
import type { EnqueueSummary } from '../jobs/producer.ts';
import type { QueueName, Queues, Stage } from '../jobs/queues.ts';
import type { Logger } from '../log.ts';
import type { ArticleInput } from './article-thread.ts';
import type { BatchWriter } from './batch-writer.ts';
import type { DatabaseWait } from './database-wait.ts';
import type { StageCounters } from './stage-counters.ts';

/** An article's mentions and the extractor (with its model version) that found them. */
export interface Extraction {
  mentions: Mention[];
  extractor: string;
}

/** What the stages before upsert make of an article, or the stage that refused it and why. */
export type Prepared = (
  | ({ ok: true; article: Article; published: PublishedDate; timeExpressions: TimeExpression[] } & Extraction)
  | { ok: false; stage: Stage; message: string }
) & {
  /** How long each stage passed took. */
  seconds: Partial<Record<Stage, number>>;
};

/** What every task may use besides its payload. */
export interface TaskContext {
  config: Config;
  db: Kysely<Database>;
  queues: Queues;
  /** Runs validate, dates and entities on a worker thread, away from the event loop that renews job locks, with the known names of the archive. */
  prepare(input: ArticleInput): Promise<Prepared>;
  /** Writes articles in batches: many articles per transaction. */
  writer: BatchWriter;
  /** Runs a database step again once Postgres is back, for as long as Postgres is out of reach. */
  database: DatabaseWait;
  stages: StageCounters;
  log: Logger;
}

/** Of the job being run: its id, when it was put on the queue, and which try this is. */
export interface JobInfo {
  id: string;
  queuedAt: Date;
  /** How many tries came before this one. */
  attempt: number;
}

/** The article task reports how its article was stored; the rescan, what it found. */
export interface TaskResults {
  article: StoreResult & { note?: string };
  inbox: EnqueueSummary;
}

export type Task<Q extends QueueName> = (payload: Payloads[Q], context: TaskContext, job: JobInfo) => Promise<TaskResults[Q]>;

/** A failure in a stage; `final` when no retry can mend it (the article itself is at fault). */
export class StageError extends Error {
  readonly stage: Stage;
  readonly final: boolean;
  constructor(stage: Stage, message: string, final: boolean) {
    super(message);
    this.stage = stage;
    this.final = final;
  }
}
