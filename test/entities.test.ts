import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { normalizeName } from '../src/entities/entity.ts';
import { documentGoldSchema, evaluateDocuments } from '../src/entities/evaluate.ts';
import { linkShortForms } from '../src/entities/link.ts';
import { REPO_ROOT } from './support/environment.ts';
import { shippedExtractor } from './support/extractor.ts';
import { seedsGold } from './support/gold.ts';

const gold = documentGoldSchema.parse(seedsGold);

const extracted = (file: string) => {
  const article = parseArticleFile(readFileSync(path.join(REPO_ROOT, 'seeds', file)));
  return { article, mentions: shippedExtractor.extract(article.text) };
};

describe('the shipped extractor on the seed articles', () => {
  it('finds the annotated entities with their type, and little else', () => {
    const scores = evaluateDocuments(gold.documents.map((document) => ({ gold: document, mentions: extracted(document.file).mentions })));
    expect(scores.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.overall.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps offsets that point at the text as written', () => {
    for (const { file } of gold.documents) {
      const { article, mentions } = extracted(file);
      expect(mentions.length).toBeGreaterThan(10);
      for (const mention of mentions) expect(article.text.slice(mention.start, mention.end)).toBe(mention.text);
    }
  });

  it('links short forms to the full name given earlier in the article, as the gold annotation counts them', () => {
    for (const document of seedsGold.documents) {
      const { mentions } = extracted(document.file);
      const withShortForms = document.entities.filter((e) => e.type === 'PER' && Object.keys(e.mentions).some((form) => form !== e.name));
      expect(withShortForms.length).toBeGreaterThan(0);
      for (const entity of withShortForms) {
        const found = mentions.filter((m) => m.type === 'PER' && normalizeName(m.name) === normalizeName(entity.name));
        const expected = Object.values(entity.mentions).reduce((sum, count) => sum + count, 0);
        expect(found, `${document.file}: ${entity.name}`).toHaveLength(expected);
      }
    }
  });

  it('records the country a nationality word refers to', () => {
    const { mentions } = extracted('003_93b1d2fb4bde249c.txt');
    expect(mentions).toContainEqual(expect.objectContaining({ type: 'MISC', text: 'Russische', country: { code: 'RU', name: 'Rusland' } }));
    expect(mentions).toContainEqual(expect.objectContaining({ type: 'MISC', text: 'Zwitserse', country: { code: 'CH', name: 'Zwitserland' } }));
  });
});

describe('names with characters that do not show', () => {
  it('are one entity whatever soft hyphens or zero-width spaces they hold', () => {
    const mentions = linkShortForms([
      { type: 'PER', text: 'Mark Rut\u00ADte', name: 'Mark Rutte', start: 0, end: 11 },
      { type: 'PER', text: '\u200bRutte', name: 'Rutte', start: 20, end: 26 },
    ]);
    expect(mentions.map((m) => m.name)).toEqual(['Mark Rutte', 'Mark Rutte']);
    expect(normalizeName('Mark \u200bRut\u00ADte')).toBe('mark rutte');
  });
});

describe('linking short forms within an article', () => {
  const person = (text: string, start: number) => ({ type: 'PER' as const, text, name: text, start, end: start + text.length });

  it('gives a surname the one full name that ends with it', () => {
    const linked = linkShortForms([person('Vladimir Poetin', 0), person('Poetin', 40)]);
    expect(linked.map((m) => m.name)).toEqual(['Vladimir Poetin', 'Vladimir Poetin']);
  });

  it('leaves a surname alone when two full names fit it', () => {
    const linked = linkShortForms([person('Joe Biden', 0), person('Hunter Biden', 20), person('Biden', 40)]);
    expect(linked.at(-1)!.name).toBe('Biden');
  });
});
