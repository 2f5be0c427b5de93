import { type FSWatcher, watch } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import path from 'node:path';

export interface FolderWatch {
  close(): void;
}

/**
 * Watches `root` and every folder below it that `include` admits, one file system watch
 * (inotify) per folder, and calls `onPath` with each entry an event names that is not a folder (an
 * entry gone by then needs nothing). It keeps nothing per file, so a folder of any size costs the
 * same, and reads no folder again on an event (a watcher that does turns a busy inbox of n files
 * into n² work). Links are never followed: a link to a folder is an entry, not a folder to watch.
 * A folder that appears is watched too, and the entries already in it are announced. With
 * `writesOnly`, only entries written to are named: not those that appear, move or go.
 */
export function watchFolders(
  root: string,
  include: (entry: string) => boolean,
  onPath: (entry: string) => void,
  onError: (error: Error) => void,
  { writesOnly = false }: { writesOnly?: boolean } = {},
): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const forget = (dir: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === dir || watched.startsWith(dir + path.sep)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };

  const onEvent = (dir: string, event: string, name: string | Buffer | null) => {
    if (closed || name === null) return;
    const entry = path.join(dir, name.toString());
    if (!include(entry)) return;
    // A write is a 'change'; an entry that appears, moves or goes, a 'rename' (a new folder among them).
    if (writesOnly && event === 'change') return onPath(entry);
    // A folder is no path to take: it is watched, and the entries already in it are announced.
    lstat(entry).then(
      (info) => {
        if (info.isDirectory()) {
          if (!watchers.has(entry)) void addTree(entry, true);
        } else if (!writesOnly) onPath(entry);
      },
      () => forget(entry),
    );
  };

  const add = (dir: string): boolean => {
    if (closed || watchers.has(dir)) return false;
    try {
      const watcher = watch(dir, { persistent: true }, (event, name) => onEvent(dir, event, name));
      watcher.on('error', () => forget(dir));
      watchers.set(dir, watcher);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') onError(error as Error);
      return false;
    }
  };

  /** Watches `dir` and the folders below it; `announce` names the entries found (a folder that just appeared brought them). */
  const addTree = async (dir: string, announce: boolean): Promise<void> => {
    if (!add(dir)) return;
    try {
      for await (const entry of await opendir(dir)) {
        const child = path.join(dir, entry.name);
        if (!include(child)) continue;
        if (entry.isDirectory()) await addTree(child, announce);
        else if (announce && !writesOnly) onPath(child);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') onError(error as Error);
    }
  };

  void addTree(root, false);
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
