import { createHash } from 'node:crypto';
import { lstat, opendir } from 'node:fs/promises';
import path from 'node:path';
import { type EntryKind, inside, kindOf, UNDECODABLE_NAME } from './safe-fs.ts';

const exists = (file: string) => lstat(file).then(() => true, () => false);

export interface InboxDirs {
  dir: string;
  processedDir: string;
  failedDir: string;
}

/** The explanation written next to a failed file. */
export const SIDECAR_SUFFIX = '.error.txt';

/** The longest file name, in bytes, that common file systems (ext4, xfs, tmpfs, btrfs) allow. */
const NAME_MAX = 255;

/**
 * The explanation file for `failedFile`: `<name>.error.txt` beside it, with a name that is too long
 * for that cut short and told apart by a hash of the whole name.
 */
export function sidecarOf(failedFile: string): string {
  const name = path.basename(failedFile);
  if (Buffer.byteLength(name + SIDECAR_SUFFIX) <= NAME_MAX) return failedFile + SIDECAR_SUFFIX;
  const mark = `~${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
  let kept = '';
  for (const character of name) {
    if (Buffer.byteLength(kept + character + mark + SIDECAR_SUFFIX) > NAME_MAX) break;
    kept += character;
  }
  return path.join(path.dirname(failedFile), kept + mark + SIDECAR_SUFFIX);
}

/** Names that mark a file still being written by another program, or not meant for ingestion. */
const UNFINISHED = /(^\.|~$|\.(tmp|part|partial|crdownload|swp)$)/i;

/** Whether a path in the inbox is an article to ingest (the processed/ and failed/ folders are not). */
export function isInboxCandidate(inbox: InboxDirs, file: string): boolean {
  if (inside(inbox.processedDir, file) || inside(inbox.failedDir, file)) return false;
  const relative = path.relative(inbox.dir, file);
  if (relative === '') return true;
  return !relative.split(path.sep).some((part) => UNFINISHED.test(part)) && !file.endsWith(SIDECAR_SUFFIX);
}

/** Whether a file name marks a file still being written, or one that is not an article. */
export function isUnfinishedName(file: string): boolean {
  return UNFINISHED.test(path.basename(file));
}

/** An entry below a folder that is neither a regular file nor a folder: it is reported, never opened. */
export interface SkippedEntry {
  path: string;
  kind: Exclude<EntryKind, 'file' | 'directory'> | typeof UNDECODABLE_NAME;
}

/** An entry found below a folder: a regular file, or one to report and leave alone. */
export type FoundEntry = { path: string; kind: 'file' } | SkippedEntry;

/**
 * The regular files below `dir`, at any depth, and the entries that are not (links, FIFOs, sockets,
 * devices), one at a time: a folder's names are read a few at a time (`opendir`), never held all at
 * once, so a folder of a million files costs what a folder of ten does. Names come in the folder's
 * own order (not sorted), each folder's entries where the folder is met (depth first, one open
 * folder per level). Links are never followed, not even to folders; `include` decides which paths
 * are looked at (and which folders are entered). None when `dir` does not exist. An entry added or
 * removed while the walk runs may or may not be met; every other one is met once.
 */
export async function* walkEntriesUnder(dir: string, include: (file: string) => boolean = () => true): AsyncGenerator<FoundEntry> {
  yield* walkFolder(dir, include, true);
}

async function* walkFolder(folder: string, include: (file: string) => boolean, root: boolean): AsyncGenerator<FoundEntry> {
  let handle;
  try {
    handle = await opendir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder that went away, or one this user may not enter, has nothing to take.
    if (code === 'ENOENT' || code === 'ENOTDIR' || (code === 'EACCES' && !root)) return;
    throw error;
  }
  // Leaving the loop early (the caller stops the walk) closes the folder.
  for await (const entry of handle) {
    const file = path.join(folder, entry.name);
    if (!include(file)) continue;
    // A name with a replacement character may be one that is not UTF-8, which no decoded path reaches.
    const kind = file.includes('\uFFFD') && !(await exists(file)) ? UNDECODABLE_NAME : kindOf(entry);
    if (kind === 'directory') yield* walkFolder(file, include, false);
    else yield { path: file, kind };
  }
}

export interface Listing {
  /** Regular files, in path order. */
  files: string[];
  skipped: SkippedEntry[];
}

/** The whole of {@link walkEntriesUnder} at once, for a folder whose listing may be held in memory. */
export async function listEntriesUnder(dir: string, include?: (file: string) => boolean): Promise<Listing> {
  const listing: Listing = { files: [], skipped: [] };
  for await (const entry of walkEntriesUnder(dir, include)) {
    if (entry.kind === 'file') listing.files.push(entry.path);
    else listing.skipped.push(entry);
  }
  listing.files.sort();
  return listing;
}

/** The candidate entries of the inbox, one at a time; processed/ and failed/ are not entered. */
export function walkInbox(inbox: InboxDirs): AsyncGenerator<FoundEntry> {
  return walkEntriesUnder(inbox.dir, (file) => isInboxCandidate(inbox, file));
}

/** Files looked at at once: a listing of any size is checked a slice at a time. */
const SLICE = 256;

export type FileState = 'settled' | 'changing' | 'gone';

/** Whether each of `files` has not changed for `stableMs` (settled), is probably still being written, or is gone. */
export async function fileStates(files: readonly string[], stableMs: number, now = Date.now()): Promise<Map<string, FileState>> {
  const states = new Map<string, FileState>();
  for (let start = 0; start < files.length; start += SLICE) {
    const slice = files.slice(start, start + SLICE);
    const infos = await Promise.all(slice.map((file) => lstat(file).catch(() => undefined)));
    slice.forEach((file, i) => {
      const info = infos[i];
      states.set(file, info === undefined ? 'gone' : now - info.mtimeMs >= stableMs ? 'settled' : 'changing');
    });
  }
  return states;
}

/** Which of `files` have not changed for `stableMs`: the others are probably still being written. */
export async function settledFiles(files: readonly string[], stableMs: number, now = Date.now()): Promise<string[]> {
  const states = await fileStates(files, stableMs, now);
  return files.filter((file) => states.get(file) === 'settled');
}

/**
 * How many files wait in the inbox, counted up to `limit` and no further (`more` says there are
 * others): a backlog of millions is not walked whole to be shown.
 */
export async function countInbox(inbox: InboxDirs, limit: number): Promise<{ count: number; more: boolean }> {
  let count = 0;
  for await (const entry of walkInbox(inbox)) {
    if (entry.kind !== 'file') continue;
    if (count === limit) return { count, more: true };
    count += 1;
  }
  return { count, more: false };
}
