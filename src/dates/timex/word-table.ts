/**
 * A table from words to what is known about them, looked up by where a word stands in a text:
 * cutting every word out of a text as a string of its own, only to look it up, costs more than
 * the rest of finding the words. The caller hashes each word's characters as it reads them.
 */

/** The hash of a word, one character at a time: start from {@link EMPTY_HASH}. */
export const hashStep = (hash: number, code: number) => Math.imul(hash ^ code, 16_777_619);
export const EMPTY_HASH = 0x811c9dc5 | 0;

/** Open addressing in a fixed number of slots; when half are taken, the table starts over, which bounds its memory. */
const SLOTS = 1 << 15;
const MASK = SLOTS - 1;
/** A text may be one long word: such words are looked at each time, not kept. */
const LONGEST = 40;

export class WordTable<T> {
  readonly #words: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  readonly #hashes = new Int32Array(SLOTS);
  readonly #values: (T | undefined)[] = new Array<T | undefined>(SLOTS).fill(undefined);
  #count = 0;
  readonly #valueOf: (word: string) => T;

  /** `valueOf` gives the value of a word the table does not hold yet. */
  constructor(valueOf: (word: string) => T) {
    this.#valueOf = valueOf;
  }

  /** The value of the word `text.slice(start, end)`, whose hash is `hash`. */
  get(text: string, start: number, end: number, hash: number): T {
    const length = end - start;
    if (length > LONGEST) return this.#valueOf(text.slice(start, end));
    for (let slot = hash & MASK; ; slot = (slot + 1) & MASK) {
      const word = this.#words[slot];
      if (word === undefined) break;
      if (this.#hashes[slot] === hash && word.length === length && text.startsWith(word, start)) return this.#values[slot]!;
    }
    if (this.#count >= SLOTS / 2) this.#clear();
    const word = text.slice(start, end);
    const value = this.#valueOf(word);
    let slot = hash & MASK;
    while (this.#words[slot] !== undefined) slot = (slot + 1) & MASK;
    this.#words[slot] = word;
    this.#hashes[slot] = hash;
    this.#values[slot] = value;
    this.#count++;
    return value;
  }

  #clear(): void {
    this.#words.fill(undefined);
    this.#values.fill(undefined);
    this.#count = 0;
  }
}
