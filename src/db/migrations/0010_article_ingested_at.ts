import type { Kysely } from 'kysely';

/**
 * The dashboard's recent activity (articles stored per hour, their latency) reads the articles of
 * the last day or two: by this index, not by reading the whole table on every page load.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('article_ingested_at').on('article').column('ingested_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('article_ingested_at').execute();
}
