import { lstatSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { InboxDirs } from '../../src/inbox/files.ts';
import { runCli } from './cli.ts';
import { waitFor } from './environment.ts';

/** Whether anything, a link too (not followed), is at `file`. */
const entryExists = (file: string) => {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
};

/** Waits until the inbox entry `name` has left the inbox, for processed/, failed/ or anywhere else. */
export const leftInbox = (inbox: InboxDirs, name: string) => waitFor(`${name} to leave the inbox`, async () => !entryExists(path.join(inbox.dir, name)));

/** Where an inbox entry named `name` is now: any of the inbox, processed/ and failed/. */
export function whereIs(inbox: InboxDirs, name: string): ('inbox' | 'processed' | 'failed')[] {
  const places = { inbox: inbox.dir, processed: inbox.processedDir, failed: inbox.failedDir } as const;
  return (Object.keys(places) as (keyof typeof places)[]).filter((place) => entryExists(path.join(places[place], name)));
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes `pieces` to `file` through one open handle, as a slow copy or a download does, awaiting
 * `between` before each piece after the first.
 */
export async function writeInPieces(file: string, pieces: readonly string[], between: () => Promise<unknown>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) await between();
      await handle.write(piece);
    }
  } finally {
    await handle.close();
  }
}

/** The inbox entries `news-ingest status --json` lists as left alone: key → reason. */
export async function skippedInStatus(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const result = await runCli(['status', '--json', '--failures', '100'], env);
  if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`);
  const { skipped } = JSON.parse(result.stdout) as { skipped: { entries: { file: string; reason: string }[] } };
  return Object.fromEntries(skipped.entries.map((entry) => [entry.file, entry.reason]));
}
