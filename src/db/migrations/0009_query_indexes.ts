import { type Kysely, sql } from 'kysely';

/**
 * What asking the database (`articles`, `entities`, `entity`; src/db/queries.ts) needs beyond the
 * indexes the pipeline made for itself:
 *
 * - full-text search: the title and body as Dutch words, in a column with a GIN index. A stored
 *   column rather than an index on the expression: ranking reads the words of every article that
 *   matches, and computing them again per article (about a quarter of a millisecond each) made a
 *   search for a common word take half a minute on 150,000 articles. Postgres computes the column
 *   when an article is written and again only when its title or body change, so `reprocess`,
 *   which updates the dates and the extractor, does not pay for it.
 * - the articles of an entity: (entity_id, article_id) in place of the index on entity_id alone,
 *   so that they come from the index without visiting the mentions. It serves the writer's
 *   look-ups by entity as the old one did.
 *
 * The publication range filter needs nothing new: `article_published_range` (migration 0003).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table article add column search tsvector
    generated always as (to_tsvector('dutch', coalesce(title, '') || ' ' || body)) stored
  `.execute(db);
  await db.schema.createIndex('article_search').on('article').using('gin').column('search').execute();
  await db.schema.createIndex('mention_entity_article').on('mention').columns(['entity_id', 'article_id']).execute();
  await db.schema.dropIndex('mention_entity_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('mention_entity_id').on('mention').column('entity_id').execute();
  await db.schema.dropIndex('mention_entity_article').execute();
  await db.schema.alterTable('article').dropColumn('search').execute();
}
