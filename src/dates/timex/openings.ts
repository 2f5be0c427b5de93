/**
 * Finding where rules may match, in one pass. Running every rule's regular expression over the
 * whole text tries each rule at every character; most of that time goes to places where no rule
 * can begin. Each rule says which words its matches open with; the text is split into words once,
 * and a rule is tried only at the words it opens with.
 *
 * A word is a run of letters and digits; with an apostrophe right before it, the apostrophe and
 * the run are a word too (the clitic "'s" of "'s maandags"). Every rule's match opens with such a
 * word, whole: its patterns begin where no letter or digit stands before, and end their first word
 * where none follows.
 */

import { EMPTY_HASH, hashStep, WordTable } from './word-table.ts';

export interface OpeningScanner {
  /** For each rule, in order, the offsets of the words its matches may open with. */
  scan(text: string): (readonly number[])[];
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const isApostrophe = (code: number) => code === APOSTROPHE || code === RIGHT_QUOTE;

/** For the characters outside ASCII, whether each is a letter or digit, learnt as they are met: 0 unknown, 1 yes, 2 no. */
const WORD_CHARACTERS = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isWordCharacter(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  // A surrogate half is no character of its own; a letter beyond the basic plane only ends a word early, where no rule matches anyway.
  if (WORD_CHARACTERS[code] === 0) WORD_CHARACTERS[code] = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
  return WORD_CHARACTERS[code] === 1;
}

/** The rules compare case-insensitively, which also takes the long s (ſ) for an s. */
const folded = (word: string) => word.toLowerCase().replaceAll('ſ', 's');

const NO_RULES: readonly number[] = [];
const NO_OFFSETS: number[] = [];

/** `openings[i]`: a regular expression that the first word of rule i's matches is, whole, in lower case. */
export function openingScanner(openings: readonly string[]): OpeningScanner {
  const wholeWords = openings.map((opening) => new RegExp(`^(?:${opening})$`, 'u'));
  // Which rules open with a word is remembered per word as written: texts repeat their words.
  const rulesOpeningWith = new WordTable((word): readonly number[] => {
    const key = folded(word);
    const rules = wholeWords.flatMap((pattern, rule) => (pattern.test(key) ? [rule] : []));
    return rules.length === 0 ? NO_RULES : rules;
  });

  return {
    scan(text) {
      // Most rules find no opening in a sentence: they share one empty list, never pushed to, and a rule gets a list of
      // its own at its first opening (a list per rule per text was most of the scan's time).
      const offsets: number[][] = new Array<number[]>(openings.length).fill(NO_OFFSETS);
      const add = (start: number, end: number, hash: number) => {
        for (const rule of rulesOpeningWith.get(text, start, end, hash)) {
          if (offsets[rule] === NO_OFFSETS) offsets[rule] = [start];
          else offsets[rule]!.push(start);
        }
      };
      let start = -1;
      let hash = EMPTY_HASH;
      for (let i = 0; i <= text.length; i++) {
        const code = i < text.length ? text.charCodeAt(i) : -1;
        if (code >= 0 && isWordCharacter(code)) {
          if (start < 0) {
            start = i;
            hash = EMPTY_HASH;
          }
          hash = hashStep(hash, code);
          continue;
        }
        if (start < 0) continue;
        if (start > 0 && isApostrophe(text.charCodeAt(start - 1))) add(start - 1, i, hashOf(text, start - 1, i));
        if (!(start === 1 && opensWithClitic(text))) add(start, i, hash);
        start = -1;
      }
      return offsets;
    },
  };
}

function hashOf(text: string, start: number, end: number): number {
  let hash = EMPTY_HASH;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

/**
 * The scanner this one replaced did not look at the word right after an "'s" that opens the text
 * ("'straks" found nothing); that stays so, for the same text to give the same expressions.
 */
function opensWithClitic(text: string): boolean {
  return isApostrophe(text.charCodeAt(0)) && folded(text.charAt(1)) === 's';
}
