import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { type InboxDirs, SIDECAR_SUFFIX, sidecarOf } from './files.ts';
import { inside, moveInside, NotARegularFileError, openRegularFile, type RegularFileInside, regularFileInside, removeInside, writeFileInside } from './safe-fs.ts';

/** Which version of a file a job was made for: its size and change time (ctime, in nanoseconds). */
export interface FileVersion {
  size: number;
  changedAt: string;
}

/** Whether a file, as `stat` or `lstat` sees it now, is still `version`: a writer changes its ctime. */
export const isVersion = (stats: BigIntStats, version: FileVersion) => stats.size === BigInt(version.size) && String(stats.ctimeNs) === version.changedAt;

export interface InboxFile {
  /** Where the file was read from, inside the inbox. */
  path: string;
  /** sha256 of the bytes the job read; the file is only moved while it still holds them. */
  contentHash?: string;
  /**
   * The version the job was made for: the file is moved only while it is that version. Given with
   * `contentHash`, it is the version read, and shows the file in the inbox without reading it again.
   */
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

/** What shows that a file is the one a job read: its content, its version, or (neither given) any regular file. */
type Evidence = Pick<InboxFile, 'contentHash' | 'version'>;

/** In the inbox the version, when the job has one, shows it without reading the file again. */
const inboxEvidence = ({ contentHash, version }: InboxFile): Evidence => (version !== undefined ? { version } : { contentHash });

/**
 * In failed/ only the content shows it: the move there changed the file's ctime, so a job that has
 * nothing but a version never finds its file there.
 */
const failedEvidence = ({ contentHash, version }: InboxFile): Evidence => (contentHash !== undefined ? { contentHash } : { version });

/**
 * `file` as found, when it is there, a regular file below `root`, and holds what `evidence` says the
 * job read. A file edited since then is a newer version: the watcher or the rescan queues it, and
 * this job must not file it away. A link or special file put in its place is not ours to move.
 */
async function findHeldVersion(root: string, file: string, evidence: Evidence): Promise<RegularFileInside | undefined> {
  try {
    if (evidence.contentHash !== undefined && (await sha256OfFile(file, root)) !== evidence.contentHash) return undefined;
    const found = await regularFileInside(root, file);
    return evidence.version === undefined || isVersion(found.stats, evidence.version) ? found : undefined;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' || error instanceof NotARegularFileError) return undefined;
    throw error;
  }
}

/** Whether anything (a link too, which is not followed) is at `file`. */
async function entryExists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
    throw error;
  }
}

const relativeTo = (inbox: InboxDirs, file: InboxFile) => path.relative(inbox.dir, file.path);
const failedPath = (inbox: InboxDirs, file: InboxFile) => path.join(inbox.failedDir, relativeTo(inbox, file));
const sidecarIn = (inbox: InboxDirs, file: InboxFile) => sidecarOf(failedPath(inbox, file));

export type Settled = 'moved' | 'left';

/**
 * Whether a file was written to since it was last moved: a move changes a file's change time
 * (ctime) but not its modification time (mtime), and a write sets both.
 */
export const writtenSinceMoved = (stats: BigIntStats) => stats.mtimeNs >= stats.ctimeNs;

/**
 * Moves a file from processed/ or failed/ (`root`) back to its place in the inbox, as a newer
 * version to take; its explanation in failed/ goes with it. A file already at that place in the
 * inbox is a version of its own: then it is left where it is.
 */
async function returnToInbox(inbox: InboxDirs, root: string, found: RegularFileInside): Promise<'returned' | 'left'> {
  const target = path.join(inbox.dir, path.relative(root, found.path));
  if (await entryExists(target)) return 'left';
  await moveInside(found, inbox.dir, target);
  if (root === inbox.failedDir) await removeInside(inbox.failedDir, sidecarOf(found.path));
  return 'returned';
}

/** Within a millisecond: a copy across file systems sets the modification time in seconds as a float, which keeps no more. */
const sameInstant = (a: bigint, b: bigint) => (a > b ? a - b : b - a) < 1_000_000n;

/**
 * Moves the file found into processed/ or failed/, then makes sure that what arrived is what was
 * found: a writer that went on in the instant between the look and the move made a newer
 * version, which goes back to the inbox to be taken as such.
 */
async function fileFound(inbox: InboxDirs, found: RegularFileInside, toRoot: string, target: string): Promise<void> {
  await moveInside(found, toRoot, target);
  const arrived = await lstat(target, { bigint: true });
  if (arrived.size !== found.stats.size || !sameInstant(arrived.mtimeNs, found.stats.mtimeNs)) await returnToInbox(inbox, toRoot, await regularFileInside(toRoot, target));
}

