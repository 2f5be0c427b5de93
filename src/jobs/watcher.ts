import { mkdir } from 'node:fs/promises';
import { watch } from 'chokidar';
import type { Config } from '../config.ts';
import { isInboxCandidate } from '../inbox/files.ts';
import type { Logger } from '../log.ts';
import { enqueueFile, inboxFile } from './producer.ts';
import type { Queues } from './queues.ts';
import { recordSkipped } from './skipped.ts';

export interface InboxWatcher {
  close(): Promise<void>;
}

/**
 * Enqueues each file that appears (or changes) in the inbox once it has stopped growing. Files
 * already there at start are enqueued too. A file that cannot be enqueued now (Redis down) stays
 * in the inbox for the scheduled rescan. Links are never followed (a link to a folder elsewhere
 * must not bring that folder's files in); they and other entries that are not regular files are
 * reported and left alone.
 */
export async function watchInbox(queues: Queues, config: Config, log: Logger): Promise<InboxWatcher> {
  await mkdir(config.inbox.dir, { recursive: true });
  const pending = new Set<Promise<void>>();
  const watcher = watch(config.inbox.dir, {
    ignored: (file: string) => !isInboxCandidate(config.inbox, file),
    followSymlinks: false,
    awaitWriteFinish: { stabilityThreshold: config.inbox.stableMs, pollInterval: 100 },
  });
  const onFile = (file: string) => {
    const entry = inboxFile(config, file);
    const task = enqueueFile(queues, config, entry)
      .then(async ({ outcome, reason }) => {
        if (outcome !== 'skipped') return log.info(outcome, { file });
        await recordSkipped(queues, config, [{ file: entry.key, reason: reason ?? 'not a regular file' }]);
        log.warn('skipped', { file, reason });
      })
      .catch((error: Error) => log.error('could not enqueue; the rescan will retry', { file, error: error.message }))
      .finally(() => pending.delete(task));
    pending.add(task);
  };
  watcher.on('add', onFile).on('change', onFile);
  watcher.on('error', (error) => log.error('watch error', { error: String(error) }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  log.info('watching', { inbox: config.inbox.dir });
  return {
    async close() {
      await watcher.close();
      await Promise.all(pending);
    },
  };
}
