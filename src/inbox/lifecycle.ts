import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type InboxDirs, SIDECAR_SUFFIX } from './files.ts';

export interface InboxFile {
  /** Where the file was read from, inside the inbox. */
  path: string;
  /** sha256 of the bytes the job read; the file is only moved while it still holds them. */
  contentHash?: string;
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The sha256 of a file read in pieces, for files too large to hold in memory. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Moves a file, also across file systems. */
async function move(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if (errorCode(error) !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
}

/**
 * Whether `file` is there and holds the version a job read. A file edited since then is a newer
 * version: the watcher or the rescan queues it, and this job must not file it away.
 */
async function holdsVersion(file: string, contentHash: string | undefined): Promise<boolean> {
  try {
    if (contentHash === undefined) return (await stat(file)).isFile();
    return (await sha256OfFile(file)) === contentHash;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

const relativeTo = (inbox: InboxDirs, file: InboxFile) => path.relative(inbox.dir, file.path);
const failedPath = (inbox: InboxDirs, file: InboxFile) => path.join(inbox.failedDir, relativeTo(inbox, file));
const sidecarOf = (inbox: InboxDirs, file: InboxFile) => failedPath(inbox, file) + SIDECAR_SUFFIX;

export type Settled = 'moved' | 'left';

/**
 * Files the stored article in processed/. A retried job may find the file in failed/ already
 * (it failed once, then succeeded): it is taken from there, with its explanation.
 */
export async function settleProcessed(inbox: InboxDirs, file: InboxFile): Promise<Settled> {
  const target = path.join(inbox.processedDir, relativeTo(inbox, file));
  let moved = false;
  for (const candidate of [file.path, failedPath(inbox, file)]) {
    if (!moved && (await holdsVersion(candidate, file.contentHash))) {
      await move(candidate, target);
      moved = true;
    }
  }
  // An explanation whose file is no longer in failed/ (moved back and now stored) explains nothing.
  if (!(await holdsVersion(failedPath(inbox, file), undefined))) await rm(sidecarOf(inbox, file), { force: true });
  return moved ? 'moved' : 'left';
}

/** Files a file that could not be ingested in failed/, next to a sidecar that says why. */
export async function settleFailed(inbox: InboxDirs, file: InboxFile, stage: string, reason: string): Promise<Settled> {
  if (!(await holdsVersion(file.path, file.contentHash))) return 'left';
  const key = relativeTo(inbox, file);
  const text = [
    `${key} could not be ingested.`,
    `stage:  ${stage}`,
    `reason: ${reason}`,
    `time:   ${new Date().toISOString()}`,
    '',
    'To try again, correct the file and move it back into the inbox.',
    '',
  ].join('\n');
  await mkdir(path.dirname(sidecarOf(inbox, file)), { recursive: true });
  await writeFile(sidecarOf(inbox, file), text);
  await move(file.path, failedPath(inbox, file));
  return 'moved';
}
