import { type Kysely, sql } from 'kysely';

/**
 * Foreign keys are checked row by row: for every mention, time expression and alias written, one
 * lookup and one row lock on the article or entity it names, about a third of what storing an
 * article costs the database. The rows they guard are written by one piece of code only (the batch
 * writer, in the transaction that inserted or locked the article, holding the entity lock), so the
 * checks are dropped. What the keys also did, deleting an article's or an entity's dependent rows
 * with it, is kept by triggers that run once per statement, not once per row.
 */
const CASCADES = [
  { parent: 'article', children: ['mention', 'time_expression'], column: 'article_id' },
  { parent: 'entity', children: ['entity_alias'], column: 'entity_id' },
] as const;

const KEYS = [
  ['mention', 'mention_article_id_fkey', 'article_id', 'article', 'cascade'],
  ['mention', 'mention_entity_id_fkey', 'entity_id', 'entity', 'no action'],
  ['time_expression', 'time_expression_article_id_fkey', 'article_id', 'article', 'cascade'],
  ['entity_alias', 'entity_alias_entity_id_fkey', 'entity_id', 'entity', 'cascade'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, key] of KEYS) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(key)}`.execute(db);
  for (const { parent, children, column } of CASCADES) {
    const deletes = children.map((child) => `delete from ${child} where ${column} in (select id from gone);`).join(' ');
    await sql`
      create function ${sql.raw(`${parent}_deleted`)}() returns trigger language plpgsql as ${sql.lit(`begin ${deletes} return null; end`)}
    `.execute(db);
    await sql`
      create trigger ${sql.raw(`${parent}_deleted`)} after delete on ${sql.table(parent)}
      referencing old table as gone for each statement execute function ${sql.raw(`${parent}_deleted`)}()
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { parent } of CASCADES) {
    await sql`drop trigger ${sql.raw(`${parent}_deleted`)} on ${sql.table(parent)}`.execute(db);
    await sql`drop function ${sql.raw(`${parent}_deleted`)}()`.execute(db);
  }
  for (const [table, key, column, parent, onDelete] of KEYS) {
    await sql`
      alter table ${sql.table(table)} add constraint ${sql.ref(key)} foreign key (${sql.ref(column)})
      references ${sql.table(parent)} (id) on delete ${sql.raw(onDelete)}
    `.execute(db);
  }
}
