import { failedStageOf } from './progress.ts';
import { QUEUE_NAMES, type QueueName, type Queues, type Stage } from './queues.ts';

const COUNTED_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const;
export type JobCounts = Record<(typeof COUNTED_STATES)[number], number>;

export interface Failure {
  queue: QueueName;
  /** The stage that failed the article. */
  stage: Stage | null;
  jobId: string;
  /** The article's file, relative to the inbox or the ingested folder. */
  file: string | null;
  reason: string;
  attempts: number;
  failedAt: string | null;
}

export interface QueueStatus {
  counts: Record<QueueName, JobCounts>;
  /** The most recent failures over all queues, newest first. */
  failures: Failure[];
}

/** Job counts per queue and the latest failures with their file and reason. */
export async function readQueueStatus(queues: Queues, failureLimit: number): Promise<QueueStatus> {
  const perQueue = await Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const raw = await queues[name].getJobCounts(...COUNTED_STATES, 'prioritized');
      const counts: JobCounts = {
        waiting: (raw.waiting ?? 0) + (raw.prioritized ?? 0),
        active: raw.active ?? 0,
        completed: raw.completed ?? 0,
        failed: raw.failed ?? 0,
        delayed: raw.delayed ?? 0,
      };
      const failed = failureLimit > 0 ? await queues[name].getFailed(0, failureLimit - 1) : [];
      const failures = failed.map(
        (job): Failure => ({
          queue: name,
          stage: failedStageOf(job.progress) ?? null,
          jobId: String(job.id),
          file: job.data?.source?.key ?? job.data?.reprocess?.sourceKey ?? null,
          reason: job.failedReason ?? '',
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        }),
      );
      return { name, counts, failures };
    }),
  );
  return {
    counts: Object.fromEntries(perQueue.map(({ name, counts }) => [name, counts])) as Record<QueueName, JobCounts>,
    failures: perQueue
      .flatMap(({ failures }) => failures)
      .sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''))
      .slice(0, failureLimit),
  };
}
