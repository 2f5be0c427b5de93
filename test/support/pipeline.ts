import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createDatabase } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/database.ts';
import { enqueueFile, type FileToIngest, filesFromArguments, type Producer } from '../../src/jobs/producer.ts';
import { type ArticleProgress, articleProgress, isSettled } from '../../src/jobs/progress.ts';
import { openQueues, type Queues } from '../../src/jobs/queues.ts';
import type { Logger } from '../../src/log.ts';
import { type RunningWorkers, startWorkers } from '../../src/workers/runner.ts';
import { createTestEnvironment, REPO_ROOT, type TestEnvironment, useTestEnvironment, waitFor } from './environment.ts';

/** A logger that keeps its lines for assertions instead of printing them. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, fields?: object) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: record, warn: record, error: record };
}

export interface RunningPipeline extends TestEnvironment {
  db: Kysely<Database>;
  queues: Queues;
  workers: RunningWorkers;
  /** What the workers logged. */
  log: Logger & { lines: string[] };
  /** Enqueues a file and waits until it is stored or has failed for good. */
  ingest(file: FileToIngest): Promise<ArticleProgress>;
  close(): Promise<void>;
}

export async function settled(queues: Queues, jobId: string): Promise<ArticleProgress> {
  return waitFor(`job ${jobId} to settle`, async () => {
    const progress = await articleProgress(queues, jobId);
    return isSettled(progress) ? progress : undefined;
  });
}

/**
 * A test environment with the workers running in this process. `workersReach` gives the URL by
 * which the workers reach the database (through a proxy a test controls, say); the test itself and
 * the clean-up use the direct one.
 */
export async function startPipeline(overrides: NodeJS.ProcessEnv = {}, workersReach: (databaseUrl: string) => string = (url) => url): Promise<RunningPipeline> {
  const environment = await createTestEnvironment(overrides);
  const config: Config = environment.config;
  const log = recordingLogger();
  const workers = await startWorkers({ ...config, database: { ...config.database, url: workersReach(config.database.url) } }, log);
  const queues = openQueues(config, 'command');
  const db = createDatabase(config.database, { max: 2 });
  return {
    ...environment,
    db,
    queues,
    workers,
    log,
    async ingest(file) {
      const { jobId } = await enqueueFile({ queues, config, db }, file);
      if (!jobId) throw new Error(`${file.path} was not enqueued`);
      return settled(queues, jobId);
    },
    async close() {
      await workers.close();
      await queues.close();
      await db.destroy();
      await environment.cleanup();
    },
  };
}

/** The seed articles given to `ingest` are stored under their path. */
export const seedKey = (file: string) => path.join(REPO_ROOT, 'seeds', file);

/** Sends the seed articles through the pipeline, one by one, each to be stored. */
export async function ingestSeeds(pipeline: RunningPipeline): Promise<void> {
  for (const file of await filesFromArguments([path.join(REPO_ROOT, 'seeds')])) {
    expect(await pipeline.ingest(file), file.key).toMatchObject({ stage: 'upsert', state: 'completed' });
  }
}

/** A test environment of the calling block's own with a producer's connections (queues and database), and no workers. */
export function useProducer(overrides: NodeJS.ProcessEnv = {}): { readonly environment: TestEnvironment; readonly producer: Producer } {
  const environment = useTestEnvironment(overrides);
  let producer: Producer | undefined;
  beforeAll(() => {
    const { config } = environment;
    producer = { queues: openQueues(config, 'command'), config, db: createDatabase(config.database, { max: 1 }) };
  });
  afterAll(async () => {
    await producer?.queues.close();
    await producer?.db.destroy();
  });
  return {
    environment,
    get producer() {
      if (!producer) throw new Error('the producer is made before the tests run');
      return producer;
    },
  };
}
