import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { countRows, type DatabaseCounts } from '../../db/articles.ts';
import type { Database } from '../../db/database.ts';
import { articlesPerHour, entitiesByType, type HourCount, type Latency, recentLatency } from '../../db/queries.ts';
import { type FailedFile, listFailedFiles } from '../../inbox/failed-files.ts';
import { countInbox } from '../../inbox/files.ts';
import { STAGES, type QueueName, type Queues, type Stage } from '../../jobs/queues.ts';
import { readStages } from '../../jobs/stage-counts.ts';
import { type JobCounts, readQueueStatus } from '../../jobs/status.ts';
import type { StageRateMeter } from './stage-rates.ts';

/** How far the dashboard looks: bounded, so that a page costs the same with any backlog. */
export const LIMITS = {
  /** Hours in the chart of articles stored. */
  hours: 48,
  /** Minutes of stored articles whose latency is shown. */
  latencyMinutes: 60,
  /** Files of failed/ listed. */
  failedFiles: 100,
  /** Inbox files counted; beyond, the backlog shows as "10000+". */
  backlog: 10_000,
} as const;

export interface StageSummary {
  stage: Stage;
  passed: number;
  failed: number;
  /** Articles in the stage now, over all running workers. */
  active: number;
  /** Articles per minute that passed it lately; null until measured. */
  perMinute: number | null;
  /** The mean milliseconds an article spent in it lately; null until measured. */
  meanMs: number | null;
}

export interface Overview {
  queues: Record<QueueName, JobCounts>;
  stages: StageSummary[];
  workers: number;
  latency: Latency;
  perHour: HourCount[];
  failed: { files: FailedFile[]; more: boolean };
  database: DatabaseCounts;
  entityTypes: Record<string, number>;
  backlog: { count: number; more: boolean };
}

export interface OverviewSources {
  config: Config;
  queues: Queues;
  db: Kysely<Database>;
  rates: StageRateMeter;
}

/** Everything the dashboard's own page shows, read at once from Redis, Postgres and the folders. */
export async function readOverview({ config, queues, db, rates }: OverviewSources): Promise<Overview> {
  const [queueStatus, stages, latency, perHour, failed, database, entityTypes, backlog] = await Promise.all([
    readQueueStatus(queues, 0),
    readStages(queues, config),
    recentLatency(db, LIMITS.latencyMinutes),
    articlesPerHour(db, LIMITS.hours),
    listFailedFiles(config.inbox, LIMITS.failedFiles),
    countRows(db),
    entitiesByType(db),
    countInbox(config.inbox, LIMITS.backlog),
  ]);
  const lately = rates.rates();
  return {
    queues: queueStatus.counts,
    stages: STAGES.map((stage) => ({
      stage,
      ...stages.tally[stage],
      active: stages.workers.reduce((sum, worker) => sum + worker.active[stage], 0),
      ...lately[stage],
    })),
    workers: stages.workers.length,
    latency,
    perHour,
    failed,
    database,
    entityTypes,
    backlog,
  };
}
