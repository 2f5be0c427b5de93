import { isCapitalized } from './features.ts';
import { ENTITY_TYPES, entityTypeOf } from './labels.ts';

/**
 * What the tagger has said so far in a document about each capitalized word: a name tagged PER
 * once ("Blinken") is likely PER again where the context says less.
 */
export class DocumentMemory {
  private readonly seen = new Map<string, number[]>();

  /** One extra feature list per token: the type this word was given most often so far. */
  features(words: readonly string[]): string[][] {
    return words.map((word) => {
      const counts = isCapitalized(word) ? this.seen.get(word) : undefined;
      if (!counts) return [];
      let best = 0;
      for (let t = 1; t < counts.length; t++) if (counts[t]! > counts[best]!) best = t;
      return counts[best]! > 0 ? [`m=${ENTITY_TYPES[best]}`] : ['m=O'];
    });
  }

  remember(words: readonly string[], labels: readonly number[]): void {
    words.forEach((word, i) => {
      if (!isCapitalized(word)) return;
      let counts = this.seen.get(word);
      if (!counts) this.seen.set(word, (counts = new Array<number>(ENTITY_TYPES.length).fill(0)));
      const type = entityTypeOf(labels[i]!);
      if (type !== '') counts[ENTITY_TYPES.indexOf(type as (typeof ENTITY_TYPES)[number])]! += 1;
    });
  }
}

export const MEMORY_FEATURES = ['m=O', ...ENTITY_TYPES.map((type) => `m=${type}`)];
