/**
 * Word classes learnt from unlabelled text with the exchange algorithm (Kneser & Ney; Martin,
 * Liermann & Ney 1998): words are moved between a fixed number of classes so as to maximise the
 * likelihood of a class bigram model. Words that occur in the same places end up together, so a
 * name the labelled data never shows can still share a class with names it does show.
 */
import { random } from './random.ts';

/** A word → class table at one or more granularities, as a model file stores it. */
export interface WordClassData {
  /** Whether words were lower-cased before clustering (and must be to look them up). */
  lowerCase: boolean;
  /** The number of classes of each granularity, e.g. [64, 256]. */
  sizes: number[];
  words: string[];
  /** classes[g][i]: the class of words[i] at granularity sizes[g]. */
  classes: number[][];
}

export interface ClusteringOptions {
  sizes: readonly number[];
  /** Words seen fewer times are not clustered (they share one stand-in word that is). */
  minCount: number;
  /** Passes over the vocabulary at most; a pass that moves almost no word ends the search. */
  iterations: number;
  seed: number;
  lowerCase: boolean;
}

/**
 * Lower-cased words and a minimum count of 2 scored best on ned.testa and on 2020s news with the
 * text at hand; a third granularity of 1,024 classes took minutes and added nothing measurable.
 */
export const DEFAULT_CLUSTERING: ClusteringOptions = { sizes: [64, 256], minCount: 2, iterations: 12, seed: 1, lowerCase: true };

/**
 * Collects sentences as numbers, so that a large corpus (the archive read page by page) costs
 * four bytes a token and one string per distinct word.
 */
export class ClusterCorpus {
  private readonly ids = new Map<string, number>();
  private readonly lowerCase: boolean;
  /** Word ids, each sentence followed by -1. */
  private tokens = new Int32Array(1 << 16);
  private length = 0;

  constructor(lowerCase: boolean) {
    this.lowerCase = lowerCase;
  }

  get tokenCount(): number {
    return this.length;
  }

  add(words: readonly string[]): void {
    if (words.length === 0) return;
    if (this.length + words.length + 1 > this.tokens.length) {
      const grown = new Int32Array(Math.max(2 * this.tokens.length, this.length + words.length + 1));
      grown.set(this.tokens.subarray(0, this.length));
      this.tokens = grown;
    }
    for (const written of words) {
      const word = this.lowerCase ? written.toLowerCase() : written;
      let id = this.ids.get(word);
      if (id === undefined) this.ids.set(word, (id = this.ids.size));
      this.tokens[this.length++] = id;
    }
    this.tokens[this.length++] = -1;
  }

  /** The words and the sentences as ids, for `learnWordClasses`. */
  contents(): { words: string[]; tokens: Int32Array } {
    return { words: [...this.ids.keys()], tokens: this.tokens.subarray(0, this.length) };
  }
}

/** The clustered vocabulary: words seen often enough, then one stand-in for the rest; each token as a vocabulary index, sentence ends as -1. */
function vocabularyOf(corpus: ClusterCorpus, minCount: number): { words: string[]; counts: Float64Array; tokens: Int32Array } {
  const { words, tokens } = corpus.contents();
  const counts = new Float64Array(words.length);
  for (const id of tokens) if (id >= 0) counts[id]! += 1;
  const kept = words.map((_, id) => id).filter((id) => counts[id]! >= minCount);
  // Most frequent first (ties by first appearance): the order fixes the start and the saved table.
  kept.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const rare = kept.length;
  const index = new Int32Array(words.length).fill(rare);
  kept.forEach((id, i) => (index[id] = i));
  const mapped = Int32Array.from(tokens, (id) => (id < 0 ? -1 : index[id]!));
  const vocabularyCounts = new Float64Array(rare + 1);
  for (const id of mapped) if (id >= 0) vocabularyCounts[id]! += 1;
  return { words: kept.map((id) => words[id]!), counts: vocabularyCounts, tokens: mapped };
}

