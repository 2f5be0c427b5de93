import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { countRows } from '../db/articles.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { readSkipped } from '../jobs/skipped.ts';
import { readStages } from '../jobs/stage-counts.ts';
import { readQueueStatus } from '../jobs/status.ts';
import { withConnections } from './connections.ts';
import { positiveNumber, wholeNumber } from './options.ts';
import { formatStatus, type StatusReport } from './status-report.ts';

/** Moves the cursor home and clears the screen: the next report replaces the last one. */
const CLEAR_SCREEN = '\x1b[H\x1b[2J';

interface StatusOptions {
  json?: boolean;
  failures: number;
  watch?: boolean;
  interval: number;
}

export function addStatusCommand(program: Command, config: () => Config): void {
  program
    .command('status')
    .description('job counts per queue and stage, database totals and the latest failures')
    .option('--json', 'print JSON for scripts')
    .option('--failures <n>', 'how many recent failures to list', wholeNumber(0), 10)
    .option('--watch', 'report again and again until Ctrl-C (redrawn in place on a terminal)')
    .option('--interval <s>', 'seconds between reports with --watch', positiveNumber, 2)
    .action(async (options: StatusOptions) => {
      await prepareDatabase(config().database);
      await withConnections(config(), async ({ queues, db }) => {
        const read = async (): Promise<StatusReport> => {
          const [queueStatus, stages, database, skipped] = await Promise.all([
            readQueueStatus(queues, options.failures),
            readStages(queues, config()),
            countRows(db),
            readSkipped(queues, config(), Math.max(options.failures, 10)),
          ]);
          return { ...queueStatus, stages: stages.tally, workers: stages.workers, database, skipped };
        };
        const print = (report: StatusReport) => console.log(options.json ? JSON.stringify(report, null, 2) : formatStatus(report));
        if (!options.watch) return print(await read());
        await watchStatus(read, print, options.interval * 1000);
      });
    });
}

/**
 * Reports every `intervalMs` until SIGINT or SIGTERM. On a terminal each report replaces the last,
 * under a line saying when it was made; elsewhere (a pipe, a file) the reports follow one another.
 */
async function watchStatus(read: () => Promise<StatusReport>, print: (report: StatusReport) => void, intervalMs: number): Promise<void> {
  const stopped = new AbortController();
  const stop = () => stopped.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    while (!stopped.signal.aborted) {
      const report = await read();
      if (stopped.signal.aborted) break;
      if (process.stdout.isTTY) {
        process.stdout.write(`${CLEAR_SCREEN}news-ingest status at ${new Date().toLocaleTimeString()}, every ${intervalMs / 1000} s; Ctrl-C to stop\n\n`);
      }
      print(report);
      if (!process.stdout.isTTY) console.log('');
      await sleep(intervalMs, undefined, { signal: stopped.signal }).catch(() => {});
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
