import { IdTable } from './id-table.ts';

/** Numbers the values (words, shapes, gazetteer matches) that a model's joined features mention. */
export class Vocabulary {
  private readonly numbers = new Map<string, number>();

  add(value: string): void {
    if (!this.numbers.has(value)) this.numbers.set(value, this.numbers.size);
  }

  /** The value's number, or -1 when no feature mentions it (so no joined feature with it exists). */
  numberOf(value: string): number {
    return this.numbers.get(value) ?? -1;
  }

  get size(): number {
    return this.numbers.size;
  }
}

/**
 * One family of joined features (`l-1l=de|koning`), found by the numbers of their values instead
 * of by a name built for every token: the name of each such feature of the model is taken apart
 * once, when the tagger is made.
 */
export class JoinedFeatures {
  readonly prefix: string;
  readonly vocabularies: readonly Vocabulary[];
  private readonly radices: number[] = [];
  private readonly ids = new IdTable();

  constructor(prefix: string, vocabularies: readonly Vocabulary[]) {
    this.prefix = prefix;
    this.vocabularies = vocabularies;
  }

  /** The feature id for the values' numbers (in `numbers[0..parts)`), or -1 if the model has none. */
  idOf(numbers: ArrayLike<number>): number {
    const key = this.keyOf(numbers);
    return key < 0 ? -1 : this.ids.get(key);
  }

  /** The values' numbers as one number: digits of a mixed radix, each vocabulary's size one radix. */
  private keyOf(numbers: ArrayLike<number>): number {
    let key = 0;
    for (let p = 0; p < this.radices.length; p++) {
      const number = numbers[p]!;
      if (number < 0) return -1;
      key = key * this.radices[p]! + number;
    }
    return key;
  }

  /** Takes the families' features out of a model's feature names; the vocabularies end up complete. */
  static compile(features: ReadonlyMap<string, number>, families: readonly JoinedFeatures[]): void {
    const byPrefix = new Map(families.map((family) => [family.prefix, family]));
    const found: { family: JoinedFeatures; values: string[]; id: number }[] = [];
    for (const [name, id] of features) {
      const equals = name.indexOf('=');
      const family = equals > 0 ? byPrefix.get(name.slice(0, equals)) : undefined;
      if (!family) continue;
      for (const values of splits(name.slice(equals + 1), family.vocabularies.length)) {
        values.forEach((value, p) => family.vocabularies[p]!.add(value));
        found.push({ family, values, id });
      }
    }
    // The vocabularies are complete only now, and their sizes fix how numbers combine into keys.
    for (const family of families) {
      family.radices.push(...family.vocabularies.map((vocabulary) => vocabulary.size));
      if (family.radices.reduce((product, radix) => product * radix, 1) > Number.MAX_SAFE_INTEGER) {
        throw new Error(`too many values for the joined features ${family.prefix}`);
      }
    }
    for (const { family, values, id } of found) {
      family.ids.set(family.keyOf(values.map((value, p) => family.vocabularies[p]!.numberOf(value))), id);
    }
  }
}

/**
 * Every way to cut `text` at `|` into `parts` values: a value may itself contain `|`, and each
 * reading is a name the tagger could build.
 */
function splits(text: string, parts: number): string[][] {
  if (parts === 1) return [[text]];
  const result: string[][] = [];
  for (let cut = text.indexOf('|'); cut >= 0; cut = text.indexOf('|', cut + 1)) {
    for (const rest of splits(text.slice(cut + 1), parts - 1)) result.push([text.slice(0, cut), ...rest]);
  }
  return result;
}
