import type { Config } from '../config.ts';
import { listInbox, settledFiles } from '../inbox/files.ts';
import type { Logger } from '../log.ts';
import { type EnqueueSummary, emptySummary, enqueueFile, inboxFile } from './producer.ts';
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
 * Enqueues every settled file in the inbox that no job carries yet. Entries that are not regular
 * files are recorded for `status`, and logged when first seen.
 */
export async function rescanInbox(queues: Queues, config: Config, log: Logger): Promise<EnqueueSummary> {
  const summary = emptySummary();
  const listing = await listInbox(config.inbox);
  const skipped = [];
  for (const file of [...(await settledFiles(listing.files, config.inbox.stableMs)), ...listing.skipped.map((entry) => entry.path)]) {
    const { outcome, reason } = await enqueueFile(queues, config, inboxFile(config, file));
    summary[outcome] += 1;
    if (outcome === 'skipped') skipped.push({ file: inboxFile(config, file).key, reason: reason ?? 'not a regular file' });
  }
  for (const entry of await recordSkipped(queues, config, skipped, true)) log.warn('skipped', entry);
  return summary;
}
