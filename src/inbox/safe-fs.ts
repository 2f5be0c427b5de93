import { randomBytes } from 'node:crypto';
import { constants, type BigIntStats, type Dirent, type Stats } from 'node:fs';
import { type FileHandle, lstat, lutimes, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * File access for folders that strangers write into. Nothing here follows a symbolic link, opens
 * anything but a regular file, or touches a path that resolves outside the folder it belongs to:
 * a link in the inbox must not make the pipeline read, move or overwrite a file elsewhere, and a
 * FIFO or device must not block or flood it.
 */

/** What a directory entry is, as `lstat` sees it (links are not followed). */
export type EntryKind = 'file' | 'directory' | 'symbolic link' | 'FIFO' | 'socket' | 'device' | 'unknown';

export function kindOf(entry: Stats | BigIntStats | Dirent): EntryKind {
  if (entry.isSymbolicLink()) return 'symbolic link';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  return 'unknown';
}

/**
 * An entry whose name is not valid UTF-8: Node decodes it with replacement characters, and the
 * decoded name leads nowhere, so the entry cannot be opened, moved or even looked at by name.
 */
export const UNDECODABLE_NAME = 'name that is not UTF-8';

const explanations: Record<string, (file: string) => string> = {
  outside: (file) => `${file} leads outside its folder through a symbolic link; it is left alone`,
  [UNDECODABLE_NAME]: (file) => `${file}: its name is not valid UTF-8 (shown with \uFFFD), so it cannot be opened by name; rename it to have it taken`,
};

/** A path that is not a regular file, that leads outside its folder, or that cannot be named: it is left where it is. */
export class NotARegularFileError extends Error {
  readonly kind: EntryKind | 'outside' | typeof UNDECODABLE_NAME;
  constructor(file: string, kind: EntryKind | 'outside' | typeof UNDECODABLE_NAME) {
    super(explanations[kind]?.(file) ?? `${file} is a ${kind}, not a regular file; it is left alone`);
    this.kind = kind;
  }
}

/**
 * Whether `child` is `parent` or a path below it (by the names alone; links are checked elsewhere).
 * Only a `..` part leads up: a name that merely begins with two dots (`..foo`) is inside.
 */
export const inside = (parent: string, child: string) => {
  const relative = path.relative(parent, child);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
};

/** A configured folder as first seen: where it really is, and whether it was itself a symbolic link. */
interface RootAsSeen {
  real: string;
  link: boolean;
}

const rootsAsSeen = new Map<string, Promise<RootAsSeen>>();

/**
 * A configured folder (the inbox, processed/, failed/, a folder given to `ingest`) as first seen:
 * looked up once, and a folder swapped for a link later cannot move it. The real path is looked up
 * before the folder itself, so that a swap between the two shows as a link.
 */
function rootAsSeen(root: string): Promise<RootAsSeen> {
  let seen = rootsAsSeen.get(root);
  if (seen === undefined) {
    seen = realpath(root).then(async (real) => ({ real, link: (await lstat(root)).isSymbolicLink() }));
    // A folder that is not there yet (processed/ before the first article) is looked up again later.
    seen.catch(() => rootsAsSeen.delete(root));
    rootsAsSeen.set(root, seen);
  }
  return seen;
}

const realRoot = async (root: string) => (await rootAsSeen(root)).real;

/**
 * Checks that `folder`, with every link in it resolved, is still `root` or below it: the folders on
 * the way may have been swapped for links since they were listed.
 */
export async function assertInside(root: string, folder: string): Promise<void> {
  const [real, realFolder] = await Promise.all([realRoot(root), realpath(folder)]);
  if (!inside(real, realFolder)) throw new NotARegularFileError(folder, 'outside');
}

/** A regular file as `lstat` saw it, in a folder that was then (links resolved) inside `root`. */
export interface RegularFileInside {
  root: string;
  path: string;
  stats: BigIntStats;
}

/** Looks at `file` without following a link: a regular file whose folder lies inside `root`, or an error. */
export async function regularFileInside(root: string, file: string): Promise<RegularFileInside> {
  const stats = await lstat(file, { bigint: true });
  if (!stats.isFile()) throw new NotARegularFileError(file, kindOf(stats));
  await assertInside(root, path.dirname(file));
  return { root, path: file, stats };
}

export interface OpenedFile {
  handle: FileHandle;
  stats: BigIntStats;
}

/**
 * Opens a regular file for reading. `lstat` first, so that a FIFO or device is never opened at all;
 * then O_NOFOLLOW (a link put there in between is refused) and O_NONBLOCK (a FIFO put there in
 * between cannot block), and `fstat` to be sure the opened file is the one that was looked at.
 */
export async function openRegularFile(file: string, root: string): Promise<OpenedFile> {
  const { stats: seen } = await regularFileInside(root, file);
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotARegularFileError(file, 'symbolic link');
    throw error;
  }
  const stats = await handle.stat({ bigint: true });
  if (!stats.isFile() || stats.ino !== seen.ino || stats.dev !== seen.dev) {
    await handle.close();
    throw new NotARegularFileError(file, stats.isFile() ? 'unknown' : kindOf(stats));
  }
  // Where the opened file really is: a folder on the way swapped for a link between the checks
  // and the open would show here (Linux names every open file under /proc/self/fd).
  const opened = await realpath(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (opened !== undefined && !inside(await realRoot(root), opened)) {
    await handle.close();
    throw new NotARegularFileError(file, 'outside');
  }
  return { handle, stats };
}

/** Reads at most `limit` bytes from the start of an opened file. */
export async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * Whether `dir` is already there, reached from `root` without any link: its real path is the root's
 * (as first seen, when it was no link) with the same names below it, so no part of it is a link, not
 * even one that stays inside. One lookup, where checking part by part takes one per part. (A file
 * there instead of a folder makes the move or write into it fail: nothing goes through it either.)
 */
async function alreadyThereInside(root: string, dir: string): Promise<boolean> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined) return false;
  const seen = await rootAsSeen(root);
  return !seen.link && real === path.join(seen.real, path.relative(root, dir));
}

