import { type Kysely, sql } from 'kysely';

/**
 * Columns no query filters, joins or sorts on: long text and JSON that ANALYZE would read (and
 * decompress) in full for every sampled row, for statistics no plan uses. The workers analyze the
 * tables as they grow, so this is paid again and again on the write path.
 */
const UNFILTERED = {
  article: ['body', 'blocks', 'url', 'published_text', 'published_warnings'],
  mention: ['text'],
  time_expression: ['text'],
  entity_alias: ['alias'],
} as const;

/** `target` 0: no statistics; -1: the server's default again. */
async function setStatistics(db: Kysely<unknown>, target: number): Promise<void> {
  for (const [table, columns] of Object.entries(UNFILTERED)) {
    const changes = columns.map((column) => sql`alter column ${sql.ref(column)} set statistics ${sql.lit(target)}`);
    await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setStatistics(db, 0);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setStatistics(db, -1);
}
