import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, IntakeOutcome } from './database.ts';
import { type TypedColumn, unnestRows } from './unnest.ts';

/** A file version a producer takes: recorded before its job is queued. */
export interface TakenFile {
  jobId: string;
  sourceKey: string;
  path: string;
  fromInbox: boolean;
  size: number;
}

const TAKEN_COLUMNS: readonly TypedColumn<{ job_id: string; source_key: string; path: string; from_inbox: boolean; size: number }>[] = [
  ['job_id', 'text'],
  ['source_key', 'text'],
  ['path', 'text'],
  ['from_inbox', 'boolean'],
  ['size', 'bigint'],
];

/**
 * Records file versions as taken, before their jobs are queued: nothing a producer accepted can
 * then go missing unseen. A version already recorded keeps its record (two producers that saw the
 * same new file at once queue one job), unless `again`: a failed job tried again is under way again.
 * A stored version stays stored whatever a later run of its job finds.
 *
 * ```sql
 * insert into intake (job_id, source_key, path, from_inbox, size)
 * select … from unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[]) as row(…)
 * on conflict (job_id) do nothing
 * -- again: on conflict (job_id) do update set taken_at = now(), outcome = null, … where intake.outcome is distinct from 'stored'
 * ```
 */
export async function recordTaken(db: Kysely<Database>, files: readonly TakenFile[], again = false): Promise<void> {
  if (files.length === 0) return;
  const rows = files.map((file) => ({ job_id: file.jobId, source_key: file.sourceKey, path: file.path, from_inbox: file.fromInbox, size: file.size }));
  const names = sql.join(TAKEN_COLUMNS.map(([name]) => sql.ref(name)));
  const onConflict = again
    ? sql`do update set taken_at = now(), outcome = null, content_hash = null, stage = null, reason = null, settled_at = null where intake.outcome is distinct from 'stored'`
    : sql`do nothing`;
  await sql`insert into intake (${names}) select ${names} from ${unnestRows(rows, TAKEN_COLUMNS)} on conflict (job_id) ${onConflict}`.execute(db);
}

/** What a batch made of a taken file version. */
export interface StoredIntake {
  jobId: string;
  outcome: Extract<IntakeOutcome, 'stored' | 'superseded'>;
  contentHash: string;
}

/**
 * Records, in the transaction that stored them, which content each job stored (or that a newer
 * version of its file was already stored).
 *
 * ```sql
 * update intake set outcome = s.outcome, content_hash = s.content_hash, settled_at = now()
 * from unnest($1::text[], $2::text[], $3::text[]) as s(job_id, outcome, content_hash) where intake.job_id = s.job_id
 * ```
 */
export async function recordStored(trx: Transaction<Database>, settled: readonly StoredIntake[]): Promise<void> {
  if (settled.length === 0) return;
  const rows = settled.map((entry) => ({ job_id: entry.jobId, outcome: entry.outcome, content_hash: entry.contentHash }));
  await sql`
    update intake set outcome = s.outcome, content_hash = s.content_hash, settled_at = now()
    from (select * from ${unnestRows(rows, [['job_id', 'text'], ['outcome', 'text'], ['content_hash', 'text']])}) as s
    where intake.job_id = s.job_id
  `.execute(trx);
}

/**
 * Records that a job failed for good (before its file is filed in failed/), or that its file had
 * changed before it was read (`superseded`: the newer version is a job of its own) or was gone. A
 * version already stored stays so: a job run again after its article was stored and its file
 * moved (a stalled job) finds the file gone, and that is no news.
 *
 * ```sql
 * update intake set outcome = $2, stage = $3, reason = $4, settled_at = now() where job_id = $1 and outcome is distinct from 'stored'
 * ```
 */
export async function recordSettled(db: Kysely<Database>, jobId: string, outcome: Exclude<IntakeOutcome, 'stored'>, stage: string | null, reason: string): Promise<void> {
  await db
    .updateTable('intake')
    .set({ outcome, stage, reason, settled_at: sql<Date>`now()` })
    .where('job_id', '=', jobId)
    .where('outcome', 'is distinct from', 'stored')
    .execute();
}

