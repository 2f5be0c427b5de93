import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleProcessed } from '../src/inbox/lifecycle.ts';
import { waitFor } from './support/environment.ts';
import { articleName, dropArticle, expectAuditClean, expectStoredOnce, filesIn, inboxFiles, inboxKey, storedKeys } from './support/outcome.ts';
import { startProcessPipeline } from './support/processes.ts';
import { mountSmallDisk, type SmallDisk } from './support/tmpfs.ts';

const GOOD = Array.from({ length: 8 }, (_, i) => articleName(i));
/** Articles refused for good, each with what its explanation in failed/ must say. */
const BAD = new Map([
  ['bad-header.txt', { text: 'geen kop', reason: /line 1: found "geen kop"/ }],
  ['bad-date.txt', { text: ' date 2023-13 Een maand die niet bestaat.', reason: /2023-13/ }],
  ['bad-empty.txt', { text: '', reason: /empty/i }],
]);
const NO_SPACE = /ENOSPC|no space left on device/i;
const NOT_MOUNTED = 'mounting a tmpfs is not permitted for this user (it takes root or CAP_SYS_ADMIN): not run';

let root: string;
let processed: SmallDisk | undefined;
let failed: SmallDisk | undefined;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'news-ingest-disks-'));
  // Small file systems of the test's own for processed/ and failed/: the machine's disks stay untouched.
  processed = await mountSmallDisk(path.join(root, 'processed'), '64k');
  failed = processed && (await mountSmallDisk(path.join(root, 'failed'), '64k'));
});
afterAll(async () => {
  await processed?.unmount();
  await failed?.unmount();
  await rm(root, { recursive: true, force: true });
});

describe('a full disk for processed/ and failed/', () => {
  it('moves a file to processed/ on another file system: copied, then removed from the inbox', async (context) => {
    if (!processed) return context.skip(NOT_MOUNTED);
    // A rename cannot cross file systems; the copy that replaces it once waited for ever on its own file handle.
    const inbox = { dir: path.join(root, 'inbox'), processedDir: processed.dir, failedDir: path.join(root, 'inbox', 'failed') };
    await mkdir(inbox.dir, { recursive: true });
    const file = path.join(inbox.dir, 'elsewhere.txt');
    await writeFile(file, ' date 2024-03 Een artikel dat naar een ander bestandssysteem gaat.');
    expect(await settleProcessed(inbox, { path: file })).toBe('moved');
    expect(existsSync(file)).toBe(false);
    expect(await readFile(path.join(processed.dir, 'elsewhere.txt'), 'utf8')).toMatch(/ander bestandssysteem/);
    expect(await filesIn(processed.dir)).toEqual(['elsewhere.txt']);
    await rm(path.join(processed.dir, 'elsewhere.txt'));
  }, 10_000);

  it('stores the articles and records the failures, keeps their files in the inbox while there is no room, and files them once there is', async (context) => {
    if (!processed || !failed) return context.skip(NOT_MOUNTED);
    const pipeline = await startProcessPipeline({ PROCESSED_DIR: processed.dir, FAILED_DIR: failed.dir, RESCAN_INTERVAL_MS: '1000' });
    const { config, db, services } = pipeline;
    const failedIntake = () => db.selectFrom('intake').select(['source_key', 'stage', 'reason']).where('outcome', '=', 'failed').orderBy('source_key').execute();
    try {
      await processed.fill();
      await failed.fill();
      services.start('worker');
      services.start('watch');
      for (const [i] of GOOD.entries()) await dropArticle(config, i);
      for (const [name, { text }] of BAD) await writeFile(path.join(config.inbox.dir, name), text);

      // Stored in Postgres and failed with their reasons, though not one file could be filed away.
      await waitFor('the articles to be stored and the bad ones to have failed', async () => (await storedKeys(db)).length === GOOD.length && (await failedIntake()).length === BAD.size);
      await waitFor('both moves to have failed for want of space', async () => {
        const lines = services.output().split('\n').filter((line) => NO_SPACE.test(line));
        return lines.some((line) => /could not be moved to processed\//.test(line)) && lines.some((line) => /could not move the file to failed\//.test(line));
      });
      expect((await inboxFiles(config)).map((file) => path.basename(file)).sort()).toEqual([...GOOD, ...BAD.keys()].sort());
      // Nothing is lost meanwhile: every file is accounted for, and none was taken a second time.
      expect(await expectAuditClean(pipeline.env)).toMatchObject({ taken: GOOD.length + BAD.size, settled: { stored: GOOD.length, failed: BAD.size } });

      // Room again: the rescan finds the files of settled jobs still in the inbox and files them.
      await processed.free();
      await failed.free();
      await waitFor('the inbox to be emptied', async () => (await inboxFiles(config)).length === 0);
      expect(await filesIn(processed.dir)).toEqual(GOOD);
      const explanations = [...BAD.keys()].map((name) => `${name}.error.txt`);
      expect(await filesIn(failed.dir)).toEqual([...BAD.keys(), ...explanations].sort());
      for (const [name, { reason }] of BAD) {
        expect(await readFile(path.join(failed.dir, `${name}.error.txt`), 'utf8')).toMatch(reason);
      }
      expect((await failedIntake()).map((row) => row.source_key)).toEqual([...BAD.keys()].map(inboxKey).sort());
      await expectStoredOnce(db, GOOD.map(inboxKey));
      expect(await expectAuditClean(pipeline.env)).toMatchObject({ taken: GOOD.length + BAD.size, settled: { stored: GOOD.length, failed: BAD.size } });
    } finally {
      await pipeline.close();
    }
  }, 120_000);
});
