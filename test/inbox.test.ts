import { existsSync, readFileSync } from 'node:fs';
import { appendFile, copyFile, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSkipped } from '../src/jobs/skipped.ts';
import { type InboxWatcher, watchInbox } from '../src/jobs/watcher.ts';
import { REPO_ROOT, waitFor } from './support/environment.ts';
import { recordingLogger, type RunningPipeline, startPipeline } from './support/pipeline.ts';

const SEED = path.join(REPO_ROOT, 'seeds/003_93b1d2fb4bde249c.txt');

const articleCount = (pipeline: RunningPipeline) =>
  pipeline.db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
const storedKeys = (pipeline: RunningPipeline) =>
  pipeline.db.selectFrom('article').select('source_key').execute().then((rows) => rows.map((r) => r.source_key));
const settledIn = (dir: string, name: string) => waitFor(`${name} in ${dir}`, async () => existsSync(path.join(dir, name)));

describe('a watched inbox', () => {
  let pipeline: RunningPipeline;
  let watcher: InboxWatcher;
  let inbox: { dir: string; processedDir: string; failedDir: string };

  beforeAll(async () => {
    pipeline = await startPipeline({ MAX_ARTICLE_BYTES: '20000' });
    inbox = pipeline.config.inbox;
    watcher = await watchInbox(pipeline, recordingLogger());
  });
  afterAll(async () => {
    await watcher?.close();
    await pipeline?.close();
  });

  it('stores a good file and moves it to processed/, while broken files next to it go to failed/ with their reason', async () => {
    await Promise.all([
      copyFile(SEED, path.join(inbox.dir, 'good.txt')),
      writeFile(path.join(inbox.dir, 'no-header.txt'), 'Blinken ontmoet Lavrov in Genève.'),
      writeFile(path.join(inbox.dir, 'bad-month.txt'), ' date 2023-13 Blinken ontmoet Lavrov.'),
      writeFile(path.join(inbox.dir, 'empty.txt'), ''),
      writeFile(path.join(inbox.dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])),
      writeFile(path.join(inbox.dir, 'huge.txt'), ` date 2024-01 ${'Rutte sprak. '.repeat(2000)}`),
    ]);
    await settledIn(inbox.processedDir, 'good.txt');
    expect(await storedKeys(pipeline)).toEqual(['inbox/good.txt']);
    expect(existsSync(path.join(inbox.dir, 'good.txt'))).toBe(false);

    const reasons: Record<string, RegExp> = {
      'no-header.txt': /reason: line 1: found "Blinken ontmoet Lavrov in Genève\."; expected a "date YYYY-MM" header/,
      'bad-month.txt': /reason: line 1 \(date header\) "2023-13": month 13 does not exist/,
      'empty.txt': /reason: the file is empty/,
      'image.png': /reason: byte 8 is a NUL character: this is a binary file/,
      'huge.txt': /reason: the file has 26014 bytes; an article may have at most 20000 \(MAX_ARTICLE_BYTES\)/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      await settledIn(inbox.failedDir, `${name}.error.txt`);
      await settledIn(inbox.failedDir, name);
      expect(readFileSync(path.join(inbox.failedDir, `${name}.error.txt`), 'utf8')).toMatch(reason);
      expect(existsSync(path.join(inbox.dir, name))).toBe(false);
    }
  });

  it('tries a failed file again once it is moved back into the inbox', async () => {
    const name = 'bad-month.txt';
    await settledIn(inbox.failedDir, name);
    await writeFile(path.join(inbox.failedDir, name), ' date 2023-12 Blinken ontmoet Lavrov in Genève.');
    await rename(path.join(inbox.failedDir, name), path.join(inbox.dir, name));
    await settledIn(inbox.processedDir, name);
    expect(await storedKeys(pipeline)).toContain(`inbox/${name}`);
    expect(existsSync(path.join(inbox.failedDir, `${name}.error.txt`))).toBe(false);
  });

  it('stores the same content dropped twice only once, and files both copies', async () => {
    const before = await articleCount(pipeline);
    await mkdir(path.join(inbox.dir, 'feed'), { recursive: true });
    const content = ' date 2024-06 Mark Rutte sprak in Brussel met Ursula von der Leyen.';
    await writeFile(path.join(inbox.dir, 'feed', 'one.txt'), content);
    await writeFile(path.join(inbox.dir, 'two.txt'), content);
    await settledIn(inbox.processedDir, 'feed/one.txt');
    await settledIn(inbox.processedDir, 'two.txt');
    expect(await articleCount(pipeline)).toBe(before + 1);
    // The new folder is watched, not taken for an entry to leave alone.
    expect((await readSkipped(pipeline.queues, pipeline.config, 10)).entries).toEqual([]);
  });

  it('waits until a file is completely written', async () => {
    const file = path.join(inbox.dir, 'slow.txt');
    const text = readFileSync(SEED, 'utf8');
    const chunks = text.match(/[\s\S]{1,400}/g) ?? [];
    for (const chunk of chunks) {
      await appendFile(file, chunk);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await settledIn(inbox.processedDir, 'slow.txt');
    const article = await pipeline.db.selectFrom('article').select('body').where('source_key', '=', 'inbox/slow.txt').executeTakeFirst();
    // The copy has the seed's content, which is stored once: under good.txt.
    expect(article).toBeUndefined();
    expect(await readFile(path.join(inbox.processedDir, 'slow.txt'), 'utf8')).toBe(text);
    expect(existsSync(path.join(inbox.failedDir, 'slow.txt'))).toBe(false);
  });

  /** Writes `first`, waits (longer than INBOX_STABLE_MS) until `filed` says the half was taken, then writes `rest` to the same open file. */
  async function writeWithPause(file: string, first: string, filed: () => boolean, rest: string): Promise<void> {
    const handle = await open(file, 'w');
    try {
      await handle.write(first);
      await waitFor(`the first half of ${path.basename(file)} to be filed`, async () => filed());
      await handle.write(rest);
    } finally {
      await handle.close();
    }
  }

  const bodyOf = (key: string) => pipeline.db.selectFrom('article').select('body').where('source_key', '=', key).executeTakeFirst().then((row) => row?.body);

  it('takes the whole file of a writer that paused longer than INBOX_STABLE_MS, though its half was refused', async () => {
    const name = 'paused-refused.txt';
    await writeWithPause(path.join(inbox.dir, name), ' date 2024-04', () => existsSync(path.join(inbox.failedDir, name)), ' Rutte sprak in Gent over de haven.\n');
    await settledIn(inbox.processedDir, name);
    expect(await bodyOf(`inbox/${name}`)).toBe('Rutte sprak in Gent over de haven.');
    expect(existsSync(path.join(inbox.failedDir, name))).toBe(false);
    expect(existsSync(path.join(inbox.failedDir, `${name}.error.txt`))).toBe(false);
  });

  it('replaces the half a paused writer had written with the whole article once the writer goes on', async () => {
    const name = 'paused-stored.txt';
    await writeWithPause(path.join(inbox.dir, name), ' date 2024-04 De burgemeester van Gent', () => existsSync(path.join(inbox.processedDir, name)), ' opende de nieuwe brug.\n');
    await waitFor('the whole article to be stored', async () => (await bodyOf(`inbox/${name}`)) === 'De burgemeester van Gent opende de nieuwe brug.');
    await settledIn(inbox.processedDir, name);
    expect(await readFile(path.join(inbox.processedDir, name), 'utf8')).toBe(' date 2024-04 De burgemeester van Gent opende de nieuwe brug.\n');
  });
});

