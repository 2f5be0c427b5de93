import { type Kysely, sql } from 'kysely';

/**
 * Every file version the producers took (one row per job), written before its job is queued, and
 * what became of it: the record `audit` compares with what came out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intake')
    .addColumn('job_id', 'text', (col) => col.primaryKey())
    .addColumn('source_key', 'text', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('from_inbox', 'boolean', (col) => col.notNull())
    .addColumn('size', 'bigint', (col) => col.notNull())
    .addColumn('taken_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('stored', 'failed', 'superseded', 'gone')`))
    .addColumn('content_hash', 'text')
    .addColumn('stage', 'text')
    .addColumn('reason', 'text')
    .addColumn('settled_at', 'timestamptz')
    .execute();
  // The audit looks for a later version of the same file, and at the files not settled yet.
  await db.schema.createIndex('intake_source_key_taken_at').on('intake').columns(['source_key', 'taken_at']).execute();
  await sql`create index intake_unsettled on intake (job_id) where outcome is null`.execute(db);
  // The file's path and the failure's reason are shown, never filtered on.
  await sql`alter table intake alter column path set statistics 0, alter column reason set statistics 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('intake').execute();
}
