import type { Mention } from './entity.ts';

/**
 * Within one article, a person's short form takes the full name seen in the article:
 * "Blinken" → "Antony Blinken". A short form that fits several full names stays as written.
 */
export function linkShortForms(mentions: Mention[]): Mention[] {
  const fullNames = [...new Set(mentions.filter((m) => m.type === 'PER' && /\s/.test(m.name)).map((m) => m.name))];
  return mentions.map((mention) => {
    if (mention.type !== 'PER' || /\s/.test(mention.name)) return mention;
    const candidates = fullNames.filter((full) => full.endsWith(` ${mention.name}`));
    return candidates.length === 1 ? { ...mention, name: candidates[0]! } : mention;
  });
}
