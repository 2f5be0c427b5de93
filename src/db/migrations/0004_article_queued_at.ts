import type { Kysely } from 'kysely';

/** When an article's file was put on the queue: with `ingested_at`, the pipeline's latency per article. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('article').addColumn('queued_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('article').dropColumn('queued_at').execute();
}