/** Each word's neighbours with their counts, in compressed rows: `start[w]` to `start[w + 1]` of `word` and `count`. */
interface Neighbours {
  start: Int32Array;
  word: Int32Array;
  count: Float64Array;
}

/** Left or right neighbours of every word; the sentence boundary is word `boundary`. */
function neighboursOf(tokens: Int32Array, boundary: number, right: boolean): Neighbours {
  const pairs = new Map<number, number>();
  const size = boundary + 1;
  let previous = boundary;
  for (const token of tokens) {
    const current = token < 0 ? boundary : token;
    const [from, to] = right ? [previous, current] : [current, previous];
    const key = from * size + to;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    previous = current;
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const start = new Int32Array(size + 1);
  for (const key of keys) start[Math.floor(key / size) + 1]! += 1;
  for (let w = 0; w < size; w++) start[w + 1]! += start[w]!;
  const word = Int32Array.from(keys, (key) => key % size);
  const count = Float64Array.from(keys, (key) => pairs.get(key)!);
  return { start, word, count };
}

/**
 * Clusters the corpus's words into `options.sizes` classes each. Deterministic for a seed.
 * Returns the table of the words seen at least `minCount` times.
 */
export function learnWordClasses(corpus: ClusterCorpus, options: ClusteringOptions): WordClassData {
  const { words, counts, tokens } = vocabularyOf(corpus, options.minCount);
  const boundary = words.length + 1;
  const right = neighboursOf(tokens, boundary, true);
  const left = neighboursOf(tokens, boundary, false);
  const classes = options.sizes.map((size, g) => exchange(counts, right, left, size, options.iterations, options.seed + g).subarray(0, words.length));
  return { lowerCase: options.lowerCase, sizes: [...options.sizes], words, classes: classes.map((assigned) => Array.from(assigned)) };
}

/** x log x, looked up for the small whole numbers that most counts are. */
function entropyTerms(limit: number): (x: number) => number {
  const table = new Float64Array(limit);
  for (let x = 1; x < limit; x++) table[x] = x * Math.log(x);
  return (x) => (x < limit ? table[x]! : x * Math.log(x));
}

/**
 * The exchange algorithm for one number of classes. Word w sits in class[w]; the sentence
 * boundary (the last word) has a class of its own that never changes. Moving w changes only the
 * class bigram counts of the classes of its neighbours, so each candidate class costs as many
 * steps as w has distinct neighbour classes.
 */
function exchange(counts: Float64Array, right: Neighbours, left: Neighbours, size: number, iterations: number, seed: number): Int32Array {
  const boundary = counts.length;
  const width = size + 1;
  const fixed = size;
  const wordClass = new Int32Array(boundary + 1);
  // Frequent words start in classes of their own; the rest are dealt out in turn.
  for (let w = 0; w < boundary; w++) wordClass[w] = w % size;
  wordClass[boundary] = fixed;
  const pair = new Float64Array(width * width);
  const total = new Float64Array(width);
  let tokenCount = 0;
  for (let w = 0; w <= boundary; w++) {
    for (let k = right.start[w]!; k < right.start[w + 1]!; k++) {
      pair[wordClass[w]! * width + wordClass[right.word[k]!]!]! += right.count[k]!;
      total[wordClass[w]!]! += right.count[k]!;
      tokenCount += right.count[k]!;
    }
  }
  const f = entropyTerms(Math.min(tokenCount + 2, 1 << 24));
  const toRight = new Float64Array(width);
  const toLeft = new Float64Array(width);
  const rightClasses = new Int32Array(width);
  const leftClasses = new Int32Array(width);
  const next = random(seed);
  const order = Int32Array.from({ length: boundary }, (_, w) => w);

  for (let pass = 0; pass < iterations; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let moved = 0;
    for (const w of order) {
      const from = wordClass[w]!;
      // The classes of w's neighbours (w itself aside) and how often w meets each.
      let self = 0;
      let rightCount = 0;
      let leftCount = 0;
      for (let k = right.start[w]!; k < right.start[w + 1]!; k++) {
        const v = right.word[k]!;
        if (v === w) {
          self += right.count[k]!;
          continue;
        }
        const c = wordClass[v]!;
        if (toRight[c] === 0) rightClasses[rightCount++] = c;
        toRight[c]! += right.count[k]!;
      }
      for (let k = left.start[w]!; k < left.start[w + 1]!; k++) {
        const u = left.word[k]!;
        if (u === w) continue;
        const c = wordClass[u]!;
        if (toLeft[c] === 0) leftClasses[leftCount++] = c;
        toLeft[c]! += left.count[k]!;
      }
      const move = (c: number, sign: number) => {
        for (let k = 0; k < rightCount; k++) {
          const d = rightClasses[k]!;
          if (d !== c) pair[c * width + d]! += sign * toRight[d]!;
        }
        for (let k = 0; k < leftCount; k++) {
          const d = leftClasses[k]!;
          if (d !== c) pair[d * width + c]! += sign * toLeft[d]!;
        }
        pair[c * width + c]! += sign * (toRight[c]! + toLeft[c]! + self);
        total[c]! += sign * counts[w]!;
      };
      move(from, -1);
      let best = from;
      let bestGain = -Infinity;
      for (let c = 0; c < size; c++) {
        let gain = 0;
        for (let k = 0; k < rightCount; k++) {
          const d = rightClasses[k]!;
          if (d === c) continue;
          const n = pair[c * width + d]!;
          gain += f(n + toRight[d]!) - f(n);
        }
        for (let k = 0; k < leftCount; k++) {
          const d = leftClasses[k]!;
          if (d === c) continue;
          const n = pair[d * width + c]!;
          gain += f(n + toLeft[d]!) - f(n);
        }
        const diagonal = pair[c * width + c]!;
        gain += f(diagonal + toRight[c]! + toLeft[c]! + self) - f(diagonal);
        gain -= 2 * (f(total[c]! + counts[w]!) - f(total[c]!));
        // Staying wins ties, so that a pass with nothing to gain moves nothing.
        if (gain > bestGain + 1e-9 || (c === from && gain >= bestGain - 1e-9)) {
          best = c;
          bestGain = gain;
        }
      }
      move(best, 1);
      wordClass[w] = best;
      if (best !== from) moved++;
      for (let k = 0; k < rightCount; k++) toRight[rightClasses[k]!] = 0;
      for (let k = 0; k < leftCount; k++) toLeft[leftClasses[k]!] = 0;
    }
    if (moved < boundary / 1000) break;
  }
  return wordClass;
}

/** The feature names a word's classes give the token itself (`c256=17`) and its right and left neighbours (`c256-1=17`, `c256+1=17`). */
export interface WordClassNames {
  self: readonly string[];
  left1: readonly string[];
  right1: readonly string[];
}

/** Looks up a word's classes, for the tagger's features. */
export interface WordClasses {
  /** One name per granularity in each list; empty lists for a word the table lacks. */
  of(word: string): WordClassNames;
}

const NONE: WordClassNames = Object.freeze({ self: [], left1: [], right1: [] });

export const NO_WORD_CLASSES: WordClasses = { of: () => NONE };

export function wordClassesFrom(data: WordClassData | undefined): WordClasses {
  if (data === undefined || data.words.length === 0) return NO_WORD_CLASSES;
  const names = new Map<string, WordClassNames>();
  data.words.forEach((word, i) => {
    const named = (offset: string) => data.sizes.map((size, g) => `c${size}${offset}=${data.classes[g]![i]}`);
    names.set(word, { self: named(''), left1: named('-1'), right1: named('+1') });
  });
  return { of: (word) => names.get(data.lowerCase ? word.toLowerCase() : word) ?? NONE };
}
