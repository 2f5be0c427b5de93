import { mkdir } from 'node:fs/promises';
import { watch } from 'chokidar';
import type { Config } from '../config.ts';
import { isInboxCandidate, settledFiles } from '../inbox/files.ts';
import type { Logger } from '../log.ts';
import { enqueueFiles, inboxFile } from './producer.ts';
import type { Queues } from './queues.ts';
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
 * that cannot be enqueued now (Redis down) stays in the inbox for the scheduled rescan. Links are
 * never followed (a link to a folder elsewhere must not bring that folder's files in); they and
 * other entries that are not regular files are reported and left alone.
 */
export async function watchInbox(queues: Queues, config: Config, log: Logger): Promise<InboxWatcher> {
  await mkdir(config.inbox.dir, { recursive: true });
  const noted = new Set<string>();
  let closed = false;
  let wake: () => void = () => {};

  const takeRound = async () => {
    const round: string[] = [];
    for (const file of noted) if (round.push(file) >= ROUND) break;
    const settled = new Set(await settledFiles(round, config.inbox.stableMs));
    for (const file of round) {
      noted.delete(file);
      // Still being written: looked at again after the files noted since.
      if (!settled.has(file)) noted.add(file);
    }
    const files = round.filter((file) => settled.has(file)).map((file) => inboxFile(config, file));
    await enqueueFiles(queues, config, files, async (file, { outcome, reason }) => {
      if (outcome !== 'skipped') return log.info(outcome, { file: file.path });
      await recordSkipped(queues, config, [{ file: file.key, reason: reason ?? 'not a regular file' }]);
      log.warn('skipped', { file: file.path, reason });
    }).catch((error: Error) => log.error('could not enqueue; the rescan will retry', { files: files.length, error: error.message }));
    return settled.size;
  };
  const loop = (async () => {
    while (!closed) {
      const taken = noted.size > 0 ? await takeRound() : 0;
      // Nothing ready: wait for a new event, or for the files being written to settle.
      if (taken === 0 && !closed) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, noted.size > 0 ? Math.min(config.inbox.stableMs, 250) : 1000)));
    }
  })();

  const watcher = watch(config.inbox.dir, {
    ignored: (file: string) => !isInboxCandidate(config.inbox, file),
    followSymlinks: false,
  });
  const note = (file: string) => {
    noted.add(file);
    wake();
  };
  watcher.on('add', note).on('change', note);
  watcher.on('unlink', (file) => noted.delete(file));
  watcher.on('error', (error) => log.error('watch error', { error: String(error) }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  log.info('watching', { inbox: config.inbox.dir });
  return {
    async close() {
      closed = true;
      wake();
      await watcher.close();
      await loop;
    },
  };
}
