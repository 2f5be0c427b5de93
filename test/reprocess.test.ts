import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueReprocessing } from '../src/jobs/reprocess.ts';
import { REPO_ROOT, waitFor } from './support/environment.ts';
import { shippedExtractor } from './support/extractor.ts';
import { type RunningPipeline, startPipeline } from './support/pipeline.ts';

let pipeline: RunningPipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
  for (const file of ['000_efed8caf83f9d982.txt', '003_93b1d2fb4bde249c.txt']) {
    const seed = path.join(REPO_ROOT, 'seeds', file);
    expect((await pipeline.ingest({ path: seed, key: seed, fromInbox: false, root: path.dirname(seed) })).state).toBe('completed');
  }
});
afterAll(async () => {
  await pipeline?.close();
});

const mentionsByArticle = async () => {
  const rows = await pipeline.db
    .selectFrom('mention')
    .innerJoin('entity', 'entity.id', 'mention.entity_id')
    .select(['mention.article_id', 'mention.start', 'mention.text', 'entity.type', 'entity.name'])
    .orderBy('mention.article_id')
    .orderBy('mention.start')
    .execute();
  return rows;
};

describe('reprocess', () => {
  it('re-extracts only articles from another extractor version, replacing their mentions and removing orphans', async () => {
    const current = await mentionsByArticle();
    const [older, newer] = await pipeline.db.selectFrom('article').select(['id', 'extractor']).orderBy('id').execute();
    expect(older!.extractor).toBe(shippedExtractor.version);

    // As an older model would have left it: another version, a mention of an entity nobody else has.
    const stale = await pipeline.db
      .insertInto('entity')
      .values({ type: 'ORG', name: 'Oude Fout', normalized_name: 'oude fout' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await pipeline.db.deleteFrom('mention').where('article_id', '=', older!.id).execute();
    await pipeline.db.insertInto('mention').values({ article_id: older!.id, entity_id: stale.id, start: 0, end: 3, text: 'Oud' }).execute();
    await pipeline.db.updateTable('article').set({ extractor: 'tagger/perceptron-000000000000' }).where('id', '=', older!.id).execute();

    expect(await enqueueReprocessing(pipeline.queues, pipeline.db, shippedExtractor.version, false)).toBe(1);
    await waitFor('the article to be reprocessed', async () => {
      const row = await pipeline.db.selectFrom('article').select('extractor').where('id', '=', older!.id).executeTakeFirstOrThrow();
      return row.extractor === shippedExtractor.version;
    });
    expect(await mentionsByArticle()).toEqual(current);
    expect(await pipeline.db.selectFrom('entity').select('id').where('id', '=', stale.id).execute()).toEqual([]);
    expect(newer!.extractor).toBe(shippedExtractor.version);
    expect(await enqueueReprocessing(pipeline.queues, pipeline.db, shippedExtractor.version, false)).toBe(0);
  });

  it('with --all, sends every stored article again, deriving the same mentions and time expressions', async () => {
    const before = await mentionsByArticle();
    const updated = await pipeline.db.selectFrom('article').select(['id', 'updated_at']).execute();
    const expressionsBefore = await pipeline.db.selectFrom('time_expression').selectAll().orderBy('article_id').orderBy('start').execute();
    expect(expressionsBefore.length).toBeGreaterThan(0);
    await pipeline.db.deleteFrom('time_expression').execute();
    expect(await enqueueReprocessing(pipeline.queues, pipeline.db, shippedExtractor.version, true)).toBe(2);
    await waitFor('both articles to be reprocessed', async () => {
      const rows = await pipeline.db.selectFrom('article').select(['id', 'updated_at']).execute();
      return rows.every((row) => row.updated_at > updated.find((u) => u.id === row.id)!.updated_at);
    });
    expect(await mentionsByArticle()).toEqual(before);
    expect(await pipeline.db.selectFrom('time_expression').selectAll().orderBy('article_id').orderBy('start').execute()).toEqual(expressionsBefore);
  });
});