/**
 * Creates `dir` and the folders above it up to `root`, one at a time: an existing part that is a
 * link or a file is refused, never followed (`mkdir -p` would follow it and create folders elsewhere).
 * A folder that is already there as it should be is left as it is.
 */
export async function makeDirectoryInside(root: string, dir: string): Promise<void> {
  if (!inside(root, dir)) throw new NotARegularFileError(dir, 'outside');
  if (await alreadyThereInside(root, dir)) return;
  await mkdir(root, { recursive: true });
  // The folder itself may have been swapped for a link by whoever writes into the inbox.
  if ((await lstat(root)).isSymbolicLink()) throw new Error(`${root} is a symbolic link; name the folder it points to instead`);
  let current = root;
  for (const part of path.relative(root, dir).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info === undefined) {
      await mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    } else if (!info.isDirectory()) {
      throw new Error(`${current} is a ${kindOf(info)}, not a folder; nothing is moved through it`);
    }
  }
  await assertInside(root, dir);
}

/** A fresh name beside `target`, of a length any file system takes: an unfinished name, which no producer takes. */
const temporaryName = (target: string) => path.join(path.dirname(target), `.news-ingest-${randomBytes(6).toString('hex')}.part`);

/**
 * Writes a new file at `target` (inside `root`) in one step: into a fresh temporary file that no
 * link can redirect (O_EXCL), then renamed over the target, which replaces a link rather than
 * writing through it.
 */
export async function writeFileInside(root: string, target: string, content: string | Uint8Array | FileHandle): Promise<void> {
  await makeDirectoryInside(root, path.dirname(target));
  const temporary = temporaryName(target);
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    // A file handle is copied in pieces: a file far over the size limit is never held whole. Written
    // through the handle itself, not a write stream: a stream that may not close the handle keeps it
    // referenced, and `handle.close()` would then wait for ever.
    await handle.writeFile(typeof content === 'string' || content instanceof Uint8Array ? content : content.createReadStream({ start: 0, autoClose: false }));
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await handle.close();
  await rename(temporary, target).catch(async (error) => {
    await unlink(temporary).catch(() => {});
    throw error;
  });
}

/**
 * Moves `from`, a regular file as `regularFileInside` has just found it, to `to` (inside `toRoot`),
 * also across file systems. A link or special file is never moved. As with a rename, the file keeps
 * its modification time, and its change time is the time of the move (see `writtenSinceMoved`).
 */
export async function moveInside(from: RegularFileInside, toRoot: string, to: string): Promise<void> {
  await makeDirectoryInside(toRoot, path.dirname(to));
  try {
    await rename(from.path, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyAcross(from, toRoot, to);
  }
}

/** Whether `stats` show the very file, unchanged, that `from` was when it was found. */
const stillAsFound = (from: RegularFileInside, stats: BigIntStats) =>
  stats.dev === from.stats.dev && stats.ino === from.stats.ino && stats.ctimeNs === from.stats.ctimeNs && stats.size === from.stats.size;

/**
 * A move across file systems: a copy, then the original removed. Only the file as it was found is
 * copied, and it is removed only if it is still that file, unchanged: a newer version written
 * meanwhile stays where it is (and the copy goes), to be taken as such.
 */
async function copyAcross(from: RegularFileInside, toRoot: string, to: string): Promise<void> {
  const { handle, stats } = await openRegularFile(from.path, from.root);
  try {
    if (!stillAsFound(from, stats)) throw Object.assign(new Error(`${from.path} changed before it could be moved`), { code: 'ECHANGED' });
    await writeFileInside(toRoot, to, handle);
    await lutimes(to, Number(from.stats.atimeNs) / 1e9, Number(from.stats.mtimeNs) / 1e9);
    if (!stillAsFound(from, await handle.stat({ bigint: true })) || !stillAsFound(from, await lstat(from.path, { bigint: true }))) {
      await unlink(to);
      throw Object.assign(new Error(`${from.path} changed while it was moved`), { code: 'ECHANGED' });
    }
  } finally {
    await handle.close();
  }
  await unlink(from.path);
}

/** Removes `file` (a link is removed itself, not what it points to) when it is inside `root`. */
export async function removeInside(root: string, file: string): Promise<void> {
  try {
    await assertInside(root, path.dirname(file));
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
