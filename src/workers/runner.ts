import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { Piscina } from 'piscina';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import { mostMentionedNames } from '../db/known-names.ts';
import { statisticsKeeper } from '../db/statistics.ts';
import { recordSettled } from '../db/intake.ts';
import { settleFailed } from '../inbox/lifecycle.ts';
import { type Payloads, payloadSchemas, sourceSchema } from '../jobs/payloads.ts';
import { openQueues, QUEUE_NAMES, type QueueName, redisConnection } from '../jobs/queues.ts';
import { scheduleInboxRescan } from '../jobs/scheduler.ts';
import { type Logger, onceUntilChanged } from '../log.ts';
import { processArticle } from './article.ts';
import type { PrepareInput } from './article-thread.ts';
import { BatchWriter } from './batch-writer.ts';
import { DatabaseWait, Postponed } from './database-wait.ts';
import { type Prepared, StageError, type Task, type TaskContext } from './context.ts';
import { KnownNamesFeed, type KnownNamesWanted } from './known-names.ts';
import { rescan } from './rescan.ts';
import { StageCounters } from './stage-counters.ts';

/** The task behind every queue; the type demands one for each queue name. */
export const tasks: { [Q in QueueName]: Task<Q> } = {
  article: processArticle,
  inbox: rescan,
};

function parsePayload<Q extends QueueName>(name: Q, data: unknown): Payloads[Q] {
  const parsed = payloadSchemas[name].safeParse(data);
  if (!parsed.success) {
    // Final, and filed like an article that fails validation (a job queued by another version, say).
    throw new StageError('validate', `job data does not fit the ${name} queue: ${z.prettifyError(parsed.error)}`, true);
  }
  return parsed.data as Payloads[Q];
}

/**
 * Runs a task with what every queue shares: payload validation and, when an article fails for good
 * (the article is at fault, or its tries are used up), counting the failure for its stage,
 * recording it with its reason, and filing an inbox file in failed/.
 */
async function runTask<Q extends QueueName>(name: Q, context: TaskContext, job: Job) {
  const task = tasks[name] as Task<Q>;
  try {
    return await task(parsePayload(name, job.data), context, { id: String(job.id), queuedAt: new Date(job.timestamp), attempt: job.attemptsMade });
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    const lastAttempt = error.final || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!lastAttempt) throw error;
    context.stages.failed(error.stage, error.final ? 'data' : 'infrastructure');
    // Recorded as the job's progress, so that `status` and `ingest --wait` can name the stage.
    await job.updateProgress({ failedIn: error.stage });
    // The source is read from the raw job data: the payload as a whole may be what failed.
    const source = sourceSchema.safeParse((job.data as { source?: unknown } | undefined)?.source).data;
    // Recorded before the file is filed away: the failure and its reason outlive the job.
    if (source) await context.database.run(() => recordSettled(context.db, String(job.id), 'failed', error.stage, error.message));
    if (source?.fromInbox) {
      // Only the version this job was made for: an edited file is a newer version with a job of its own.
      await settleFailed(context.config.inbox, { path: source.path, version: source }, error.stage, error.message).catch((moveError: Error) =>
        context.log.error('could not move the file to failed/', { file: source.path, error: moveError.message }),
      );
    }
    throw new UnrecoverableError(error.message);
  }
}

/** The processor of a queue: a task put off by a stopping worker goes back to the queue as it was, no try used up. */
function processorFor<Q extends QueueName>(name: Q, context: TaskContext) {
  return async (job: Job, token?: string) => {
    try {
      return await runTask(name, context, job);
    } catch (error) {
      if (!(error instanceof Postponed)) throw error;
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError(error.message);
    }
  };
}

/** Parallel jobs per queue: enough articles in flight to keep the threads busy and the batches full. */
function concurrencyOf(name: QueueName, config: Config): number {
  return name === 'inbox' ? 1 : config.workerConcurrency;
}

export interface RunningWorkers {
  /** Stops taking jobs, lets active ones finish, then releases every connection. */
  close(): Promise<void>;
}

