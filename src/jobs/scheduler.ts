import type { Config } from '../config.ts';
import { listInbox, settledFiles } from '../inbox/files.ts';
import type { Logger } from '../log.ts';
import { type EnqueueSummary, enqueueFiles, inboxFile, type Producer } from './producer.ts';
import type { Queues } from './queues.ts';
import { recordSkipped } from './skipped.ts';

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

/**
 * Enqueues the settled files in the inbox that no job carries yet, as many as the queue has room
 * for. Entries that are not regular files are recorded for `status`, and logged when first seen.
 */
export async function rescanInbox(producer: Producer, log: Logger): Promise<EnqueueSummary> {
  const { queues, config } = producer;
  const listing = await listInbox(config.inbox);
  // Entries that are not regular files come first: they cost nothing, and the list of them is whole.
  const files = [...listing.skipped.map((entry) => entry.path), ...(await settledFiles(listing.files, config.inbox.stableMs))].map((file) => inboxFile(config, file));
  const skipped: { file: string; reason: string }[] = [];
  // A full queue ends this rescan early: the files are still in the inbox for the next one.
  const summary = await enqueueFiles(producer, files, (file, { outcome, reason }) => {
    if (outcome === 'skipped') skipped.push({ file: file.key, reason: reason ?? 'not a regular file' });
    else if (reason) log.error(`${outcome}, but not moved`, { file: file.key, reason });
  }, true);
  for (const entry of await recordSkipped(queues, config, skipped, true)) log.warn('skipped', entry);
  return summary;
}
