import { lstat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { countIntake, findLostArticles, findUnderWay, type IntakeCounts, type IntakeEntry } from '../db/intake.ts';
import { articleProgress } from './progress.ts';
import type { Queues } from './queues.ts';

/** Where a file version that no job has settled yet stands. */
export type UnderWay = 'in a queue' | 'failed in its job' | 'in the inbox';

export interface Unaccounted {
  file: string;
  path: string;
  jobId: string;
  takenAt: string;
  why: string;
}

export interface AuditReport {
  /** File versions taken, in all. */
  taken: number;
  settled: Omit<IntakeCounts, 'under way'>;
  underWay: Record<UnderWay, number>;
  unaccounted: Unaccounted[];
}

/** Entries looked at a time: their jobs are looked up together. */
const PAGE = 200;

const isRegularFile = (file: string) => lstat(file).then((info) => info.isFile(), () => false);

/** Where a version not settled in Postgres stands: in a queue, failed in a job that could not record it, in the inbox, superseded, or nowhere. */
async function locate(queues: Queues, entry: IntakeEntry): Promise<UnderWay | 'superseded' | string> {
  const progress = await articleProgress(queues, entry.jobId);
  // A job that failed without its worker (stopped three times, say) is visible in `status`.
  if (progress?.state === 'failed') return 'failed in its job';
  if (progress !== undefined) return 'in a queue';
  // Its job is lost (a Redis that restarted without its data): an inbox file is taken again by the rescan.
  if (entry.fromInbox && (await isRegularFile(entry.path))) return 'in the inbox';
  // Its job was lost, but a later version of the file has been taken and settled since.
  if (entry.superseded) return 'superseded';
  if (await isRegularFile(entry.path)) return `its job is lost; queue the file again with \`news-ingest ingest ${entry.path}\``;
  return 'its job is lost, no article holds it and the file is no longer where it was taken';
}

const unaccounted = (entry: IntakeEntry, why: string): Unaccounted => ({
  file: entry.sourceKey,
  path: entry.path,
  jobId: entry.jobId,
  takenAt: entry.takenAt.toISOString(),
  why,
});

/**
 * Compares what entered with what came out: every file version ever taken from the inbox or given
 * to `ingest` (recorded before its job was queued) is an article in Postgres, failed with its
 * reason, superseded by a newer version, gone before it was read, or still under way (in a queue,
 * or in the inbox waiting to be taken again). Anything else is unaccounted for.
 */
export async function audit(db: Kysely<Database>, queues: Queues): Promise<AuditReport> {
  const { 'under way': notSettled, ...settled } = await countIntake(db);
  const taken = Object.values(settled).reduce((sum, n) => sum + n, notSettled);
  const lost = (await findLostArticles(db)).map((entry) => unaccounted(entry, `stored as content ${entry.contentHash}, which no article holds any more`));
  const underWay: Record<UnderWay, number> = { 'in a queue': 0, 'failed in its job': 0, 'in the inbox': 0 };
  const missing: Unaccounted[] = [];
  for (let page = await findUnderWay(db, PAGE); page.length > 0; page = await findUnderWay(db, PAGE, page.at(-1))) {
    const places = await Promise.all(page.map((entry) => locate(queues, entry)));
    for (const [i, place] of places.entries()) {
      if (place === 'superseded') settled.superseded += 1;
      else if (place in underWay) underWay[place as UnderWay] += 1;
      else missing.push(unaccounted(page[i]!, place));
    }
  }
  return { taken, settled, underWay, unaccounted: [...lost, ...missing] };
}
