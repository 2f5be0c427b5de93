import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArticles } from '../src/bench/write-articles.ts';
import { createDatabase } from '../src/db/connection.ts';
import type { Database } from '../src/db/database.ts';
import { useBrowser } from './support/browser.ts';
import { exitOf, runCli, spawnCli } from './support/cli.ts';
import { type RunningDashboard, startDashboard } from './support/dashboard.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { whereIs } from './support/inbox.ts';
import { logged } from './support/logs.ts';
import { parsePrometheusText, valueOf } from './support/prometheus.ts';

const environment = useTestEnvironment({ RESCAN_INTERVAL_MS: '1000' });
const browser = useBrowser();

const ARTICLE = ' date 2023-03 De minister van Financiën sprak dinsdag in Den Haag met Mark Rutte over de begroting.\n';
/** A file name that would run a script and break out of an attribute, were it not escaped. */
const HOSTILE_NAME = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=1.txt';

let db: Kysely<Database>;
let worker: ReturnType<typeof spawnCli>;
let workerMetrics: string;
let dashboard: RunningDashboard;

beforeAll(async () => {
  db = createDatabase(environment.config.database, { max: 1 });
  // A worker process of its own, as in production: it takes the inbox by its rescan and serves its metrics.
  worker = spawnCli(['worker'], { ...environment.env, HEALTH_PORT: '0' });
  const [listening] = await waitFor('the worker', async () => {
    const lines = logged(worker.output(), 'health endpoints listening');
    return lines.length > 0 && lines;
  });
  workerMetrics = `http://127.0.0.1:${listening!.port}/metrics`;
  dashboard = await startDashboard(environment.env);
});
afterAll(async () => {
  await dashboard?.stop();
  worker?.kill('SIGTERM');
  if (worker) await exitOf(worker);
  await db?.destroy();
});

const inbox = () => environment.config.inbox;

/** Puts a file into the inbox in one step, as a finished file arrives. */
async function drop(name: string, content: string): Promise<void> {
  const partial = path.join(environment.dir, `${path.basename(name)}.part`);
  await writeFile(partial, content);
  await rename(partial, path.join(inbox().dir, name));
}

const failedToArrive = (name: string) => waitFor(`${name} in failed/`, async () => whereIs(inbox(), name).includes('failed') && existsSync(path.join(inbox().failedDir, `${name}.error.txt`)));

const scrape = async (url: string) => parsePrometheusText(await (await fetch(`${url}metrics`)).text());

/** The workers add their stage counts to the totals every few seconds: waits until `stage` has passed `count` articles there. */
const stageTotal = (stage: string, outcome: 'passed' | 'failed', count: number) =>
  waitFor(`the stage totals to show ${count} ${outcome} in ${stage}`, async () => {
    const scraped = await scrape(dashboard.url);
    return valueOf(scraped, 'news_ingest_stage_articles', 'news_ingest_stage_articles', { stage, outcome }) === count && scraped;
  });

const storedAs = (sourceKey: string) =>
  waitFor(`${sourceKey} to be stored`, async () => (await db.selectFrom('article').select('id').where('source_key', '=', sourceKey).executeTakeFirst()) ?? false);

