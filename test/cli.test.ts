import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli } from './support/cli.ts';
import { shippedExtractor } from './support/extractor.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { logged, logLines } from './support/logs.ts';

const environment = useTestEnvironment();

describe('the command line', () => {
  it('stops on a wrong setting with a message naming the variable', async () => {
    const result = await runCli(['status'], { ...environment.env, WORKER_CONCURRENCY: 'many' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/news-ingest: invalid configuration:\n {2}WORKER_CONCURRENCY="many": /);
  });

  it('fails within three seconds when Redis cannot be reached, naming the variable and not the password', async () => {
    const started = performance.now();
    // A port nothing listens on: the connection is refused at once, again and again.
    const result = await runCli(['status'], { ...environment.env, REDIS_URL: 'redis://reader:secret@127.0.0.1:1' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.code).toBe(1);
    // Whichever comes first: a command that ioredis gave up on, or the refused connection itself.
    expect(result.stderr).toMatch(/(cannot reach Redis at|cannot connect to) 127\.0\.0\.1:1\b.*; is the server REDIS_URL names running\?/);
    expect(result.stderr).not.toMatch(/secret/);
  });

  it('migrate creates the schema in the database DATABASE_URL names', async () => {
    const url = new URL(environment.config.database.url);
    url.pathname = `${url.pathname}_fresh`;
    const result = await runCli(['migrate'], { ...environment.env, DATABASE_URL: url.toString() });
    expect(logLines(result.stdout)[0]?.msg).toMatch(/^applied 0001_articles_entities_mentions, 0002_entity_aliases_countries, 0003_publication_ranges_time_expressions/);
    const again = await runCli(['migrate'], { ...environment.env, DATABASE_URL: url.toString() });
    expect(logged(again.stdout, 'schema is up to date')).toHaveLength(1);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const tables = await client.query("select tablename from pg_tables where schemaname = 'public' order by 1");
      expect(tables.rows.map((row) => row.tablename)).toEqual(['article', 'entity', 'entity_alias', 'intake', 'kysely_migration', 'kysely_migration_lock', 'mention', 'time_expression']);
    } finally {
      await client.end();
      const admin = new URL(url);
      admin.pathname = '/postgres';
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`drop database ${pg.escapeIdentifier(url.pathname.slice(1))} with (force)`);
      await dropper.end();
    }
  });

  it('status --watch reports again and again, one report after another off a terminal, until SIGINT', async () => {
    const watching = spawnCli(['status', '--watch', '--interval', '0.2'], environment.env);
    const reports = () => watching.output().match(/^queue +waiting +active/gm)?.length ?? 0;
    await waitFor('two reports', async () => reports() >= 2);
    watching.kill('SIGINT');
    expect(await exitOf(watching)).toEqual({ code: 0, signal: null });
    // No screen clearing away from a terminal: plain reports, a blank line between them.
    expect(watching.output()).not.toContain('\x1b');
    expect(watching.output()).toMatch(/database: \d+ articles[^]*\n\nqueue +waiting/);
  });

  it('ingest names a path that does not exist', async () => {
    const result = await runCli(['ingest', 'no/such/folder'], environment.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/news-ingest: no\/such\/folder: no such file or folder/);
  });

  it('ingest --wait and status show stored articles and failures with file and reason', async () => {
    const folder = path.join(environment.dir, 'mixed');
    await mkdir(folder);
    await writeFile(path.join(folder, 'ok.json'), JSON.stringify({ date: '2024-05-02', text: 'Mark Rutte sprak in Den Haag.' }));
    await writeFile(path.join(folder, 'bad.json'), JSON.stringify({ date: '2024-05-02', body: 'geen text-veld' }));

    const worker = spawnCli(['worker'], environment.env);
    try {
      const ingest = await runCli(['ingest', '--wait', folder], environment.env);
      expect(ingest.code, ingest.stdout + ingest.stderr).toBe(1);
      expect(logged(ingest.stdout, 'stored')).toEqual([expect.objectContaining({ file: expect.stringMatching(/\/mixed\/ok\.json$/), outcome: 'inserted' })]);
      expect(logged(ingest.stderr, 'failed')).toEqual([
        expect.objectContaining({
          level: 'error',
          file: expect.stringMatching(/\/mixed\/bad\.json$/),
          stage: 'validate',
          reason: 'JSON article: unknown field "body"; field "text" is missing; expected a string',
        }),
      ]);
    } finally {
      worker.kill('SIGTERM');
      await exitOf(worker);
    }

    const text = await runCli(['status'], environment.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^article\s+0\s+0\s+1\s+1\s+0$/m);
    // Per stage: active now, passed, failed, and the mean milliseconds an article spent in it.
    expect(text.stdout).toMatch(/^stage\s+active\s+passed\s+failed\s+ms\/article$/m);
    expect(text.stdout).toMatch(/^validate\s+0\s+1\s+1\s+\d+\.\d$/m);
    expect(text.stdout).toMatch(/^upsert\s+0\s+1\s+0\s+\d+\.\d$/m);
    expect(text.stdout).toMatch(/^no worker is running$/m);
    expect(text.stdout).toMatch(/database: 1 articles/);
    expect(text.stdout).toMatch(/^ +1 articles tagged by tagger\/perceptron-[0-9a-f]{12}$/m);
    expect(text.stdout).toMatch(/validate {2}\S*\/mixed\/bad\.json\n {4}JSON article: unknown field "body"/);

    const json = JSON.parse((await runCli(['status', '--json'], environment.env)).stdout);
    expect(json.counts.article).toEqual({ waiting: 0, active: 0, completed: 1, failed: 1, delayed: 0 });
    expect(json.stages.entities).toEqual({ passed: 1, failed: 0, ms: expect.any(Number) });
    expect(json.stages.entities.ms).toBeGreaterThan(0);
    expect(json.database).toMatchObject({ articles: 1, byExtractor: { [shippedExtractor.version]: 1 } });
    expect(json.failures).toEqual([
      expect.objectContaining({ queue: 'article', stage: 'validate', file: path.join(folder, 'bad.json'), reason: expect.stringMatching(/unknown field "body"/) }),
    ]);

    const current = await runCli(['reprocess'], environment.env);
    expect(logged(current.stdout, 'reprocess enqueued')).toEqual([expect.objectContaining({ articles: 0, extractor: expect.stringMatching(/^tagger\/perceptron-/) })]);
    const all = await runCli(['reprocess', '--all'], environment.env);
    expect(logged(all.stdout, 'reprocess enqueued')).toEqual([expect.objectContaining({ articles: 1 })]);
  });
});
