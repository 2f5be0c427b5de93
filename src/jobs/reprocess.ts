import type { Kysely } from 'kysely';
import { articlesToReprocess } from '../db/articles.ts';
import type { Database } from '../db/database.ts';
import type { Queues } from './queues.ts';

/**
 * Sends stored articles through the dates, entities and upsert stages again: those whose entities came
 * from another extractor than `current`, or all of them. Jobs carry only the article's id: the worker
 * reads its text from the database. Returns how many were enqueued; `onPage` hears the count so far.
 */
export async function enqueueReprocessing(
  queues: Queues,
  db: Kysely<Database>,
  current: string,
  all: boolean,
  onPage: (enqueued: number) => void = () => {},
): Promise<number> {
  // One stamp per run: running the command again later sends the articles again.
  const run = Date.now().toString(36);
  let count = 0;
  for await (const page of articlesToReprocess(db, all ? undefined : current)) {
    await queues.article.addBulk(
      page.map((row) => ({ name: 'reprocess', data: { reprocess: { articleId: row.id, sourceKey: row.source_key } }, opts: { jobId: `reprocess-${row.id}-${run}` } })),
    );
    count += page.length;
    onPage(count);
  }
  return count;
}
