/**
 * The sentence around a match, tokenized as the tokenizer would tokenize the whole text, but only
 * near the matches: most of a text holds none. Tokens never cross white space and the tokenizer
 * never looks back, so a stretch cut at white space holds the very tokens the whole text has; and
 * the splitter decides each sentence boundary from the tokens on either side, so every boundary
 * inside the stretch is the whole text's. Only the stretch's own ends are unknown, save where they
 * are line breaks (which always end a sentence) or the text's ends: a stretch is widened until it
 * holds a boundary on each side of the match, or as many tokens as a match's tense reads.
 */
import { sentences, type Token } from '../../text/tokenize.ts';

/** How far around a match its clause and sentence are read: enough for any real sentence, and linear on text without punctuation. */
const REACH = 40;

/** The words a match's tense is read from: its sentence, at most {@link REACH} tokens either side of its first. */
export interface SentenceAround {
  /** In lower case. */
  words: string[];
  /** The same tokens as written. */
  written: string[];
  /** Where the match's first token stands in `words`. */
  at: number;
  /** Where the first token after the match stands in `words`; -1 when there is none. */
  after: number;
  /** The token after the match as written, when the match opens its sentence: Dutch puts the finite verb there. */
  verbAfter: string | undefined;
}

/** A stretch of the text, cut at white space, with the sentences of its tokens (offsets within the stretch). */
interface Stretch {
  from: number;
  to: number;
  /** Whether a sentence is known to begin at `from` and to end at `to`. */
  opensSentence: boolean;
  closesSentence: boolean;
  sentences: Token[][];
}

const isLineBreak = (code: number) => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
/** White space the tokenizer never takes into a token: a stretch may be cut there. */
const isCut = (code: number) => code === 0x20 || code === 0x09 || isLineBreak(code);
const isEndMark = (code: number) => code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026;
const CLOSERS = new Set([...`"'“”„‘’‚«»‹›)]`].map((character) => character.charCodeAt(0)));

/** The first guess looks this far for a likely sentence boundary on either side of a match. */
const FIRST_LOOK = 300;

/** Reads the sentences around a text's matches, in the order of the matches. */
export class SentenceReader {
  readonly #text: string;
  #stretch: Stretch | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** The sentence of the match from `start` to `end`; undefined when no token stands there. */
  around(start: number, end: number): SentenceAround | undefined {
    // The stretch of the match before often holds this one's sentence too.
    const last = this.#stretch;
    const again = last !== undefined && last.from <= start && start < last.to ? readAround(last, start, end) : 'later';
    if (again !== 'earlier' && again !== 'later') return again;
    let stretch = this.#read(this.#likelyStart(start), this.#likelyEnd(end));
    for (;;) {
      const found = readAround(stretch, start, end);
      if (found !== 'earlier' && found !== 'later') {
        this.#stretch = stretch;
        return found;
      }
      const text = this.#text;
      // Twice as far each time: a sentence without punctuation is read in linear time.
      const from = found === 'earlier' ? cutBefore(text, Math.max(0, start - 2 * Math.max(start - stretch.from, FIRST_LOOK))) : stretch.from;
      const to = found === 'later' ? cutAfter(text, Math.min(text.length, end + 2 * Math.max(stretch.to - end, FIRST_LOOK))) : stretch.to;
      stretch = this.#read(from, to);
    }
  }

  #read(from: number, to: number): Stretch {
    const text = this.#text;
    return {
      from,
      to,
      opensSentence: from === 0 || isLineBreak(text.charCodeAt(from - 1)),
      closesSentence: to === text.length || isLineBreak(text.charCodeAt(to)),
      sentences: sentences(text.slice(from, to)),
    };
  }

  /** The start of the word that ends the last likely sentence before `offset` (so that the stretch shows whether it is one). */
  #likelyStart(offset: number): number {
    const text = this.#text;
    for (let i = offset - 1; i >= Math.max(0, offset - FIRST_LOOK); i--) {
      const code = text.charCodeAt(i);
      if (isLineBreak(code)) return i + 1;
      if (isCut(code) && endsWithEndMark(text, i)) return cutBefore(text, i);
    }
    return cutBefore(text, Math.max(0, offset - FIRST_LOOK));
  }

  /** The end of the word after the next likely sentence end after `offset`. */
  #likelyEnd(offset: number): number {
    const text = this.#text;
    for (let i = offset; i < Math.min(text.length, offset + FIRST_LOOK); i++) {
      const code = text.charCodeAt(i);
      if (isLineBreak(code)) return i;
      if (isCut(code) && endsWithEndMark(text, i)) return cutAfter(text, i + 1);
    }
    return cutAfter(text, Math.min(text.length, offset + FIRST_LOOK));
  }
}

/** Whether the word before the white space at `cut` ends in an end mark, perhaps with closing quotes or brackets after it. */
function endsWithEndMark(text: string, cut: number): boolean {
  let i = cut - 1;
  while (i >= 0 && CLOSERS.has(text.charCodeAt(i))) i--;
  return i >= 0 && isEndMark(text.charCodeAt(i));
}

/** The nearest place at or before `offset` where a stretch may begin: the text's start or right after white space. */
function cutBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isCut(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The nearest place at or after `offset` where a stretch may end: white space or the text's end. */
function cutAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isCut(text.charCodeAt(i))) i++;
  return i;
}

/** The first of the items (sentences, tokens), which end in order, that ends after `offset`. */
function firstEndingAfter<T>(items: readonly T[], endOf: (item: T) => number, offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (endOf(items[middle]!) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

const sentenceEnd = (sentence: readonly Token[]) => sentence.at(-1)!.end;
const tokenEnd = (token: Token) => token.end;

/** The sentence around a match as the whole text's tokens give it, or which way the stretch is too short to tell. */
function readAround(stretch: Stretch, start: number, end: number): SentenceAround | undefined | 'earlier' | 'later' {
  const local = start - stretch.from;
  const index = firstEndingAfter(stretch.sentences, sentenceEnd, local);
  if (index >= stretch.sentences.length) return stretch.closesSentence ? undefined : 'later';
  const tokens = stretch.sentences[index]!;
  const first = firstEndingAfter(tokens, tokenEnd, local);
  // The stretch's first and last sentences may reach beyond it; that matters only within reach.
  if (index === 0 && !stretch.opensSentence && first < REACH) return 'earlier';
  if (index === stretch.sentences.length - 1 && !stretch.closesSentence && first + REACH > tokens.length) return 'later';
  const from = Math.max(0, first - REACH);
  const to = Math.min(tokens.length, first + REACH);
  const after = tokens.slice(from, to).findIndex((token) => token.start >= end - stretch.from);
  const written = tokens.slice(from, to).map((token) => token.text);
  return {
    words: written.map((word) => word.toLowerCase()),
    written,
    at: first - from,
    after,
    verbAfter: first === 0 && after >= 0 ? tokens[from + after]!.text : undefined,
  };
}
