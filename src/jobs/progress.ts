import type { JobState } from 'bullmq';
import type { Queues, Stage } from './queues.ts';

export interface ArticleProgress {
  /** `upsert` once stored; for a failed article, the stage that failed it; unknown while under way. */
  stage?: Stage;
  state: JobState | 'unknown';
  /** Why the job failed, when it did. */
  reason?: string;
  /** What the last stage reported, once the article is stored. */
  result?: unknown;
}

/** Where a failed job failed: the worker records it as the job's progress. */
export const failedStageOf = (progress: unknown): Stage | undefined => (progress as { failedIn?: Stage } | undefined)?.failedIn;

/** Where the article carried by `jobId` stands; undefined when no such job is known (any more). */
export async function articleProgress(queues: Queues, jobId: string): Promise<ArticleProgress | undefined> {
  // Most files a producer looks at are new: one key lookup says so, where the state script would
  // look for the job in every list and set of the queue.
  if ((await queues.redis.exists(queues.article.toKey(jobId))) === 0) return undefined;
  // State first: a job read before it settles would lack the reason its failed state implies.
  const state = await queues.article.getJobState(jobId);
  if (state === 'unknown') return undefined;
  const job = await queues.article.getJob(jobId);
  if (!job) return undefined;
  const stage = state === 'completed' ? 'upsert' : state === 'failed' ? (failedStageOf(job.progress) ?? 'validate') : undefined;
  return { stage, state, reason: job.failedReason || undefined, result: job.returnvalue ?? undefined };
}

/** Whether the article is stored or has failed for good. */
export function isSettled(progress: ArticleProgress | undefined): boolean {
  return progress?.state === 'failed' || progress?.state === 'completed';
}
