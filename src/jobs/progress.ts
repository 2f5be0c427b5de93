import type { JobState } from 'bullmq';
import { type Queues, STAGES, type Stage } from './queues.ts';

export interface ArticleProgress {
  /** The furthest stage a job for the article reached. */
  stage: Stage;
  state: JobState | 'unknown';
  /** Why the job failed, when it did. */
  reason?: string;
  /** What the last stage reported, once the article is stored. */
  result?: unknown;
}

/**
 * Where the article carried by `jobId` stands. Every stage reuses the job id, so the furthest
 * stage that knows it tells the story.
 */
export async function articleProgress(queues: Queues, jobId: string): Promise<ArticleProgress | undefined> {
  for (const stage of [...STAGES].reverse()) {
    // State first: a job read before it settles would lack the reason its failed state implies.
    const state = await queues[stage].getJobState(jobId);
    if (state === 'unknown') continue;
    const job = await queues[stage].getJob(jobId);
    if (!job) continue;
    return { stage, state, reason: job.failedReason || undefined, result: job.returnvalue ?? undefined };
  }
  return undefined;
}

/** Whether the article is stored (last stage completed) or failed for good in some stage. */
export function isSettled(progress: ArticleProgress | undefined): boolean {
  if (!progress) return false;
  return progress.state === 'failed' || (progress.stage === STAGES.at(-1) && progress.state === 'completed');
}
