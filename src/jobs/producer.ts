import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { isDataError } from '../db/errors.ts';
import { recordSettled, recordTaken, type TakenFile } from '../db/intake.ts';
import { isUnfinishedName, type Listing, listEntriesUnder } from '../inbox/files.ts';
import { settleFailed, settleProcessed, sha256 } from '../inbox/lifecycle.ts';
import { kindOf, NotARegularFileError } from '../inbox/safe-fs.ts';
import type { Payloads, Source } from './payloads.ts';
import { articleProgress } from './progress.ts';
import type { Queues } from './queues.ts';

export interface FileToIngest {
  path: string;
  /** The article's identity: `inbox/<path inside the inbox>` or the file's absolute path. */
  key: string;
  fromInbox: boolean;
  /** The folder the file must stay inside: the inbox, or the folder (of the file) given to `ingest`. */
  root: string;
}

/**
 * - `enqueued`: a new job now carries the file;
 * - `in-progress`: a job for this very file (same path, same version) is already under way;
 * - `stored`: that job has already stored the article;
 * - `retried`: that job had failed for good and was started again (files given to `ingest`);
 * - `failed`: that job had failed for good, and the inbox file was moved to failed/;
 * - `skipped`: not a regular file (a symbolic link, FIFO, socket or device), or one whose record the
 *   database refuses (a path too long to index): never opened, left where it is;
 * - `gone`: the file disappeared before it could be queued.
 */
export const ENQUEUE_OUTCOMES = ['enqueued', 'in-progress', 'stored', 'retried', 'failed', 'skipped', 'gone'] as const;
export type EnqueueOutcome = (typeof ENQUEUE_OUTCOMES)[number];
export type EnqueueSummary = Record<EnqueueOutcome, number>;

export function emptySummary(): EnqueueSummary {
  return Object.fromEntries(ENQUEUE_OUTCOMES.map((outcome) => [outcome, 0])) as EnqueueSummary;
}

export interface Enqueued {
  outcome: EnqueueOutcome;
  /** The id of the file's job; absent when the file could not be queued. */
  jobId?: string;
  /** Why a file was skipped (what it is instead of a regular file), or why it could not be moved where its outcome belongs. */
  reason?: string;
}

/**
 * Moves an inbox file where its job's outcome says it belongs. A folder that cannot take it leaves
 * it in the inbox for the next look, and says why: one file that cannot be moved must not stop the
 * others from being queued.
 */
