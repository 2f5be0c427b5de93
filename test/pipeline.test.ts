import { readFileSync } from 'node:fs';
import { copyFile, mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { normalizeName } from '../src/entities/entity.ts';
import { shippedExtractor } from './support/extractor.ts';
import { seedsGold } from './support/gold.ts';
import { enqueueFile, filesFromArguments } from '../src/jobs/producer.ts';
import { sql } from 'kysely';
import { waitFor } from './support/environment.ts';
import { ingestSeeds, type RunningPipeline, seedKey, startPipeline } from './support/pipeline.ts';

const gold = seedsGold;
const SEED_2023 = seedKey('000_efed8caf83f9d982.txt');

let pipeline: RunningPipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline?.close();
});

async function mentionCount(sourceKey: string, type: string, name: string): Promise<number> {
  const row = await pipeline.db
    .selectFrom('mention')
    .innerJoin('article', 'article.id', 'mention.article_id')
    .innerJoin('entity', 'entity.id', 'mention.entity_id')
    .where('article.source_key', '=', sourceKey)
    .where('entity.type', '=', type as 'PER')
    .where('entity.normalized_name', '=', normalizeName(name))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const tableCounts = async () => ({
  articles: (await pipeline.db.selectFrom('article').selectAll().execute()).length,
  entities: (await pipeline.db.selectFrom('entity').selectAll().execute()).length,
  mentions: (await pipeline.db.selectFrom('mention').selectAll().execute()).length,
});

describe('the seeds, end to end', () => {
  beforeAll(async () => {
    await ingestSeeds(pipeline);
  });

  it('stores both articles with a month-precise publication date', async () => {
    const articles = await pipeline.db
      .selectFrom('article')
      .select(['source_key', 'published_on', 'published_precision', 'published_value'])
      .orderBy('source_key')
      .execute();
    expect(articles).toEqual([
      { source_key: seedKey('000_efed8caf83f9d982.txt'), published_on: '2023-03-01', published_precision: 'month', published_value: '2023-03' },
      { source_key: seedKey('003_93b1d2fb4bde249c.txt'), published_on: '2022-01-01', published_precision: 'month', published_value: '2022-01' },
    ]);
    for (const document of gold.documents) {
      expect(articles.find((a) => a.source_key === seedKey(document.file))?.published_value).toBe(document.published.value);
    }
  });

  it('stores the required entities with their types', async () => {
    const entities = await pipeline.db.selectFrom('entity').select(['type', 'name']).execute();
    for (const [type, name] of [
      ['PER', 'Antony Blinken'],
      ['PER', 'Sergej Lavrov'],
      ['LOC', 'Oekraïne'],
      ['LOC', 'Rusland'],
      ['LOC', 'New Delhi'],
      ['LOC', 'Genève'],
    ]) {
      expect(entities).toContainEqual({ type, name });
    }
    expect(entities.map((e) => e.name)).not.toContain('De');
    expect(entities.map((e) => e.name)).not.toContain('Het');
    expect(entities.map((e) => e.name)).not.toContain('Maar');
  });

  it('stores the publication range and the time expressions with offsets and days', async () => {
    const article = await pipeline.db
      .selectFrom('article')
      .select(['id', 'body', 'published_start', 'published_end', 'published_text', 'published_timezone', 'published_warnings'])
      .where('source_key', '=', seedKey('003_93b1d2fb4bde249c.txt'))
      .executeTakeFirstOrThrow();
    expect(article).toMatchObject({ published_text: '2022-01', published_timezone: null, published_warnings: [] });
    expect(article.published_start?.toISOString()).toBe('2021-12-31T23:00:00.000Z');
    expect(article.published_end?.toISOString()).toBe('2022-01-31T22:59:59.999Z');
    const expressions = await pipeline.db.selectFrom('time_expression').selectAll().where('article_id', '=', article.id).orderBy('start').execute();
    expect(expressions.map((e) => [e.text, e.type, e.value])).toEqual(
      gold.documents.find((d) => d.file === '003_93b1d2fb4bde249c.txt')!.timex.map((t) => [t.text, t.type, t.value]),
    );
    for (const expression of expressions) expect(article.body.slice(expression.start, expression.end)).toBe(expression.text);
    expect(expressions[0]).toMatchObject({ value: '2022-WXX-5', first_day: '2022-01-07', last_day: '2022-02-04' });
  });

  it('counts the mentions of Lavrov in both articles as the gold annotation does, linked to one person', async () => {
    for (const document of gold.documents) {
      for (const entity of document.entities.filter((e) => /Lavrov/.test(e.name))) {
        const expected = Object.values(entity.mentions).reduce((sum, n) => sum + n, 0);
        const stored = entity.same_as ?? entity.name;
        expect(await mentionCount(seedKey(document.file), entity.type, stored), `${document.file} ${stored}`).toBe(expected);
      }
    }
  });

  it('records mention offsets into the stored body, and the extractor', async () => {
    const rows = await pipeline.db
      .selectFrom('mention')
      .innerJoin('article', 'article.id', 'mention.article_id')
      .select(['article.body', 'article.extractor', 'mention.start', 'mention.end', 'mention.text'])
      .execute();
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(row.body.slice(row.start, row.end)).toBe(row.text);
      expect(row.extractor).toBe(shippedExtractor.version);
    }
  });
});

