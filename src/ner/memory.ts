import { isCapitalized } from './features.ts';
import { ENTITY_TYPES, entityTypeIndexOf } from './labels.ts';

/** The memory's features: the word was seen as no name, or most often as a name of each type. */
export const MEMORY_FEATURES = ['m=O', ...ENTITY_TYPES.map((type) => `m=${type}`)];

/**
 * What the tagger has said so far in a document about each capitalized word: a name tagged PER
 * once ("Blinken") is likely PER again where the context says less.
 */
export class DocumentMemory {
  private readonly seen = new Map<string, number[]>();

  /** The feature naming the type this word was given most often so far, if it is capitalized and was seen. */
  feature(word: string): string | undefined {
    const index = this.featureIndex(word);
    return index < 0 ? undefined : MEMORY_FEATURES[index];
  }

  /** `feature` as an index into MEMORY_FEATURES, -1 for none: what a tagger looks its weights up by. */
  featureIndex(word: string): number {
    const counts = isCapitalized(word) ? this.seen.get(word) : undefined;
    if (!counts) return -1;
    let best = 0;
    for (let t = 1; t < counts.length; t++) if (counts[t]! > counts[best]!) best = t;
    return counts[best]! > 0 ? best + 1 : 0;
  }

  /** One extra feature list per token: `feature` of each word. */
  features(words: readonly string[]): string[][] {
    return words.map((word) => {
      const feature = this.feature(word);
      return feature === undefined ? [] : [feature];
    });
  }

  remember(words: readonly string[], labels: readonly number[]): void {
    words.forEach((word, i) => {
      if (!isCapitalized(word)) return;
      let counts = this.seen.get(word);
      if (!counts) this.seen.set(word, (counts = new Array<number>(ENTITY_TYPES.length).fill(0)));
      const type = entityTypeIndexOf(labels[i]!);
      if (type >= 0) counts[type]! += 1;
    });
  }
}
