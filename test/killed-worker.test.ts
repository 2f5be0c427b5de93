import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArticles } from '../src/bench/write-articles.ts';
import { createDatabase } from '../src/db/connection.ts';
import { enqueueFile, filesFromArguments } from '../src/jobs/producer.ts';
import { openQueues } from '../src/jobs/queues.ts';
import { exitOf, spawnCli } from './support/cli.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { expectAuditClean } from './support/outcome.ts';

const ARTICLES = 60;
const environment = useTestEnvironment({ ENTITY_THREADS: '1', WORKER_CONCURRENCY: '8' });

describe('a worker killed mid-job', () => {
  it('leaves its jobs to another worker within 35 seconds, every article is stored once, and audit is clean', async () => {
    const { config } = environment;
    const db = createDatabase(config.database, { max: 1 });
    const queues = openQueues(config, 'command');
    try {
      const folder = path.join(environment.dir, 'articles');
      await writeArticles(folder, ARTICLES, 7);
      for (const file of await filesFromArguments([folder])) await enqueueFile({ queues, config, db }, file);
      const stored = async () => Number((await db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

      const first = spawnCli(['worker'], environment.env);
      await waitFor('the first stored articles', async () => (await stored()) >= 5);
      first.kill('SIGKILL');
      expect((await exitOf(first)).signal).toBe('SIGKILL');
      const killedAt = performance.now();
      const orphaned = (await queues.article.getActive()).map((job) => job.id);
      expect(orphaned.length).toBeGreaterThan(0);

      const second = spawnCli(['worker'], environment.env);
      try {
        await waitFor(
          'the killed worker\'s jobs to be completed by the other',
          async () => (await Promise.all(orphaned.map((id) => queues.article.getJobState(id!)))).every((state) => state === 'completed'),
          35_000,
        );
        expect(performance.now() - killedAt).toBeLessThan(35_000);
        await waitFor('every article to be stored', async () => (await stored()) === ARTICLES, 60_000);
      } finally {
        second.kill('SIGTERM');
        await exitOf(second);
      }
      expect(await queues.article.getFailedCount()).toBe(0);
      const sources = await db.selectFrom('article').select('source_key').execute();
      expect(new Set(sources.map((row) => row.source_key)).size).toBe(ARTICLES);
      // The jobs the killed worker held were run again to the end: every file taken is accounted for as stored.
      expect(await expectAuditClean(environment.env)).toMatchObject({ taken: ARTICLES, settled: { stored: ARTICLES } });
    } finally {
      await queues.close();
      await db.destroy();
    }
  }, 120_000);
});
