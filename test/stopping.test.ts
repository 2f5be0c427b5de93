import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { enqueueFile, filesFromArguments } from '../src/jobs/producer.ts';
import { exitOf, isRunning, spawnNpm } from './support/cli.ts';
import { REPO_ROOT, useTestEnvironment, waitFor } from './support/environment.ts';
import { logged, logLines } from './support/logs.ts';
import { startProcessPipeline } from './support/processes.ts';

const environment = useTestEnvironment();

describe('stopping', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)('%s to the PID of `npm start` stops the service gracefully and leaves no node behind', async (signal) => {
    const seeds = path.join(environment.dir, `no-seeds-${signal}`);
    await mkdir(seeds, { recursive: true });
    // The test server trusts local connections: the password is there to be left out of the logs.
    const database = new URL(environment.config.database.url);
    database.password = 's3cret';
    const npm = spawnNpm('start', { ...environment.env, SEEDS_DIR: seeds, DATABASE_URL: database.toString() });
    let node: number | undefined;
    try {
      await waitFor('the service to run', async () => logged(npm.output(), 'watching').length > 0);
      // Its first lines say what it works on, without the password, and how to stop it.
      const [servers, howToStop] = logLines(npm.output());
      database.password = '***';
      expect(servers!.msg).toBe(`start: database ${database}, Redis ${environment.config.redisUrl}, queue prefix ${environment.config.queuePrefix}`);
      expect(npm.output()).not.toContain('s3cret');
      expect(howToStop!.msg).toMatch(/^stop with Ctrl-C or `kill \d+` \(SIGINT\/SIGTERM\): active jobs finish within 30 s/);
      node = howToStop!.pid as number;
      expect(node).not.toBe(npm.pid);

      npm.kill(signal);
      // npm passes SIGTERM and SIGINT on; killed outright, it leaves node to notice it has gone.
      expect(await exitOf(npm), npm.output()).toEqual(signal === 'SIGKILL' ? { code: null, signal } : { code: 0, signal: null });
      await waitFor('node to be gone', async () => !isRunning(node!), 10_000);
      expect(logged(npm.output(), 'shutting down: finishing active jobs')).toEqual([expect.objectContaining({ signal: signal === 'SIGKILL' ? 'parent gone' : signal })]);
      expect(logged(npm.output(), 'stopped')).toHaveLength(1);
    } finally {
      // Whatever a failed test leaves running.
      if (npm.exitCode === null) npm.kill('SIGKILL');
      if (node !== undefined && isRunning(node)) process.kill(node, 'SIGKILL');
    }
  });
});

describe('a stop that takes too long', () => {
  it('ends after SHUTDOWN_TIMEOUT_MS, and another worker completes the job it held', async () => {
    const pipeline = await startProcessPipeline({ SHUTDOWN_TIMEOUT_MS: '2000', ENTITY_THREADS: '1' });
    // Holds back every write to the article table, so that the job stays active in its last stage.
    const blocker = new pg.Client({ connectionString: pipeline.config.database.url });
    await blocker.connect();
    try {
      const first = pipeline.services.start('worker');
      await waitFor('the worker to run', async () => logged(first.output(), 'workers running').length > 0);
      await blocker.query('begin');
      await blocker.query('lock table article in share mode');
      for (const found of await filesFromArguments([path.join(REPO_ROOT, 'seeds/000_efed8caf83f9d982.txt')])) await enqueueFile(pipeline, found);
      await waitFor('the job to wait for the lock', async () => {
        const { rows } = await blocker.query("select count(*)::int as n from pg_locks where not granted and relation = 'article'::regclass");
        return rows[0].n > 0;
      });

      const started = performance.now();
      expect(await pipeline.services.stop(first)).toEqual({ code: 1, signal: null });
      expect(performance.now() - started).toBeLessThan(2000 + 10_000);
      expect(logged(first.output(), 'shutdown timed out: exiting with jobs unfinished; another worker takes them up')).toHaveLength(1);

      await blocker.query('commit');
      pipeline.services.start('worker');
      // Once its lock lapses (15 s) and the stalled-job check finds it (every 10 s).
      await waitFor(
        'the held article to be stored by the second worker',
        async () => (await pipeline.db.selectFrom('article').select('id').execute()).length === 1,
        90_000,
      );
    } finally {
      await blocker.end();
      await pipeline.close();
    }
  }, 150_000);
});
