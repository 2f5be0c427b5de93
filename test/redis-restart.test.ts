import { describe, expect, it } from 'vitest';
import { RESCAN_SCHEDULER_ID } from '../src/jobs/scheduler.ts';
import { waitFor } from './support/environment.ts';
import { articleName, dropArticle, expectAllStoredOnce, inboxKey, storedKeys, waitUntilAllStored } from './support/outcome.ts';
import { startRedisServer } from './support/redis-server.ts';
import { startProcessPipeline } from './support/processes.ts';

/** Queued before the crash; dropped while Redis is away. */
const QUEUED = 40;
const DROPPED_DURING_OUTAGE = 10;
const ALL = Array.from({ length: QUEUED + DROPPED_DURING_OUTAGE }, (_, i) => articleName(i));

/**
 * A watcher and a worker, as processes, on a Redis of the test's own that is killed mid-way and
 * started again: with the append-only file, it comes back with every job it had acknowledged; without
 * it, it comes back empty, and the jobs it held (waiting, and those being worked on) are gone. Either
 * way every article must end stored once, the inbox empty and `audit` clean: the inbox keeps what no
 * job carries any more, and the rescan (every second here) takes it again.
 */
async function crashRedisMidWay(appendOnly: boolean): Promise<void> {
  const redis = await startRedisServer({ appendOnly });
  // A small concurrency and batches keep most of the queued articles waiting when Redis goes.
  const pipeline = await startProcessPipeline({ REDIS_URL: redis.url, RESCAN_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '2', BATCH_SIZE: '2' });
  const { config, db, queues, services } = pipeline;
  try {
    const watcher = services.start('watch');
    for (let i = 0; i < QUEUED; i++) await dropArticle(config, i);
    await waitFor('every dropped file to be queued', async () => (await queues.article.getWaitingCount()) === QUEUED);
    const worker = services.start('worker');
    await waitFor('the first stored articles', async () => (await storedKeys(db)).length >= 3);

    await redis.crash();
    const storedAtCrash = (await storedKeys(db)).length;
    expect(storedAtCrash, 'the crash came after the work was done').toBeLessThan(QUEUED);
    // Files keep arriving while Redis is away: the watcher notes them, and queues them once it is back.
    for (let i = QUEUED; i < ALL.length; i++) await dropArticle(config, i);
    await waitFor('both services to notice the outage', async () => [watcher, worker].every((service) => /redis error/.test(service.output())));
    await redis.restart();
    // Back empty (without the append-only file), Redis has lost the rescan's schedule too: the workers
    // register it again once they have reconnected, not a minute later, when they next check on it.
    await waitFor('the rescan to be scheduled again', () => queues.inbox.getJobScheduler(RESCAN_SCHEDULER_ID), 30_000);

    await waitUntilAllStored(pipeline, ALL.map(inboxKey), 90_000);
    expect(watcher.exitCode, 'the watcher outlived the outage').toBeNull();
    await expectAllStoredOnce(pipeline, ALL);
  } finally {
    await pipeline.close();
    await redis.stop();
  }
}

describe('Redis killed while work is in flight, and started again', () => {
  it('with the append-only file: every article is stored once, the inbox is emptied, audit is clean', async () => {
    await crashRedisMidWay(true);
  }, 150_000);

  it('without it (Redis comes back empty): the rescan takes again what the lost jobs carried; every article is stored once, audit is clean', async () => {
    await crashRedisMidWay(false);
  }, 150_000);
});
