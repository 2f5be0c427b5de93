/**
 * Ids by whole-number key (below 2^53), in an open-addressing hash table of typed arrays: several
 * times faster than a Map for keys beyond the small integers, and most lookups miss at once.
 */
export class IdTable {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private count = 0;

  constructor() {
    this.keys = new Float64Array(16).fill(-1);
    this.ids = new Int32Array(16);
    this.mask = 15;
  }

  /** The id stored for `key`, or -1. */
  get(key: number): number {
    for (let slot = slotOf(key, this.mask); ; slot = (slot + 1) & this.mask) {
      const stored = this.keys[slot]!;
      if (stored === key) return this.ids[slot]!;
      if (stored === -1) return -1;
    }
  }

  set(key: number, id: number): void {
    // At most half full, so that a miss ends after a probe or two.
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    let slot = slotOf(key, this.mask);
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (this.keys[slot] === -1) this.count += 1;
    this.keys[slot] = key;
    this.ids[slot] = id;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.ids = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    this.count = 0;
    keys.forEach((key, slot) => {
      if (key !== -1) this.set(key, ids[slot]!);
    });
  }
}

/** Mixes both 32-bit halves of the key, so that keys differing in either spread over the table. */
function slotOf(key: number, mask: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 0x1_0000_0000);
  let hash = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  hash ^= hash >>> 15;
  return hash & mask;
}
