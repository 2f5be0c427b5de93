import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { publishedDateOf } from '../src/article/published.ts';
import { generateArticle, generateArticles } from '../src/bench/articles.ts';
import { documentDateOf, findTimeExpressions } from '../src/dates/timex/find.ts';
import { tokenize } from '../src/text/tokenize.ts';
import { shippedExtractor } from './support/extractor.ts';

const articles = (count: number, seed: number) => [...generateArticles(count, seed)];
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Capitalized word pairs with an optional tussenvoegsel between them: the full names a text introduces. */
function fullNames(texts: Iterable<string>): Set<string> {
  const names = new Set<string>();
  const pattern = /\p{Lu}\p{Ll}+ (?:(?:van|de|der|den|ter) )*\p{Lu}\p{Ll}+/gu;
  for (const text of texts) for (const [name] of text.matchAll(pattern)) names.add(name);
  return names;
}

describe('benchmark articles', () => {
  const sample = articles(2000, 1);

  it('are the same for the same seed, and others for another', () => {
    expect(articles(50, 1)).toEqual(sample.slice(0, 50));
    expect(generateArticle(1, 1234)).toBe(sample[1234]);
    const other = articles(50, 2);
    expect(other.filter((article, i) => article === sample[i])).toEqual([]);
  });

  it('are 1–4 KB each, of varying size', () => {
    const sizes = sample.map(bytes);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1024);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4096);
    expect(new Set(sizes.map((size) => Math.floor(size / 512))).size).toBeGreaterThanOrEqual(5);
  });

  it('parse as article files with a valid publication date, spread over years', () => {
    const years = new Set<string>();
    for (const text of sample) {
      const article = parseArticleFile(Buffer.from(text));
      const published = publishedDateOf(article, 'Europe/Amsterdam');
      expect(published.warnings).toEqual([]);
      expect(article.blocks.length).toBeGreaterThan(1);
      years.add(published.date.slice(0, 4));
    }
    expect(years.size).toBeGreaterThanOrEqual(10);
  });

  it('are all different', () => {
    expect(new Set(sample).size).toBe(sample.length);
  });

  it('keep introducing people not seen before', () => {
    const few = fullNames(sample).size;
    const many = fullNames(generateArticles(20_000, 1)).size;
    expect(many).toBeGreaterThan(5 * few);
  });

  it('name people, places and times about as densely as real news', () => {
    let tokens = 0;
    let names = 0;
    let times = 0;
    for (const text of sample.slice(0, 300)) {
      const article = parseArticleFile(Buffer.from(text));
      tokens += tokenize(article.text).length;
      names += shippedExtractor.extract(article.text).length;
      times += findTimeExpressions(article.text, documentDateOf(publishedDateOf(article, 'Europe/Amsterdam'))).length;
    }
    // News in CoNLL-2002 has 6.6 names per 100 tokens; annotated news corpora 2–2.5 time expressions.
    expect((100 * names) / tokens).toBeGreaterThan(5.5);
    expect((100 * names) / tokens).toBeLessThan(8);
    expect((100 * times) / tokens).toBeGreaterThan(2);
    expect((100 * times) / tokens).toBeLessThan(4);
  });
});
