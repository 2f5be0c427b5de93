import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDetails, FoundArticle, TopEntity } from '../src/db/queries.ts';
import { runCli } from './support/cli.ts';
import { ingestSeeds, type RunningPipeline, seedKey, startPipeline } from './support/pipeline.ts';

const SEED_2023 = seedKey('000_efed8caf83f9d982.txt');
const SEED_2022 = seedKey('003_93b1d2fb4bde249c.txt');

let pipeline: RunningPipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
  await ingestSeeds(pipeline);
});
afterAll(async () => {
  await pipeline?.close();
});

/** Runs a query command with `--json` on the pipeline's database and returns what it printed. */
async function ask<T>(...args: string[]): Promise<T> {
  const result = await runCli([...args, '--json'], pipeline.env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

const articles = async (...args: string[]) => (await ask<FoundArticle[]>('articles', ...args)).map((article) => article.source_key);

describe('articles', () => {
  it('lists every article, newest first', async () => {
    expect(await articles()).toEqual([SEED_2023, SEED_2022]);
    expect(await articles('--limit', '1')).toEqual([SEED_2023]);
  });

  it('finds an article by a range its publication range overlaps, at any precision', async () => {
    // Both seeds are month-precise: "2023-03" covers all of March.
    expect(await articles('--from', '2023-03-01', '--to', '2023-03-31')).toEqual([SEED_2023]);
    expect(await articles('--from', '2023-03-15', '--to', '2023-03-15')).toEqual([SEED_2023]);
    expect(await articles('--from', '2023-03-31')).toEqual([SEED_2023]);
    expect(await articles('--to', '2022-01-01')).toEqual([SEED_2022]);
    expect(await articles('--from', '2022', '--to', '2022')).toEqual([SEED_2022]);
    expect(await articles('--from', '2023-04-01')).toEqual([]);
    expect(await articles('--from', '2022-02-01', '--to', '2023-02-28')).toEqual([]);
  });

  it('finds the articles that mention an entity by any of its names', async () => {
    expect(await articles('--entity', 'Lavrov')).toEqual([SEED_2023, SEED_2022]);
    expect(await articles('--entity', 'sergej lavrov')).toEqual([SEED_2023, SEED_2022]);
    expect(await articles('--entity', 'New Delhi')).toEqual([SEED_2023]);
    expect(await articles('--entity', 'Zelenski', '--from', '2023-01-01')).toEqual([]);
    expect(await articles('--entity', 'nobody of that name')).toEqual([]);
  });

  it('searches the text in Dutch, ranked, with the words found marked in a snippet', async () => {
    // Only the 2022 seed writes "oplossing"; the search stems "oplossingen" to it.
    const [found, ...others] = await ask<FoundArticle[]>('articles', '--text', 'oplossingen');
    expect(others).toEqual([]);
    expect(found).toMatchObject({ source_key: SEED_2022, published_value: '2022-01', published_precision: 'month' });
    expect(found!.rank).toBeGreaterThan(0);
    expect(found!.snippet).toContain('«oplossing»');

    const ranked = await ask<FoundArticle[]>('articles', '--text', 'Lavrov');
    expect(ranked.map((article) => article.source_key).sort()).toEqual([SEED_2023, SEED_2022]);
    expect(ranked[0]!.rank).toBeGreaterThanOrEqual(ranked[1]!.rank!);
    expect(await articles('--text', 'Lavrov', '--to', '2022-12-31')).toEqual([SEED_2022]);
    expect(await articles('--text', '"diplomatieke oplossing" -Genève')).toEqual([]);
  });

  it('refuses a date it cannot read', async () => {
    const result = await runCli(['articles', '--from', '2023-02-30'], pipeline.env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--from');
  });
});

describe('entities', () => {
  it('lists the most mentioned entities with their aliases and mention counts', async () => {
    const top = await ask<TopEntity[]>('entities', '--top', '5');
    expect(top).toHaveLength(5);
    const { rows: counts } = await sql<{ id: number; n: number }>`select entity_id as id, count(*)::int as n from mention group by entity_id`.execute(pipeline.db);
    const mentions = new Map(counts.map((row) => [Number(row.id), row.n]));
    for (const entity of top) expect(entity.mentions).toBe(mentions.get(entity.id));
    expect(top.map((entity) => entity.mentions)).toEqual([...mentions.values()].sort((a, b) => b - a).slice(0, 5));
    expect(top.find((entity) => entity.name === 'Antony Blinken')).toMatchObject({ type: 'PER', aliases: ['Antony Blinken', 'Blinken'] });
  });

  it('lists the entities of one type', async () => {
    const places = await ask<TopEntity[]>('entities', '--top', '50', '--type', 'LOC');
    expect(places.length).toBeGreaterThan(5);
    expect(new Set(places.map((entity) => entity.type))).toEqual(new Set(['LOC']));
    expect(places[0]).toMatchObject({ name: 'Rusland', mentions: 7 });
  });
});

describe('entity', () => {
  it('describes an entity found by any alias: aliases, mentions per article, the entities mentioned with it', async () => {
    const [lavrov, ...others] = await ask<EntityDetails[]>('entity', 'Lavrov', '--top', '100');
    expect(others).toEqual([]);
    expect(lavrov).toMatchObject({ type: 'PER', name: 'Sergej Lavrov', aliases: ['Lavrov', 'Sergej Lavrov'], mentions: 7, articles: 2 });
    expect(lavrov!.appearances.map(({ source_key, published_value, mentions }) => [source_key, published_value, mentions.length])).toEqual([
      [SEED_2023, '2023-03', 4],
      [SEED_2022, '2022-01', 3],
    ]);
    const { rows } = await sql<{ body: string }>`select body from article where source_key = ${SEED_2022}`.execute(pipeline.db);
    for (const mention of lavrov!.appearances[1]!.mentions) expect(rows[0]!.body.slice(mention.start, mention.end)).toBe(mention.text);
    // Rusland is in both of Lavrov's articles (as are others: ties go by name); New Delhi in one.
    expect(lavrov!.cooccurring[0]!.articles).toBe(2);
    expect(lavrov!.cooccurring.find((other) => other.name === 'Rusland')).toMatchObject({ type: 'LOC', articles: 2 });
    expect(lavrov!.cooccurring.find((other) => other.name === 'New Delhi')).toMatchObject({ type: 'LOC', articles: 1 });
    expect(lavrov!.cooccurring.map((other) => other.name)).not.toContain('Sergej Lavrov');
  });

  it('lists the newest articles and the top co-occurring entities only, as asked', async () => {
    const [lavrov] = await ask<EntityDetails[]>('entity', 'sergej LAVROV', '--limit', '1', '--top', '3');
    expect(lavrov!.appearances.map((article) => article.source_key)).toEqual([SEED_2023]);
    expect(lavrov!.cooccurring).toHaveLength(3);
    expect(lavrov!.articles).toBe(2);
  });

  it('exits 1 when no entity is called so', async () => {
    const result = await runCli(['entity', 'Nobody Atall'], pipeline.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no entity is called "Nobody Atall"');
  });
});