describe('failures', () => {
  it('a file given to ingest again after its job failed is tried again', async () => {
    const file = path.join(pipeline.dir, 'broken.txt');
    await writeFile(file, 'geen kop');
    const first = await pipeline.ingest({ path: file, key: file, fromInbox: false, root: path.dirname(file) });
    expect(first).toMatchObject({ stage: 'validate', state: 'failed', reason: expect.stringMatching(/^line 1: found "geen kop"/) });
    const [again] = await filesFromArguments([file]);
    const { outcome, jobId } = await enqueueFile(pipeline, again!);
    expect(outcome).toBe('retried');
    const job = await pipeline.queues.article.getJob(jobId!);
    await waitFor('the retry to fail again', async () => (await job!.getState()) === 'failed' && (await pipeline.queues.article.getJob(jobId!))!.attemptsMade === 2);
  });

  it('survives the database dropping every connection', async () => {
    await pipeline.db.selectFrom('article').select('id').execute();
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(pipeline.db);
    const file = path.join(pipeline.dir, 'after-drop.txt');
    await writeFile(file, ' date 2024-03 Olaf Scholz bezocht Parijs.');
    expect(await pipeline.ingest({ path: file, key: file, fromInbox: false, root: path.dirname(file) })).toMatchObject({ stage: 'upsert', state: 'completed' });
  });
});

describe('idempotency', () => {
  it('stores the same content once: the same file again, touched, or a copy under another name', async () => {
    const before = await tableCounts();
    const [seed] = await filesFromArguments([SEED_2023]);
    expect(await enqueueFile(pipeline, seed!)).toMatchObject({ outcome: 'stored' });

    const dir = path.join(pipeline.dir, 'again');
    await mkdir(dir, { recursive: true });
    const copy = path.join(dir, 'copy.txt');
    await copyFile(SEED_2023, copy);
    expect((await pipeline.ingest({ path: copy, key: copy, fromInbox: false, root: path.dirname(copy) })).result).toMatchObject({ outcome: 'unchanged' });
    // Touched: a new job (the change time differs), and still nothing new to store.
    await utimes(copy, new Date(), new Date());
    expect((await pipeline.ingest({ path: copy, key: copy, fromInbox: false, root: path.dirname(copy) })).result).toMatchObject({ outcome: 'unchanged' });
    expect(await tableCounts()).toEqual(before);
  });

  it('an edited file replaces the old version and its mentions', async () => {
    const file = path.join(pipeline.dir, 'edited.txt');
    const original = readFileSync(SEED_2023, 'utf8');
    await writeFile(file, original.replace('Antony Blinken', 'Antony Blinken, en'));
    const first = await pipeline.ingest({ path: file, key: 'edited.txt', fromInbox: false, root: path.dirname(file) });
    expect(first.result).toMatchObject({ outcome: 'inserted' });
    const oldMentions = await mentionCount('edited.txt', 'PER', 'Antony Blinken');
    expect(oldMentions).toBe(4);

    const edited = ' date 2023-04 Joe Biden sprak in Washington met Olaf Scholz. Later belde Biden met Blinken.';
    await writeFile(file, edited);
    const second = await pipeline.ingest({ path: file, key: 'edited.txt', fromInbox: false, root: path.dirname(file) });
    expect(second.result).toMatchObject({ outcome: 'updated' });

    const article = await pipeline.db.selectFrom('article').selectAll().where('source_key', '=', 'edited.txt').executeTakeFirstOrThrow();
    expect(article.published_value).toBe('2023-04');
    expect(article.body).toBe(parseArticleFile(new TextEncoder().encode(edited)).text);
    const mentions = await pipeline.db.selectFrom('mention').selectAll().where('article_id', '=', article.id).execute();
    expect(mentions.map((m) => m.text).sort()).toEqual(shippedExtractor.extract(article.body).map((m) => m.text).sort());
    expect(await mentionCount('edited.txt', 'PER', 'Antony Blinken')).toBe(0);
    expect(await mentionCount('edited.txt', 'PER', 'Joe Biden')).toBe(2);
  });

  it('an older version arriving late does not overwrite a newer one', async () => {
    const file = path.join(pipeline.dir, 'late.txt');
    await writeFile(file, ' date 2021-05 Mark Rutte bezocht Berlijn.');
    await utimes(file, new Date('2024-01-02'), new Date('2024-01-02'));
    await pipeline.ingest({ path: file, key: 'late.txt', fromInbox: false, root: path.dirname(file) });
    await writeFile(file, ' date 2021-04 Mark Rutte bezocht Parijs.');
    await utimes(file, new Date('2024-01-01'), new Date('2024-01-01'));
    const late = await pipeline.ingest({ path: file, key: 'late.txt', fromInbox: false, root: path.dirname(file) });
    expect(late.result).toMatchObject({ outcome: 'stale' });
    const article = await pipeline.db.selectFrom('article').select('body').where('source_key', '=', 'late.txt').executeTakeFirstOrThrow();
    expect(article.body).toBe('Mark Rutte bezocht Berlijn.');
  });
});
