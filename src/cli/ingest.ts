import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { type Config, hostOf } from '../config.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { watchConsumers } from '../jobs/consumers.ts';
import { ENQUEUE_OUTCOMES, type EnqueueOutcome, enqueueFiles, filesFromArguments, type FileToIngest, type Producer } from '../jobs/producer.ts';
import { type ArticleProgress, articleProgress, isSettled } from '../jobs/progress.ts';
import type { Queues } from '../jobs/queues.ts';
import { createLogger, type Fields } from '../log.ts';
import { withConnections } from './connections.ts';
import { type Progress, startProgress } from './progress.ts';

const log = createLogger('news-ingest');

/** What became of a file by the end of `ingest --wait`. */
const FINAL_OUTCOMES = ['stored', 'failed', 'skipped', 'gone'] as const;
type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

/**
 * Prints one line per file and counts the lines by outcome: the summary counts exactly what was
 * printed. Each file is printed once, so the lines are also the progress through the files.
 */
class Report<O extends string> {
  readonly counts: Record<O, number>;

  private readonly progress: Progress;

  constructor(outcomes: readonly O[], progress: Progress) {
    this.counts = Object.fromEntries(outcomes.map((outcome) => [outcome, 0])) as Record<O, number>;
    this.progress = progress;
  }

  print(outcome: O, file: FileToIngest, fields: Fields = {}): void {
    this.counts[outcome] += 1;
    this.progress.add();
    const level = outcome === 'failed' ? 'error' : outcome === 'skipped' ? 'warn' : 'info';
    log[level](outcome, { file: file.key, ...fields });
  }
}

/** How often the jobs awaited are looked at. */
const POLL_MS = 250;
/** Jobs looked at a time: their look-ups travel to Redis together. */
const CHUNK = 100;

interface Awaited {
  file: FileToIngest;
  /** Whether its job had already stored the article before this run. */
  earlier: boolean;
}

function reportSettled(report: Report<FinalOutcome>, { file, earlier }: Awaited, progress: ArticleProgress | undefined): void {
  // Failed jobs are kept for a month; only a completed job's record expires while its file is awaited.
  if (progress === undefined) report.print('stored', file, { note: 'its job record has expired' });
  else if (progress.state === 'failed') report.print('failed', file, { stage: progress.stage, reason: progress.reason });
  else report.print('stored', file, { ...(earlier && { job: 'earlier' }), ...(progress.result as Fields) });
}

/** Reports and forgets each awaited file whose job has settled. */
async function reportSettledJobs(queues: Queues, awaited: Map<string, Awaited>, report: Report<FinalOutcome>): Promise<void> {
  const jobIds = [...awaited.keys()];
  for (let start = 0; start < jobIds.length; start += CHUNK) {
    const chunk = jobIds.slice(start, start + CHUNK);
    const progress = await Promise.all(chunk.map((jobId) => articleProgress(queues, jobId)));
    for (const [i, jobId] of chunk.entries()) {
      if (progress[i] !== undefined && !isSettled(progress[i])) continue;
      reportSettled(report, awaited.get(jobId)!, progress[i]);
      awaited.delete(jobId);
    }
  }
}

/**
 * Queues the files and prints each once, when its job has stored it or failed it for good. The jobs
 * are looked at while files are still being queued: a completed job's record is kept only so long
 * (an hour, the last thousand), and a large folder is queued a window at a time.
 */
async function enqueueAndAwait(producer: Producer, files: FileToIngest[], progress: Progress): Promise<Record<FinalOutcome, number>> {
  const report = new Report(FINAL_OUTCOMES, progress);
  const awaited = new Map<string, Awaited>();
  const enqueueing = enqueueFiles(producer, files, (file, { outcome, jobId, reason }) => {
    if (outcome === 'skipped' || outcome === 'gone') report.print(outcome, file, { reason });
    else awaited.set(jobId!, { file, earlier: outcome === 'stored' });
  });
  let enqueued = false;
  while (!enqueued || awaited.size > 0) {
    if (enqueued) await sleep(POLL_MS);
    // Wakes as soon as the queueing ends, and fails as soon as it fails.
    else enqueued = await Promise.race([enqueueing.then(() => true), sleep(POLL_MS, false)]);
    await reportSettledJobs(producer.queues, awaited, report);
  }
  return report.counts;
}

/** Queues the files, printing what became of each on the queue; returns how many had each outcome. */
async function enqueueOnly(producer: Producer, files: FileToIngest[], progress: Progress): Promise<Record<EnqueueOutcome, number>> {
  const report = new Report(ENQUEUE_OUTCOMES, progress);
  await enqueueFiles(producer, files, (file, { outcome, reason }) => report.print(outcome, file, { reason }));
  return report.counts;
}

/**
 * Queues the files behind `paths`; with `wait`, reports each by its final outcome instead. With
 * `watchWorkers`, it says so while no worker consumes the queue, where its files would wait for
 * ever (`start` leaves it out: its workers start next).
 */
export async function ingest(
  config: Config,
  paths: string[],
  options: { wait?: boolean; watchWorkers?: boolean } = {},
): Promise<Record<EnqueueOutcome, number> | Record<FinalOutcome, number>> {
  return withConnections(config, async ({ queues, db }) => {
    const stopWatching = options.watchWorkers
      ? watchConsumers(queues.article, () =>
          log.warn(`no worker is consuming the article queue (prefix ${config.queuePrefix} at ${hostOf(config.redisUrl)}); start one with \`news-ingest worker\``),
        )
      : async () => {};
    try {
      const files = await filesFromArguments(paths);
      const producer = { queues, config, db };
      const progress = startProgress(options.wait ? 'ingest (stored or failed)' : 'ingest (queued)', { unit: 'files', total: files.length });
      const counts = await (options.wait ? enqueueAndAwait(producer, files, progress) : enqueueOnly(producer, files, progress));
      progress.finish();
      return counts;
    } finally {
      await stopWatching();
    }
  });
}

export function addIngestCommand(program: Command, config: () => Config): void {
  program
    .command('ingest')
    .description('enqueue article files; a folder stands for every file below it')
    .argument('<paths...>', 'files or folders')
    .option('--wait', 'wait until each article is stored or has failed (needs running workers) and print each file once, by that outcome; exit 1 if any failed')
    .action(async (paths: string[], options: { wait?: boolean }) => {
      await prepareDatabase(config().database);
      const counts = await ingest(config(), paths, { wait: options.wait, watchWorkers: true });
      log.info('ingest done', counts);
      if (counts.failed > 0) process.exitCode = 1;
    });
}
