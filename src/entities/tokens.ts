export interface Token {
  text: string;
  start: number;
  end: number;
  isWord: boolean;
  /** First token of a sentence, a paragraph or a quotation that opens a sentence. */
  sentenceStart: boolean;
}

const TOKEN = /\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*|\p{N}+(?:[.,]\p{N}+)*|\S/gu;
const QUOTES = new Set(['"', '“', '”', '„', '‘', '’', "'", '«', '»', '(', ')', '[', ']']);
const SENTENCE_END = new Set(['.', '!', '?']);

/** Splits text into words and punctuation marks, keeping offsets and marking sentence starts. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let boundary = true;
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0];
    const start = match.index;
    if (text.slice(previousEnd, start).includes('\n')) boundary = true;
    const isWord = /^[\p{L}\p{N}]/u.test(value);
    tokens.push({ text: value, start, end: start + value.length, isWord, sentenceStart: isWord && boundary });
    if (isWord) boundary = false;
    else if (SENTENCE_END.has(value)) boundary = true;
    else if (!QUOTES.has(value)) boundary = false;
    previousEnd = start + value.length;
  }
  return tokens;
}

export function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}
