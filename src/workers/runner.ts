import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Piscina } from 'piscina';
import { z } from 'zod';
import { ArticleError } from '../article/article.ts';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import { settleFailed, settleProcessed } from '../inbox/lifecycle.ts';
import { type Payloads, payloadSchemas, sourceSchema } from '../jobs/payloads.ts';
import { nextStage, openQueues, QUEUE_NAMES, type QueueName, redisConnection, STAGES, type Stage } from '../jobs/queues.ts';
import { scheduleInboxRescan } from '../jobs/scheduler.ts';
import { type Logger, onceUntilChanged } from '../log.ts';
import type { Extraction, Task, TaskContext, TaskResults } from './context.ts';
import { normalizeDates } from './dates.ts';
import { extractEntities } from './entities.ts';
import { rescan } from './rescan.ts';
import { upsert } from './upsert.ts';
import { validate } from './validate.ts';

/** The task behind every queue; the type demands one for each queue name. */
export const tasks: { [Q in QueueName]: Task<Q> } = {
  validate,
  dates: normalizeDates,
  entities: extractEntities,
  upsert,
  inbox: rescan,
};

const isStage = (name: QueueName): name is Stage => (STAGES as readonly string[]).includes(name);

/** Errors that no retry can mend: the file itself is wrong, or the job data is. */
function isPermanent(error: unknown): boolean {
  return error instanceof ArticleError || error instanceof UnrecoverableError;
}

function parsePayload<Q extends QueueName>(name: Q, data: unknown): Payloads[Q] {
  const parsed = payloadSchemas[name].safeParse(data);
  if (!parsed.success) {
    throw new UnrecoverableError(`job data does not fit the ${name} queue: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as Payloads[Q];
}

/**
 * Wraps a task with what every stage shares: payload validation, handing the result to the next
 * stage under the same job id, and settling an inbox file in processed/ or failed/.
 */
function processorFor<Q extends QueueName>(name: Q, context: TaskContext) {
  const task = tasks[name] as Task<Q>;
  return async (job: Job) => {
    try {
      const payload = parsePayload(name, job.data);
      const result = await task(payload, context);
      if (!isStage(name)) return result;
      const next = nextStage(name);
      if (next) {
        // Checked here, so that a result the next stage would refuse fails this job and files the article.
        await context.queues[next].add(next, parsePayload(next, result), { jobId: job.id });
        return { next };
      }
      const { source } = payload as Payloads[Stage];
      const settled = source.fromInbox ? await settleProcessed(context.config.inbox, source) : undefined;
      context.log.info('stored', { file: source.key, ...(result as TaskResults['upsert']), ...(settled === 'left' && { note: 'the inbox holds a newer version' }) });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = isPermanent(error);
      const lastAttempt = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // The source is read from the raw job data: the payload as a whole may be what failed.
      const source = isStage(name) ? sourceSchema.safeParse((job.data as { source?: unknown } | undefined)?.source).data : undefined;
      if (source?.fromInbox && lastAttempt) {
        await settleFailed(context.config.inbox, source, name, message).catch((moveError: Error) =>
          context.log.error('could not move the file to failed/', { file: source.path, error: moveError.message }),
        );
      }
      throw permanent && !(error instanceof UnrecoverableError) ? new UnrecoverableError(message) : error;
    }
  };
}

/** Parallel jobs per queue: the entity stage keeps every extraction thread busy. */
function concurrencyOf(name: QueueName, config: Config): number {
  if (name === 'inbox') return 1;
  if (name === 'entities') return config.entityThreads * 2;
  return config.workerConcurrency;
}

export interface RunningWorkers {
  /** Stops taking jobs, lets active ones finish, then releases every connection. */
  close(): Promise<void>;
}

export async function startWorkers(config: Config, log: Logger): Promise<RunningWorkers> {
  const missing = QUEUE_NAMES.filter((name) => typeof tasks[name] !== 'function');
  if (missing.length > 0) throw new Error(`no task for queue ${missing.join(', ')}`);

  const threads = new Piscina<string, Extraction>({
    filename: new URL('./entity-thread.ts', import.meta.url).href,
    maxThreads: config.entityThreads,
    workerData: { modelFile: config.nerModel },
  });
  // Refuse to start without a usable model, rather than fail every article later.
  await threads.run('').catch(async (error: Error) => {
    await threads.destroy();
    throw error;
  });
  const db = createDatabase(config.databaseUrl, config.workerConcurrency + 2, (error) =>
    log.warn('database connection lost; it will be replaced', { error: error.message }),
  );
  const queues = openQueues(config, 'service', onceUntilChanged((error) => log.error('redis error', { error: error.message })));
  const context: TaskContext = {
    config,
    db,
    queues,
    extractEntities: (text) => threads.run(text),
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
    });
    worker.on('failed', (job, error) =>
      log.warn('job failed', { queue: name, job: job?.id, file: job?.data?.source?.key, attempt: job?.attemptsMade, error: error.message }),
    );
    worker.on('error', onceUntilChanged((error) => log.error('worker error', { queue: name, error: error.message })));
    return worker;
  });
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  await scheduleInboxRescan(queues, config);
  // A Redis that restarted without its data has lost the schedule too: register it again now and then.
  const reschedule = setInterval(() => {
    scheduleInboxRescan(queues, config).catch((error: Error) => log.error('could not schedule the rescan', { error: error.message }));
  }, Math.max(config.inbox.rescanIntervalMs, 60_000));
  log.info('workers running', { queues: QUEUE_NAMES.join(','), prefix: config.queuePrefix });

  return {
    async close() {
      clearInterval(reschedule);
      await Promise.all(workers.map((worker) => worker.close()));
      await threads.destroy();
      await queues.close();
      await db.destroy();
    },
  };
}
