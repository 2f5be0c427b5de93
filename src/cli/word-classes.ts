import { readFile } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { articleTexts } from '../db/articles.ts';
import { createDatabase } from '../db/connection.ts';
import { textSentences, unlabelledSentences } from '../ner/unlabelled-text.ts';
import { ClusterCorpus, type ClusteringOptions, learnWordClasses, type WordClassData } from '../ner/word-classes.ts';

export interface WordClassSources {
  /** Plain UTF-8 text or CoNLL files. */
  files: readonly string[];
  /** Whether to read the text of the articles stored in the database too. */
  archive: boolean;
}

/** Adds the title and body of every stored article to the corpus, a page at a time. */
async function addArchive(corpus: ClusterCorpus, config: Config): Promise<number> {
  const db = createDatabase(config.database, { max: 1 });
  let articles = 0;
  try {
    for await (const page of articleTexts(db)) {
      for (const article of page) {
        for (const text of [article.title ?? '', article.body]) for (const words of textSentences(text)) corpus.add(words);
      }
      articles += page.length;
    }
  } finally {
    await db.destroy();
  }
  return articles;
}

/** Learns word classes from the files and, if asked, the archive; undefined when there is no source. */
export async function learnWordClassesFrom(
  sources: WordClassSources,
  options: ClusteringOptions,
  config: () => Config,
  progress: (line: string) => void,
): Promise<WordClassData | undefined> {
  if (sources.files.length === 0 && !sources.archive) return undefined;
  const corpus = new ClusterCorpus(options.lowerCase);
  for (const file of sources.files) for (const words of unlabelledSentences(await readFile(file, 'utf8'))) corpus.add(words);
  if (sources.archive) progress(`word classes: read ${await addArchive(corpus, config())} stored articles`);
  const started = performance.now();
  const data = learnWordClasses(corpus, options);
  progress(
    `word classes: ${data.words.length} words of ${corpus.tokenCount} tokens into ${data.sizes.join('/')} classes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return data;
}
