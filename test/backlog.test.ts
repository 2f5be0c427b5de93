import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queues } from '../src/jobs/queues.ts';
import { rescanInbox } from '../src/jobs/scheduler.ts';
import { readSkipped, SKIPPED_LISTED } from '../src/jobs/skipped.ts';
import { exitOf, spawnCli } from './support/cli.ts';
import { waitFor } from './support/environment.ts';
import { logged, logLines } from './support/logs.ts';
import { recordingLogger, type RunningPipeline, startPipeline, useProducer } from './support/pipeline.ts';

/** `count` articles of distinct content, so that each is stored as an article of its own. */
async function dropArticles(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) await writeFile(path.join(dir, `article-${i}.txt`), ` date 2024-03 Artikel ${i}: Mark Rutte sprak in Utrecht met de pers.`);
}

const waitingOrActive = async (queues: Queues) =>
  Object.values(await queues.article.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).reduce((sum, n) => sum + n, 0);

describe('the rescan of a backlog larger than the queue', () => {
  const test = useProducer({ QUEUE_WINDOW: '20' });

  it('queues files until the queue is full, and leaves the rest in the inbox for the next rescan', async () => {
    const { queues, config } = test.producer;
    await dropArticles(config.inbox.dir, 300);
    // No worker runs: the queue only fills.
    const first = await rescanInbox({ ...test.producer, config: { ...config, inbox: { ...config.inbox, stableMs: 1 } } }, recordingLogger());
    expect(first.enqueued).toBeGreaterThanOrEqual(20);
    expect(first.enqueued).toBeLessThan(300);
    expect(await waitingOrActive(queues)).toBe(first.enqueued);
    const second = await rescanInbox({ ...test.producer, config: { ...config, inbox: { ...config.inbox, stableMs: 1 } } }, recordingLogger());
    expect(second.enqueued).toBe(0);
    expect(await waitingOrActive(queues)).toBe(first.enqueued);
  });
});

describe('an inbox with more entries that are not regular files than are listed', () => {
  const test = useProducer();

  it('lists at most SKIPPED_LISTED of them, counts the others, and forgets those removed', async () => {
    const { queues, config } = test.producer;
    await mkdir(config.inbox.dir, { recursive: true });
    const links = SKIPPED_LISTED + 25;
    for (let i = 0; i < links; i++) await symlink('/dev/null', path.join(config.inbox.dir, `link-${i}.txt`));
    const log = recordingLogger();
    expect((await rescanInbox(test.producer, log)).skipped).toBe(links);
    expect(await queues.redis.hlen(`${config.queuePrefix}:skipped-inbox-entries`)).toBe(SKIPPED_LISTED);
    const { count, entries } = await readSkipped(queues, config, 10);
    expect(count).toBe(links);
    expect(entries).toHaveLength(10);
    expect(entries[0]?.reason).toMatch(/is a symbolic link, not a regular file/);
    // Each listed entry is logged once, the first time it is listed.
    expect(log.lines.filter((line) => line.startsWith('skipped '))).toHaveLength(SKIPPED_LISTED);

    for (let i = 0; i < 100; i++) await rm(path.join(config.inbox.dir, `link-${i}.txt`));
    await rescanInbox(test.producer, log);
    // Fewer than SKIPPED_LISTED are left: all of them are listed.
    expect((await readSkipped(queues, config, 10)).count).toBe(links - 100);
    expect(await queues.redis.hlen(`${config.queuePrefix}:skipped-inbox-entries`)).toBe(links - 100);
  });
});

describe('a watcher that notes at most 40 paths (QUEUE_WINDOW=20)', () => {
  let pipeline: RunningPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline({ QUEUE_WINDOW: '20' });
    // Only the watcher queues files here: the rescan does not run.
    await pipeline.queues.inbox.pause();
    await waitFor('no rescan under way', async () => (await pipeline.queues.inbox.getActiveCount()) === 0);
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('takes every one of 300 files dropped at once exactly once', async () => {
    const { dir, processedDir } = pipeline.config.inbox;
    // The workers take nothing yet: the queue fills, and the watcher must drop what it cannot note.
    await pipeline.queues.article.pause();
    const watch = spawnCli(['watch'], pipeline.env);
    try {
      await waitFor('the watcher to start', async () => logged(watch.output(), 'watching').length > 0);
      await dropArticles(dir, 300);
      await waitFor('the watcher to drop paths', async () => logLines(watch.output()).some(({ msg }) => msg.startsWith('more files than it notes at once')));
      await pipeline.queues.article.resume();
      await waitFor('300 files in processed/', async () => existsSync(processedDir) && readdirSync(processedDir).length === 300, 50_000);

      const enqueued = logged(watch.output(), 'enqueued').map(({ file }) => path.basename(String(file)));
      expect(enqueued).toHaveLength(300);
      expect(new Set(enqueued).size).toBe(300);
      const stored = await pipeline.db.selectFrom('article').select('source_key').execute();
      expect(new Set(stored.map((row) => row.source_key)).size).toBe(300);
      expect(stored).toHaveLength(300);
      expect(await pipeline.queues.article.getFailedCount()).toBe(0);
      expect(readdirSync(dir).filter((name) => name.startsWith('article-'))).toEqual([]);
    } finally {
      watch.kill('SIGKILL');
      await exitOf(watch);
    }
  });

  it('stops at once on SIGTERM while it waits for room in a full queue', async () => {
    await pipeline.queues.article.pause();
    const watch = spawnCli(['watch'], pipeline.env);
    try {
      await waitFor('the watcher to start', async () => logged(watch.output(), 'watching').length > 0);
      await dropArticles(path.join(pipeline.config.inbox.dir, 'more'), 60);
      await waitFor('the queue to be full', async () => (await pipeline.queues.article.getWaitingCount()) >= 20);
      watch.kill('SIGTERM');
      expect(await exitOf(watch)).toEqual({ code: 0, signal: null });
      expect(logged(watch.output(), 'stopped')).toHaveLength(1);
    } finally {
      watch.kill('SIGKILL');
      await pipeline.queues.article.resume();
    }
  });
});
