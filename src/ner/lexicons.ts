import { isCapitalAt, type Lexicons } from './features.ts';
import { type WordClassData, wordClassesFrom } from './word-classes.ts';

/** Word lists a model was trained with; saved inside the model file so that tagging needs no packages. */
export interface LexiconData {
  usuallyLowercase: string[];
  /** Category (e.g. `LOC-country`, `PER-first`) → names, possibly of several words. */
  gazetteers: Record<string, string[]>;
  /** Word classes learnt from unlabelled text; absent from models trained without them. */
  wordClasses?: WordClassData;
}

export const EMPTY_LEXICON_DATA: LexiconData = { usuallyLowercase: [], gazetteers: {} };

export const MAX_NAME_WORDS = 6;

/** The match names of one category for a name's first, inner and last word and for a one-word name. */
interface MatchNames {
  B: string;
  I: string;
  L: string;
  U: string;
}

/** A word-by-word tree of names: the categories of the name ending at each node. */
interface NameNode {
  next: Map<string, NameNode>;
  categories: MatchNames[];
}

const NO_MATCHES: readonly string[] = Object.freeze([]);

const node = (): NameNode => ({ next: new Map(), categories: [] });

/**
 * Matches gazetteer names in a sentence. Every token inside a match gets `category-B` (first
 * word), `-I` or `-L` (last), or `-U` for a one-word name.
 */
export function lexiconsFrom(data: LexiconData): Lexicons {
  const root = node();
  for (const [category, names] of Object.entries(data.gazetteers)) {
    // Made once, so that every match of the category shares its strings (cheap to look up later).
    const matchNames: MatchNames = { B: `${category}-B`, I: `${category}-I`, L: `${category}-L`, U: `${category}-U` };
    for (const name of names) {
      const words = name.split(' ').filter((word) => word !== '');
      if (words.length === 0 || words.length > MAX_NAME_WORDS) continue;
      let at = root;
      for (const word of words) {
        let child = at.next.get(word);
        if (!child) at.next.set(word, (child = node()));
        at = child;
      }
      if (!at.categories.includes(matchNames)) at.categories.push(matchNames);
    }
  }
  const usuallyLowercase = new Set(data.usuallyLowercase);
  /** Calls `add` for every token of every name found in `words` whose span passes `accept`. */
  const findNames = (words: readonly string[], add: (token: number, name: string) => void, accept: (start: number, end: number) => boolean) => {
    for (let i = 0; i < words.length; i++) {
      let at = root.next.get(words[i]!);
      for (let k = i; at !== undefined; at = at.next.get(words[++k]!)) {
        const length = k - i + 1;
        if (at.categories.length > 0 && accept(i, k + 1)) {
          for (const names of at.categories) {
            if (length === 1) add(i, names.U);
            else for (let m = 0; m < length; m++) add(i + m, m === 0 ? names.B : m === length - 1 ? names.L : names.I);
          }
        }
        if (k + 1 >= words.length) break;
      }
    }
  };
  return {
    usuallyLowercase,
    wordClasses: wordClassesFrom(data.wordClasses),
    gazetteer(words) {
      // Most tokens match nothing: they share one empty list rather than each getting its own.
      const matches: (readonly string[])[] = words.map(() => NO_MATCHES);
      const add = (token: number, name: string) => {
        const list = matches[token]!;
        if (list === NO_MATCHES) matches[token] = [name];
        else (list as string[]).push(name);
      };
      findNames(words, add, () => true);
      const titled = titleCased(words, usuallyLowercase);
      if (titled !== undefined) {
        // Only the names that a title-cased word makes: the others were found above.
        findNames(titled, add, (start, end) => {
          for (let j = start; j < end; j++) if (titled[j] !== words[j]) return true;
          return false;
        });
      }
      return matches;
    },
  };
}

/** Whether the character at `i` is a lower-case letter; looks at character codes first, as `isCapitalAt` does, since this runs for every token tagged. */
function isLowerAt(word: string, i: number): boolean {
  const code = word.charCodeAt(i);
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  const char = word[i]!;
  return char.toUpperCase() !== char;
}

function hasCapital(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isCapitalAt(word, i)) return true;
  return false;
}

/** `ANTWERPEN`, `NOORD-HOLLAND`: two capitals first (most words fail there), then no lower-case letter. */
function isAllCapitals(word: string): boolean {
  if (word.length < 2 || !isCapitalAt(word, 0) || !isCapitalAt(word, 1)) return false;
  for (let i = 2; i < word.length; i++) if (isLowerAt(word, i)) return false;
  return true;
}

/** `ANTWERPEN` → `Antwerpen`, `NOORD-HOLLAND` → `Noord-Holland`. */
const titleCase = (word: string) => word.toLowerCase().replace(/(^|-)(\p{L})/gu, (_, start: string, letter: string) => start + letter.toUpperCase());

/**
 * The sentence with the words whose case hides whether they are names written in title case:
 * words in capitals (`ANTWERPEN` in a dateline, a headline in capitals) and, in a sentence without
 * any capital (a headline in lower case), every word; but not the words the dictionary writes in
 * lower case (`VAN`, `de`). Undefined if no word changes.
 */
function titleCased(words: readonly string[], usuallyLowercase: ReadonlySet<string>): string[] | undefined {
  const allLower = !words.some(hasCapital);
  let titled: string[] | undefined;
  words.forEach((word, i) => {
    if (!(allLower || isAllCapitals(word)) || usuallyLowercase.has(word.toLowerCase())) return;
    const title = titleCase(word);
    if (title === word) return;
    titled ??= [...words];
    titled[i] = title;
  });
  return titled;
}