describe('the scheduled rescan', () => {
  let pipeline: RunningPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline({ RESCAN_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('ingests files dropped while nothing was watching', async () => {
    const { dir, processedDir, failedDir } = pipeline.config.inbox;
    await mkdir(dir, { recursive: true });
    await copyFile(SEED, path.join(dir, 'dropped.txt'));
    await writeFile(path.join(dir, 'broken.txt'), 'geen kop');
    await writeFile(path.join(dir, '.hidden.txt.tmp'), 'still being written');
    await settledIn(processedDir, 'dropped.txt');
    await settledIn(failedDir, 'broken.txt');
    expect(await storedKeys(pipeline)).toEqual(['inbox/dropped.txt']);
    expect(existsSync(path.join(dir, '.hidden.txt.tmp'))).toBe(true);
  });

  it('stores a Latin-1 file converted, with its encoding, and its Windows line endings as \\n', async () => {
    const { dir, processedDir } = pipeline.config.inbox;
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from(' date 2023-03 De minister sprak in Genève.\r\n\r\nHet café bleef dicht, zei Müller.\r\n', 'latin1'));
    await settledIn(processedDir, 'latin1.txt');
    const row = await pipeline.db.selectFrom('article').select(['source_encoding', 'body']).where('source_key', '=', 'inbox/latin1.txt').executeTakeFirstOrThrow();
    expect(row).toEqual({ source_encoding: 'windows-1252', body: 'De minister sprak in Genève.\n\nHet café bleef dicht, zei Müller.' });
  });
});

describe('a processed/ or failed/ folder that cannot be written', () => {
  let pipeline: RunningPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline({ RESCAN_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('leaves a stored article stored, not failed, and moves its file once it can', async () => {
    const { dir, processedDir, failedDir } = pipeline.config.inbox;
    await mkdir(dir, { recursive: true });
    // A plain file where the folder should be: nothing can be moved into it.
    await writeFile(processedDir, 'not a folder');
    await copyFile(SEED, path.join(dir, 'kept.txt'));
    await waitFor('the article stored', async () => (await storedKeys(pipeline)).includes('inbox/kept.txt'));
    await waitFor('the failed move logged', async () => pipeline.log.lines.some((line) => /could not be moved to processed/.test(line)));
    expect(existsSync(path.join(dir, 'kept.txt'))).toBe(true);
    expect(existsSync(path.join(failedDir, 'kept.txt'))).toBe(false);
    expect(await pipeline.queues.article.getFailedCount()).toBe(0);
    await rm(processedDir);
    await settledIn(processedDir, 'kept.txt');
    expect(existsSync(path.join(dir, 'kept.txt'))).toBe(false);
    expect(existsSync(path.join(failedDir, 'kept.txt'))).toBe(false);
  });

  it('keeps a bad file in the inbox, says so, and goes on taking the good files dropped after it', async () => {
    const { dir, failedDir } = pipeline.config.inbox;
    await mkdir(dir, { recursive: true });
    // A plain file where the folder should be: nothing can be moved into it.
    await writeFile(failedDir, 'not a folder');
    await writeFile(path.join(dir, 'broken.txt'), 'geen kop');
    await waitFor('the failed move logged', async () => pipeline.log.lines.some((line) => /could not move the file to failed/.test(line)));
    // The rescans now meet the bad file first, again and again.
    await waitFor('a rescan that could not move it', async () => pipeline.log.lines.some((line) => /failed, but not moved.*broken\.txt/.test(line)));
    await writeFile(path.join(dir, 'after.txt'), ' date 2024-01 Rutte sprak in Gent met De Wever.');
    await waitFor('the good file stored', async () => (await storedKeys(pipeline)).includes('inbox/after.txt'));
    expect(existsSync(path.join(dir, 'broken.txt'))).toBe(true);
    await rm(failedDir);
    await settledIn(failedDir, 'broken.txt');
    expect(readFileSync(path.join(failedDir, 'broken.txt.error.txt'), 'utf8')).toMatch(/stage: {2}validate/);
  });
});
