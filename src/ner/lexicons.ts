import type { Lexicons } from './features.ts';

/** Word lists a model was trained with; saved inside the model file so that tagging needs no packages. */
export interface LexiconData {
  usuallyLowercase: string[];
  /** Category (e.g. `LOC-country`, `PER-first`) → names, possibly of several words. */
  gazetteers: Record<string, string[]>;
}

export const EMPTY_LEXICON_DATA: LexiconData = { usuallyLowercase: [], gazetteers: {} };

const MAX_NAME_WORDS = 6;

/**
 * Matches gazetteer names in a sentence. Every token inside a match gets `category-B` (first
 * word), `-I` or `-L` (last), or `-U` for a one-word name; longer matches win.
 */
export function lexiconsFrom(data: LexiconData): Lexicons {
  const byFirstWord = new Map<string, { words: string[]; category: string }[]>();
  for (const [category, names] of Object.entries(data.gazetteers)) {
    for (const name of names) {
      const words = name.split(' ').filter((word) => word !== '');
      if (words.length === 0 || words.length > MAX_NAME_WORDS) continue;
      let list = byFirstWord.get(words[0]!);
      if (!list) byFirstWord.set(words[0]!, (list = []));
      list.push({ words, category });
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return {
    usuallyLowercase: new Set(data.usuallyLowercase),
    gazetteer(words) {
      const matches = words.map((): string[] => []);
      for (let i = 0; i < words.length; i++) {
        for (const entry of byFirstWord.get(words[i]!) ?? []) {
          const length = entry.words.length;
          if (i + length > words.length || !entry.words.every((word, k) => words[i + k] === word)) continue;
          if (length === 1) matches[i]!.push(`${entry.category}-U`);
          else for (let k = 0; k < length; k++) matches[i + k]!.push(`${entry.category}-${k === 0 ? 'B' : k === length - 1 ? 'L' : 'I'}`);
        }
      }
      return matches;
    },
  };
}
