import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExtractorFor } from '../src/entities/index.ts';
import { enqueueReprocessing } from '../src/jobs/reprocess.ts';
import { writeModelFile } from '../src/ner/model-store.ts';
import { waitFor } from './support/environment.ts';
import { trainSurnameModel } from './support/known-names.ts';
import { type RunningPipeline, startPipeline } from './support/pipeline.ts';
import { createTestEnvironment, type TestEnvironment } from './support/environment.ts';

/**
 * A model trained here with known names, so that what they change does not depend on the shipped
 * model: to it, "Visser" written alone is a person only if the archive knows someone of that name.
 */
let modelDir: TestEnvironment;
let published = 0;
let pipeline: RunningPipeline;
beforeAll(async () => {
  modelDir = await createTestEnvironment();
  const modelFile = path.join(modelDir.dir, 'surnames.model');
  await writeModelFile(modelFile, trainSurnameModel(), { trainedOn: ['surnames'], options: {} });
  // Two threads: a task may land on either, and each must get the names.
  pipeline = await startPipeline({ NER_MODEL: modelFile, KNOWN_NAMES_MIN_MENTIONS: '1', KNOWN_NAMES_REFRESH_MS: '1', ENTITY_THREADS: '2' });
});
afterAll(async () => {
  await pipeline?.close();
  await modelDir?.cleanup();
});

/** Stores an article; each its own publication date, so that articles of the same text are not taken for one. */
async function ingest(name: string, text: string) {
  const file = path.join(pipeline.dir, name);
  published += 1;
  await writeFile(file, ` date 2024-05-${String(published).padStart(2, '0')} ${text}`);
  expect(await pipeline.ingest({ path: file, key: file, fromInbox: false, root: pipeline.dir })).toMatchObject({ state: 'completed' });
  return file;
}

/** The people an article mentions: the text as written and the stored entity's name. */
const peopleIn = (key: string) =>
  pipeline.db
    .selectFrom('mention')
    .innerJoin('article', 'article.id', 'mention.article_id')
    .innerJoin('entity', 'entity.id', 'mention.entity_id')
    .select(['mention.text', 'entity.name'])
    .where('article.source_key', '=', key)
    .where('entity.type', '=', 'PER')
    .orderBy('mention.start')
    .execute();

describe('the archive as the tagger memory', () => {
  it('tags a surname alone as the person stored with the full name, once the workers read the stored names again', async () => {
    const before = await ingest('before.txt', 'Gisteren kwam Visser aan.');
    expect(await peopleIn(before)).toEqual([]);
    const full = await ingest('full.txt', 'Ruud Visser woont in Leuven.');
    expect(await peopleIn(full)).toEqual([{ text: 'Ruud Visser', name: 'Ruud Visser' }]);

    // Every article after it goes to a thread that knows the stored name, whichever thread.
    for (const name of ['after.txt', 'again.txt']) {
      expect(await peopleIn(await ingest(name, 'Gisteren kwam Visser aan.'))).toEqual([{ text: 'Visser', name: 'Ruud Visser' }]);
    }
    expect(pipeline.log.lines.filter((line) => line.startsWith('known names read'))).toEqual([
      // Ruud Visser and Leuven, then Ruud Visser with one more mention.
      'known names read {"names":2,"generation":1}',
      'known names read {"names":2,"generation":2}',
    ]);
  });

  it('brings an article tagged before the name was stored up to date when it is reprocessed', async () => {
    const before = path.join(pipeline.dir, 'before.txt');
    const version = defaultExtractorFor(pipeline.config.nerModel).version;
    expect(await enqueueReprocessing(pipeline.queues, pipeline.db, version, true)).toBe(4);
    await waitFor('the article to name the person', async () => (await peopleIn(before)).length > 0);
    expect(await peopleIn(before)).toEqual([{ text: 'Visser', name: 'Ruud Visser' }]);
  });
});
