import { execFile } from 'node:child_process';
import { mkdir, open, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small file system of the test's own, which it fills up to the last byte and frees again. */
export interface SmallDisk {
  /** Where it is mounted. */
  readonly dir: string;
  /** Writes a file that takes every byte left: any write after it fails with ENOSPC. */
  fill(): Promise<void>;
  /** Removes that file: there is room again. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

const FILLER = '.filler';

/** Whether mounting failed because this user may not mount (not root, or in a container without the right). */
const notPermitted = (error: { stderr?: string; message: string }) => /permission denied|must be superuser|not permitted|EPERM/i.test(`${error.stderr ?? ''} ${error.message}`);

/**
 * Mounts a tmpfs of `size` (as `mount -o size=` takes it, e.g. `64k`) at `dir`. Undefined when this
 * user may not mount one (the caller skips, saying so); any other failure is an error.
 */
export async function mountSmallDisk(dir: string, size: string): Promise<SmallDisk | undefined> {
  await mkdir(dir, { recursive: true });
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  } catch (error) {
    await rmdir(dir);
    if (notPermitted(error as Error)) return undefined;
    throw error;
  }
  const filler = path.join(dir, FILLER);
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      const page = Buffer.alloc(4096, 'x');
      try {
        for (;;) await handle.write(page);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await handle.close();
      }
    },
    async free() {
      await rm(filler, { force: true });
    },
    async unmount() {
      // Lazily, should a process still hold a file there: the mount must not outlive the test.
      await run('umount', ['--lazy', dir]);
      await rmdir(dir);
    },
  };
}
