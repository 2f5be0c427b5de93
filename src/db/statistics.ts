import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

const TABLES = sql`article, entity, entity_alias, mention, time_expression`;
/** Below this many new articles, statistics are not worth refreshing (the first time, they matter most). */
const MINIMUM = 100;

/**
 * Keeps the planner's statistics current while the tables grow. Autovacuum may be off (and a bulk
 * load outruns it anyway), and a plan made when a table was small, a scan where an index lookup
 * belongs, gets slower with every article stored. This process analyzes when the articles it wrote
 * since the last time reach as many as the table then held: about log2(n) times in all, so the
 * cost per article stays flat.
 *
 * ```sql
 * select reltuples from pg_class where oid = 'article'::regclass;
 * analyze article, entity, entity_alias, mention, time_expression
 * ```
 */
export function statisticsKeeper(db: Kysely<Database>, onError: (error: Error) => void): (written: number) => void {
  let known: number | undefined;
  let since = 0;
  let running = false;
  return (written) => {
    since += written;
    if (running || (known !== undefined && since < Math.max(MINIMUM, known))) return;
    running = true;
    void (async () => {
      if (known === undefined) {
        const { rows } = await sql<{ n: number }>`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'article'::regclass`.execute(db);
        known = Number(rows[0]?.n ?? 0);
        if (since < Math.max(MINIMUM, known)) return;
      }
      const added = since;
      await sql`analyze ${TABLES}`.execute(db);
      known += added;
      since -= added;
    })()
      .catch(onError)
      .finally(() => (running = false));
  };
}
