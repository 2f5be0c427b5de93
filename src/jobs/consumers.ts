import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';

/** How often the connected workers are counted. */
const CHECK_MS = 500;

/**
 * Calls `onNone` once no worker has been connected to `queue` for `graceMs`, and again each time
 * the workers are gone again after one was seen. BullMQ names the connections of a queue's
 * workers, so Redis lists them (`getWorkersCount`); a worker still starting is given the grace time.
 * Returns a function that stops watching.
 */
export function watchConsumers(queue: Queue, onNone: () => void, graceMs = 3000): () => Promise<void> {
  const stop = new AbortController();
  const watching = (async () => {
    let lastSeen = Date.now();
    let told = false;
    while (!stop.signal.aborted) {
      if ((await queue.getWorkersCount()) > 0) {
        lastSeen = Date.now();
        told = false;
      } else if (!told && Date.now() - lastSeen >= graceMs) {
        told = true;
        onNone();
      }
      await sleep(CHECK_MS, undefined, { signal: stop.signal }).catch(() => {});
    }
  })().catch(() => {
    // Redis failing fails the command's own calls too, and they say so: the watch just ends.
  });
  return async () => {
    stop.abort();
    await watching;
  };
}