export type IntakeCounts = Record<IntakeOutcome | 'under way', number>;

/**
 * How many file versions were taken, by what became of them.
 *
 * ```sql
 * select outcome, count(*) from intake group by outcome
 * ```
 */
export async function countIntake(db: Kysely<Database>): Promise<IntakeCounts> {
  const rows = await db.selectFrom('intake').select((eb) => ['outcome', eb.fn.countAll<number>().as('n')]).groupBy('outcome').execute();
  const counts: IntakeCounts = { stored: 0, failed: 0, superseded: 0, gone: 0, 'under way': 0 };
  for (const row of rows) counts[row.outcome ?? 'under way'] = Number(row.n);
  return counts;
}

export interface IntakeEntry {
  jobId: string;
  /** Of a version under way: whether a later version of the same file has settled since (its own job lost, say). */
  superseded?: boolean;
  sourceKey: string;
  path: string;
  fromInbox: boolean;
  takenAt: Date;
  contentHash: string | null;
}

const entryOf = (row: { job_id: string; source_key: string; path: string; from_inbox: boolean; taken_at: Date; content_hash: string | null }): IntakeEntry => ({
  jobId: row.job_id,
  sourceKey: row.source_key,
  path: row.path,
  fromInbox: row.from_inbox,
  takenAt: row.taken_at,
  contentHash: row.content_hash,
});

/**
 * Stored versions whose content no article holds, though no later version of the same file was
 * stored (which would have replaced it): articles lost or deleted behind the pipeline's back.
 *
 * ```sql
 * select … from intake i where i.outcome = 'stored'
 *   and not exists (select 1 from article a where a.content_hash = i.content_hash)
 *   and not exists (select 1 from intake later where later.source_key = i.source_key and later.taken_at > i.taken_at and later.outcome = 'stored')
 * ```
 */
export async function findLostArticles(db: Kysely<Database>): Promise<IntakeEntry[]> {
  const rows = await db
    .selectFrom('intake as i')
    .select(['i.job_id', 'i.source_key', 'i.path', 'i.from_inbox', 'i.taken_at', 'i.content_hash'])
    .where('i.outcome', '=', 'stored')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('article as a').select(sql`1`.as('one')).whereRef('a.content_hash', '=', 'i.content_hash'))))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('intake as later')
            .select(sql`1`.as('one'))
            .whereRef('later.source_key', '=', 'i.source_key')
            .whereRef('later.taken_at', '>', 'i.taken_at')
            .where('later.outcome', '=', 'stored'),
        ),
      ),
    )
    .orderBy('i.taken_at')
    .execute();
  return rows.map(entryOf);
}

/**
 * The versions still under way, a page at a time: those after `after` (the last one seen) by job
 * id, each with whether a later version of the same file has settled since.
 *
 * ```sql
 * select …, exists (select 1 from intake later where later.source_key = i.source_key and later.taken_at > i.taken_at
 *   and later.outcome is not null) as superseded
 * from intake i where outcome is null and job_id > $1 order by job_id limit $2
 * ```
 */
export async function findUnderWay(db: Kysely<Database>, limit: number, after?: IntakeEntry): Promise<IntakeEntry[]> {
  let query = db
    .selectFrom('intake as i')
    .select(['i.job_id', 'i.source_key', 'i.path', 'i.from_inbox', 'i.taken_at', 'i.content_hash'])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom('intake as later')
          .select(sql`1`.as('one'))
          .whereRef('later.source_key', '=', 'i.source_key')
          .whereRef('later.taken_at', '>', 'i.taken_at')
          .where('later.outcome', 'is not', null),
      ).as('superseded'),
    )
    .where('i.outcome', 'is', null)
    .orderBy('i.job_id')
    .limit(limit);
  if (after) query = query.where('i.job_id', '>', after.jobId);
  return (await query.execute()).map((row) => ({ ...entryOf(row), superseded: Boolean(row.superseded) }));
}
