import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source_key', 'text', (col) => col.notNull().unique())
    .addColumn('content_hash', 'text', (col) => col.notNull().unique())
    .addColumn('source_modified_at', 'timestamptz', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull().check(sql`format in ('text', 'json')`))
    .addColumn('title', 'text')
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('blocks', 'jsonb', (col) => col.notNull())
    .addColumn('publisher', 'text')
    .addColumn('url', 'text')
    .addColumn('published_value', 'text', (col) => col.notNull())
    .addColumn('published_precision', 'text', (col) =>
      col.notNull().check(sql`published_precision in ('year', 'month', 'day', 'minute', 'second')`),
    )
    .addColumn('published_on', 'date', (col) => col.notNull())
    .addColumn('extractor', 'text', (col) => col.notNull())
    .addColumn('ingested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('article_published_on').on('article').column('published_on').execute();

  await db.schema
    .createTable('entity')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type in ('PER', 'LOC', 'ORG', 'MISC')`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('normalized_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('entity_type_normalized_name', ['type', 'normalized_name'])
    .execute();

  await db.schema
    .createTable('mention')
    .addColumn('article_id', 'bigint', (col) => col.notNull().references('article.id').onDelete('cascade'))
    .addColumn('entity_id', 'bigint', (col) => col.notNull().references('entity.id'))
    .addColumn('start', 'integer', (col) => col.notNull())
    .addColumn('end', 'integer', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('mention_pkey', ['article_id', 'start'])
    .addCheckConstraint('mention_span', sql`"end" > start`)
    .execute();
  await db.schema.createIndex('mention_entity_id').on('mention').column('entity_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mention').execute();
  await db.schema.dropTable('entity').execute();
  await db.schema.dropTable('article').execute();
}
