import type { Kysely } from 'kysely';
import { articlesToReprocess } from '../db/articles.ts';
import type { ArticleRow, Database } from '../db/database.ts';
import type { Payloads } from './payloads.ts';
import type { Queues } from './queues.ts';

/** A stored article as the dates stage takes it; the source file itself is not needed again. */
function datesPayloadOf(row: ArticleRow): Payloads['dates'] {
  return {
    source: {
      key: row.source_key,
      path: row.source_key,
      fromInbox: false,
      contentHash: row.content_hash,
      modifiedAt: row.source_modified_at.toISOString(),
    },
    article: {
      format: row.format,
      dateText: row.published_text,
      dateWhere: 'stored article',
      title: row.title,
      text: row.body,
      blocks: row.blocks,
      source: row.publisher,
      url: row.url,
    },
    reprocess: true,
  };
}

/**
 * Sends stored articles through the dates, entities and upsert stages again: those whose entities came
 * from another extractor than `current`, or all of them. Returns how many were enqueued.
 */
export async function enqueueReprocessing(queues: Queues, db: Kysely<Database>, current: string, all: boolean): Promise<number> {
  // One stamp per run: running the command again later sends the articles again.
  const run = Date.now().toString(36);
  let count = 0;
  for await (const page of articlesToReprocess(db, all ? undefined : current)) {
    await queues.dates.addBulk(
      page.map((row) => ({ name: 'dates', data: datesPayloadOf(row), opts: { jobId: `reprocess-${row.id}-${run}` } })),
    );
    count += page.length;
  }
  return count;
}
