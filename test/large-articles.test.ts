import { describe, expect, it } from 'vitest';
import { normalizeDates } from '../src/workers/dates.ts';
import { extractEntities } from '../src/workers/entities.ts';
import { validate } from '../src/workers/validate.ts';
import { shippedExtractor } from './support/extractor.ts';

/** Validate, dates and entities on one article file, as the stage thread runs them. */
function stages(text: string) {
  const { article, published } = validate(Buffer.from(` date 2023-03 ${text}`), 'Europe/Amsterdam');
  return { timeExpressions: normalizeDates(article.text, published), mentions: extractEntities(article.text, shippedExtractor).mentions };
}

describe('articles as large as a raised limit allows', () => {
  it('5 MB without a space or punctuation go through every stage, with bounded stack', () => {
    expect(stages('a'.repeat(5_000_000))).toEqual({ timeExpressions: [], mentions: [] });
    expect(stages('2023'.repeat(1_250_000))).toEqual({ timeExpressions: [], mentions: [] });
  });

  it('1 MB of words in one sentence without punctuation go through every stage', () => {
    const sentence = 'Rutte sprak vrijdag in Gent ';
    const { timeExpressions, mentions } = stages(sentence.repeat(Math.floor(1_000_000 / sentence.length)));
    expect(timeExpressions.length).toBe(Math.floor(1_000_000 / sentence.length));
    expect(mentions.length).toBeGreaterThan(timeExpressions.length);
  });
});
