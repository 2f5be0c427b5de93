import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { isUnfinishedName, type Listing, listEntriesUnder } from '../inbox/files.ts';
import { settleFailed, sha256, sha256OfFile } from '../inbox/lifecycle.ts';
import { NotARegularFileError, openRegularFile, readAtMost } from '../inbox/safe-fs.ts';
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
 * - `in-progress`: a job for this very file (same path, same change time) is already under way;
 * - `stored`: that job has already stored the article;
 * - `retried`: that job had failed for good and was started again (files given to `ingest`);
 * - `failed`: that job had failed for good, and the inbox file was moved to failed/;
 * - `unreadable`: the inbox file cannot be read (permissions) and was moved to failed/;
 * - `skipped`: not a regular file (a symbolic link, FIFO, socket or device): never opened, left where it is;
 * - `gone`: the file disappeared before it could be read.
 */
export type EnqueueOutcome = 'enqueued' | 'in-progress' | 'stored' | 'retried' | 'failed' | 'unreadable' | 'skipped' | 'gone';
export type EnqueueSummary = Record<EnqueueOutcome, number>;

export function emptySummary(): EnqueueSummary {
  return { enqueued: 0, 'in-progress': 0, stored: 0, retried: 0, failed: 0, unreadable: 0, skipped: 0, gone: 0 };
}

export interface Enqueued {
  outcome: EnqueueOutcome;
  /** The id every stage's job for this file carries; absent when the file could not be read. */
  jobId?: string;
  /** Why a file was skipped: what it is instead of a regular file. */
  reason?: string;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** What a job already made of this very file, if one did. */
async function settleWithExistingJob(queues: Queues, config: Config, file: FileToIngest, jobId: string): Promise<EnqueueOutcome | undefined> {
  const existing = await articleProgress(queues, jobId);
  if (!existing) return undefined;
  if (existing.state === 'completed' && existing.stage === 'upsert') return 'stored';
  if (existing.state !== 'failed') return 'in-progress';
  if (file.fromInbox) {
    // The job failed for good but the file is still here: the worker stopped before moving it.
    await settleFailed(config.inbox, file, existing.stage, existing.reason ?? 'the job failed');
    return 'failed';
  }
  // Asking again for a file given to `ingest` is asking for another try.
  await (await queues[existing.stage].getJob(jobId))?.retry('failed');
  return 'retried';
}

/**
 * Puts one file on the validate queue. The job id is derived from the file's path, change time
 * and content, so the watcher and the scheduled rescan never queue the same drop twice, while a
 * file dropped again, edited, or moved back from failed/ is a new job.
 */
export async function enqueueFile(queues: Queues, config: Config, file: FileToIngest): Promise<Enqueued> {
  let info;
  let bytes;
  let contentHash;
  try {
    const opened = await openRegularFile(file.path, file.root);
    try {
      info = opened.stats;
      // A file over the limit is only hashed, not held: validation refuses it by its size alone.
      bytes = info.size > config.maxArticleBytes ? null : await readAtMost(opened.handle, Number(info.size));
    } finally {
      await opened.handle.close();
    }
    contentHash = bytes ? sha256(bytes) : await sha256OfFile(file.path, file.root);
  } catch (error) {
    if (error instanceof NotARegularFileError) return { outcome: 'skipped', reason: error.message };
    if (errorCode(error) === 'ENOENT') return { outcome: 'gone' };
    if (!file.fromInbox) throw new Error(`${file.path}: cannot read the file (${errorCode(error) ?? String(error)})`);
    await settleFailed(config.inbox, { path: file.path }, 'inbox', `cannot read the file (${errorCode(error) ?? String(error)})`);
    return { outcome: 'unreadable' };
  }
  const jobId = sha256(`${file.path}\0${info.ctimeNs}\0${contentHash}`).slice(0, 40);

  const settled = await settleWithExistingJob(queues, config, file, jobId);
  if (settled) return { outcome: settled, jobId };

  const source: Source = {
    key: file.key,
    path: file.path,
    fromInbox: file.fromInbox,
    contentHash,
    modifiedAt: new Date(Number(info.mtimeMs)).toISOString(),
  };
  const payload: Payloads['validate'] = {
    source,
    size: Number(info.size),
    content: bytes === null ? null : bytes.toString('base64'),
  };
  await queues.validate.add('validate', payload, { jobId });
  return { outcome: 'enqueued', jobId };
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
    files.push(...found.map((file) => ({ path: file, key: file, fromInbox: false, root })));
  }
  return files;
}

export function inboxFile(config: Config, file: string): FileToIngest {
  return { path: file, key: `inbox/${path.relative(config.inbox.dir, file)}`, fromInbox: true, root: config.inbox.dir };
}
