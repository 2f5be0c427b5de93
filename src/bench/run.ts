import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { parseArticleFile } from '../article/parse.ts';
import type { Progress } from '../cli/progress.ts';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { dropDatabase, prepareDatabase } from '../db/migrate.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { listEntriesUnder } from '../inbox/files.ts';
import { deleteQueueKeys, openQueues, type Queues, STAGES } from '../jobs/queues.ts';
import { readStages } from '../jobs/stage-counts.ts';
import { tokenize } from '../text/tokenize.ts';
import { type Child, startChild, waitForOutput } from './processes.ts';
import { writeArticles } from './write-articles.ts';

const BIN = fileURLToPath(new URL('../../bin/news-ingest.js', import.meta.url));
const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

export interface BenchOptions {
  articles: number;
  workers: number;
  seed: number;
  progress(line: string): void;
  /** Follows the articles through the pipeline: settled (stored or failed) out of `total`. */
  track(label: string, total: number): Progress;
}

/** What `bench` prints as its last line (one JSON object). */
export interface BenchResult {
  articles: number;
  workers: number;
  failed: number;
  seconds: number;
  articles_per_s: number;
  noop_jobs_per_s: number;
  stages_only_articles_per_s: number;
  /** The pipeline's throughput as a share of each reference point measured in the same run. */
  of_noop: number;
  of_stages_only: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** p95 of articles dropped one at a time, a few per second, into the idle pipeline. */
  trickle_p95_ms: number;
  /** The highest peak resident set size of any worker process, and each process's. */
  peak_rss_mb: number;
  peak_rss_mb_by_process: Record<string, number>;
  redis_peak_mb: number;
  postgres_rows: Record<string, number>;
  postgres_mb: number;
  entity_tokens_per_s: number;
  /** Milliseconds per article in the first and the last tenth of the articles stored. */
  first_tenth_ms_per_article: number;
  last_tenth_ms_per_article: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database, queue prefix and inbox of the benchmark's own, removed afterwards. */
async function benchEnvironment(config: Config) {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = new URL(config.database.url);
  databaseUrl.pathname = `/news_ingest_bench_${id}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-bench-'));
  return { id, database: { ...config.database, url: databaseUrl.toString() }, dir, inbox: path.join(dir, 'inbox') };
}

/** Used memory of the Redis server, in bytes. */
async function redisMemory(queues: Queues): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await queues.redis.info('memory'))?.[1] ?? 0);
}

/** Reference 1: the same articles through validate, dates and entities in one process per core. */
async function stagesOnly(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cores = availableParallelism();
  const children = Array.from({ length: cores }, (_, i) =>
    startChild(`stages-${i}`, script('stages-only.ts'), [], env, files.filter((_, j) => j % cores === i).join('\n')),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.process.once('exit', resolve))));
  const seconds = children.map((child) => {
    const line = child.output().trim().split('\n').at(-1) ?? '';
    if (!line.startsWith('{')) throw new Error(`the stages-only run failed:\n${child.output().slice(-2000)}`);
    return (JSON.parse(line) as { seconds: number }).seconds;
  });
  return files.length / Math.max(...seconds);
}

/** Reference 2: as many jobs that do nothing through the article queue, with the workers' number and concurrency. */
async function noopQueue(config: Config, count: number, workers: number, env: NodeJS.ProcessEnv): Promise<number> {
  const prefix = `${env.QUEUE_PREFIX}-noop`;
  const noopEnv = { ...env, QUEUE_PREFIX: prefix };
  const queues = openQueues({ ...config, queuePrefix: prefix }, 'command');
  const children = Array.from({ length: workers }, (_, i) => startChild(`noop-${i}`, script('noop-worker.ts'), [], noopEnv));
  try {
    await Promise.all(children.map((child) => waitForOutput(child, /ready/)));
    const started = performance.now();
    // Job data shaped like the real one (where the file is and which version), added in chunks within the window.
    const data = { source: { key: 'inbox/batch-000/000000.txt', path: '/tmp/inbox/batch-000/000000.txt', root: '/tmp/inbox', fromInbox: true, size: 2000, changedAt: '1', modifiedAt: new Date().toISOString() } };
    for (let added = 0; added < count; added += 100) {
      while ((await queues.article.getWaitingCount()) >= config.queueWindow) await sleep(20);
      await queues.article.addBulk(Array.from({ length: Math.min(100, count - added) }, () => ({ name: 'noop', data, opts: { removeOnComplete: 1000 } })));
    }
    for (;;) {
      const counts = await queues.article.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      await sleep(20);
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await deleteQueueKeys(queues.redis, prefix);
    await queues.close();
  }
}

/** Tokens per second of the entity stage alone, warm, on one core. */
async function entityTokensPerSecond(files: string[], config: Config): Promise<number> {
  const extractor = defaultExtractorFor(config.nerModel);
  const texts = await Promise.all(files.slice(0, 400).map(async (file) => parseArticleFile(await readFile(file)).text));
  for (const text of texts) extractor.extract(text);
  const tokens = texts.reduce((sum, text) => sum + tokenize(text).length, 0);
  const started = performance.now();
  for (const text of texts) extractor.extract(text);
  return tokens / ((performance.now() - started) / 1000);
}

const TRICKLE = 40;
const TRICKLE_INTERVAL_MS = 250;

/** Drops articles into the inbox one at a time (each complete, by a rename) and returns the p95 of their latency. */
async function trickle(db: Kysely<Database>, dir: string, inbox: string, seed: number): Promise<number> {
  const staging = path.join(dir, 'trickle');
  await writeArticles(staging, TRICKLE, seed);
  const files = (await listEntriesUnder(staging)).files;
  await mkdir(path.join(inbox, 'trickle'), { recursive: true });
  for (const file of files) {
    await rename(file, path.join(inbox, 'trickle', path.basename(file)));
    await sleep(TRICKLE_INTERVAL_MS);
  }
  const count = () => db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).where('source_key', 'like', 'inbox/trickle/%').executeTakeFirstOrThrow();
  for (let waited = 0; Number((await count()).n) < files.length && waited < 60_000; waited += 100) await sleep(100);
  const { rows } = await sql<{ p95: number }>`
    select percentile_cont(0.95) within group (order by extract(epoch from ingested_at - queued_at) * 1000) as p95
    from article where source_key like 'inbox/trickle/%'
  `.execute(db);
  return Number(rows[0]?.p95 ?? 0);
}

/**
 * Generates articles into a fresh inbox and runs the real pipeline on them (watcher, queue,
 * worker processes with every stage, Postgres), with two reference points measured in the same run
 * on the same machine: the queue alone and the stages alone.
 */
export async function runBenchmark(config: Config, options: BenchOptions): Promise<BenchResult> {
  const { articles, workers, progress } = options;
  const bench = await benchEnvironment(config);
  const threads = Math.max(1, Math.floor(availableParallelism() / workers));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: bench.database.url,
    QUEUE_PREFIX: `bench-${bench.id}`,
    INBOX_DIR: bench.inbox,
    ENTITY_THREADS: String(threads),
    // The watcher is the producer here; the rescan would only look at the same files again.
    RESCAN_INTERVAL_MS: '600000',
  };
  const queues = openQueues({ ...config, queuePrefix: env.QUEUE_PREFIX! }, 'command');
  const children: Child[] = [];
  try {
    progress(`generating ${articles} articles (seed ${options.seed}) in ${bench.inbox}`);
    await writeArticles(bench.inbox, articles, options.seed);
    const files = (await listEntriesUnder(bench.inbox)).files;

    progress('reference: the stages alone, one process per core');
    const stagesPerSecond = await stagesOnly(files, env);
    progress(`  ${round(stagesPerSecond)} articles/s`);
    progress('reference: the queue alone, jobs that do nothing');
    const noopPerSecond = await noopQueue(config, articles, workers, env);
    progress(`  ${round(noopPerSecond)} jobs/s`);
    const tokensPerSecond = await entityTokensPerSecond(files, config);

    progress(`the pipeline: ${workers} worker process(es) with ${threads} thread(s) each, and the watcher`);
    await prepareDatabase(bench.database);
    for (let i = 0; i < workers; i++) children.push(startChild(`worker-${i + 1}`, BIN, ['worker'], env));
    await Promise.all(children.map((child) => waitForOutput(child, /workers running/)));
    const db = createDatabase(bench.database, { max: 1 });
    const redisBefore = await redisMemory(queues);
    let redisPeak = redisBefore;
    // Progress comes from the counts the workers report (a count(*) of a growing table every few
    // hundred milliseconds would itself load the machine); the time, from the database's own clock.
    const { rows: clock } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
    const watcher = startChild('watcher', BIN, ['watch'], env);
    children.push(watcher);
    const prefixed = { ...config, queuePrefix: env.QUEUE_PREFIX! };
    let stored = 0;
    let failed = 0;
    const settled = options.track('  stored or failed', articles);
    while (stored + failed < articles) {
      await sleep(250);
      redisPeak = Math.max(redisPeak, await redisMemory(queues));
      const { tally } = await readStages(queues, prefixed);
      stored = tally.upsert.passed;
      failed = STAGES.reduce((sum, stage) => sum + tally[stage].failed, 0);
      settled.update(stored + failed);
      for (const child of children) if (child.process.exitCode !== null) throw new Error(`${child.name} stopped:\n${child.output().slice(-2000)}`);
    }
    settled.finish();
    const { rows: end } = await sql<{ seconds: number }>`select extract(epoch from max(ingested_at) - ${clock[0]!.now}::timestamptz) as seconds from article`.execute(db);
    const seconds = Number(end[0]!.seconds);
    const rss = Object.fromEntries(children.map((child) => [child.name, round(child.peakRssMb())]));

    progress(`a trickle: ${TRICKLE} articles dropped one at a time, ${1000 / TRICKLE_INTERVAL_MS} per second, into the idle pipeline`);
    const trickleP95 = await trickle(db, bench.dir, bench.inbox, options.seed + 1);

    const { rows: latency } = await sql<{ p50: number; p95: number; p99: number }>`
      select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95,
             percentile_cont(0.99) within group (order by ms) as p99
      from (select extract(epoch from ingested_at - queued_at) * 1000 as ms from article where source_key not like 'inbox/trickle/%') as latency
    `.execute(db);
    const { rows: tenths } = await sql<{ tenth: number; ms: number }>`
      select tenth, extract(epoch from max(ingested_at) - min(ingested_at)) * 1000 / count(*) as ms
      from (select ingested_at, ntile(10) over (order by id) as tenth from article where source_key not like 'inbox/trickle/%') as t
      group by tenth order by tenth
    `.execute(db);
    const { rows: sizes } = await sql<{ table: string; rows: number }>`
      select 'article' as table, count(*) as rows from article union all select 'entity', count(*) from entity
      union all select 'entity_alias', count(*) from entity_alias union all select 'mention', count(*) from mention
      union all select 'time_expression', count(*) from time_expression
    `.execute(db);
    const { rows: size } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(db);
    await db.destroy();

    return {
      articles,
      workers,
      failed,
      seconds: round(seconds),
      articles_per_s: round(stored / seconds),
      noop_jobs_per_s: round(noopPerSecond),
      stages_only_articles_per_s: round(stagesPerSecond),
      of_noop: round(stored / seconds / noopPerSecond, 3),
      of_stages_only: round(stored / seconds / stagesPerSecond, 3),
      p50_ms: round(Number(latency[0]?.p50 ?? 0)),
      p95_ms: round(Number(latency[0]?.p95 ?? 0)),
      p99_ms: round(Number(latency[0]?.p99 ?? 0)),
      trickle_p95_ms: round(trickleP95),
      peak_rss_mb: Math.max(...children.filter((child) => child.name.startsWith('worker')).map((child) => rss[child.name]!)),
      peak_rss_mb_by_process: rss,
      redis_peak_mb: round((redisPeak - redisBefore) / 2 ** 20),
      postgres_rows: Object.fromEntries(sizes.map((row) => [row.table, Number(row.rows)])),
      postgres_mb: round(Number(size[0]?.bytes ?? 0) / 2 ** 20),
      entity_tokens_per_s: Math.round(tokensPerSecond),
      first_tenth_ms_per_article: round(Number(tenths[0]?.ms ?? 0), 3),
      last_tenth_ms_per_article: round(Number(tenths.at(-1)?.ms ?? 0), 3),
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await deleteQueueKeys(queues.redis, env.QUEUE_PREFIX!);
    await queues.close();
    await dropDatabase(bench.database);
    await rm(bench.dir, { recursive: true, force: true });
  }
}
