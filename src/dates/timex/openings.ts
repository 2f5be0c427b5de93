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

export interface OpeningScanner {
  /** For each rule, in order, the offsets of the words its matches may open with. */
  scan(text: string): number[][];
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

/**
 * Which rules open with a word is remembered per word as written: texts repeat their words. The
 * words of all texts are unbounded, and a text may be one long word, so both count and length are.
 */
const REMEMBERED_WORDS = 20_000;
const REMEMBERED_LENGTH = 40;
const NO_RULES: readonly number[] = [];

/** `openings[i]`: a regular expression that the first word of rule i's matches is, whole, in lower case. */
export function openingScanner(openings: readonly string[]): OpeningScanner {
  const wholeWords = openings.map((opening) => new RegExp(`^(?:${opening})$`, 'u'));
  const remembered = new Map<string, readonly number[]>();
  const rulesOpeningWith = (word: string): readonly number[] => {
    let rules = remembered.get(word);
    if (rules === undefined) {
      const key = folded(word);
      rules = wholeWords.flatMap((pattern, rule) => (pattern.test(key) ? [rule] : []));
      if (rules.length === 0) rules = NO_RULES;
      if (word.length > REMEMBERED_LENGTH) return rules;
      if (remembered.size >= REMEMBERED_WORDS) remembered.clear();
      remembered.set(word, rules);
    }
    return rules;
  };

  return {
    scan(text) {
      const offsets: number[][] = Array.from({ length: openings.length }, () => []);
      const add = (start: number, word: string) => {
        for (const rule of rulesOpeningWith(word)) offsets[rule]!.push(start);
      };
      let start = -1;
      for (let i = 0; i <= text.length; i++) {
        const inWord = i < text.length && isWordCharacter(text.charCodeAt(i));
        if (inWord) {
          if (start < 0) start = i;
          continue;
        }
        if (start < 0) continue;
        const word = text.slice(start, i);
        if (start > 0 && isApostrophe(text.charCodeAt(start - 1))) add(start - 1, text.slice(start - 1, i));
        if (!(start === 1 && opensWithClitic(text))) add(start, word);
        start = -1;
      }
      return offsets;
    },
  };
}

/**
 * The scanner this one replaced did not look at the word right after an "'s" that opens the text
 * ("'straks" found nothing); that stays so, for the same text to give the same expressions.
 */
function opensWithClitic(text: string): boolean {
  return isApostrophe(text.charCodeAt(0)) && folded(text.charAt(1)) === 's';
}
