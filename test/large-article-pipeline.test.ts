import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArticle } from '../src/bench/articles.ts';
import { articleName, dropArticle, expectAllStoredOnce, inboxKey, waitUntilAllStored } from './support/outcome.ts';
import { startProcessPipeline } from './support/processes.ts';

const LARGE = 'large.txt';
const LARGE_BYTES = 5_000_000;
const NORMAL = Array.from({ length: 20 }, (_, i) => articleName(i));

/**
 * About 5 MB of news in one article: generated articles one after another as its paragraphs, so that
 * every stage has real work (names, dates, time expressions), not one long word.
 */
function largeArticle(): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < LARGE_BYTES; i++) {
    const paragraph = generateArticle(99, i).trim();
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  return ` date 2024-03 ${paragraphs.join('\n\n')}\n`;
}

describe('a 5 MB article at a raised MAX_ARTICLE_BYTES, beside normal ones, through the processes', () => {
  it('stores every article once; no job loses its lock, stalls or is tried again; audit is clean', async () => {
    const pipeline = await startProcessPipeline({ MAX_ARTICLE_BYTES: '6000000', WORKER_CONCURRENCY: '8' });
    const { config, db, queues, services } = pipeline;
    try {
      const worker = services.start('worker');
      services.start('watch');
      // The normal articles arrive on both sides of the large one, so that they wait and run beside it.
      for (let i = 0; i < NORMAL.length / 2; i++) await dropArticle(config, i);
      const text = largeArticle();
      await writeFile(path.join(config.inbox.dir, LARGE), text);
      for (let i = NORMAL.length / 2; i < NORMAL.length; i++) await dropArticle(config, i);

      await waitUntilAllStored(pipeline, [...NORMAL, LARGE].map(inboxKey), 120_000);
      await expectAllStoredOnce(pipeline, [...NORMAL, LARGE]);
      const large = await db.selectFrom('article').select(['id', 'body']).where('source_key', '=', inboxKey(LARGE)).executeTakeFirstOrThrow();
      expect(large.body.length).toBeGreaterThan(LARGE_BYTES * 0.95);
      const mentions = await db.selectFrom('mention').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', large.id).executeTakeFirstOrThrow();
      expect(Number(mentions.n)).toBeGreaterThan(10_000);

      // Each job ran once, to the end, holding its lock all along: BullMQ never found one stalled.
      const taken = await db.selectFrom('intake').select(['job_id', 'source_key']).execute();
      for (const { job_id, source_key } of taken) {
        const job = await queues.article.getJob(job_id);
        expect({ file: source_key, attemptsMade: job?.attemptsMade, stalledCounter: job?.stalledCounter, state: await job?.getState() }).toEqual({
          file: source_key,
          attemptsMade: 1,
          stalledCounter: 0,
          state: 'completed',
        });
      }
      expect(worker.output()).not.toMatch(/stalled|lock/i);
    } finally {
      await pipeline.close();
    }
  }, 180_000);
});