async function fileAway(settle: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await settle();
    return undefined;
  } catch (error) {
    return `it stays in the inbox: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** What a producer works with: the queues, the settings, and the database that records what it takes. */
export interface Producer {
  queues: Queues;
  config: Config;
  db: Kysely<Database>;
}

/** A file version to queue: its job's id and the job's payload. */
interface Taking {
  jobId: string;
  source: Source;
}

const takenFile = ({ jobId, source }: Taking): TakenFile => ({ jobId, sourceKey: source.key, path: source.path, fromInbox: source.fromInbox, size: source.size });

/**
 * Records the versions as taken, then queues their jobs: Redis never holds a job that Postgres has
 * no record of, so `audit` knows of every file accepted, whatever becomes of its job. A record the
 * database refuses for its own data (a path too long to index) is looked at file by file, so that
 * one such file cannot hold up the others; the refused ones are not queued, and returned with why.
 */
async function take({ queues, db }: Producer, taking: readonly Taking[]): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  if (taking.length === 0) return refused;
  try {
    await recordTaken(db, taking.map(takenFile));
  } catch (error) {
    if (!isDataError(error)) throw error;
    for (const entry of taking) {
      await recordTaken(db, [takenFile(entry)]).catch((fileError: Error) => {
        if (!isDataError(fileError)) throw fileError;
        refused.set(entry.jobId, `${entry.source.path} cannot be recorded, so it is not taken: ${fileError.message}`);
      });
    }
  }
  const taken = taking.filter(({ jobId }) => !refused.has(jobId));
  await queues.article.addBulk(taken.map(({ jobId, source }) => ({ name: 'article', data: { source } satisfies Payloads['article'], opts: { jobId } })));
  return refused;
}

/** What became of a file `take` was given: queued, or refused with the reason. */
const takenOutcome = (refused: Map<string, string>, { jobId }: Taking): Enqueued =>
  refused.has(jobId) ? { outcome: 'skipped', reason: refused.get(jobId) } : { outcome: 'enqueued', jobId };

/** What a job already made of this very file, if one did. */
async function settleWithExistingJob(producer: Producer, file: FileToIngest, taking: Taking): Promise<Omit<Enqueued, 'jobId'> | undefined> {
  const { queues, config } = producer;
  const existing = await articleProgress(queues, taking.jobId);
  if (!existing) return undefined;
  if (existing.state === 'completed') {
    // Stored, but the file is still here (processed/ could not be written then): move it now.
    return { outcome: 'stored', reason: file.fromInbox ? await fileAway(() => settleProcessed(config.inbox, { path: file.path })) : undefined };
  }
  if (existing.state !== 'failed') return { outcome: 'in-progress' };
  if (file.fromInbox) {
    // The job failed for good but the file is still here: the worker stopped before moving it, or failed/ could not take it.
    const stage = existing.stage ?? 'validate';
    const reason = existing.reason ?? 'the job failed';
    // A job that failed without its worker (stopped too often) has no record of it yet.
    await recordSettled(producer.db, taking.jobId, 'failed', stage, reason);
    return { outcome: 'failed', reason: await fileAway(() => settleFailed(config.inbox, file, stage, reason)) };
  }
  // Asking again for a file given to `ingest` is asking for another try: taken again, under way again.
  await recordTaken(producer.db, [takenFile(taking)], true);
  await (await queues.article.getJob(taking.jobId))?.retry('failed');
  return { outcome: 'retried' };
}

/**
 * What to do with one file: queue it (a new version), or what is already known of it. The job
 * carries where the file is and which version was seen (size and change time), not its content: the
 * worker reads the file. The job id is derived from the path and that version, so the watcher and
 * the scheduled rescan never queue the same drop twice, while a file dropped again, edited, or moved
 * back from failed/ is a new job. Only regular files are queued (`lstat`: a link is never followed).
 */
async function inspect(producer: Producer, file: FileToIngest): Promise<Enqueued | Taking> {
  const info = await lstat(file.path, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (!info) return { outcome: 'gone' };
  if (!info.isFile()) return { outcome: 'skipped', reason: new NotARegularFileError(file.path, kindOf(info)).message };
  const jobId = sha256(`${file.path}\0${info.dev}\0${info.ino}\0${info.ctimeNs}\0${info.size}`).slice(0, 40);
  const source: Source = {
    key: file.key,
    path: file.path,
    root: file.root,
    fromInbox: file.fromInbox,
    size: Number(info.size),
    changedAt: String(info.ctimeNs),
    modifiedAt: new Date(Number(info.mtimeMs)).toISOString(),
  };
  const settled = await settleWithExistingJob(producer, file, { jobId, source });
  return settled ? { ...settled, jobId } : { jobId, source };
}

const isTaking = (inspected: Enqueued | Taking): inspected is Taking => 'source' in inspected;

/** Puts one file on the article queue, unless a job already carries this very version (see {@link inspect}). */
export async function enqueueFile(producer: Producer, file: FileToIngest): Promise<Enqueued> {
  const inspected = await inspect(producer, file);
  if (!isTaking(inspected)) return inspected;
  return takenOutcome(await take(producer, [inspected]), inspected);
}

/** Files queued at a time: their look-ups, their record and their jobs travel together. */
const CHUNK = 100;

/** Whether fewer jobs than QUEUE_WINDOW wait or run: a large backlog stays on disk, not in Redis. */
async function hasRoom(queues: Queues, config: Config): Promise<boolean> {
  const counts = await queues.article.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).reduce((sum, n) => sum + n, 0) < config.queueWindow;
}

/** Waits, asking again less and less often, until the queue has room; `signal` ends the wait (with an AbortError). */
async function roomInQueue(queues: Queues, config: Config, signal?: AbortSignal): Promise<void> {
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    await sleep(delay, undefined, { signal });
    if (await hasRoom(queues, config)) return;
  }
}

export interface EnqueueOptions {
  /** Stop when the queue is full instead of waiting for room (the rescan: the next one goes on). */
  untilFull?: boolean;
  /** Ends a wait for room at once (a watcher that is stopping), with an AbortError. */
  signal?: AbortSignal;
}

/**
 * Queues many files, a chunk at a time, each chunk once the queue has room (QUEUE_WINDOW);
 * `onEach` hears each file's outcome in order. With `untilFull`, the files not looked at when the
 * queue filled up are not counted.
 */
export async function enqueueFiles(
  producer: Producer,
  files: readonly FileToIngest[],
  onEach: (file: FileToIngest, enqueued: Enqueued) => void | Promise<void>,
  { untilFull = false, signal }: EnqueueOptions = {},
): Promise<EnqueueSummary> {
  const { queues, config } = producer;
  const summary = emptySummary();
  for (let start = 0; start < files.length; start += CHUNK) {
    if (!(await hasRoom(queues, config))) {
      if (untilFull) break;
      await roomInQueue(queues, config, signal);
    }
    const chunk = files.slice(start, start + CHUNK);
    const inspected = await Promise.all(chunk.map((file) => inspect(producer, file)));
    const refused = await take(producer, inspected.filter(isTaking));
    const results = inspected.map((entry) => (isTaking(entry) ? takenOutcome(refused, entry) : entry));
    for (const [i, result] of results.entries()) {
      summary[result.outcome] += 1;
      await onEach(chunk[i]!, result);
    }
  }
  return summary;
}

/** Every entry of a listing in path order: entries that are not regular files are skipped by `enqueueFile`, which reports them. */
export const entriesOf = (listing: Listing) => [...listing.files, ...listing.skipped.map((entry) => entry.path)].sort();

/**
 * The files behind command-line arguments: a folder stands for every article file below it. A path
 * named on the command line is taken where it leads (the user chose it); below a folder, links are
 * never followed.
 */
export async function filesFromArguments(args: string[]): Promise<FileToIngest[]> {
  const files: FileToIngest[] = [];
  for (const arg of args) {
    const absolute = await realpath(path.resolve(arg)).catch(() => undefined);
    const info = absolute === undefined ? undefined : await stat(absolute).catch(() => undefined);
    if (absolute === undefined || !info) throw new Error(`${arg}: no such file or folder`);
    const root = info.isDirectory() ? absolute : path.dirname(absolute);
    const found = info.isDirectory() ? entriesOf(await listEntriesUnder(absolute, (file) => !isUnfinishedName(file))) : [absolute];
    // One at a time: spreading a folder of a hundred thousand files into push() overflows the stack.
    for (const file of found) files.push({ path: file, key: file, fromInbox: false, root });
  }
  return files;
}

export function inboxFile(config: Config, file: string): FileToIngest {
  return { path: file, key: `inbox/${path.relative(config.inbox.dir, file)}`, fromInbox: true, root: config.inbox.dir };
}