export async function startWorkers(config: Config, log: Logger): Promise<RunningWorkers> {
  const threads = new Piscina<PrepareInput, Prepared | KnownNamesWanted>({
    filename: new URL('./article-thread.ts', import.meta.url).href,
    maxThreads: config.entityThreads,
    minThreads: config.entityThreads,
    workerData: { modelFile: config.nerModel },
    // V8 lets a busy thread's young generation grow to well over 100 MB of resident memory; a
    // smaller one costs a few more (cheap) collections and keeps a worker's memory flat and low.
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  // Refuse to start without a usable model, rather than fail every article later.
  const startUp: PrepareInput = {
    stored: { format: 'text', encoding: 'utf-8', dateText: '2024', dateWhere: 'start-up', title: null, text: 'Start.', blocks: [], source: null, url: null },
    timezone: config.timezone,
    knownNames: { generation: 0 },
  };
  await threads.run(startUp).catch(async (error: Error) => {
    await threads.destroy();
    throw error;
  });
  const onIdleError = (error: Error) => log.warn('database connection lost; it will be replaced', { error: error.message });
  const db = createDatabase(config.database, { max: 4, onIdleError });
  // Batches are written one at a time, by statements of the same text each time: one connection
  // that has them prepared.
  const writes = createDatabase(config.database, { max: 1, onIdleError, prepare: true });
  const queues = openQueues(config, 'service', onceUntilChanged((error) => log.error('redis error', { error: error.message })));
  const analyze = statisticsKeeper(db, (error) => log.warn('could not refresh the table statistics', { error: error.message }));
  const stages = new StageCounters(queues, config, log);
  const { knownNames } = config;
  const feed = new KnownNamesFeed(knownNames && (() => mostMentionedNames(db, knownNames.minMentions, knownNames.limit)), knownNames?.refreshMs ?? 0, log);
  const context: TaskContext = {
    config,
    db,
    queues,
    prepare: (input) => feed.run((task) => threads.run(task), input),
    writer: new BatchWriter(writes, config.batchSize, analyze),
    database: new DatabaseWait(db, log),
    stages,
    log,
  };
  const connection = redisConnection(config, 'service');
  const workers = QUEUE_NAMES.map((name) => {
    const worker = new Worker(name, processorFor(name, context), {
      connection,
      prefix: config.queuePrefix,
      concurrency: concurrencyOf(name, config),
      // A job whose worker died is started again; only a job that kills workers again and again fails.
      maxStalledCount: 3,
      // A dead worker's jobs are taken up within 25 s: its locks lapse within 15 s of its last renewal
      // (every 7.5 s), and the others look for lapsed locks every 10 s. The stages run on threads, so
      // nothing holds up the event loop that renews the locks.
      lockDuration: 15_000,
      stalledInterval: 10_000,
    });
    worker.on('completed', (job, result) => {
      if (name === 'article') log.info('stored', { file: job.data?.source?.key ?? job.data?.reprocess?.sourceKey, ...result });
    });
    worker.on('failed', (job, error) =>
      log.warn('job failed', { queue: name, job: job?.id, file: job?.data?.source?.key, attempt: job?.attemptsMade, error: error.message }),
    );
    worker.on('error', onceUntilChanged((error) => log.error('worker error', { queue: name, error: error.message })));
    return worker;
  });
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  await scheduleInboxRescan(queues, config);
  // A Redis that restarted without its data has lost the schedule too, and with it the rescan that
  // takes again the inbox files whose jobs it lost: register it again as soon as Redis is back (the
  // connection is ready again), and now and then in case the data went without a reconnection.
  const reschedule = () => scheduleInboxRescan(queues, config).catch((error: Error) => log.error('could not schedule the rescan', { error: error.message }));
  queues.redis.on('ready', reschedule);
  const rescheduling = setInterval(reschedule, Math.max(config.inbox.rescanIntervalMs, 60_000));
  log.info('workers running', { queues: QUEUE_NAMES.join(','), prefix: config.queuePrefix });

  return {
    async close() {
      clearInterval(rescheduling);
      queues.redis.off('ready', reschedule);
      // Articles waiting for Postgres go back to the queue rather than hold up the stop.
      context.database.close();
      await Promise.all(workers.map((worker) => worker.close()));
      await stages.close();
      await threads.destroy();
      await queues.close();
      await Promise.all([db.destroy(), writes.destroy()]);
    },
  };
}
