import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleTexts } from '../src/db/articles.ts';
import { decodeModel } from '../src/ner/model-file.ts';
import { textSentences } from '../src/ner/unlabelled-text.ts';
import { runCli } from './support/cli.ts';
import { ingestSeeds, type RunningPipeline, startPipeline } from './support/pipeline.ts';

let pipeline: RunningPipeline;
let dir: string;
let training: string;
beforeAll(async () => {
  pipeline = await startPipeline();
  await ingestSeeds(pipeline);
  dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-classes-'));
  training = path.join(dir, 'train.conll');
  await writeFile(training, ['-DOCSTART- O', '', 'Jan B-PER', 'woont O', 'in O', 'Gent B-LOC', '. O', ''].join('\n'));
});
afterAll(async () => {
  await pipeline?.close();
  await rm(dir, { recursive: true, force: true });
});

async function storedTexts(pageSize: number) {
  const pages = [];
  for await (const page of articleTexts(pipeline.db, pageSize)) pages.push(page);
  return pages;
}

describe('word classes for ner-train', () => {
  it('reads every stored article’s title and body, a page at a time in id order', async () => {
    const pages = await storedTexts(1);
    expect(pages.map((page) => page.length)).toEqual([1, 1]);
    const ids = pages.flat().map((article) => article.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect((await storedTexts(10)).flat()).toEqual(pages.flat());
    expect(pages.flat().every((article) => article.body.length > 100)).toBe(true);
  });

  it('ner-train --clusters-from-archive learns them from the stored text and saves them in the model', async () => {
    const out = path.join(dir, 'archive.model');
    const args = ['ner-train', training, '--out', out, '--epochs', '2', '--runs', '1', '--clusters-from-archive', '--cluster-sizes', '4,8', '--cluster-min-count', '2'];
    const result = await runCli(args, pipeline.env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/word classes: read 2 stored articles/);
    const classes = decodeModel(await readFile(out)).lexicons.wordClasses!;
    expect(classes.sizes).toEqual([4, 8]);
    // Every word the archive uses twice or more, lower-cased, and no other.
    expect(classes.lowerCase).toBe(true);
    const counts = new Map<string, number>();
    for (const article of (await storedTexts(10)).flat()) {
      for (const text of [article.title ?? '', article.body]) {
        for (const words of textSentences(text)) for (const word of words.map((written) => written.toLowerCase())) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    expect(new Set(classes.words)).toEqual(new Set([...counts].filter(([, count]) => count >= 2).map(([word]) => word)));
  });

  it('ner-train --cluster-text reads plain text as articles are tokenized and CoNLL by its first column', async () => {
    const plain = path.join(dir, 'text.txt');
    await writeFile(plain, 'De CDA-leider zegt het. De CDA-leider zegt het niet.\n');
    const conll = path.join(dir, 'unlabelled.conll');
    await writeFile(conll, ['-DOCSTART- -DOCSTART- O', '', 'Jan N B-PER', 'zegt V O', '', 'Jan N B-PER', 'zwijgt V O', ''].join('\n'));
    const out = path.join(dir, 'text.model');
    const args = ['ner-train', training, '--out', out, '--epochs', '1', '--runs', '1', '--cluster-text', plain, conll, '--cluster-sizes', '2'];
    const result = await runCli(args, pipeline.env);
    expect(result.code, result.stderr).toBe(0);
    const classes = decodeModel(await readFile(out)).lexicons.wordClasses!;
    expect(new Set(classes.words)).toEqual(new Set(['de', 'cda', '-', 'leider', 'zegt', 'het', '.', 'jan']));
  });
});
