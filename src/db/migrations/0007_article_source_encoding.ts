import { type Kysely, sql } from 'kysely';

/** How an article's file was written: UTF-8, or Windows-1252 (Latin-1) converted when it was read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('article')
    .addColumn('source_encoding', 'text', (col) => col.notNull().defaultTo('utf-8').check(sql`source_encoding in ('utf-8', 'windows-1252')`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('article').dropColumn('source_encoding').execute();
}