describe('the dashboard in a browser', () => {
  it('shows the queues in Bull Board', async () => {
    const page = await browser().newPage();
    await page.goto(`${dashboard.url}queues`);
    for (const queue of ['article', 'inbox']) await page.getByText(queue, { exact: true }).first().waitFor();
    await page.close();
  });

  it('lists a failed file with its reason, and its retry button sends it back to be stored once corrected', async () => {
    await mkdir(inbox().dir, { recursive: true });
    await drop('undated.txt', 'Een tekst zonder datum.\n');
    await failedToArrive('undated.txt');
    const sidecar = await readFile(path.join(inbox().failedDir, 'undated.txt.error.txt'), 'utf8');
    const reason = /^reason: (.*)$/m.exec(sidecar)![1]!;

    const page = await browser().newPage();
    await page.goto(dashboard.url);
    const row = page.locator('#failed tr', { hasText: 'undated.txt' });
    expect(await row.innerText()).toContain(reason);

    // Corrected in place, its modification time set back as `cp -p` would: the rescan, which brings
    // back files written to after they were filed, leaves it alone, and the button is what sends it.
    const failedFile = path.join(inbox().failedDir, 'undated.txt');
    await writeFile(failedFile, ARTICLE);
    const anHourAgo = Date.now() / 1000 - 3600;
    await utimes(failedFile, anHourAgo, anHourAgo);

    await row.getByRole('button', { name: 'retry' }).click();
    expect(await page.locator('#notice').innerText()).toContain('undated.txt is back in the inbox');
    await storedAs('inbox/undated.txt');
    await waitFor('undated.txt in processed/', async () => whereIs(inbox(), 'undated.txt').join() === 'processed');
    expect(existsSync(path.join(inbox().failedDir, 'undated.txt.error.txt'))).toBe(false);
    await page.close();
  });

  it('shows a file name holding markup as text, and runs none of it', async () => {
    await drop(HOSTILE_NAME, 'geen datum\n');
    await failedToArrive(HOSTILE_NAME);
    const page = await browser().newPage();
    await page.goto(dashboard.url);
    expect(await page.locator('#failed').innerText()).toContain(HOSTILE_NAME);
    expect(await page.locator('#failed input[name=file]').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))).toContain(HOSTILE_NAME);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('serves /metrics as Prometheus text: the queues, stages, inbox and database from the dashboard, stage timings from the worker', async () => {
    const families = await stageTotal('validate', 'failed', 2);
    expect(valueOf(families, 'news_ingest_stage_articles', 'news_ingest_stage_articles', { stage: 'upsert', outcome: 'passed' })).toBe(1);
    expect(valueOf(families, 'news_ingest_queue_jobs', 'news_ingest_queue_jobs', { queue: 'article', state: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(families, 'news_ingest_stored_rows', 'news_ingest_stored_rows', { table: 'article' })).toBe(1);
    expect(valueOf(families, 'news_ingest_inbox_backlog_files', 'news_ingest_inbox_backlog_files')).toBe(0);
    expect(valueOf(families, 'news_ingest_workers', 'news_ingest_workers')).toBe(1);
    for (const name of ['news_ingest_entities', 'news_ingest_articles_by_extractor', 'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']) {
      expect(families.get(name)?.samples.length, name).toBeGreaterThan(0);
    }

    const fromWorker = parsePrometheusText(await (await fetch(workerMetrics)).text());
    const duration = 'news_ingest_stage_duration_seconds';
    for (const stage of ['validate', 'dates', 'entities', 'upsert']) {
      expect(valueOf(fromWorker, duration, `${duration}_count`, { stage }), stage).toBeGreaterThanOrEqual(1);
      expect(valueOf(fromWorker, duration, `${duration}_bucket`, { stage, le: '+Inf' }), stage).toBe(valueOf(fromWorker, duration, `${duration}_count`, { stage }));
    }
    expect(valueOf(fromWorker, 'news_ingest_article_failures_total', 'news_ingest_article_failures_total', { stage: 'validate', cause: 'data' })).toBe(2);
    expect(valueOf(fromWorker, 'news_ingest_articles_stored_total', 'news_ingest_articles_stored_total', { outcome: 'inserted' })).toBe(1);
    expect(valueOf(fromWorker, 'news_ingest_mentions_stored_total', 'news_ingest_mentions_stored_total')).toBeGreaterThan(0);
    expect(fromWorker.get('process_resident_memory_bytes')?.samples.length).toBe(1);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${dashboard.url}healthz`)).status).toBe(200);
    expect(await (await fetch(`${dashboard.url}readyz`)).json()).toEqual({ ready: true, checks: { redis: 'ok', postgres: 'ok', migrations: 'ok' } });
  });

  it('draws the articles stored per hour', async () => {
    await writeArticles(path.join(inbox().dir, 'generated'), 120, 7);
    await waitFor('the generated articles to be stored', async () => Number((await sql<{ n: string }>`select count(*) as n from article`.execute(db)).rows[0]!.n) === 121, 60_000);
    // A day's history, as a running installation has it: the articles are spread over the last 24 hours.
    await sql`
      update article set ingested_at = ingested_at - numbered.hours * interval '1 hour', queued_at = queued_at - numbered.hours * interval '1 hour'
      from (select id, row_number() over (order by id) % 24 as hours from article) as numbered where article.id = numbered.id
    `.execute(db);

    await stageTotal('upsert', 'passed', 121);
    const page = await browser().newPage({ viewport: { width: 1000, height: 900 } });
    // Throughput and time per stage, once the dashboard's samples of the totals span the work.
    await waitFor('each stage\'s throughput and time per article', async () => {
      await page.goto(dashboard.url);
      const rows = await page.locator('#stages tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      return rows.length === 4 && rows.every((cells) => /^\d/.test(cells[4]!) && /^\d+\.\d$/.test(cells[5]!));
    });
    const bars = await page.locator('svg.chart rect').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('height'))));
    expect(bars).toHaveLength(48);
    // 24 hours, or 25 when the articles were stored on both sides of the hour.
    expect(bars.filter((height) => height > 0).length).toBeGreaterThanOrEqual(24);
    expect(await page.locator('#backlog').innerText()).toBe('0 file(s) wait in the inbox.');
    // The README's picture: DASHBOARD_SCREENSHOT=docs/dashboard.png npx vitest run test/dashboard.test.ts
    if (process.env.DASHBOARD_SCREENSHOT) await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT, fullPage: true });
    await page.close();
  });
});

describe('a read-only dashboard', () => {
  let readOnly: RunningDashboard;
  beforeAll(async () => {
    readOnly = await startDashboard({ ...environment.env, DASHBOARD_READ_ONLY: 'true' });
  });
  afterAll(() => readOnly?.stop());

  it('offers no retry and refuses one', async () => {
    const page = await browser().newPage();
    await page.goto(readOnly.url);
    expect(await page.locator('#failed').innerText()).toContain(HOSTILE_NAME);
    expect(await page.getByRole('button', { name: 'retry' }).count()).toBe(0);
    await page.close();

    const origin = new URL(readOnly.url).origin;
    const retry = await fetch(`${readOnly.url}failed/retry`, { method: 'POST', headers: { origin }, body: new URLSearchParams({ file: HOSTILE_NAME }) });
    expect(retry.status).toBe(403);
    const boardRetry = await fetch(`${readOnly.url}queues/api/queues/article/retry/failed`, { method: 'PUT', headers: { origin } });
    expect(boardRetry.status).toBe(403);
    expect(whereIs(inbox(), HOSTILE_NAME)).toEqual(['failed']);
  });
});

describe('a dashboard with a user and password', () => {
  const credentials = { DASHBOARD_USER: 'redactie', DASHBOARD_PASSWORD: 'geheim-123' };
  let guarded: RunningDashboard;
  beforeAll(async () => {
    guarded = await startDashboard({ ...environment.env, ...credentials });
  });
  afterAll(() => guarded?.stop());

  it('answers 401 without them, and serves the page and the metrics with them', async () => {
    for (const endpoint of ['', 'queues', 'metrics']) {
      const refused = await fetch(`${guarded.url}${endpoint}`);
      expect(refused.status, endpoint).toBe(401);
      expect(refused.headers.get('www-authenticate'), endpoint).toMatch(/^Basic/);
    }
    const authorization = `Basic ${Buffer.from('redactie:geheim-123').toString('base64')}`;
    expect((await fetch(`${guarded.url}metrics`, { headers: { authorization } })).status).toBe(200);

    const context = await browser().newContext({ httpCredentials: { username: 'redactie', password: 'geheim-123' } });
    const page = await context.newPage();
    await page.goto(guarded.url);
    expect(await page.locator('h1').innerText()).toBe('news-ingest');
    await context.close();
  });

  it('is required to serve an address other machines reach', async () => {
    const refused = await runCli(['dashboard', '--port', '0'], { ...environment.env, DASHBOARD_HOST: '0.0.0.0' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('set DASHBOARD_USER and DASHBOARD_PASSWORD');
    const half = await runCli(['dashboard', '--port', '0'], { ...environment.env, DASHBOARD_USER: 'redactie' });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('DASHBOARD_USER and DASHBOARD_PASSWORD: set both, or neither');
  });
});
