import { mkdir } from 'node:fs/promises';
import { fileStates, isInboxCandidate, listInbox } from '../inbox/files.ts';
import { watchFolders } from '../inbox/watch-folders.ts';
import type { Logger } from '../log.ts';
import { enqueueFiles, inboxFile, type Producer } from './producer.ts';
import { recordSkipped } from './skipped.ts';

export interface InboxWatcher {
  close(): Promise<void>;
}

/** Files looked at per round: checked for being completely written, then queued together. */
const ROUND = 200;

/**
 * Enqueues each file that appears (or changes) in the inbox once it has stopped changing for
 * INBOX_STABLE_MS. Files already there at start are enqueued too. Events only note a path; one
 * loop takes the noted paths a round at a time and queues them while the queue has room
 * (QUEUE_WINDOW), so a drop of any size costs a path in memory per file, not a pending task. A file
 * that cannot be enqueued now (Redis down) stays in the inbox for the scheduled rescan, which also
 * takes what no event announced. Links are never followed (a link to a folder elsewhere must not
 * bring that folder's files in); they and other entries that are not regular files are reported
 * and left alone.
 */
export async function watchInbox(producer: Producer, log: Logger): Promise<InboxWatcher> {
  const { queues, config } = producer;
  await mkdir(config.inbox.dir, { recursive: true });
  const noted = new Set<string>();
  let closed = false;
  let wake: () => void = () => {};
  const note = (file: string) => {
    noted.add(file);
    wake();
  };

  const takeRound = async () => {
    const round: string[] = [];
    for (const file of noted) if (round.push(file) >= ROUND) break;
    const states = await fileStates(round, config.inbox.stableMs);
    for (const file of round) {
      noted.delete(file);
      // Still being written: looked at again after the files noted since.
      if (states.get(file) === 'changing') noted.add(file);
    }
    const files = round.filter((file) => states.get(file) === 'settled').map((file) => inboxFile(config, file));
    await enqueueFiles(producer, files, async (file, { outcome, reason }) => {
      if (outcome !== 'skipped') return reason ? log.error(`${outcome}, but not moved`, { file: file.path, reason }) : log.info(outcome, { file: file.path });
      await recordSkipped(queues, config, [{ file: file.key, reason: reason ?? 'not a regular file' }]);
      log.warn('skipped', { file: file.path, reason });
    }).catch((error: Error) => log.error('could not enqueue; the rescan will retry', { files: files.length, error: error.message }));
    // Entries settled or gone are done with; only files still being written mean waiting.
    return round.filter((file) => states.get(file) !== 'changing').length;
  };

  const folders = watchFolders(config.inbox.dir, (entry) => isInboxCandidate(config.inbox, entry), note, (error) =>
    log.error('watch error', { error: error.message }),
  );
  const listing = await listInbox(config.inbox);
  for (const file of [...listing.skipped.map((entry) => entry.path), ...listing.files]) noted.add(file);
  const loop = (async () => {
    while (!closed) {
      const taken = noted.size > 0 ? await takeRound() : 0;
      // Nothing ready: wait for a new event, or for the files being written to settle.
      if (taken === 0 && !closed) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, noted.size > 0 ? Math.min(config.inbox.stableMs, 250) : 1000)));
    }
  })();
  log.info('watching', { inbox: config.inbox.dir });
  return {
    async close() {
      closed = true;
      folders.close();
      wake();
      await loop;
    },
  };
}
