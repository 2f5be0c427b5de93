import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chmod, lstat, mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFailedFiles } from '../src/inbox/failed-files.ts';
import { countInbox } from '../src/inbox/files.ts';
import { retryFailed, returnIfRewritten, settleFailed, settleProcessed, sha256 } from '../src/inbox/lifecycle.ts';
import { readVersion } from '../src/inbox/read-version.ts';

let root: string;
let inbox: { dir: string; processedDir: string; failedDir: string };
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'news-ingest-lifecycle-'));
  inbox = { dir: path.join(root, 'inbox'), processedDir: path.join(root, 'inbox/processed'), failedDir: path.join(root, 'failed') };
  await mkdir(path.join(inbox.dir, 'feed'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const drop = async (relative: string, content: string) => {
  const file = path.join(inbox.dir, relative);
  await writeFile(file, content);
  return { path: file, contentHash: sha256(content) };
};

describe('settling inbox files', () => {
  it('moves a stored file to processed/, keeping its place below the inbox', async () => {
    const file = await drop('feed/a.txt', 'v1');
    expect(await settleProcessed(inbox, file)).toBe('moved');
    expect(readFileSync(path.join(inbox.processedDir, 'feed/a.txt'), 'utf8')).toBe('v1');
    expect(existsSync(file.path)).toBe(false);
  });

  it('leaves a file that was edited after its job read it', async () => {
    const file = await drop('a.txt', 'v1');
    await writeFile(file.path, 'v2');
    expect(await settleProcessed(inbox, file)).toBe('left');
    expect(await settleFailed(inbox, file, 'validate', 'broken')).toBe('left');
    expect(readFileSync(file.path, 'utf8')).toBe('v2');
    expect(existsSync(path.join(inbox.failedDir, 'a.txt.error.txt'))).toBe(false);
  });

  it('moves a failed file to failed/ with a sidecar naming the stage and the reason', async () => {
    const file = await drop('feed/b.txt', 'broken');
    expect(await settleFailed(inbox, file, 'validate', 'line 1: no header')).toBe('moved');
    expect(readFileSync(path.join(inbox.failedDir, 'feed/b.txt'), 'utf8')).toBe('broken');
    const sidecar = readFileSync(path.join(inbox.failedDir, 'feed/b.txt.error.txt'), 'utf8');
    expect(sidecar).toMatch(/^feed\/b\.txt could not be ingested\.\nstage: {2}validate\nreason: line 1: no header\n/);
  });

  it('takes a file from failed/ when a later try of the same job succeeds, with its sidecar', async () => {
    const file = await drop('c.txt', 'flaky');
    await settleFailed(inbox, file, 'upsert', 'database down');
    expect(await settleProcessed(inbox, file)).toBe('moved');
    expect(existsSync(path.join(inbox.processedDir, 'c.txt'))).toBe(true);
    expect(existsSync(path.join(inbox.failedDir, 'c.txt'))).toBe(false);
    expect(existsSync(path.join(inbox.failedDir, 'c.txt.error.txt'))).toBe(false);
  });

  it('never writes, moves or removes through a link planted in failed/ or processed/', async () => {
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'passwd'), 'precious');
    await mkdir(inbox.failedDir, { recursive: true });
    // An explanation file that is a link to a file elsewhere: writing it must replace the link.
    await symlink(path.join(outside, 'passwd'), path.join(inbox.failedDir, 'd.txt.error.txt'));
    const file = await drop('d.txt', 'broken');
    expect(await settleFailed(inbox, file, 'validate', 'no header')).toBe('moved');
    expect(readFileSync(path.join(outside, 'passwd'), 'utf8')).toBe('precious');
    expect((await lstat(path.join(inbox.failedDir, 'd.txt.error.txt'))).isFile()).toBe(true);

    // A folder of processed/ that is a link to a folder elsewhere: nothing is moved through it.
    await mkdir(inbox.processedDir, { recursive: true });
    await symlink(outside, path.join(inbox.processedDir, 'feed'));
    const stored = await drop('feed/e.txt', 'stored');
    await expect(settleProcessed(inbox, stored)).rejects.toThrow(/processed\/feed is a symbolic link, not a folder/);
    expect(existsSync(stored.path)).toBe(true);
    expect(existsSync(path.join(outside, 'e.txt'))).toBe(false);
  });

  it('leaves a file that was replaced by a link since its job read it', async () => {
    const file = await drop('f.txt', 'v1');
    await rm(file.path);
    await writeFile(path.join(root, 'elsewhere.txt'), 'v1');
    await symlink(path.join(root, 'elsewhere.txt'), file.path);
    expect(await settleFailed(inbox, file, 'validate', 'broken')).toBe('left');
    expect(await settleProcessed(inbox, file)).toBe('left');
    expect((await lstat(file.path)).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, 'elsewhere.txt'), 'utf8')).toBe('v1');
  });

  it('files only the version a job was made for: a file edited since stays for its own job', async () => {
    const file = await drop('g.txt', 'v1');
    const seen = await lstat(file.path, { bigint: true });
    const version = { size: Number(seen.size), changedAt: String(seen.ctimeNs) };
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writeFile(file.path, 'v2 fixed');
    expect(await settleFailed(inbox, { path: file.path, version }, 'validate', 'no header')).toBe('left');
    expect(readFileSync(file.path, 'utf8')).toBe('v2 fixed');
    const now = await lstat(file.path, { bigint: true });
    expect(await settleFailed(inbox, { path: file.path, version: { size: Number(now.size), changedAt: String(now.ctimeNs) } }, 'validate', 'x')).toBe('moved');
  });
});

