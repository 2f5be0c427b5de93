import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { publishedDateOf } from '../src/article/published.ts';
import { type ArticleWrite, storeArticles } from '../src/db/articles.ts';
import type { Mention } from '../src/entities/entity.ts';
import { isDataError } from '../src/db/errors.ts';
import { BatchWriter } from '../src/workers/batch-writer.ts';
import { useTestDatabase } from './support/database.ts';

const test = useTestDatabase({ emptyBeforeEach: true, connections: 4 });

/** A write of `text` under `key`, with the given mentions located in order of appearance. */
function write(key: string, text: string, mentions: [Mention['type'], string][]): ArticleWrite & { kind: 'store' } {
  const article = parseArticleFile(new TextEncoder().encode(` date 2024-02 ${text}`));
  let from = 0;
  const located = mentions.map(([type, written]) => {
    const start = article.text.indexOf(written, from);
    from = start + written.length;
    return { type, text: written, name: written, start, end: start + written.length };
  });
  return {
    kind: 'store',
    sourceKey: key,
    contentHash: Buffer.from(key).toString('hex').padEnd(64, '0').slice(0, 64),
    sourceModifiedAt: new Date(),
    article,
    published: publishedDateOf(article, 'Europe/Amsterdam'),
    timeExpressions: [],
    mentions: located,
    extractor: 'test',
  };
}

