import { describe, expect, it } from 'vitest';
import { waitFor } from './support/environment.ts';
import { expectAllStoredOnce, inboxKey, startDropping, storedKeys, waitUntilAllStored } from './support/outcome.ts';
import { type Service, startProcessPipeline } from './support/processes.ts';

/** Files dropped between one step of the test and the next: enough that some arrive while no watcher runs, or while one starts. */
const BETWEEN_STEPS = 10;

describe('the watcher restarted while files keep arriving', () => {
  it('SIGTERM and SIGKILL lose nothing: every file dropped is stored exactly once, the inbox is emptied, audit is clean', async () => {
    // The rescan is all but off: the watchers alone must take every file, including those dropped
    // while none ran and those a killed watcher had recorded as taken but not yet queued.
    const pipeline = await startProcessPipeline({ RESCAN_INTERVAL_MS: '600000', WORKER_CONCURRENCY: '4' });
    const { config, db, services } = pipeline;
    const stored = async () => (await storedKeys(db)).length;
    const dropping = startDropping(config, 20);
    /** Waits until `BETWEEN_STEPS` more files have been dropped. */
    const moreDropped = async () => {
      const from = dropping.count();
      await waitFor(`${BETWEEN_STEPS} more files to be dropped`, async () => dropping.count() >= from + BETWEEN_STEPS);
    };
    try {
      services.start('worker');
      let watcher: Service = services.start('watch');
      await waitFor('the first stored articles', async () => (await stored()) >= 5);

      // Stopped as a supervisor stops it: it finishes what it is queueing and exits cleanly.
      expect(await services.stop(watcher, 'SIGTERM')).toEqual({ code: 0, signal: null });
      await moreDropped();
      watcher = services.start('watch');
      await moreDropped();
      await waitFor('the new watcher to be at work', async () => /enqueued/.test(watcher.output()));

      // Killed outright, perhaps between recording a file as taken and queueing its job.
      await services.stop(watcher, 'SIGKILL');
      await moreDropped();
      services.start('watch');
      await moreDropped();
      const dropped = await dropping.stop();

      await waitUntilAllStored(pipeline, dropped.map(inboxKey));
      await expectAllStoredOnce(pipeline, dropped);
    } finally {
      await dropping.stop();
      await pipeline.close();
    }
  }, 150_000);
});
