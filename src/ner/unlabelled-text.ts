import { sentences } from '../text/tokenize.ts';
import { parseConll } from './conll.ts';

/** A CoNLL line's last column: `O` or a tag such as `B-PER`, `I-MISC`. */
const TAG = /^(?:O|[BIES]-\S+)$/;
/** How many lines decide whether a file is CoNLL. */
const SAMPLE_LINES = 50;

/** Whether the text reads as CoNLL: its first lines are `-DOCSTART-` or a token, maybe more columns, and a tag. */
function looksLikeConll(text: string): boolean {
  const lines = text.slice(0, 20_000).split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, SAMPLE_LINES);
  return (
    lines.length > 0 &&
    lines.every((line) => {
      const columns = line.trim().split(/\s+/);
      return columns[0] === '-DOCSTART-' || (columns.length >= 2 && TAG.test(columns.at(-1)!));
    })
  );
}

/** Plain text's sentences as words, tokenized as the tagger's input is so that words are cut the same way. */
export function textSentences(text: string): string[][] {
  return sentences(text).map((tokens) => tokens.map((token) => token.text));
}

/** The sentences of an unlabelled file as words: CoNLL's first column (its tags unused), or plain text's. */
export function unlabelledSentences(text: string): string[][] {
  if (looksLikeConll(text)) return parseConll(text).flatMap((document) => document.sentences.map((sentence) => sentence.map((token) => token.word)));
  return textSentences(text);
}