/** Moves `file` (below `root`) to `target` in processed/ when it holds what the job read; whether it did. */
async function moveToProcessedIfHeld(inbox: InboxDirs, root: string, file: string, evidence: Evidence, target: string): Promise<boolean> {
  const found = await findHeldVersion(root, file, evidence);
  if (found !== undefined) await fileFound(inbox, found, inbox.processedDir, target);
  return found !== undefined;
}

/**
 * Removes the explanation of a file that is no longer in failed/ (moved back and now stored): it
 * explains nothing. There is rarely one, so it is looked for before anything else.
 */
async function removeOrphanedSidecar(inbox: InboxDirs, file: InboxFile): Promise<void> {
  const sidecar = sidecarIn(inbox, file);
  if (!(await entryExists(sidecar))) return;
  if ((await findHeldVersion(inbox.failedDir, failedPath(inbox, file), {})) === undefined) await removeInside(inbox.failedDir, sidecar);
}

/**
 * Files the stored article in processed/. A retried job may find the file in failed/ already
 * (it failed once, then succeeded): it is taken from there, with its explanation.
 */
export async function settleProcessed(inbox: InboxDirs, file: InboxFile): Promise<Settled> {
  const target = path.join(inbox.processedDir, relativeTo(inbox, file));
  const moved =
    (await moveToProcessedIfHeld(inbox, inbox.dir, file.path, inboxEvidence(file), target)) ||
    (await moveToProcessedIfHeld(inbox, inbox.failedDir, failedPath(inbox, file), failedEvidence(file), target));
  await removeOrphanedSidecar(inbox, file);
  return moved ? 'moved' : 'left';
}

/** Files a file that could not be ingested in failed/, next to a sidecar that says why. */
export async function settleFailed(inbox: InboxDirs, file: InboxFile, stage: string, reason: string): Promise<Settled> {
  if ((await findHeldVersion(inbox.dir, file.path, inboxEvidence(file))) === undefined) return 'left';
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
  await writeFileInside(inbox.failedDir, sidecarIn(inbox, file), text);
  // Looked at again: the file may have been swapped or edited while the explanation was written.
  const again = await findHeldVersion(inbox.dir, file.path, inboxEvidence(file));
  if (again === undefined) {
    await removeInside(inbox.failedDir, sidecarIn(inbox, file));
    return 'left';
  }
  await fileFound(inbox, again, inbox.failedDir, failedPath(inbox, file));
  return 'moved';
}

export type Refiled = 'filed' | 'changing' | 'returned' | 'left';

/**
 * Looks again at a file in processed/ or failed/. One written to since it was filed, whose writer
 * had only paused (longer than INBOX_STABLE_MS) and then went on, is brought back into the inbox
 * once it has not changed for `stableMs`, to be taken as the newer version it is: `returned`.
 * Otherwise it stays: `filed`, or `changing` while it is still being written.
 */
export async function returnIfRewritten(inbox: InboxDirs, file: string, stableMs: number, now = Date.now()): Promise<Refiled> {
  const root = inside(inbox.failedDir, file) ? inbox.failedDir : inbox.processedDir;
  let found: RegularFileInside;
  try {
    found = await regularFileInside(root, file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' || error instanceof NotARegularFileError) return 'filed';
    throw error;
  }
  if (!writtenSinceMoved(found.stats)) return 'filed';
  if (now - Number(found.stats.mtimeNs / 1_000_000n) < stableMs) return 'changing';
  return returnToInbox(inbox, root, found);
}

/**
 * Moves a file from failed/ (`relative` to it) back to its place in the inbox to be tried again, as
 * the dashboard's retry button does; its explanation goes. Only a regular file inside failed/ is
 * moved: a path leading out of it, a link or an explanation file is `not found`, and a file
 * already at that place in the inbox is a version of its own, so this one is `left`.
 */
export async function retryFailed(inbox: InboxDirs, relative: string): Promise<'returned' | 'left' | 'not found'> {
  const file = path.resolve(inbox.failedDir, relative);
  if (file === inbox.failedDir || !inside(inbox.failedDir, file) || file.endsWith(SIDECAR_SUFFIX)) return 'not found';
  let found: RegularFileInside;
  try {
    found = await regularFileInside(inbox.failedDir, file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' || error instanceof NotARegularFileError) return 'not found';
    throw error;
  }
  return returnToInbox(inbox, inbox.failedDir, found);
}
