import { type Kysely, sql } from 'kysely';
import type { Article } from '../article/article.ts';
import type { PublishedDate } from '../dates/published.ts';
import { type EntityType, type Mention, normalizeName } from '../entities/entity.ts';
import type { Database } from './database.ts';

export interface StoredArticle {
  sourceKey: string;
  contentHash: string;
  sourceModifiedAt: Date;
  article: Article;
  published: PublishedDate;
  mentions: Mention[];
  extractor: string;
}

/**
 * - `inserted`/`updated`: the article and its mentions were written;
 * - `unchanged`: this content is already stored (same file again, or a copy under another name);
 * - `stale`: a newer version of the same file is already stored.
 */
export type StoreOutcome = 'inserted' | 'updated' | 'unchanged' | 'stale';

interface EntityKey {
  type: EntityType;
  name: string;
  normalized_name: string;
}

function entityKeyOf(mention: Mention): string {
  return `${mention.type}\u0000${normalizeName(mention.name)}`;
}

/** One row per distinct entity, in a fixed order so concurrent writers lock rows alike. */
function distinctEntities(mentions: Mention[]): EntityKey[] {
  const byKey = new Map<string, EntityKey>();
  for (const mention of mentions) {
    const key = entityKeyOf(mention);
    if (!byKey.has(key)) {
      byKey.set(key, { type: mention.type, name: mention.name, normalized_name: normalizeName(mention.name) });
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entity]) => entity);
}

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
      published_value: published.value,
      published_precision: published.precision,
      published_on: published.date,
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

    await trx.deleteFrom('mention').where('article_id', '=', written.id).execute();
    const entities = distinctEntities(input.mentions);
    if (entities.length > 0) {
      const rows = await trx
        .insertInto('entity')
        .values(entities)
        .onConflict((oc) =>
          // A no-op update so that `returning` also yields the ids of entities that already exist.
          oc.constraint('entity_type_normalized_name').doUpdateSet({ normalized_name: (eb) => eb.ref('excluded.normalized_name') }),
        )
        .returning(['id', 'type', 'normalized_name'])
        .execute();
      const idByKey = new Map(rows.map((row) => [`${row.type}\u0000${row.normalized_name}`, row.id]));
      await trx
        .insertInto('mention')
        .values(
          input.mentions.map((mention) => ({
            article_id: written.id,
            entity_id: idByKey.get(entityKeyOf(mention))!,
            start: mention.start,
            end: mention.end,
            text: mention.text,
          })),
        )
        .execute();
    }
    return { outcome: written.inserted ? ('inserted' as const) : ('updated' as const), articleId: written.id };
  });
}

export interface DatabaseCounts {
  articles: number;
  entities: number;
  mentions: number;
}

/** ```sql select (select count(*) from article) as articles, ... ``` */
export async function countRows(db: Kysely<Database>): Promise<DatabaseCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('article').select(eb.fn.countAll<number>().as('n')).as('articles'),
      eb.selectFrom('entity').select(eb.fn.countAll<number>().as('n')).as('entities'),
      eb.selectFrom('mention').select(eb.fn.countAll<number>().as('n')).as('mentions'),
    ])
    .executeTakeFirstOrThrow();
  return { articles: Number(row.articles), entities: Number(row.entities), mentions: Number(row.mentions) };
}
