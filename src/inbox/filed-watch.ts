import { type InboxDirs, isUnfinishedName, SIDECAR_SUFFIX, walkEntriesUnder } from './files.ts';
import { returnIfRewritten } from './lifecycle.ts';
import { type FolderWatch, watchFolders } from './watch-folders.ts';

/**
 * Files written to in processed/ and failed/ that are looked at, at most: a flood of writes there is
 * nobody's normal use, and the rescan looks through failed/ as well.
 */
const NOTED_AT_MOST = 10_000;

const isArticleFile = (file: string) => !file.endsWith(SIDECAR_SUFFIX) && !isUnfinishedName(file);

/**
 * Watches processed/ and failed/ for files written to after they were filed: a writer that paused
 * longer than INBOX_STABLE_MS had its half-written file taken, and then went on writing into the
 * moved file. Each such file goes back to the inbox once it has not changed for `stableMs`
 * (`returnIfRewritten`), where it is taken as the newer version it is; `onReturned` names it.
 */
export function watchFiledFolders(inbox: InboxDirs, stableMs: number, onReturned: (file: string) => void, onError: (error: Error) => void): FolderWatch {
  const written = new Set<string>();
  const note = (file: string) => {
    if (written.size < NOTED_AT_MOST) written.add(file);
  };
  const watches = [inbox.processedDir, inbox.failedDir].map((dir) => watchFolders(dir, isArticleFile, note, onError, { writesOnly: true }));
  let looking = false;
  const lookAgain = async () => {
    if (looking || written.size === 0) return;
    looking = true;
    try {
      for (const file of [...written]) {
        const refiled = await returnIfRewritten(inbox, file, stableMs).catch((error: Error) => (onError(error), 'filed' as const));
        if (refiled !== 'changing') written.delete(file);
        if (refiled === 'returned') onReturned(file);
      }
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => void lookAgain(), Math.min(stableMs, 250));
  return {
    close() {
      clearInterval(timer);
      for (const watch of watches) watch.close();
    },
  };
}

/** Brings back into the inbox every file in failed/ written to since it was filed (see {@link watchFiledFolders}); the files returned. */
export async function returnRewrittenFailures(inbox: InboxDirs, stableMs: number): Promise<string[]> {
  const returned: string[] = [];
  for await (const entry of walkEntriesUnder(inbox.failedDir, isArticleFile)) {
    if (entry.kind === 'file' && (await returnIfRewritten(inbox, entry.path, stableMs)) === 'returned') returned.push(entry.path);
  }
  return returned;
}
