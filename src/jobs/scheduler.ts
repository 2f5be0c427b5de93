import type { Config } from '../config.ts';
import { settledFiles, walkInbox } from '../inbox/files.ts';
import { returnRewrittenFailures } from '../inbox/filed-watch.ts';
import { NotARegularFileError } from '../inbox/safe-fs.ts';
import type { Logger } from '../log.ts';
import { type EnqueueSummary, emptySummary, enqueueFiles, inboxFile, type Producer } from './producer.ts';
import type { Queues } from './queues.ts';
import { recordSkipped, replaceSkipped, SKIPPED_LISTED, type Skipped } from './skipped.ts';

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

/** Files of the inbox checked (settled or not) and then queued at a time. */
const SLICE = 200;

/**
 * Enqueues the settled files in the inbox that no job carries yet, walking the inbox (never
 * listing it whole) until the queue is full (QUEUE_WINDOW): the next rescan goes on from the
 * start, and the files queued meanwhile are then no longer there or cost a look-up each. Memory
 * stays the same whatever the inbox holds. Entries that are not regular files are recorded for
 * `status` (at most SKIPPED_LISTED, the rest counted), and logged when first listed.
 */
export async function rescanInbox(producer: Producer, log: Logger): Promise<EnqueueSummary> {
  const { queues, config } = producer;
  for (const file of await returnRewrittenFailures(config.inbox, config.inbox.stableMs)) log.warn('written to after it was filed: back in the inbox as a newer version', { file });
  const summary = emptySummary();
  const skipped: Skipped[] = [];
  const skip = (entry: Skipped) => {
    summary.skipped += 1;
    if (skipped.length < SKIPPED_LISTED) skipped.push(entry);
  };
  let slice: string[] = [];
  /** Queues the slice; false when the queue filled up before all of it was looked at. */
  const queueSlice = async () => {
    const files = (await settledFiles(slice, config.inbox.stableMs)).map((file) => inboxFile(config, file));
    slice = [];
    const queued = await enqueueFiles(producer, files, (file, { outcome, reason }) => {
      if (outcome === 'skipped') skip({ file: file.key, reason: reason ?? 'not a regular file' });
      else if (reason) log.error(`${outcome}, but not moved`, { file: file.key, reason });
    }, { untilFull: true });
    let counted = 0;
    for (const [outcome, n] of Object.entries(queued) as [keyof EnqueueSummary, number][]) {
      if (outcome !== 'skipped') summary[outcome] += n;
      counted += n;
    }
    return counted === files.length;
  };

  let whole = true;
  for await (const entry of walkInbox(config.inbox)) {
    // Not a regular file: recorded without a job, and without counting against the queue.
    if (entry.kind !== 'file') skip({ file: inboxFile(config, entry.path).key, reason: new NotARegularFileError(entry.path, entry.kind).message });
    else if (slice.push(entry.path) >= SLICE && !(await queueSlice())) {
      whole = false;
      break;
    }
  }
  if (whole && slice.length > 0) await queueSlice();
  // A rescan that stopped early has not seen every entry: it adds to the list and removes nothing.
  const listed = whole ? await replaceSkipped(queues, config, skipped, summary.skipped) : await recordSkipped(queues, config, skipped);
  for (const entry of listed) log.warn('skipped', entry);
  return summary;
}
