import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxWatcher, watchInbox } from '../src/jobs/watcher.ts';
import { exitOf, runCli, spawnCli } from './support/cli.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { logged } from './support/logs.ts';
import { recordingLogger, type RunningPipeline, startPipeline } from './support/pipeline.ts';

const SECRET = 'GEHEIM-7f3a';
const LATIN1_NAME = (dir: string) => Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]);
const article = (words: string) => ` date 2024-02 ${words} sprak in Utrecht met de pers.`;

/** Every string value under a queue prefix in Redis, for proving that a secret never got there. */
async function redisValues(pipeline: RunningPipeline): Promise<string> {
  const { redis } = pipeline.queues;
  const keys = await redis.keys(`${pipeline.config.queuePrefix}:*`);
  const values = await Promise.all(
    keys.map(async (key) => {
      const type = await redis.type(key);
      if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
      if (type === 'string') return (await redis.get(key)) ?? '';
      if (type === 'list') return (await redis.lrange(key, 0, -1)).join('\n');
      return '';
    }),
  );
  return values.join('\n');
}

describe('inbox entries that are not regular files', () => {
  let pipeline: RunningPipeline;
  let watcher: InboxWatcher;
  let outside: string;
  let server: Server;

  beforeAll(async () => {
    pipeline = await startPipeline({ RESCAN_INTERVAL_MS: '1000' });
    const { dir, processedDir } = pipeline.config.inbox;
    outside = path.join(pipeline.dir, 'outside');
    await mkdir(path.join(outside, 'articles'), { recursive: true });
    await mkdir(path.join(outside, 'planted'), { recursive: true });
    await writeFile(path.join(outside, 'secret.txt'), article(`${SECRET} Jan Jansen`));
    await writeFile(path.join(outside, 'articles', 'elsewhere.txt'), article('Piet Pieters'));

    await mkdir(path.join(dir, 'feed'), { recursive: true });
    await mkdir(processedDir, { recursive: true });
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link-to-file.txt'));
    await symlink(path.join(outside, 'articles'), path.join(dir, 'link-to-folder'));
    await symlink('/dev/zero', path.join(dir, 'zero.txt'));
    await symlink(path.join(outside, 'missing.txt'), path.join(dir, 'dangling.txt'));
    // A folder link planted in processed/: a stored file must not be moved through it.
    await symlink(path.join(outside, 'planted'), path.join(processedDir, 'feed'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.txt'), resolve));
    if (process.getuid?.() === 0) execFileSync('mknod', [path.join(dir, 'null.txt'), 'c', '1', '3']);
    // A Latin-1 name: no UTF-8 path leads to it.
    writeFileSync(LATIN1_NAME(dir), article('Café Müller'));

    watcher = await watchInbox(pipeline, recordingLogger());
    await writeFile(path.join(dir, 'good.txt'), article('Mark Rutte'));
    await writeFile(path.join(dir, 'feed', 'nested.txt'), article('Sigrid Kaag'));
  });
  afterAll(async () => {
    await watcher?.close();
    server?.close();
    await pipeline?.close();
  });

  it('takes the regular files beside them and leaves every other entry where it is, unopened', async () => {
    const { dir, processedDir } = pipeline.config.inbox;
    await waitFor('good.txt stored', async () => existsSync(path.join(processedDir, 'good.txt')));
    // The next rescans see the same entries again; none of them may block or take anything.
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const stored = await pipeline.db.selectFrom('article').select(['source_key', 'body']).orderBy('source_key').execute();
    expect(stored.map((row) => row.source_key)).toEqual(['inbox/feed/nested.txt', 'inbox/good.txt']);
    for (const name of ['link-to-file.txt', 'link-to-folder', 'zero.txt', 'dangling.txt']) expect(lstatSync(path.join(dir, name)).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'pipe.txt')).isFIFO()).toBe(true);
    expect(lstatSync(path.join(dir, 'socket.txt')).isSocket()).toBe(true);
    if (process.getuid?.() === 0) expect(lstatSync(path.join(dir, 'null.txt')).isCharacterDevice()).toBe(true);
  });

  it('reads, moves and writes nothing outside the inbox and its folders', async () => {
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe(article(`${SECRET} Jan Jansen`));
    expect(readdirSync(path.join(outside, 'articles'))).toEqual(['elsewhere.txt']);
    // The stored file whose processed/ folder is a link stays in the inbox; nothing lands through the link.
    expect(readdirSync(path.join(outside, 'planted'))).toEqual([]);
    expect(readdirSync(outside).sort()).toEqual(['articles', 'planted', 'secret.txt']);
    expect(await redisValues(pipeline)).not.toContain(SECRET);
    const { dir, failedDir } = pipeline.config.inbox;
    expect(existsSync(path.join(dir, 'feed', 'nested.txt'))).toBe(true);
    const failures = existsSync(failedDir) ? readdirSync(failedDir, { recursive: true }).map(String) : [];
    for (const name of failures) {
      const file = path.join(failedDir, name);
      if (lstatSync(file).isFile()) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    }
  });

  it('lists what it left alone in status, saying what each entry is', async () => {
    const result = await runCli(['status', '--json'], pipeline.env);
    expect(result.code).toBe(0);
    const { skipped } = JSON.parse(result.stdout) as { skipped: { count: number; entries: { file: string; reason: string }[] } };
    const reasons = Object.fromEntries(skipped.entries.map((entry) => [entry.file, entry.reason]));
    expect(reasons['inbox/link-to-file.txt']).toMatch(/is a symbolic link, not a regular file/);
    expect(reasons['inbox/link-to-folder']).toMatch(/is a symbolic link/);
    expect(reasons['inbox/zero.txt']).toMatch(/is a symbolic link/);
    expect(reasons['inbox/pipe.txt']).toMatch(/is a FIFO, not a regular file/);
    expect(reasons['inbox/socket.txt']).toMatch(/is a socket, not a regular file/);
    if (process.getuid?.() === 0) expect(reasons['inbox/null.txt']).toMatch(/is a device, not a regular file/);
    expect(reasons['inbox/caf\uFFFD.txt']).toMatch(/its name is not valid UTF-8 .* rename it to have it taken/);
    expect(existsSync(LATIN1_NAME(pipeline.config.inbox.dir))).toBe(true);
    expect(JSON.stringify(skipped)).not.toContain(SECRET);
    const text = await runCli(['status'], pipeline.env);
    expect(text.stdout).toMatch(/inbox entries left alone \(not regular files\): [78]\n {2}inbox\/caf\uFFFD\.txt: /);
  });
});

describe('a watcher beside a FIFO', () => {
  const environment = useTestEnvironment();

  it('stops at once on SIGTERM', async () => {
    const { dir } = environment.config.inbox;
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 6; i++) execFileSync('mkfifo', [path.join(dir, `pipe-${i}.txt`)]);
    const watch = spawnCli(['watch'], environment.env);
    await waitFor('the watcher to start', async () => logged(watch.output(), 'watching').length > 0);
    await writeFile(path.join(dir, 'late.txt'), article('Mark Rutte'));
    await waitFor('the file after the FIFOs to be enqueued', async () => logged(watch.output(), 'enqueued').some(({ file }) => /late\.txt$/.test(String(file))));
    expect(logged(watch.output(), 'skipped')).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/pipe-0\.txt$/), reason: expect.stringMatching(/is a FIFO/) }));
    watch.kill('SIGTERM');
    const exit = await Promise.race([exitOf(watch), new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
