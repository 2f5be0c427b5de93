import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface InboxDirs {
  dir: string;
  processedDir: string;
  failedDir: string;
}

/** The explanation written next to a failed file. */
export const SIDECAR_SUFFIX = '.error.txt';

/** Names that mark a file still being written by another program, or not meant for ingestion. */
const UNFINISHED = /(^\.|~$|\.(tmp|part|partial|crdownload|swp)$)/i;

function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Whether a path in the inbox is an article to ingest (the processed/ and failed/ folders are not). */
export function isInboxCandidate(inbox: InboxDirs, file: string): boolean {
  if (inside(inbox.processedDir, file) || inside(inbox.failedDir, file)) return false;
  const relative = path.relative(inbox.dir, file);
  if (relative === '') return true;
  return !relative.split(path.sep).some((part) => UNFINISHED.test(part)) && !file.endsWith(SIDECAR_SUFFIX);
}

/** Every regular file below `dir`, at any depth; none when `dir` does not exist. */
export async function listFilesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Whether a file name marks a file still being written, or one that is not an article. */
export function isUnfinishedName(file: string): boolean {
  return UNFINISHED.test(path.basename(file));
}

/** Every candidate file in the inbox, at any depth, that has not changed for `stableMs`. */
export async function listSettledInboxFiles(inbox: InboxDirs, stableMs: number, now = Date.now()): Promise<string[]> {
  const files = (await listFilesUnder(inbox.dir)).filter((file) => isInboxCandidate(inbox, file));
  const settled = await Promise.all(
    files.map(async (file) => {
      const info = await stat(file).catch(() => undefined);
      return info && now - info.mtimeMs >= stableMs ? file : undefined;
    }),
  );
  return settled.filter((file) => file !== undefined);
}
