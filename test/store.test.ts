import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { sql } from 'kysely';
import { storeArticle } from '../src/db/articles.ts';
import { createDatabase } from '../src/db/connection.ts';
import { parsePublishedDate } from '../src/dates/published.ts';
import { shippedExtractor } from './support/extractor.ts';
import { useTestDatabase } from './support/database.ts';

const test = useTestDatabase({ connections: 8 });

const article = parseArticleFile(new TextEncoder().encode(' date 2024-02 Kaja Kallas sprak in Tallinn met Mark Rutte.'));
const stored = (sourceKey: string) => ({
  sourceKey,
  contentHash: 'a'.repeat(64),
  sourceModifiedAt: new Date('2024-02-01'),
  article,
  published: parsePublishedDate(article.dateText),
  timeExpressions: [],
  mentions: shippedExtractor.extract(article.text),
  extractor: shippedExtractor.version,
});

describe('storing articles', () => {
  it('stores an article with more mentions and time expressions than one statement can carry', async () => {
    const sentence = 'Rutte sprak vrijdag in Gent. ';
    const long = parseArticleFile(new TextEncoder().encode(` date 2024-02 ${sentence.repeat(15_000)}`));
    const at = (i: number, offset: number, text: string) => ({ start: i * sentence.length + offset, end: i * sentence.length + offset + text.length, text });
    const result = await storeArticle(test.db, {
      ...stored('long.txt'),
      contentHash: 'b'.repeat(64),
      article: long,
      mentions: Array.from({ length: 15_000 }, (_, i) => ({ type: 'PER' as const, name: 'Rutte', ...at(i, 0, 'Rutte') })),
      timeExpressions: Array.from({ length: 15_000 }, (_, i) => ({ type: 'DATE' as const, value: '2024-WXX-5', ...at(i, 12, 'vrijdag') })),
    });
    expect(result.outcome).toBe('inserted');
    const [mentions, expressions] = await Promise.all([
      test.db.selectFrom('mention').select(test.db.fn.countAll<number>().as('n')).where('article_id', '=', result.articleId!).executeTakeFirstOrThrow(),
      test.db.selectFrom('time_expression').select(test.db.fn.countAll<number>().as('n')).where('article_id', '=', result.articleId!).executeTakeFirstOrThrow(),
    ]);
    expect([Number(mentions.n), Number(expressions.n)]).toEqual([15_000, 15_000]);
    await test.db.deleteFrom('article').execute();
  });

  it('stores content written under several names at the same moment once, without an error', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => storeArticle(test.db, stored(`copy-${i}.txt`))));
    expect(results.map((result) => result.outcome).sort()).toEqual(['inserted', ...Array(7).fill('unchanged')]);
    const rows = await test.db.selectFrom('article').select('id').execute();
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((result) => result.articleId))).toEqual(new Set([rows[0]!.id]));
  });

  it('deletes an article\'s mentions and time expressions with it, and an entity\'s aliases with it', async () => {
    const count = async (table: 'mention' | 'time_expression' | 'entity_alias') =>
      Number((await test.db.selectFrom(table).select(test.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await test.db.deleteFrom('article').execute();
    await test.db.deleteFrom('entity').execute();
    const { articleId } = await storeArticle(test.db, {
      ...stored('dated.txt'),
      contentHash: 'c'.repeat(64),
      timeExpressions: [{ type: 'DATE', value: '2024-02', start: 0, end: 5, text: 'Kaja ' }],
    });
    expect([await count('mention'), await count('time_expression'), await count('entity_alias')]).toEqual([3, 1, 3]);
    await test.db.deleteFrom('article').where('id', '=', articleId!).execute();
    expect([await count('mention'), await count('time_expression'), await count('entity_alias')]).toEqual([0, 0, 3]);
    await test.db.deleteFrom('entity').execute();
    expect(await count('entity_alias')).toBe(0);
  });

  it('writes through a connection that prepares each statement once and then reuses it', async () => {
    const writes = createDatabase(test.settings, { max: 1, prepare: true });
    try {
      const prepared = async () => Number((await sql<{ n: number }>`select count(*) as n from pg_prepared_statements`.execute(writes)).rows[0]!.n);
      const first = await storeArticle(writes, { ...stored('prepared-1.txt'), contentHash: 'd'.repeat(64) });
      const afterFirst = await prepared();
      const second = await storeArticle(writes, { ...stored('prepared-2.txt'), contentHash: 'e'.repeat(64) });
      expect([first.outcome, second.outcome]).toEqual(['inserted', 'inserted']);
      expect(afterFirst).toBeGreaterThan(3);
      // The second article took the same statements again.
      expect(await prepared()).toBe(afterFirst);
    } finally {
      await writes.destroy();
    }
  });
});
