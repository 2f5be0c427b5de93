import type { Config } from '../config.ts';
import { listSettledInboxFiles } from '../inbox/files.ts';
import { type EnqueueSummary, emptySummary, enqueueFile, inboxFile } from './producer.ts';
import type { Queues } from './queues.ts';

export const RESCAN_SCHEDULER_ID = 'inbox-rescan';

/**
 * Registers (or updates) the repeating rescan of the inbox, so that files dropped while no
 * watcher ran are still ingested. Idempotent: every process may call it at start.
 */
export async function scheduleInboxRescan(queues: Queues, config: Config): Promise<void> {
  await queues.inbox.upsertJobScheduler(
    RESCAN_SCHEDULER_ID,
    { every: config.inbox.rescanIntervalMs },
    { name: 'rescan', data: {}, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
  );
}

/** Enqueues every settled file in the inbox that no job carries yet. */
export async function rescanInbox(queues: Queues, config: Config): Promise<EnqueueSummary> {
  const summary = emptySummary();
  for (const file of await listSettledInboxFiles(config.inbox, config.inbox.stableMs)) {
    summary[(await enqueueFile(queues, config, inboxFile(config, file))).outcome] += 1;
  }
  return summary;
}
