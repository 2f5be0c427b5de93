import { type FileVersion, isVersion, sha256 } from './lifecycle.ts';
import { NotARegularFileError, openRegularFile, readAtMost } from './safe-fs.ts';

export type VersionRead =
  | { found: 'version'; bytes: Buffer; contentHash: string }
  /** Larger than the limit: never read. */
  | { found: 'too large'; size: number }
  /** Changed since the job was made (a newer job carries it), or gone: removed, or no longer a regular file. */
  | { found: 'other'; became: 'changed' | 'gone'; why: string };

/**
 * Reads the version of `file` a job was made for. A file that is not that version any more is not
 * this job's to store or move: its newer version has a job of its own.
 */
export async function readVersion(file: string, root: string, version: FileVersion, maxBytes: number): Promise<VersionRead> {
  let opened;
  try {
    opened = await openRegularFile(file, root);
  } catch (error) {
    if (error instanceof NotARegularFileError) return { found: 'other', became: 'gone', why: error.message };
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: 'other', became: 'gone', why: 'the file is gone' };
    throw error;
  }
  try {
    const { stats, handle } = opened;
    if (!isVersion(stats, version)) {
      return { found: 'other', became: 'changed', why: 'the file has changed since it was queued; its new version is queued on its own' };
    }
    if (version.size > maxBytes) return { found: 'too large', size: version.size };
    const bytes = await readAtMost(handle, version.size);
    // Still the same after reading: a writer that went on meanwhile makes a newer version.
    const after = await handle.stat({ bigint: true });
    if (!isVersion(after, version)) return { found: 'other', became: 'changed', why: 'the file changed while it was read; its new version is queued on its own' };
    return { found: 'version', bytes, contentHash: sha256(bytes) };
  } finally {
    await opened.handle.close();
  }
}
