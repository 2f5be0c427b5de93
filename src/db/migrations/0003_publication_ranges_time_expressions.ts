import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('article')
    .addColumn('published_text', 'text')
    .addColumn('published_start', 'timestamptz')
    .addColumn('published_end', 'timestamptz')
    .addColumn('published_timezone', 'text')
    .addColumn('published_implied', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('published_warnings', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  // Articles stored before: their value is a date the new parser reads the same way.
  await sql`update article set published_text = published_value`.execute(db);
  await db.schema.alterTable('article').alterColumn('published_text', (col) => col.setNotNull()).execute();
  await db.schema.createIndex('article_published_range').on('article').columns(['published_start', 'published_end']).execute();

  await db.schema
    .createTable('time_expression')
    .addColumn('article_id', 'bigint', (col) => col.notNull().references('article.id').onDelete('cascade'))
    .addColumn('start', 'integer', (col) => col.notNull())
    .addColumn('end', 'integer', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type in ('DATE', 'TIME', 'DURATION', 'SET')`))
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('mod', 'text')
    .addColumn('first_day', 'date')
    .addColumn('last_day', 'date')
    .addPrimaryKeyConstraint('time_expression_pkey', ['article_id', 'start'])
    .addCheckConstraint('time_expression_span', sql`"end" > start`)
    .execute();
  await db.schema.createIndex('time_expression_days').on('time_expression').columns(['first_day', 'last_day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('time_expression').execute();
  await db.schema.dropIndex('article_published_range').execute();
  await db.schema
    .alterTable('article')
    .dropColumn('published_warnings')
    .dropColumn('published_implied')
    .dropColumn('published_timezone')
    .dropColumn('published_end')
    .dropColumn('published_start')
    .dropColumn('published_text')
    .execute();
}
