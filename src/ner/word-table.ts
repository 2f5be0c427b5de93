/**
 * What a scorer keeps of each distinct word, in typed arrays indexed by the word's slot rather
 * than in an object and a typed array per word: a tenth of the memory overhead, and a token's
 * rows are read from one array. Holds at most `capacity` words; beyond that it starts again.
 */
export class WordTable {
  /** Floats kept per word. */
  readonly rowSize: number;
  /** Whole numbers kept per word. */
  readonly numberCount: number;
  /** rows[slot * rowSize ...]: the word's floats. */
  rows = new Float32Array(0);
  /** numbers[slot * numberCount ...]: the word's whole numbers. */
  numbers = new Int32Array(0);
  /** texts[slot]: a string the scorer keeps of the word. */
  readonly texts: string[] = [];
  private readonly slots = new Map<string, number>();
  private readonly capacity: number;
  /** Slots below this are never given out again (the sentence marks). */
  private permanent = 0;
  private next = 0;

  constructor(rowSize: number, numberCount: number, capacity: number) {
    this.rowSize = rowSize;
    this.numberCount = numberCount;
    this.capacity = capacity;
  }

  /** The word's slot, or -1 if the table does not hold it. */
  find(word: string): number {
    return this.slots.get(word) ?? -1;
  }

  /** A new slot for `word`, to be filled by the caller; when full, the table first forgets every word but the permanent ones. */
  add(word: string): number {
    if (this.slots.size >= this.capacity) {
      this.slots.clear();
      this.next = this.permanent;
    }
    const slot = this.take();
    this.slots.set(word, slot);
    return slot;
  }

  /** A slot that is never forgotten nor found by word: for the marks standing for "before" and "after" the sentence. */
  addPermanent(): number {
    const slot = this.take();
    this.permanent = this.next;
    return slot;
  }

  private take(): number {
    const slot = this.next++;
    if (slot * this.rowSize >= this.rows.length) this.grow(Math.min(Math.max(2 * slot, 64), this.permanent + this.capacity));
    return slot;
  }

  private grow(slots: number): void {
    const rows = new Float32Array(slots * this.rowSize);
    rows.set(this.rows);
    this.rows = rows;
    const numbers = new Int32Array(slots * this.numberCount);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }
}