/** What a worker knows of a file it has read and stored: the version it read, and its content. */
const readByJob = async (file: string) => {
  const seen = await lstat(file, { bigint: true });
  const version = { size: Number(seen.size), changedAt: String(seen.ctimeNs) };
  const read = await readVersion(file, inbox.dir, version, 1 << 20);
  if (read.found !== 'version') throw new Error(`${file} was not read: ${read.found}`);
  return { path: file, version, contentHash: read.contentHash };
};

describe('moving into processed/ after the first article', () => {
  it('refuses a folder of processed/ swapped for a link after the first article, even one that stays inside', async () => {
    expect(await settleProcessed(inbox, await readByJob((await drop('feed/a.txt', 'first')).path))).toBe('moved');
    await rename(path.join(inbox.processedDir, 'feed'), path.join(inbox.processedDir, 'other'));
    await symlink(path.join(inbox.processedDir, 'other'), path.join(inbox.processedDir, 'feed'));
    const second = await readByJob((await drop('feed/b.txt', 'second')).path);
    await expect(settleProcessed(inbox, second)).rejects.toThrow(/processed\/feed is a symbolic link, not a folder/);
    expect(existsSync(second.path)).toBe(true);
    expect(await readdir(path.join(inbox.processedDir, 'other'))).toEqual(['a.txt']);
  });

  it('refuses processed/ swapped for a link after the first article', async () => {
    expect(await settleProcessed(inbox, await readByJob((await drop('feed/a.txt', 'first')).path))).toBe('moved');
    const elsewhere = path.join(root, 'elsewhere');
    await rename(inbox.processedDir, elsewhere);
    await symlink(elsewhere, inbox.processedDir);
    const second = await readByJob((await drop('feed/b.txt', 'second')).path);
    await expect(settleProcessed(inbox, second)).rejects.toThrow(/processed is a symbolic link; name the folder it points to instead/);
    expect(existsSync(second.path)).toBe(true);
    expect(await readdir(path.join(elsewhere, 'feed'))).toEqual(['a.txt']);
  });

  it('refuses a processed/ that is a link from the start, though the folders below it are there', async () => {
    const outside = path.join(root, 'outside');
    await mkdir(path.join(outside, 'feed'), { recursive: true });
    await symlink(outside, inbox.processedDir);
    const file = await readByJob((await drop('feed/a.txt', 'stored')).path);
    await expect(settleProcessed(inbox, file)).rejects.toThrow(/processed is a symbolic link/);
    expect(existsSync(file.path)).toBe(true);
    expect(await readdir(path.join(outside, 'feed'))).toEqual([]);
  });
});

