import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FoundEntry, walkInbox } from '../src/inbox/files.ts';

async function collect(walk: AsyncGenerator<FoundEntry>): Promise<FoundEntry[]> {
  const found: FoundEntry[] = [];
  for await (const entry of walk) found.push(entry);
  return found;
}

describe('walking the inbox', () => {
  let dir: string;
  let inbox: { dir: string; processedDir: string; failedDir: string };
  const relative = (entries: FoundEntry[]) => entries.map((entry) => path.relative(inbox.dir, entry.path)).sort();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-walk-'));
    inbox = { dir: path.join(dir, 'inbox'), processedDir: path.join(dir, 'inbox', 'processed'), failedDir: path.join(dir, 'inbox', 'failed') };
    const outside = path.join(dir, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'elsewhere.txt'), 'x');
    // Folders of several hundred names: read in many pieces, with folders met between them.
    for (const folder of ['', 'feed', 'feed/deeper', 'feed/deeper/deepest', 'other', 'empty']) await mkdir(path.join(inbox.dir, folder), { recursive: true });
    for (let i = 0; i < 700; i++) await writeFile(path.join(inbox.dir, `top-${i}.txt`), 'x');
    for (let i = 0; i < 300; i++) await writeFile(path.join(inbox.dir, 'feed', `feed-${i}.txt`), 'x');
    for (const file of ['feed/deeper/a.txt', 'feed/deeper/deepest/b.txt', 'other/c.txt']) await writeFile(path.join(inbox.dir, file), 'x');
    // Never entered, never taken: processed/, failed/, files being written, explanation files.
    for (const folder of ['processed/feed', 'failed', '.hidden']) await mkdir(path.join(inbox.dir, folder), { recursive: true });
    for (const file of ['processed/done.txt', 'processed/feed/done.txt', 'failed/bad.txt', 'failed/bad.txt.error.txt', '.hidden/inside.txt', '.dot.txt', 'copy.txt~', 'big.txt.part', 'feed/x.tmp', 'feed/y.crdownload', 'stray.error.txt']) {
      await writeFile(path.join(inbox.dir, file), 'x');
    }
    // Reported, never followed or opened.
    await symlink(path.join(outside, 'elsewhere.txt'), path.join(inbox.dir, 'link-to-file.txt'));
    await symlink(outside, path.join(inbox.dir, 'feed', 'link-to-folder'));
    await symlink(path.join(outside, 'missing.txt'), path.join(inbox.dir, 'dangling.txt'));
    execFileSync('mkfifo', [path.join(inbox.dir, 'other', 'pipe.txt')]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('meets every candidate once, and reports what is not a regular file', async () => {
    const found = await collect(walkInbox(inbox));
    const files = found.filter((entry) => entry.kind === 'file');
    const expected = [
      ...Array.from({ length: 700 }, (_, i) => `top-${i}.txt`),
      ...Array.from({ length: 300 }, (_, i) => `feed/feed-${i}.txt`),
      'feed/deeper/a.txt',
      'feed/deeper/deepest/b.txt',
      'other/c.txt',
    ].sort();
    expect(relative(files)).toEqual(expected);
    expect(found.filter((entry) => entry.kind !== 'file').map((entry) => [path.relative(inbox.dir, entry.path), entry.kind]).sort()).toEqual([
      ['dangling.txt', 'symbolic link'],
      ['feed/link-to-folder', 'symbolic link'],
      ['link-to-file.txt', 'symbolic link'],
      ['other/pipe.txt', 'FIFO'],
    ]);
  });

  it('closes the folders it had open when stopped part way, and can be walked again from the start', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const first: FoundEntry[] = [];
    let during = 0;
    for await (const entry of walkInbox(inbox)) {
      first.push(entry);
      // Four folders deep: the inbox, feed/, deeper/ and deepest/ are open.
      if (entry.path.includes('deepest')) {
        during = openFiles();
        break;
      }
    }
    expect(during).toBeGreaterThanOrEqual(before + 4);
    expect(new Set(relative(first)).size).toBe(first.length);
    expect(openFiles()).toBe(before);
    expect((await collect(walkInbox(inbox))).length).toBe(1007);
  });

  it('finds nothing in an inbox that does not exist', async () => {
    expect(await collect(walkInbox({ ...inbox, dir: path.join(dir, 'missing') }))).toEqual([]);
  });
});
