import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/connection.ts';
import { shippedExtractor } from './support/extractor.ts';
import { enqueueFile, filesFromArguments } from '../src/jobs/producer.ts';
import { openQueues, QUEUE_NAMES } from '../src/jobs/queues.ts';
import { exitOf, spawnCli } from './support/cli.ts';
import { useTestEnvironment, REPO_ROOT, waitFor } from './support/environment.ts';
import { logged } from './support/logs.ts';

const ARTICLES = 150;
const environment = useTestEnvironment({ ENTITY_THREADS: '2', WORKER_CONCURRENCY: '4' });

describe('graceful shutdown', () => {
  it('SIGTERM during work leaves no job active, no article half written, and nothing lost', async () => {
    const { config } = environment;
    const db = createDatabase(config.database, { max: 2 });
    const queues = openQueues(config, 'command');
    try {
      // Many distinct articles, so that work is under way in every stage when the signal comes.
      const seed = readFileSync(path.join(REPO_ROOT, 'seeds/000_efed8caf83f9d982.txt'), 'utf8');
      const folder = path.join(environment.dir, 'batch');
      await mkdir(folder);
      for (let i = 0; i < ARTICLES; i++) {
        await writeFile(path.join(folder, `article-${i}.txt`), `${seed.repeat(1 + (i % 4))}\n\nBericht ${i} uit Genève.`);
      }
      for (const file of await filesFromArguments([folder])) await enqueueFile({ queues, config, db }, file);

      const worker = spawnCli(['worker'], environment.env);
      const stored = () =>
        db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
      await waitFor('the first stored articles', async () => (await stored()) >= 5);
      // It runs with a smaller young generation, as the process that was started, which the signal reaches.
      expect(readFileSync(`/proc/${worker.pid}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=32');
      worker.kill('SIGTERM');
      const exit = await exitOf(worker);
      expect(exit, worker.output()).toEqual({ code: 0, signal: null });
      expect(logged(worker.output(), 'shutting down: finishing active jobs')).toEqual([expect.objectContaining({ signal: 'SIGTERM' })]);

      for (const name of QUEUE_NAMES) {
        expect(await queues[name].getActiveCount(), `active jobs in ${name}`).toBe(0);
      }
      const storedBeforeRestart = await stored();
      expect(storedBeforeRestart).toBeLessThan(ARTICLES);
      await expectCompleteArticles(db);

      // A second worker takes up what the first left waiting: every article is stored in the end.
      const second = spawnCli(['worker'], environment.env);
      await waitFor('every article to be stored', async () => (await stored()) === ARTICLES, 90_000);
      second.kill('SIGTERM');
      expect(await exitOf(second)).toEqual({ code: 0, signal: null });
      await expectCompleteArticles(db);
      for (const name of QUEUE_NAMES.filter((n) => n !== 'inbox')) {
        expect(await queues[name].getFailedCount(), `failed jobs in ${name}`).toBe(0);
      }
    } finally {
      await queues.close();
      await db.destroy();
    }
  });
});

/** Every stored article has exactly the mentions its text yields: none is half written. */
async function expectCompleteArticles(db: ReturnType<typeof createDatabase>): Promise<void> {
  const articles = await db.selectFrom('article').select(['id', 'body']).execute();
  for (const article of articles) {
    const mentions = await db.selectFrom('mention').select('start').where('article_id', '=', article.id).execute();
    expect(mentions).toHaveLength(shippedExtractor.extract(article.body).length);
  }
}