/** Long enough for a later change to get another ctime, also where timestamps are coarse. */
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('settling a stored article by the version it read', () => {
  it('moves the file while it is that version, and leaves it once edited (even to the same size) or touched', async () => {
    const stored = await readByJob((await drop('feed/a.txt', 'v1')).path);
    expect(await settleProcessed(inbox, stored)).toBe('moved');
    expect(readFileSync(path.join(inbox.processedDir, 'feed/a.txt'), 'utf8')).toBe('v1');

    const edited = await readByJob((await drop('feed/b.txt', 'v1')).path);
    await nextTick();
    await writeFile(edited.path, 'v2');
    expect(await settleProcessed(inbox, edited)).toBe('left');
    expect(readFileSync(edited.path, 'utf8')).toBe('v2');

    const touched = await readByJob((await drop('feed/c.txt', 'v1')).path);
    await nextTick();
    await chmod(touched.path, 0o600);
    expect(await settleProcessed(inbox, touched)).toBe('left');
    expect(existsSync(touched.path)).toBe(true);
    expect(existsSync(path.join(inbox.processedDir, 'feed/c.txt'))).toBe(false);
  });

  it('takes a copy in failed/ by its content, with its explanation, when the article is finally stored', async () => {
    const file = await readByJob((await drop('feed/d.txt', 'flaky')).path);
    expect(await settleFailed(inbox, { path: file.path, version: file.version }, 'upsert', 'database down')).toBe('moved');
    expect(await settleProcessed(inbox, file)).toBe('moved');
    expect(readFileSync(path.join(inbox.processedDir, 'feed/d.txt'), 'utf8')).toBe('flaky');
    expect(existsSync(path.join(inbox.failedDir, 'feed/d.txt'))).toBe(false);
    expect(existsSync(path.join(inbox.failedDir, 'feed/d.txt.error.txt'))).toBe(false);
  });

  it('keeps the explanation of a file still in failed/, and removes one whose file is gone (a link itself, not its target)', async () => {
    const older = await drop('feed/e.txt', 'older');
    await settleFailed(inbox, older, 'validate', 'no header');
    const newer = await readByJob((await drop('feed/e.txt', 'newer')).path);
    expect(await settleProcessed(inbox, newer)).toBe('moved');
    expect(readFileSync(path.join(inbox.failedDir, 'feed/e.txt'), 'utf8')).toBe('older');
    expect(existsSync(path.join(inbox.failedDir, 'feed/e.txt.error.txt'))).toBe(true);

    await writeFile(path.join(root, 'precious'), 'precious');
    await symlink(path.join(root, 'precious'), path.join(inbox.failedDir, 'feed/f.txt.error.txt'));
    expect(await settleProcessed(inbox, await readByJob((await drop('feed/f.txt', 'stored')).path))).toBe('moved');
    expect(existsSync(path.join(inbox.failedDir, 'feed/f.txt.error.txt'))).toBe(false);
    expect(readFileSync(path.join(root, 'precious'), 'utf8')).toBe('precious');
  });
});

describe('a file written to after it was filed', () => {
  it('goes back to its place in the inbox once it stops changing, without its explanation', async () => {
    const file = await drop('feed/half.txt', ' date 2024-04');
    await settleFailed(inbox, file, 'validate', 'no text');
    const filed = path.join(inbox.failedDir, 'feed/half.txt');
    expect(await returnIfRewritten(inbox, filed, 1000)).toBe('filed');
    // The writer goes on, in the file that was moved.
    await appendFile(filed, ' De rest van het artikel.');
    expect(await returnIfRewritten(inbox, filed, 60_000)).toBe('changing');
    expect(await returnIfRewritten(inbox, filed, 0)).toBe('returned');
    expect(readFileSync(file.path, 'utf8')).toBe(' date 2024-04 De rest van het artikel.');
    expect(existsSync(filed)).toBe(false);
    expect(existsSync(`${filed}.error.txt`)).toBe(false);
  });

  it('stays filed when it was only moved, had its mode changed, or when the inbox has a newer file by its name', async () => {
    const file = await drop('stored.txt', 'v1');
    await settleProcessed(inbox, file);
    const filed = path.join(inbox.processedDir, 'stored.txt');
    await chmod(filed, 0o600);
    expect(await returnIfRewritten(inbox, filed, 0)).toBe('filed');
    await appendFile(filed, ' and more');
    await writeFile(file.path, 'v2');
    expect(await returnIfRewritten(inbox, filed, 0)).toBe('left');
    expect(readFileSync(file.path, 'utf8')).toBe('v2');
  });
});

