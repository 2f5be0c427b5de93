import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Config } from '../src/config.ts';
import { createDatabase } from '../src/db/connection.ts';
import { enqueueFile } from '../src/jobs/producer.ts';
import { watchInbox } from '../src/jobs/watcher.ts';
import { startWorkers } from '../src/workers/runner.ts';
import { articleProgress } from '../src/jobs/progress.ts';
import { waitFor } from './support/environment.ts';
import { expectAuditClean } from './support/outcome.ts';
import { recordingLogger, type RunningPipeline, settled, startPipeline } from './support/pipeline.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

/**
 * The workers reach Postgres through a proxy that the tests take down or freeze. Two tries give a
 * retry budget of one second: an outage that outlasts it must still fail nothing.
 */
let proxy: TcpProxy;
let pipeline: RunningPipeline;
let workerConfig: () => Config;
beforeAll(async () => {
  proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  pipeline = await startPipeline(
    { JOB_ATTEMPTS: '2', DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '1000' },
    (url) => proxy.through(url),
  );
  workerConfig = () => ({ ...pipeline.config, database: { ...pipeline.config.database, url: proxy.through(pipeline.config.database.url) } });
});
afterAll(async () => {
  proxy?.set('open');
  await pipeline?.close();
  await proxy?.close();
});

async function enqueueArticles(name: string, count: number): Promise<string[]> {
  const jobIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(pipeline.dir, `${name}-${i}.txt`);
    await writeFile(file, ` date 2024-03-0${i + 1}\nMark Rutte sprak in Den Haag met de pers (${name} ${i}).\n`);
    const { jobId } = await enqueueFile(pipeline, { path: file, key: file, fromInbox: false, root: pipeline.dir });
    jobIds.push(jobId!);
  }
  return jobIds;
}

const logged = (pattern: RegExp) => pipeline.log.lines.filter((line) => pattern.test(line)).length;
const UNREACHABLE = /^Postgres cannot be reached/;
const BACK = /^Postgres answers again/;

describe('Postgres out of reach', () => {
  it('keeps the articles waiting through an outage longer than their retry budget, logs it once, and stores them after', async () => {
    proxy.set('down');
    const jobIds = await enqueueArticles('outage', 3);
    await waitFor('the outage to be logged', async () => logged(UNREACHABLE) === 1);
    // Well beyond the one second the two tries would take.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    for (const jobId of jobIds) {
      const progress = await articleProgress(pipeline.queues, jobId);
      expect(progress?.state).toBe('active');
      expect((await pipeline.queues.article.getJob(jobId))?.attemptsMade).toBe(0);
    }
    proxy.set('open');
    for (const jobId of jobIds) expect(await settled(pipeline.queues, jobId)).toMatchObject({ state: 'completed', stage: 'upsert' });
    expect(logged(UNREACHABLE)).toBe(1);
    expect(logged(BACK)).toBe(1);
    const stored = await pipeline.db.selectFrom('article').select('source_key').where('source_key', 'like', '%outage-%').execute();
    expect(stored).toHaveLength(3);
  });

  it('drops a connection that stops answering (packets lost) instead of hanging, and stores the article once the network is back', async () => {
    // A first article, so that the write connection is open when the network freezes.
    const [first] = await enqueueArticles('before-freeze', 1);
    await settled(pipeline.queues, first!);
    const unreachableBefore = logged(UNREACHABLE);
    proxy.set('frozen');
    const [jobId] = await enqueueArticles('frozen', 1);
    // The statement timeout (1 s) and the grace after it pass; then the client gives up on the connection.
    await waitFor('the frozen connection to be given up', async () => logged(UNREACHABLE) > unreachableBefore, 30_000);
    expect(pipeline.log.lines.find((line) => UNREACHABLE.test(line) && /did not answer within|timeout|terminated/i.test(line))).toBeDefined();
    proxy.set('open');
    expect(await settled(pipeline.queues, jobId!)).toMatchObject({ state: 'completed', stage: 'upsert' });
    // Stored at its first try: the wait used none.
    expect((await pipeline.queues.article.getJob(jobId!))?.attemptsMade).toBe(1);
  });

  it('lets a stopping worker go at once, and puts its waiting articles back on the queue untried', async () => {
    proxy.set('down');
    const unreachableBefore = logged(UNREACHABLE);
    const [jobId] = await enqueueArticles('stopping', 1);
    await waitFor('the outage to be logged', async () => logged(UNREACHABLE) > unreachableBefore);
    await pipeline.workers.close();
    const job = await pipeline.queues.article.getJob(jobId!);
    expect(['waiting', 'delayed']).toContain(await job!.getState());
    expect(job!.attemptsMade).toBe(0);
    proxy.set('open');
    pipeline.workers = await startWorkers(workerConfig(), pipeline.log);
    expect(await settled(pipeline.queues, jobId!)).toMatchObject({ state: 'completed', stage: 'upsert' });
  });
});

describe('the watcher with Postgres out of reach', () => {
  it('keeps the files it could not record in the inbox, says so once, and takes them when Postgres is back', async () => {
    const log = recordingLogger();
    const db = createDatabase(workerConfig().database, { max: 1 });
    const watcher = await watchInbox({ queues: pipeline.queues, config: workerConfig(), db }, log);
    try {
      proxy.set('down');
      const files = ['one.txt', 'two.txt'].map((name) => path.join(pipeline.config.inbox.dir, name));
      for (const [i, file] of files.entries()) await writeFile(file, ` date 2024-05-0${i + 1} Wopke Hoekstra sprak in Brussel (${i}).`);
      await waitFor('the watcher to report the failure', async () => log.lines.some((line) => /^could not enqueue; trying again/.test(line)));
      expect(files.every((file) => existsSync(file))).toBe(true);
      proxy.set('open');
      for (const file of files) await waitFor(`${file} to be stored and filed`, async () => existsSync(path.join(pipeline.config.inbox.processedDir, path.basename(file))));
      expect(log.lines.filter((line) => /^could not enqueue/.test(line))).toHaveLength(1);
    } finally {
      await watcher.close();
      await db.destroy();
    }
  });
});

describe('timeouts on every connection', () => {
  it('has the server cancel a statement that runs longer than DATABASE_STATEMENT_TIMEOUT_MS, and end a transaction left idle as long', async () => {
    const db = createDatabase(workerConfig().database, { max: 1 });
    try {
      await expect(sql`select pg_sleep(3)`.execute(db)).rejects.toMatchObject({ code: '57014' });
      const { rows } = await sql<{ idle: string; lock: string }>`select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('lock_timeout') as lock`.execute(db);
      expect(rows[0]).toEqual({ idle: '1s', lock: '1s' });
    } finally {
      await db.destroy();
    }
  });
});

describe('after the outages', () => {
  it('accounts for every article taken while Postgres was away or frozen: audit is clean', async () => {
    // The audit reaches Postgres directly (pipeline.env), not through the proxy.
    const stored = await pipeline.db.selectFrom('article').select('source_key').execute();
    expect(await expectAuditClean(pipeline.env)).toMatchObject({ taken: stored.length, settled: { stored: stored.length, failed: 0 } });
  });
});
