import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { normalizeName } from '../src/entities/entity.ts';
import { defaultExtractor } from '../src/entities/index.ts';
import { REPO_ROOT, SHARED } from './support/environment.ts';

interface GoldEntity {
  type: string;
  name: string;
  mentions: Record<string, number>;
}
const gold: { documents: { file: string; entities: GoldEntity[] }[] } = JSON.parse(
  readFileSync(path.join(SHARED, 'eval/seeds-gold.json'), 'utf8'),
);

const mentionsOf = (file: string) => {
  const article = parseArticleFile(readFileSync(path.join(REPO_ROOT, 'seeds', file)));
  return { article, mentions: defaultExtractor.extract(article.text) };
};

describe('the entity extractor on the seeds', () => {
  it.each([
    ['PER', 'Antony Blinken'],
    ['PER', 'Sergej Lavrov'],
    ['LOC', 'Oekraïne'],
    ['LOC', 'Rusland'],
    ['LOC', 'New Delhi'],
  ])('finds %s %s in the 2023 seed', (type, name) => {
    const { mentions } = mentionsOf('000_efed8caf83f9d982.txt');
    expect(mentions.some((mention) => mention.type === type && mention.name === name)).toBe(true);
  });

  it('finds Genève as a place in the 2022 seed', () => {
    const { mentions } = mentionsOf('003_93b1d2fb4bde249c.txt');
    expect(mentions).toContainEqual(expect.objectContaining({ type: 'LOC', text: 'Genève' }));
  });

  it('keeps offsets that point at the text as written', () => {
    for (const { file } of gold.documents) {
      const { article, mentions } = mentionsOf(file);
      expect(mentions.length).toBeGreaterThan(10);
      for (const mention of mentions) expect(article.text.slice(mention.start, mention.end)).toBe(mention.text);
    }
  });

  it('never reports sentence-initial function words', () => {
    for (const { file } of gold.documents) {
      const { mentions } = mentionsOf(file);
      const texts = mentions.map((mention) => mention.text);
      for (const word of ['De', 'Het', 'Maar', 'Hij', 'Ze', 'Dat', 'Na', 'Verder', 'Eerder', 'Veel', 'Donderdag']) {
        expect(texts).not.toContain(word);
      }
    }
  });

  it('counts Blinken and Lavrov as the gold annotation does, short forms linked to the full name', () => {
    for (const document of gold.documents) {
      const { mentions } = mentionsOf(document.file);
      for (const entity of document.entities.filter((e) => /Blinken|Lavrov/.test(e.name))) {
        const found = mentions.filter((m) => m.type === 'PER' && normalizeName(m.name) === normalizeName(entity.name));
        const expected = Object.values(entity.mentions).reduce((sum, count) => sum + count, 0);
        expect(found, `${document.file}: ${entity.name}`).toHaveLength(expected);
      }
    }
  });

  it('finds a fair share of the gold entities with the right type', () => {
    for (const document of gold.documents) {
      const { mentions } = mentionsOf(document.file);
      const found = new Set(mentions.map((m) => `${m.type} ${normalizeName(m.name)}`));
      const hits = document.entities.filter((e) => found.has(`${e.type} ${normalizeName(e.name)}`));
      expect(hits.length / document.entities.length, document.file).toBeGreaterThanOrEqual(0.75);
    }
  });
});
