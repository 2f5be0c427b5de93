import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { type FoundEntry, fileStates, isInboxCandidate, walkInbox } from '../inbox/files.ts';
import { watchFiledFolders } from '../inbox/filed-watch.ts';
import { watchFolders } from '../inbox/watch-folders.ts';
import { type Logger, onceUntilChanged } from '../log.ts';
import { enqueueFiles, inboxFile, type Producer } from './producer.ts';
import { recordSkipped, type Skipped } from './skipped.ts';

export interface InboxWatcher {
  close(): Promise<void>;
}

/** How long stopping waits for the round under way. */
const STOP_WAIT_MS = 5000;

/** Files looked at per round: checked for being completely written, then queued together. */
const ROUND = 200;

/**
 * How many paths the watcher keeps noted at most: twice what the queue takes (QUEUE_WINDOW), so
 * that the next files are at hand whenever the queue has room, and memory stays the same however
 * many files are dropped at once.
 */
const notedAtMost = (config: Config) => 2 * config.queueWindow;

/**
 * Enqueues each file that appears (or changes) in the inbox once it has stopped changing for
 * INBOX_STABLE_MS. Files already there at start are enqueued too. Events only note a path; one
 * loop takes the noted paths a round at a time and queues them while the queue has room
 * (QUEUE_WINDOW). At most {@link notedAtMost} paths are noted: a path that finds no room is
 * dropped, and once there is room again the inbox is walked (a few names at a time) for what was
 * dropped: the inbox itself holds the backlog, so a drop of any size costs the same memory and no
 * file still there is lost. The files already there at start are taken by such a walk too. A file
 * that cannot be enqueued now (Redis down) stays in the inbox for the scheduled rescan, which also
 * takes what no event announced. Links are never followed (a link to a folder elsewhere must not
 * bring that folder's files in); they and other entries that are not regular files are reported
 * and left alone.
 */
export async function watchInbox(producer: Producer, log: Logger): Promise<InboxWatcher> {
  const { queues, config } = producer;
  await mkdir(config.inbox.dir, { recursive: true });
  const atMost = notedAtMost(config);
  const noted = new Set<string>();
  // Whether paths were dropped since the last walk began: the next walk finds them. At start, the files already there.
  let dropped = true;
  let walk: AsyncGenerator<FoundEntry> | undefined;
  let closed = false;
  // A full queue holds up the files noted; stopping must not wait for room.
  const stopping = new AbortController();
  let wake: () => void = () => {};
  const note = (file: string) => {
    if (noted.size < atMost) noted.add(file);
    else if (!noted.has(file) && !dropped) {
      dropped = true;
      log.info('more files than it notes at once: the inbox is walked again for them', { noted: atMost });
    }
    wake();
  };

  const walkFailed = onceUntilChanged((error) => log.error('could not walk the inbox; trying again', { error: error.message }));
  /** Notes paths from the walk under way (or a new one, if paths were dropped) while there is room. */
  const refill = async () => {
    try {
      while (noted.size < atMost && !closed) {
        if (!walk) {
          if (!dropped) return;
          dropped = false;
          walk = walkInbox(config.inbox);
        }
        const next = await walk.next();
        if (next.done) walk = undefined;
        else noted.add(next.value.path);
      }
    } catch (error) {
      // An inbox that cannot be read now (taken away, no permission): the next round walks it again.
      walkFailed(error as Error);
      walk = undefined;
      dropped = true;
    }
  };

  const enqueueFailed = onceUntilChanged((error) => log.error('could not enqueue; trying again', { error: error.message }));
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
    const skipped: Skipped[] = [];
    try {
      await enqueueFiles(producer, files, (file, { outcome, reason }) => {
        if (outcome === 'skipped') skipped.push({ file: file.key, reason: reason ?? 'not a regular file' });
        else if (reason) log.error(`${outcome}, but not moved`, { file: file.path, reason });
        else log.info(outcome, { file: file.path });
      }, { signal: stopping.signal });
      for (const entry of await recordSkipped(queues, config, skipped)) log.warn('skipped', entry);
    } catch (error) {
      if (closed) return 0;
      // Redis or Postgres is away: the files stay in the inbox, and a walk finds them once it is back.
      enqueueFailed(error as Error);
      dropped = true;
      return 0;
    }
    // Entries settled or gone are done with; only files still being written mean waiting.
    return round.filter((file) => states.get(file) !== 'changing').length;
  };

  const watchError = (error: Error) => log.error('watch error', { error: error.message });
  const folders = watchFolders(config.inbox.dir, (entry) => isInboxCandidate(config.inbox, entry), note, watchError);
  // A file filed while its writer had only paused comes back when the writer is done; the inbox watch then takes it.
  await Promise.all([mkdir(config.inbox.processedDir, { recursive: true }), mkdir(config.inbox.failedDir, { recursive: true })]);
  const filed = watchFiledFolders(config.inbox, config.inbox.stableMs, (file) => log.warn('written to after it was filed: back in the inbox as a newer version', { file }), watchError);
  const loop = (async () => {
    try {
      while (!closed) {
        await refill();
        const taken = noted.size > 0 ? await takeRound() : 0;
        // Nothing ready: wait for a new event, or for the files being written to settle.
        if (taken === 0 && !closed) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, noted.size > 0 ? Math.min(config.inbox.stableMs, 250) : 1000)));
      }
    } finally {
      // Closes the folders a walk cut short still has open.
      await walk?.return(undefined);
    }
  })();
  log.info('watching', { inbox: config.inbox.dir });
  return {
    async close() {
      closed = true;
      stopping.abort();
      folders.close();
      filed.close();
      wake();
      // A round held up by a Redis or Postgres that does not answer is not waited for long: the
      // files it was queueing are still in the inbox, and the next watcher or rescan takes them.
      await Promise.race([loop, sleep(STOP_WAIT_MS, undefined, { ref: false })]);
    },
  };
}