describe('a file name close to the longest a file system allows', () => {
  it('gets an explanation whose name is cut short to fit, found again when the file is finally stored', async () => {
    const name = `${'é'.repeat(120)}.txt`;
    const file = await drop(name, 'broken');
    expect(await settleFailed(inbox, file, 'validate', 'no header')).toBe('moved');
    const filed = readdirSync(inbox.failedDir);
    expect(filed).toContain(name);
    const sidecar = filed.find((entry) => entry.endsWith('.error.txt'))!;
    expect(Buffer.byteLength(sidecar)).toBeLessThanOrEqual(255);
    expect(readFileSync(path.join(inbox.failedDir, sidecar), 'utf8')).toMatch(/reason: no header/);
    expect(await settleProcessed(inbox, file)).toBe('moved');
    expect(readdirSync(inbox.failedDir)).toEqual([]);
  });
});

describe('retrying a failed file, as the dashboard does', () => {
  it('moves it back to its place in the inbox without its explanation, and lists failed/ with the reasons', async () => {
    const file = await drop('feed/b.txt', 'broken');
    await settleFailed(inbox, file, 'validate', 'line 1: no header');
    expect(await listFailedFiles(inbox, 10)).toMatchObject({ files: [{ file: 'feed/b.txt', stage: 'validate', reason: 'line 1: no header' }], more: false });

    expect(await retryFailed(inbox, 'feed/b.txt')).toBe('returned');
    expect(readFileSync(file.path, 'utf8')).toBe('broken');
    expect(readdirSync(path.join(inbox.failedDir, 'feed'))).toEqual([]);
    expect(await listFailedFiles(inbox, 10)).toEqual({ files: [], more: false });
  });

  it('lists at most as many files as asked, and says there are more', async () => {
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await settleFailed(inbox, await drop(name, name), 'validate', 'broken');
    const listed = await listFailedFiles(inbox, 2);
    expect(listed.files).toHaveLength(2);
    expect(listed.more).toBe(true);
  });

  it('moves nothing that is not a regular file inside failed/, nor over a file in the inbox', async () => {
    await mkdir(inbox.failedDir, { recursive: true });
    const outside = path.join(root, 'secret.txt');
    await writeFile(outside, 'secret');
    await symlink(outside, path.join(inbox.failedDir, 'link.txt'));
    await writeFile(path.join(inbox.failedDir, 'a.txt.error.txt'), 'an explanation');
    for (const relative of ['../secret.txt', outside, 'link.txt', 'a.txt.error.txt', 'missing.txt', '']) {
      expect(await retryFailed(inbox, relative), relative).toBe('not found');
    }
    expect(readFileSync(outside, 'utf8')).toBe('secret');
    expect((await lstat(path.join(inbox.failedDir, 'link.txt'))).isSymbolicLink()).toBe(true);

    await settleFailed(inbox, await drop('c.txt', 'old'), 'validate', 'broken');
    await drop('c.txt', 'new');
    expect(await retryFailed(inbox, 'c.txt')).toBe('left');
    expect(readFileSync(path.join(inbox.dir, 'c.txt'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(inbox.failedDir, 'c.txt'), 'utf8')).toBe('old');
  });
});

describe('the inbox backlog', () => {
  it('is counted up to a limit, and processed/ is not part of it', async () => {
    for (const name of ['a.txt', 'feed/b.txt', 'feed/c.txt']) await drop(name, name);
    await settleProcessed(inbox, await drop('d.txt', 'd'));
    expect(await countInbox(inbox, 3)).toEqual({ count: 3, more: false });
    expect(await countInbox(inbox, 2)).toEqual({ count: 2, more: true });
  });
});
