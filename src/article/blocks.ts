import type { Block } from './article.ts';

const SUBHEADING_MAX_CHARS = 80;

/**
 * A one-line block without closing punctuation is a subheading ("Symbolische waarde");
 * captions and paragraphs end in a full stop or run longer than a heading would.
 */
function isSubheading(block: string): boolean {
  return (
    !block.includes('\n') &&
    block.length <= SUBHEADING_MAX_CHARS &&
    !/[.!?:;,"”’)]$/.test(block)
  );
}

/** Splits text on blank lines into paragraphs and subheadings, keeping offsets into `text`. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const separator = /\n[ \t\r]*\n\s*/g;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const trimmed = raw.trimEnd();
    if (trimmed === '') return;
    const first = blocks.length === 0;
    blocks.push({
      kind: !first && isSubheading(trimmed) ? 'subheading' : 'paragraph',
      start,
      end: start + trimmed.length,
    });
  };
  for (const match of text.matchAll(separator)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(text.length);
  return blocks;
}
