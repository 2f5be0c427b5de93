import { Command } from 'commander';
import { CONNECTION_CLOSED_ERROR_MSG } from 'ioredis/built/utils/index.js';
import { type Config, ConfigError, hostOf, loadConfig } from '../config.ts';
import { countRows } from '../db/articles.ts';
import { createDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { openQueues } from '../jobs/queues.ts';
import { enqueueReprocessing } from '../jobs/reprocess.ts';
import { scheduleInboxRescan } from '../jobs/scheduler.ts';
import { readSkipped } from '../jobs/skipped.ts';
import { readStages } from '../jobs/stage-counts.ts';
import { readQueueStatus } from '../jobs/status.ts';
import { watchInbox } from '../jobs/watcher.ts';
import { serveHealth } from '../http/health.ts';
import { createLogger, onceUntilChanged, setLogLevel } from '../log.ts';
import { startWorkers } from '../workers/runner.ts';
import { addAuditCommand } from './audit.ts';
import { addBenchCommand } from './bench.ts';
import { addDashboardCommand } from './dashboard.ts';
import { addDatesCommand } from './dates.ts';
import { addIngestCommand, ingest } from './ingest.ts';
import { addNerCommands } from './ner.ts';
import { wholeNumber } from './options.ts';
import { addQueryCommands } from './queries.ts';
import { formatStatus } from './status-report.ts';

const log = createLogger('news-ingest');

/** Keeps a service running until SIGINT or SIGTERM, then closes it; a second signal forces exit. */
function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn('second signal: exiting without waiting', { signal });
      process.exit(130);
    }
    closing = true;
    log.info('shutting down: finishing active jobs', { signal });
    close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        log.error('shutdown failed', { error: error.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function watch(config: Config) {
  const watchLog = createLogger('watch');
  const queues = openQueues(config, 'service', onceUntilChanged((error) => watchLog.error('redis error', { error: error.message })));
  const db = createDatabase(config.database, { max: 2, onIdleError: (error) => watchLog.warn('database connection lost; it will be replaced', { error: error.message }) });
  await scheduleInboxRescan(queues, config);
  const watcher = await watchInbox({ queues, config, db }, watchLog);
  return async () => {
    await watcher.close();
    await Promise.all([queues.close(), db.destroy()]);
  };
}

/**
 * Runs a long-running command until SIGINT or SIGTERM: brings the schema up to date, serves the
 * health endpoints (before the service starts, so that a taken port stops it at once), then starts
 * the service; `start` returns what stops it.
 */
async function runService(config: Config, start: () => Promise<() => Promise<void>>): Promise<void> {
  await prepareDatabase(config.database);
  const stopHealth = await serveHealth(config, createLogger('health'));
  const stop = await start();
  closeOnSignal(async () => {
    await stop();
    await stopHealth();
  });
}

export function buildProgram(config: () => Config): Command {
  const program = new Command('news-ingest')
    .description('Ingests Dutch news articles through BullMQ workers into Postgres.')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('create the database if needed and apply the schema migrations')
    .action(async () => {
      const applied = await prepareDatabase(config().database);
      log.info(applied.length > 0 ? `applied ${applied.join(', ')}` : 'schema is up to date');
    });

  addIngestCommand(program, config);
  addAuditCommand(program, config);
  addQueryCommands(program, config);

  program
    .command('watch')
    .description('enqueue each file dropped into the inbox once it is completely written')
    .action(() => runService(config(), () => watch(config())));

  program
    .command('worker')
    .description('run the stage workers and the scheduled inbox rescan until SIGINT/SIGTERM')
    .action(() =>
      runService(config(), async () => {
        const workers = await startWorkers(config(), createLogger('worker'));
        return () => workers.close();
      }),
    );

  program
    .command('start')
    .description('the whole service in one process: migrate, ingest the seeds, run the workers and watch the inbox')
    .action(async () => {
      await runService(config(), async () => {
        const workers = await startWorkers(config(), createLogger('worker'));
        const stopWatching = await watch(config());
        return async () => {
          await stopWatching();
          await workers.close();
        };
      });
      // Queued once the workers run: a seeds folder larger than QUEUE_WINDOW waits for room they make.
      log.info('seeds', await ingest(config(), [config().seedsDir]));
    });

  program
    .command('status')
    .description('job counts per queue and stage, database totals and the latest failures')
    .option('--json', 'print JSON for scripts')
    .option('--failures <n>', 'how many recent failures to list', wholeNumber(0), 10)
    .action(async (options: { json?: boolean; failures: number }) => {
      await prepareDatabase(config().database);
      const queues = openQueues(config(), 'command');
      const db = createDatabase(config().database, { max: 1 });
      try {
        const [queueStatus, stages, database, skipped] = await Promise.all([
          readQueueStatus(queues, options.failures),
          readStages(queues, config()),
          countRows(db),
          readSkipped(queues, config(), Math.max(options.failures, 10)),
        ]);
        const report = { ...queueStatus, stages: stages.tally, workers: stages.workers, database, skipped };
        console.log(options.json ? JSON.stringify(report, null, 2) : formatStatus(report));
      } finally {
        await Promise.all([queues.close(), db.destroy()]);
      }
    });

  program
    .command('reprocess')
    .description('send stored articles through the dates, entities and upsert stages again: those from an older extractor or model, or lacking newer data')
    .option('--all', 'every stored article, whatever extracted its entities')
    .action(async (options: { all?: boolean }) => {
      await prepareDatabase(config().database);
      const current = defaultExtractorFor(config().nerModel).version;
      const queues = openQueues(config(), 'command');
      const db = createDatabase(config().database, { max: 1 });
      try {
        const count = await enqueueReprocessing(queues, db, current, options.all ?? false);
        log.info('reprocess enqueued', { articles: count, extractor: current, ...(count > 0 && { note: 'running workers replace their mentions' }) });
      } finally {
        await Promise.all([queues.close(), db.destroy()]);
      }
    });

  addDashboardCommand(program, config);
  addBenchCommand(program, config);
  addDatesCommand(program, config);
  addNerCommands(program, config);
  return program;
}

/**
 * Reads the configuration once, on first use, so that `--help` works with a broken environment;
 * the log level it names holds from then on.
 */
function lazyConfig(): () => Config {
  let config: Config | undefined;
  return () => {
    if (!config) {
      config = loadConfig();
      setLogLevel(config.logLevel);
    }
    return config;
  };
}

/** Names the setting behind a refused connection, which is what the user has to check. */
function describeError(error: unknown): string {
  const { code, address, port, message } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  // How ioredis fails the commands it was given once it stops trying to connect.
  if (message === CONNECTION_CLOSED_ERROR_MSG) return `cannot reach Redis at ${hostOf(loadConfig().redisUrl)}; is the server REDIS_URL names running?`;
  if (code !== 'ECONNREFUSED' && code !== 'ENOTFOUND') return error instanceof Error ? message : String(error);
  const variable = port !== undefined && Number(new URL(loadConfig().redisUrl).port || 6379) === port ? 'REDIS_URL' : 'DATABASE_URL';
  return `cannot connect to ${address ?? 'the server'}${port ? `:${port}` : ''} (${code}); is the server ${variable} names running?`;
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`ner --conll | head`) is no error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  try {
    await buildProgram(lazyConfig()).parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`news-ingest: ${error.message}`);
      process.exit(2);
    }
    console.error(`news-ingest: ${describeError(error)}`);
    process.exit(1);
  }
}