describe('writing articles in batches', () => {
  it('stores every article of a batch but the bad one, which fails alone with its reason', async () => {
    const writer = new BatchWriter(test.db, 10);
    const good = Array.from({ length: 6 }, (_, i) => write(`good-${i}`, `Mark Rutte sprak in Den Haag (${i}).`, [['PER', 'Mark Rutte'], ['LOC', 'Den Haag']]));
    const bad = write('bad', 'Sigrid Kaag sprak in Utrecht.', [['PER', 'Sigrid Kaag']]);
    // A mention that ends where it starts: the database refuses it.
    bad.mentions[0] = { ...bad.mentions[0]!, end: bad.mentions[0]!.start };
    const results = await Promise.allSettled([...good.slice(0, 3), bad, ...good.slice(3)].map((entry) => writer.write(entry)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/mention_span/);
    const stored = await test.db.selectFrom('article').select('source_key').orderBy('source_key').execute();
    expect(stored.map((row) => row.source_key)).toEqual(good.map((entry) => entry.sourceKey).sort());
    const mentions = await test.db.selectFrom('mention').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(mentions.n)).toBe(12);
  });

  it('fails alone, for good, an article whose text is too large to index, and stores the rest of its batch', async () => {
    const writer = new BatchWriter(test.db, 10);
    const good = Array.from({ length: 4 }, (_, i) => write(`fits-${i}`, `Mark Rutte sprak in Den Haag (${i}).`, [['PER', 'Mark Rutte']]));
    // About a megabyte of distinct words: more than a tsvector holds (SQLSTATE 54000), so the article's own fault.
    const words = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36).padStart(7, 'x')}`).join(' ');
    const huge = write('too-large-to-index', `${words}.`, []);
    const results = await Promise.allSettled([...good.slice(0, 2), huge, ...good.slice(2)].map((entry) => writer.write(entry)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const reason = (results[2] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ code: '54000' });
    expect(isDataError(reason)).toBe(true);
    expect(await test.db.selectFrom('article').select('source_key').orderBy('source_key').execute()).toEqual(good.map((entry) => ({ source_key: entry.sourceKey })));
  });

  it('links a surname to the full name another article of the same batch gives, in either order', async () => {
    for (const order of [
      ['short', 'full'],
      ['full', 'short'],
    ]) {
      await test.db.deleteFrom('article').execute();
      await test.db.deleteFrom('entity').execute();
      const writes = {
        short: write(`short-${order[0]}`, 'Blinken reist naar Kiev.', [['PER', 'Blinken'], ['LOC', 'Kiev']]),
        full: write(`full-${order[0]}`, 'Antony Blinken sprak in Genève.', [['PER', 'Antony Blinken'], ['LOC', 'Genève']]),
      };
      const results = await storeArticles(test.db, order.map((name) => writes[name as 'short' | 'full']));
      expect(results.map((result) => result.outcome)).toEqual(['inserted', 'inserted']);
      const people = await test.db.selectFrom('entity').select('name').where('type', '=', 'PER').execute();
      expect(people).toEqual([{ name: 'Antony Blinken' }]);
      const aliases = await test.db
        .selectFrom('entity_alias')
        .innerJoin('entity', 'entity.id', 'entity_alias.entity_id')
        .select('alias')
        .where('type', '=', 'PER')
        .orderBy('alias')
        .execute();
      expect(aliases.map((row) => row.alias)).toEqual(['Antony Blinken', 'Blinken']);
    }
  });

  it('writes one version of a file and one copy of a content that occur twice in a batch', async () => {
    const older = { ...write('same-file', 'Mark Rutte sprak.', [['PER', 'Mark Rutte']]), sourceModifiedAt: new Date('2024-01-01') };
    const newer = { ...write('same-file', 'Mark Rutte sprak opnieuw.', [['PER', 'Mark Rutte']]), contentHash: 'e'.repeat(64), sourceModifiedAt: new Date('2024-01-02') };
    const copy = { ...write('copy', 'Mark Rutte sprak opnieuw.', [['PER', 'Mark Rutte']]), contentHash: 'e'.repeat(64) };
    const results = await storeArticles(test.db, [newer, older, copy]);
    expect(results.map((result) => result.outcome)).toEqual(['inserted', 'stale', 'unchanged']);
    expect(results[2]!.articleId).toBe(results[0]!.articleId);
    const stored = await test.db.selectFrom('article').select(['source_key', 'body']).execute();
    expect(stored).toEqual([{ source_key: 'same-file', body: 'Mark Rutte sprak opnieuw.' }]);
  });

  it('stores a copy whose content the batch itself takes away from its file', async () => {
    const x = (key: string, modified: string) => ({ ...write(key, 'Mark Rutte sprak.', [['PER', 'Mark Rutte']]), contentHash: 'a'.repeat(64), sourceModifiedAt: new Date(modified) });
    const z = (key: string, modified: string) => ({ ...write(key, 'Sigrid Kaag sprak.', [['PER', 'Sigrid Kaag']]), contentHash: 'b'.repeat(64), sourceModifiedAt: new Date(modified) });
    // A file edited (X → Z) in the same batch as a copy of its old content X: X must stay stored, under the copy.
    await storeArticles(test.db, [x('a', '2024-01-01')]);
    expect((await storeArticles(test.db, [z('a', '2024-01-02'), x('c', '2024-01-02')])).map((result) => result.outcome)).toEqual(['updated', 'inserted']);
    // An old version that turns out stale must not make its copy count as stored.
    await test.db.deleteFrom('article').execute();
    await storeArticles(test.db, [z('a', '2024-02-01')]);
    expect((await storeArticles(test.db, [x('a', '2024-01-01'), x('b', '2024-01-01')])).map((result) => result.outcome)).toEqual(['stale', 'inserted']);
    const stored = await test.db.selectFrom('article').select(['source_key', 'content_hash']).orderBy('source_key').execute();
    expect(stored).toEqual([
      { source_key: 'a', content_hash: 'b'.repeat(64) },
      { source_key: 'b', content_hash: 'a'.repeat(64) },
    ]);
  });

  it('keeps the country that any article of a batch gives a nationality', async () => {
    const plain = write('plain', 'De Russische minister sprak.', [['MISC', 'Russische']]);
    const withCountry = write('with-country', 'Een Russische delegatie kwam.', [['MISC', 'Russische']]);
    withCountry.mentions[0] = { ...withCountry.mentions[0]!, country: { code: 'RU', name: 'Rusland' } };
    await storeArticles(test.db, [plain, withCountry]);
    expect(await test.db.selectFrom('entity').select(['name', 'country_code']).execute()).toEqual([{ name: 'Russische', country_code: 'RU' }]);
  });
});
