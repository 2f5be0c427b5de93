import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';

const TABLES = ['article', 'entity', 'entity_alias', 'mention', 'time_expression'] as const;
/** Below this many changed rows, a table's statistics are not worth refreshing (the first time, they matter most). */
const MINIMUM = 100;
/** Articles this process writes between two looks at the tables' change counters. */
const LOOK_EVERY = 100;
/** Taken while analyzing, so that of several workers that find the same tables due, one analyzes them. */
const STATISTICS_LOCK = 0x73746174;

/**
 * The tables whose rows changed since their last analyze at least as many times as they hold rows
 * (and at least {@link MINIMUM}): each is analyzed about log2(n) times as it grows, whatever the
 * number of workers writing to it, so the cost per article stays flat.
 *
 * ```sql
 * select relname from pg_stat_user_tables
 * where relname = any($1) and n_mod_since_analyze >= greatest($2, (select reltuples from pg_class where oid = relid))
 * ```
 */
async function tablesDue(db: Kysely<Database> | Transaction<Database>): Promise<string[]> {
  const { rows } = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema() and relname = any(${[...TABLES]}::text[])
      and n_mod_since_analyze >= greatest(${MINIMUM}, (select reltuples from pg_class where oid = relid))
  `.execute(db);
  return rows.map((row) => row.relname);
}

/**
 * Keeps the planner's statistics current while the tables grow. Autovacuum may be off (and a bulk
 * load outruns it anyway), and a plan made when a table was small, a scan where an index lookup
 * belongs, gets slower with every article stored. Every {@link LOOK_EVERY} articles it writes, a
 * worker looks at the tables' change counters (shared by all workers) and analyzes the tables that
 * are due, unless another worker is doing so.
 *
 * ```sql
 * begin; select pg_try_advisory_xact_lock($1); (the tables due, again); analyze article, …; commit
 * ```
 */
export function statisticsKeeper(db: Kysely<Database>, onError: (error: Error) => void): (written: number) => void {
  let since = LOOK_EVERY;
  let running = false;
  return (written) => {
    since += written;
    if (running || since < LOOK_EVERY) return;
    since = 0;
    running = true;
    void (async () => {
      if ((await tablesDue(db)).length === 0) return;
      await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${STATISTICS_LOCK}) as locked`.execute(trx);
        if (!rows[0]?.locked) return;
        // Looked at again under the lock: another worker may have analyzed them since the first look.
        const due = await tablesDue(trx);
        if (due.length > 0) await sql`analyze ${sql.join(due.map((table) => sql.table(table)))}`.execute(trx);
      });
    })()
      .catch(onError)
      .finally(() => (running = false));
  };
}
