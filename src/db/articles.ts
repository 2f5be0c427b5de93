import { type Kysely, sql } from 'kysely';
import type { Article } from '../article/article.ts';
import type { PublishedDate } from '../dates/published.ts';
import type { TimeExpression } from '../dates/timex/find.ts';
import type { Mention } from '../entities/entity.ts';
import type { ArticleRow, Database } from './database.ts';
import { replaceMentions } from './entities.ts';
import { replaceTimeExpressions } from './time-expressions.ts';

export interface StoredArticle {
  sourceKey: string;
  contentHash: string;
  sourceModifiedAt: Date;
  article: Article;
  published: PublishedDate;
  timeExpressions: TimeExpression[];
  mentions: Mention[];
  extractor: string;
}

/**
 * - `inserted`/`updated`: the article and its mentions were written;
 * - `unchanged`: this content is already stored (same file again, or a copy under another name);
 * - `stale`: a newer version of the same file is already stored;
 * - `reprocessed`: what a stored article's text yields (dates, time expressions, mentions) was derived again.
 */
export type StoreOutcome = 'inserted' | 'updated' | 'unchanged' | 'stale' | 'reprocessed';

/**
 * Writes an article, its entities and its mentions in one transaction. An edited file (same
 * source key, new content) replaces the old version's mentions.
 *
 * ```sql
 * insert into article (...) values (...)
 * on conflict (source_key) do update set ... where article.source_modified_at <= excluded.source_modified_at
 * returning id, (xmax = 0) as inserted
 * ```
 */
export async function storeArticle(db: Kysely<Database>, input: StoredArticle): Promise<StoreResult> {
  try {
    return await writeArticle(db, input);
  } catch (error) {
    // The same content, written at the same moment under another file name: now it is stored.
    if ((error as { constraint?: string }).constraint !== 'article_content_hash_key') throw error;
    return writeArticle(db, input);
  }
}

export interface StoreResult {
  outcome: StoreOutcome;
  articleId: number | null;
}

async function writeArticle(db: Kysely<Database>, input: StoredArticle): Promise<StoreResult> {
  return db.transaction().execute(async (trx) => {
    const same = await trx
      .selectFrom('article')
      .select('id')
      .where('content_hash', '=', input.contentHash)
      .executeTakeFirst();
    if (same) return { outcome: 'unchanged' as const, articleId: same.id };

    const { article, published } = input;
    const values = {
      source_key: input.sourceKey,
      content_hash: input.contentHash,
      source_modified_at: input.sourceModifiedAt,
      format: article.format,
      title: article.title,
      body: article.text,
      blocks: JSON.stringify(article.blocks),
      publisher: article.source,
      url: article.url,
      ...publishedColumns(article.dateText, published),
      extractor: input.extractor,
    };
    const written = await trx
      .insertInto('article')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('source_key')
          .doUpdateSet({ ...values, updated_at: sql<Date>`now()` })
          .where('article.source_modified_at', '<=', input.sourceModifiedAt),
      )
      .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
      .executeTakeFirst();
    if (!written) return { outcome: 'stale' as const, articleId: null };

    await replaceMentions(trx, written.id, input.mentions);
    await replaceTimeExpressions(trx, written.id, input.timeExpressions);
    return { outcome: written.inserted ? ('inserted' as const) : ('updated' as const), articleId: written.id };
  });
}

/** The publication date's columns: the date as written, its value and precision, range and zone. */
function publishedColumns(dateText: string, published: PublishedDate) {
  return {
    published_text: dateText,
    published_value: published.value,
    published_precision: published.precision,
    published_on: published.date,
    published_start: new Date(published.start),
    published_end: new Date(published.end),
    published_timezone: published.timezone,
    published_implied: published.implied,
    published_warnings: JSON.stringify(published.warnings),
  };
}

/**
 * Replaces what the stages derived from a stored article's text (publication date, time
 * expressions, mentions) with a newer run's. An article whose content changed since it was sent
 * for reprocessing is left alone: its new version has its own.
 *
 * ```sql
 * update article set extractor = $1, published_value = $2, ... where source_key = $3 and content_hash = $4 returning id
 * ```
 */
export async function refreshArticle(
  db: Kysely<Database>,
  input: Pick<StoredArticle, 'sourceKey' | 'contentHash' | 'published' | 'timeExpressions' | 'mentions' | 'extractor'> & { dateText: string },
): Promise<StoreResult> {
  return db.transaction().execute(async (trx) => {
    const article = await trx
      .updateTable('article')
      .set({ extractor: input.extractor, ...publishedColumns(input.dateText, input.published), updated_at: sql<Date>`now()` })
      .where('source_key', '=', input.sourceKey)
      .where('content_hash', '=', input.contentHash)
      .returning('id')
      .executeTakeFirst();
    if (!article) return { outcome: 'stale' as const, articleId: null };
    await replaceMentions(trx, article.id, input.mentions);
    await replaceTimeExpressions(trx, article.id, input.timeExpressions);
    return { outcome: 'reprocessed' as const, articleId: article.id };
  });
}

/**
 * Stored articles whose entities came from another extractor than `current`, or that lack what
 * newer stages derive (every article when `current` is undefined), in pages by id so that any
 * number of articles fits in memory.
 *
 * ```sql
 * select * from article where id > $1 and (extractor <> $2 or published_start is null) order by id limit $3
 * ```
 */
export async function* articlesToReprocess(db: Kysely<Database>, current: string | undefined, pageSize = 500): AsyncGenerator<ArticleRow[]> {
  let after = 0;
  for (;;) {
    let query = db.selectFrom('article').selectAll().where('id', '>', after).orderBy('id').limit(pageSize);
    // Articles stored before the publication range existed are out of date whatever tagged them.
    if (current !== undefined) query = query.where((eb) => eb.or([eb('extractor', '<>', current), eb('published_start', 'is', null)]));
    const page = await query.execute();
    if (page.length === 0) return;
    yield page;
    after = Number(page.at(-1)!.id);
  }
}

export interface DatabaseCounts {
  articles: number;
  entities: number;
  mentions: number;
  /** Articles per extractor version: after a new model, `reprocess` updates the older ones. */
  byExtractor: Record<string, number>;
}

/**
 * ```sql
 * select (select count(*) from article) as articles, ...;
 * select extractor, count(*) from article group by extractor
 * ```
 */
export async function countRows(db: Kysely<Database>): Promise<DatabaseCounts> {
  const [row, extractors] = await Promise.all([
    db
      .selectNoFrom((eb) => [
        eb.selectFrom('article').select(eb.fn.countAll<number>().as('n')).as('articles'),
        eb.selectFrom('entity').select(eb.fn.countAll<number>().as('n')).as('entities'),
        eb.selectFrom('mention').select(eb.fn.countAll<number>().as('n')).as('mentions'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('article').select(['extractor', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('extractor').orderBy('extractor').execute(),
  ]);
  return {
    articles: Number(row.articles),
    entities: Number(row.entities),
    mentions: Number(row.mentions),
    byExtractor: Object.fromEntries(extractors.map((entry) => [entry.extractor, Number(entry.n)])),
  };
}
