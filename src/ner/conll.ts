/** One token of a CoNLL file: the word, the other columns as read, and the gold tag if known. */
export interface ConllToken {
  word: string;
  columns: string[];
  tag: string;
}

export type ConllSentence = ConllToken[];

export interface ConllDocument {
  sentences: ConllSentence[];
}

const DOCSTART = '-DOCSTART-';

/**
 * Reads CoNLL text: one token a line (word first, tag last), blank lines between sentences,
 * `-DOCSTART-` lines between documents. Text without any `-DOCSTART-` is one document.
 */
export function parseConll(text: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let document: ConllDocument = { sentences: [] };
  let sentence: ConllSentence = [];
  const endSentence = () => {
    if (sentence.length > 0) document.sentences.push(sentence);
    sentence = [];
  };
  const endDocument = () => {
    endSentence();
    if (document.sentences.length > 0) documents.push(document);
    document = { sentences: [] };
  };
  for (const line of text.split(/\r?\n/)) {
    const columns = line.trim().split(/\s+/);
    if (line.trim() === '') endSentence();
    else if (columns[0] === DOCSTART) endDocument();
    else sentence.push({ word: columns[0]!, columns, tag: columns.length > 1 ? columns.at(-1)! : 'O' });
  }
  endDocument();
  return documents;
}

/** An entity span in IOB2 tags: [start, end) token indices and its type. */
export interface TagSpan {
  start: number;
  end: number;
  type: string;
}

/** What follows a tag's first `-` up to the next one, if any: `B-PER` → `PER`. */
function typeAfter(tag: string, dash: number): string {
  const next = tag.indexOf('-', dash + 1);
  return tag.slice(dash + 1, next < 0 ? undefined : next);
}

/**
 * The entities an IOB2 tag sequence encodes. An I- tag that does not continue an entity of its
 * type starts one, as conlleval counts it.
 */
export function spansOf(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let current: TagSpan | undefined;
  tags.forEach((tag, index) => {
    // Most tags are O: they are read without taking the tag apart.
    const dash = tag === 'O' ? -1 : tag.indexOf('-');
    const prefix = dash < 0 ? tag : tag.slice(0, dash);
    const type = dash < 0 ? '' : typeAfter(tag, dash);
    const continues = prefix === 'I' && current?.type === type;
    if (current && !continues) {
      current.end = index;
      spans.push(current);
      current = undefined;
    }
    if ((prefix === 'B' || prefix === 'I') && !continues) current = { start: index, end: index + 1, type };
  });
  if (current) {
    current.end = tags.length;
    spans.push(current);
  }
  return spans;
}
