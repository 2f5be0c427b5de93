import { randomDateHeader } from './date-header.ts';
import { Random } from './random.ts';
import { leadSentence, newStory, nextSentence, type Story, subheading } from './story.ts';

/** Articles are 1–4 KB: each aims at a size in this range (UTF-8 bytes) and never passes the limit. */
const SMALLEST = 1100;
const LARGEST = 3900;
const LIMIT = 4000;

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/** Paragraphs of two to four sentences, now and then a subheading before one. */
function body(story: Story, target: number, used: number): string {
  const { random } = story;
  let text = leadSentence(story);
  let size = used + byteLength(text);
  let inParagraph = 1;
  for (;;) {
    const newParagraph = inParagraph >= random.int(2, 4);
    const heading = newParagraph && random.chance(0.25) ? `${subheading(story)}\n\n` : '';
    const sentence = nextSentence(story);
    const piece = (newParagraph ? `\n\n${heading}` : ' ') + sentence;
    const pieceSize = byteLength(piece);
    if (size + pieceSize > LIMIT) return text;
    text += piece;
    size += pieceSize;
    inParagraph = newParagraph ? 1 : inParagraph + 1;
    if (size >= target) return text;
  }
}

/**
 * Article `index` of the run with this seed, in the text format (`date …` header, the text on
 * the same line, paragraphs separated by blank lines). The same seed and index give the same
 * article, however many are generated.
 */
export function generateArticle(seed: number, index: number): string {
  const random = Random.forItem(seed, index);
  const header = `date ${randomDateHeader(random)} `;
  return `${header}${body(newStory(random), random.int(SMALLEST, LARGEST), byteLength(header))}\n`;
}

/** `count` articles one at a time, so that any number of them needs no more memory than one. */
export function* generateArticles(count: number, seed: number): Generator<string> {
  for (let index = 0; index < count; index++) yield generateArticle(seed, index);
}
