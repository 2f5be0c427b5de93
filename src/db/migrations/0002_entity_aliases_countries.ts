import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('entity')
    .addColumn('country_code', 'text')
    .addColumn('country_name', 'text')
    .execute();

  await db.schema
    .createTable('entity_alias')
    .addColumn('entity_id', 'bigint', (col) => col.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('alias', 'text', (col) => col.notNull())
    .addColumn('normalized_alias', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('entity_alias_pkey', ['entity_id', 'normalized_alias'])
    .execute();
  await db.schema.createIndex('entity_alias_normalized_alias').on('entity_alias').column('normalized_alias').execute();
  // Surname lookups ("Blinken" → "Antony Blinken") search names by their ending.
  await db.schema.createIndex('entity_reversed_name').on('entity').expression(sql`type, reverse(normalized_name) text_pattern_ops`).execute();
  await db.schema.createIndex('article_extractor').on('article').column('extractor').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('article_extractor').execute();
  await db.schema.dropIndex('entity_reversed_name').execute();
  await db.schema.dropTable('entity_alias').execute();
  await db.schema.alterTable('entity').dropColumn('country_name').dropColumn('country_code').execute();
}
