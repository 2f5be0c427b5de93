import { createHash } from 'node:crypto';
import path from 'node:path';
import { type InboxDirs, SIDECAR_SUFFIX } from './files.ts';
import { moveInside, NotARegularFileError, openRegularFile, regularFileInside, removeInside, writeFileInside } from './safe-fs.ts';

/** Which version of a file a job was made for: its size and change time (ctime, in nanoseconds). */
export interface FileVersion {
  size: number;
  changedAt: string;
}

export interface InboxFile {
  /** Where the file was read from, inside the inbox. */
  path: string;
  /** sha256 of the bytes the job read; the file is only moved while it still holds them. */
  contentHash?: string;
  /** Or the version the job was made for, when it did not read the file (it is moved only while it is that version). */
  version?: FileVersion;
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The sha256 of a regular file below `root`, read in pieces (it may be too large to hold in memory). */
export async function sha256OfFile(file: string, root: string): Promise<string> {
  const { handle } = await openRegularFile(file, root);
  try {
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * Whether `file` is there, a regular file below `root`, and holds the version a job read. A file
 * edited since then is a newer version: the watcher or the rescan queues it, and this job must not
 * file it away. A link or special file put in its place is not ours to move.
 */
async function holdsVersion(root: string, file: string, expected: Omit<InboxFile, 'path'>): Promise<boolean> {
  try {
    if (expected.contentHash !== undefined) return (await sha256OfFile(file, root)) === expected.contentHash;
    const { handle, stats } = await openRegularFile(file, root);
    await handle.close();
    return expected.version === undefined || (Number(stats.size) === expected.version.size && String(stats.ctimeNs) === expected.version.changedAt);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' || error instanceof NotARegularFileError) return false;
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
  for (const [root, candidate] of [
    [inbox.dir, file.path],
    [inbox.failedDir, failedPath(inbox, file)],
  ] as const) {
    if (!moved && (await holdsVersion(root, candidate, file))) {
      await moveInside(await regularFileInside(root, candidate), inbox.processedDir, target);
      moved = true;
    }
  }
  // An explanation whose file is no longer in failed/ (moved back and now stored) explains nothing.
  if (!(await holdsVersion(inbox.failedDir, failedPath(inbox, file), {}))) await removeInside(inbox.failedDir, sidecarOf(inbox, file));
  return moved ? 'moved' : 'left';
}

/** Files a file that could not be ingested in failed/, next to a sidecar that says why. */
export async function settleFailed(inbox: InboxDirs, file: InboxFile, stage: string, reason: string): Promise<Settled> {
  if (!(await holdsVersion(inbox.dir, file.path, file))) return 'left';
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
  await writeFileInside(inbox.failedDir, sidecarOf(inbox, file), text);
  // Looked at again: the file may have been swapped while the explanation was written.
  await moveInside(await regularFileInside(inbox.dir, file.path), inbox.failedDir, failedPath(inbox, file));
  return 'moved';
}
