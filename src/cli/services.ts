import type { Command } from 'commander';
import { type Config, withoutPassword } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { serveHealth } from '../http/health.ts';
import { openQueues } from '../jobs/queues.ts';
import { scheduleInboxRescan } from '../jobs/scheduler.ts';
import { watchInbox } from '../jobs/watcher.ts';
import { createLogger, onceUntilChanged } from '../log.ts';
import { startWorkers } from '../workers/runner.ts';
import { ingest } from './ingest.ts';
import { closeOnSignal } from './signals.ts';

const log = createLogger('news-ingest');

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
 * Runs a long-running command until SIGINT or SIGTERM: says what it works on and how to stop it,
 * brings the schema up to date, serves the health endpoints (before the service starts, so that a
 * taken port stops it at once), then starts the service; `start` returns what stops it.
 */
async function runService(command: string, config: Config, start: () => Promise<() => Promise<void>>): Promise<void> {
  log.info(`${command}: database ${withoutPassword(config.database.url)}, Redis ${withoutPassword(config.redisUrl)}, queue prefix ${config.queuePrefix}`);
  log.info(
    `stop with Ctrl-C or \`kill ${process.pid}\` (SIGINT/SIGTERM): active jobs finish within ${config.shutdownTimeoutMs / 1000} s (SHUTDOWN_TIMEOUT_MS); a second signal stops at once`,
    { pid: process.pid },
  );
  await prepareDatabase(config.database);
  const stopHealth = await serveHealth(config, createLogger('health'));
  const stop = await start();
  closeOnSignal(async () => {
    await stop();
    await stopHealth();
  }, config.shutdownTimeoutMs);
}

/** `watch`, `worker` and `start`: the commands that run until they are stopped. */
export function addServiceCommands(program: Command, config: () => Config): void {
  program
    .command('watch')
    .description('enqueue each file dropped into the inbox once it is completely written')
    .action(() => runService('watch', config(), () => watch(config())));

  program
    .command('worker')
    .description('run the stage workers and the scheduled inbox rescan until SIGINT/SIGTERM')
    .action(() =>
      runService('worker', config(), async () => {
        const workers = await startWorkers(config(), createLogger('worker'));
        return () => workers.close();
      }),
    );

  program
    .command('start')
    .description('the whole service in one process: migrate, ingest the seeds, run the workers and watch the inbox')
    .action(async () => {
      await runService('start', config(), async () => {
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
}
