import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSettled, recordTaken } from '../src/db/intake.ts';
import { type Enqueued, enqueueFiles, inboxFile } from '../src/jobs/producer.ts';
import { runCli } from './support/cli.ts';
import { REPO_ROOT } from './support/environment.ts';
import { type RunningPipeline, settled, startPipeline } from './support/pipeline.ts';

const SEED = path.join(REPO_ROOT, 'seeds/003_93b1d2fb4bde249c.txt');

let pipeline: RunningPipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
  await mkdir(pipeline.config.inbox.dir, { recursive: true });
});
afterAll(async () => {
  await pipeline?.close();
});

const runAudit = async () => {
  const result = await runCli(['audit', '--json'], pipeline.env);
  return { code: result.code, report: JSON.parse(result.stdout) };
};

describe('audit', () => {
  it('accounts for every file taken: stored, failed with its reason, or replaced by a newer version of itself', async () => {
    const { inbox } = pipeline.config;
    await copyFile(SEED, path.join(inbox.dir, 'good.txt'));
    await writeFile(path.join(inbox.dir, 'bad.txt'), 'geen kop');
    const edited = path.join(pipeline.dir, 'edited.txt');
    await writeFile(edited, ' date 2024-05 Eerste versie over Rotterdam.');
    const given = { path: edited, key: edited, fromInbox: false, root: pipeline.dir };
    expect(await pipeline.ingest(inboxFile(pipeline.config, path.join(inbox.dir, 'good.txt')))).toMatchObject({ state: 'completed' });
    expect(await pipeline.ingest(inboxFile(pipeline.config, path.join(inbox.dir, 'bad.txt')))).toMatchObject({ state: 'failed' });
    expect(await pipeline.ingest(given)).toMatchObject({ state: 'completed' });
    await writeFile(edited, ' date 2024-05 Tweede versie over Rotterdam en Utrecht.');
    expect(await pipeline.ingest(given)).toMatchObject({ state: 'completed' });

    const { code, report } = await runAudit();
    expect(report).toMatchObject({ taken: 4, settled: { stored: 3, failed: 1 }, unaccounted: [] });
    expect(code).toBe(0);
    const failure = await pipeline.db.selectFrom('intake').select(['stage', 'reason']).where('source_key', '=', 'inbox/bad.txt').executeTakeFirstOrThrow();
    expect(failure).toMatchObject({ stage: 'validate', reason: expect.stringMatching(/^line 1: found "geen kop"/) });
  });

  it('keeps a stored version stored when its job runs again (a stalled job) and finds its file moved away', async () => {
    const stored = await pipeline.db.selectFrom('intake').selectAll().where('source_key', '=', 'inbox/good.txt').executeTakeFirstOrThrow();
    await recordTaken(pipeline.db, [{ jobId: stored.job_id, sourceKey: stored.source_key, path: stored.path, fromInbox: true, size: stored.size }]);
    await recordSettled(pipeline.db, stored.job_id, 'gone', null, 'the file is gone');
    expect(await pipeline.db.selectFrom('intake').select(['outcome', 'content_hash']).where('job_id', '=', stored.job_id).executeTakeFirst()).toEqual({
      outcome: 'stored',
      content_hash: stored.content_hash,
    });
  });

  it('leaves in the inbox, with the reason, a file whose path is too long to record, and takes the files beside it', async () => {
    // Deep folders of long random names: a key that no B-tree index takes (over 2,704 bytes), which does not compress.
    let dir = pipeline.config.inbox.dir;
    for (let i = 0; i < 12; i++) dir = path.join(dir, randomBytes(180).toString('base64url'));
    await mkdir(dir, { recursive: true });
    const deep = path.join(dir, 'diep.txt');
    const beside = path.join(pipeline.config.inbox.dir, 'naast.txt');
    await writeFile(deep, ' date 2024-07 Een artikel heel diep in de inbox.');
    await writeFile(beside, ' date 2024-07 Een artikel naast het diepe.');
    const outcomes = new Map<string, Enqueued>();
    await enqueueFiles(pipeline, [deep, beside].map((file) => inboxFile(pipeline.config, file)), (file, enqueued) => void outcomes.set(file.path, enqueued));
    expect(outcomes.get(deep)).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/cannot be recorded, so it is not taken: index row size/) });
    expect(outcomes.get(beside)).toMatchObject({ outcome: 'enqueued' });
    expect(await settled(pipeline.queues, outcomes.get(beside)!.jobId!)).toMatchObject({ state: 'completed' });
    expect(existsSync(deep)).toBe(true);
  });

  it('fails, naming the file, when a stored article is deleted behind its back', async () => {
    await pipeline.db.deleteFrom('article').where('source_key', '=', 'inbox/good.txt').execute();
    const { code, report } = await runAudit();
    expect(code).toBe(1);
    expect(report.unaccounted).toEqual([expect.objectContaining({ file: 'inbox/good.txt', why: expect.stringMatching(/which no article holds any more$/) })]);
    const text = await runCli(['audit'], pipeline.env);
    expect(text.stdout).toMatch(/^unaccounted +1 +listed below$/m);
    expect(text.stdout).toMatch(/^unaccounted: inbox\/good\.txt \(taken .*\): stored as content [0-9a-f]{64}, which no article holds any more$/m);
  });

  it('counts an inbox file whose job was lost as waiting in the inbox, and a lost file given to ingest as unaccounted', async () => {
    await pipeline.db.deleteFrom('intake').execute();
    const waiting = path.join(pipeline.config.inbox.dir, 'waiting.txt');
    await writeFile(waiting, ' date 2024-06 Nog niet opgepakt.');
    const vanished = path.join(pipeline.dir, 'vanished.txt');
    // Taken, but their jobs never reached Redis (a Redis that restarted without its data).
    await recordTaken(pipeline.db, [
      { jobId: 'lost-inbox-job', sourceKey: 'inbox/waiting.txt', path: waiting, fromInbox: true, size: 10 },
      { jobId: 'lost-ingest-job', sourceKey: vanished, path: vanished, fromInbox: false, size: 10 },
    ]);
    // A version whose job was lost, but which a later version of the same file, stored, has replaced.
    const { content_hash: storedHash } = await pipeline.db.selectFrom('article').select('content_hash').executeTakeFirstOrThrow();
    const replaced = path.join(pipeline.dir, 'replaced.txt');
    await pipeline.db
      .insertInto('intake')
      .values([
        { job_id: 'lost-older-version', source_key: replaced, path: replaced, from_inbox: false, size: 10, taken_at: new Date(Date.now() - 3_600_000) },
        { job_id: 'stored-newer-version', source_key: replaced, path: replaced, from_inbox: false, size: 12, outcome: 'stored', content_hash: storedHash },
      ])
      .execute();
    const { code, report } = await runAudit();
    expect(report.settled).toMatchObject({ stored: 1, superseded: 1 });
    expect(report.underWay).toMatchObject({ 'in the inbox': 1, 'in a queue': 0 });
    expect(report.unaccounted).toEqual([expect.objectContaining({ file: vanished, why: expect.stringMatching(/job is lost, no article holds it/) })]);
    expect(code).toBe(1);
  });
});
