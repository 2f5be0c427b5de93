import path from 'node:path';
import { type InboxDirs, isUnfinishedName, SIDECAR_SUFFIX, sidecarOf, walkEntriesUnder } from './files.ts';
import { NotARegularFileError, openRegularFile, readAtMost } from './safe-fs.ts';

/** A file in failed/ with what its explanation says. */
export interface FailedFile {
  /** Its path inside failed/ (and so inside the inbox, where a retry puts it). */
  file: string;
  /** What the explanation names; null where there is none (removed, or not written: a full disk). */
  stage: string | null;
  reason: string | null;
  failedAt: string | null;
}

/** An explanation is a few lines; one that is larger is not ours, and only its start is read. */
const SIDECAR_READ_LIMIT = 16_384;

/** The `stage:`, `reason:` and `time:` lines of an explanation written by `settleFailed`. */
function parseSidecar(text: string): Pick<FailedFile, 'stage' | 'reason' | 'failedAt'> {
  const field = (name: string) => text.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'm'))?.[1] ?? null;
  return { stage: field('stage'), reason: field('reason'), failedAt: field('time') };
}

async function readSidecar(failedDir: string, file: string): Promise<Pick<FailedFile, 'stage' | 'reason' | 'failedAt'>> {
  try {
    const { handle } = await openRegularFile(sidecarOf(file), failedDir);
    try {
      return parseSidecar(new TextDecoder().decode(await readAtMost(handle, SIDECAR_READ_LIMIT)));
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || error instanceof NotARegularFileError) return { stage: null, reason: null, failedAt: null };
    throw error;
  }
}

/**
 * At most `limit` files in failed/ with their explanations, and whether there are more. failed/ is
 * walked only as far as that, a few names at a time, so a folder of any size costs the same; the
 * files come in the folder's own order, the newest failure first among those read. Links and
 * special files are not listed (nothing in failed/ is followed), nor are files still being written.
 */
export async function listFailedFiles(inbox: InboxDirs, limit: number): Promise<{ files: FailedFile[]; more: boolean }> {
  const found: string[] = [];
  let more = false;
  const isFailedFile = (file: string) => !file.endsWith(SIDECAR_SUFFIX) && !isUnfinishedName(file);
  for await (const entry of walkEntriesUnder(inbox.failedDir, isFailedFile)) {
    if (entry.kind !== 'file') continue;
    if (found.length === limit) {
      more = true;
      break;
    }
    found.push(entry.path);
  }
  const files = await Promise.all(found.map(async (file) => ({ file: path.relative(inbox.failedDir, file), ...(await readSidecar(inbox.failedDir, file)) })));
  return { files: files.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')), more };
}
