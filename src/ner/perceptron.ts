import { FINAL_FOLLOWERS, FOLLOWERS, LABEL_COUNT as L, START } from './labels.ts';

/**
 * Weights of an averaged perceptron. The average is kept lazily: each weight remembers when it
 * last changed, so an update costs O(1) however many steps have passed.
 */
export class AveragedWeights {
  readonly weights: Float32Array;
  private readonly totals: Float64Array;
  private readonly stamps: Float64Array;

  constructor(size: number) {
    this.weights = new Float32Array(size);
    this.totals = new Float64Array(size);
    this.stamps = new Float64Array(size);
  }

  add(index: number, delta: number, now: number): void {
    this.totals[index]! += this.weights[index]! * (now - this.stamps[index]!);
    this.stamps[index] = now;
    this.weights[index]! += delta;
  }

  /** The weights averaged over all `now` steps, which is what the trained model keeps. */
  averaged(now: number): Float32Array {
    const result = new Float32Array(this.weights.length);
    for (let i = 0; i < result.length; i++) {
      result[i] = (this.totals[i]! + this.weights[i]! * (now - this.stamps[i]!)) / Math.max(1, now);
    }
    return result;
  }
}

/** The parameters a decoder needs: emission weights per feature and label, and label transitions. */
export interface Parameters {
  /** emission[feature * L + label] */
  emission: Float32Array;
  /** first[previous * L + label], previous may be START */
  first: Float32Array;
  /** second[(before * (L + 1) + previous) * L + label] */
  second: Float32Array;
  /** For weights that no longer change (a trained model's): `transitionCeilings` of them, which speed decoding up. */
  ceilings?: TransitionCeilings;
}

/** For each label, the largest first- and second-order transition weight into it: what lets beamDecode drop a label early. */
export interface TransitionCeilings {
  first: Float64Array;
  second: Float64Array;
}

export function transitionCeilings({ first, second }: Parameters): TransitionCeilings {
  const largest = (weights: Float32Array) => {
    const ceilings = new Float64Array(L).fill(-Infinity);
    for (let row = 0; row < weights.length; row += L) {
      for (let label = 0; label < L; label++) ceilings[label] = Math.max(ceilings[label]!, weights[row + label]!);
    }
    return ceilings;
  };
  return { first: largest(first), second: largest(second) };
}

/** Ceilings no transition reaches: for weights still being learnt, nothing is dropped early. */
const NO_CEILINGS: TransitionCeilings = { first: new Float64Array(L).fill(Infinity), second: new Float64Array(L).fill(Infinity) };

export const FIRST_SIZE = (L + 1) * L;
export const SECOND_SIZE = (L + 1) * (L + 1) * L;

/** Adds the L scores at `from` in `source` to row `token` of `scores`. */
export function addScores(scores: Float32Array, token: number, source: Float32Array, from: number): void {
  const row = token * L;
  for (let label = 0; label < L; label++) scores[row + label]! += source[from + label]!;
}

/** Sums the emission weights of each token's features: scores[i * L + label]. */
export function emissionScores(parameters: Parameters, features: readonly Int32Array[]): Float32Array {
  const scores = new Float32Array(features.length * L);
  features.forEach((ids, i) => {
    for (const id of ids) addScores(scores, i, parameters.emission, id * L);
  });
  return scores;
}

export interface Decoded {
  /** The best labels; when decoding against gold labels, only up to where the gold sequence left the beam. */
  labels: number[];
}

/**
 * The beams of all positions of a sentence, held in a few arrays rather than an object per entry.
 * Beam 0 holds one entry standing for the start of the sentence (label START, score 0), so that
 * the first position extends it like any other; position i's entries are beam i + 1's, at
 * (i + 1) * width onwards, best first.
 */
class Beams {
  width = 0;
  sizes = new Int32Array(0);
  labels = new Int32Array(0);
  /** The label before each entry's, START at the beginning. */
  previous = new Int32Array(0);
  /** Which entry of the beam before each entry extends. */
  parents = new Int32Array(0);
  scores = new Float64Array(0);
  /** Whether the entry and all before it are the gold labels. */
  gold = new Uint8Array(0);
  /** The best `width` candidates for the next position, kept sorted by insertion: cheaper than sorting all of them. */
  rankedScores = new Float64Array(0);
  rankedEntries = new Int32Array(0);
  rankedLabels = new Int32Array(0);

  /** Makes room for a sentence and lays the start entry; the arrays only grow, since every entry is written before it is read. */
  reserve(length: number, width: number): void {
    this.width = width;
    const beams = length + 1;
    if (beams > this.sizes.length) this.sizes = new Int32Array(2 * beams);
    if (beams * width > this.labels.length) {
      const room = 2 * beams * width;
      this.labels = new Int32Array(room);
      this.previous = new Int32Array(room);
      this.parents = new Int32Array(room);
      this.scores = new Float64Array(room);
      this.gold = new Uint8Array(room);
    }
    if (width > this.rankedScores.length) {
      this.rankedScores = new Float64Array(width);
      this.rankedEntries = new Int32Array(width);
      this.rankedLabels = new Int32Array(width);
    }
    this.sizes[0] = 1;
    this.labels[0] = START;
    this.previous[0] = START;
    this.scores[0] = 0;
    this.gold[0] = 1;
  }

  /** The labels of position `position`'s entry `entry` and of those it extends. */
  backtrack(position: number, entry: number): number[] {
    const labels = new Array<number>(position + 1);
    for (let i = position, e = entry; i >= 0; i--) {
      labels[i] = this.labels[(i + 1) * this.width + e]!;
      e = this.parents[(i + 1) * this.width + e]!;
    }
    return labels;
  }
}

/** Used by every decoding in turn (decoding is synchronous): allocating beams per sentence showed in profiles. */
const beams = new Beams();

/**
 * Beam search over well-formed BILOU sequences. Given gold labels, it stops as soon as the gold
 * sequence leaves the beam (for early-update training).
 *
 * A position's candidates are its beam's entries, best first, each extended by every label that
 * may follow it; the best `width` of them, earlier ones first among equal scores, make the next
 * beam. A label is dropped for the rest of a position once its candidate from one entry falls
 * short even with the transition ceilings in place of the entry's own transitions: later entries
 * score no more, the score to beat only rises, and rounding keeps sums in order, so no later
 * candidate with that label could have made the beam.
 */
export function beamDecode(parameters: Parameters, scores: Float32Array, length: number, width: number, gold?: readonly number[]): Decoded {
  if (length === 0) return { labels: [] };
  const { first, second, ceilings = NO_CEILINGS } = parameters;
  beams.reserve(length, width);
  const { sizes, labels: entryLabels, previous: entryPrevious, parents, scores: entryScores, gold: onGold, rankedScores, rankedEntries, rankedLabels } = beams;
  for (let i = 0; i < length; i++) {
    const from = i * width;
    const to = from + width;
    const entries = sizes[i]!;
    const followers = i === length - 1 ? FINAL_FOLLOWERS : FOLLOWERS;
    const row = i * L;
    let kept = 0;
    // Once `width` candidates are ranked, a new one must beat the last of them.
    let floor = -Infinity;
    /** The labels dropped for this position, as bits. */
    let dropped = 0;
    for (let e = 0; e < entries; e++) {
      const previous = entryLabels[from + e]!;
      const base = entryScores[from + e]!;
      const firstRow = previous * L;
      const secondRow = (entryPrevious[from + e]! * (L + 1) + previous) * L;
      // The labels to try, lowest first (the order among equal scores): the lowest set bit each time.
      for (let labels = followers[previous]! & ~dropped; labels !== 0; labels &= labels - 1) {
        const label = 31 - Math.clz32(labels & -labels);
        const score = base + scores[row + label]! + first[firstRow + label]! + second[secondRow + label]!;
        if (score <= floor) {
          if (base + scores[row + label]! + ceilings.first[label]! + ceilings.second[label]! <= floor) dropped |= 1 << label;
          continue;
        }
        let slot = kept < width ? kept++ : width - 1;
        for (; slot > 0 && rankedScores[slot - 1]! < score; slot--) {
          rankedScores[slot] = rankedScores[slot - 1]!;
          rankedEntries[slot] = rankedEntries[slot - 1]!;
          rankedLabels[slot] = rankedLabels[slot - 1]!;
        }
        rankedScores[slot] = score;
        rankedEntries[slot] = e;
        rankedLabels[slot] = label;
        if (kept === width) floor = rankedScores[width - 1]!;
      }
    }
    let goldInBeam = false;
    for (let r = 0; r < kept; r++) {
      const slot = to + r;
      const e = rankedEntries[r]!;
      const label = rankedLabels[r]!;
      entryLabels[slot] = label;
      entryPrevious[slot] = entryLabels[from + e]!;
      parents[slot] = e;
      entryScores[slot] = rankedScores[r]!;
      const goldSoFar = gold !== undefined && onGold[from + e] === 1 && gold[i] === label;
      onGold[slot] = goldSoFar ? 1 : 0;
      goldInBeam ||= goldSoFar;
    }
    sizes[i + 1] = kept;
    if (gold && !goldInBeam) return { labels: beams.backtrack(i, 0) };
  }
  return { labels: beams.backtrack(length - 1, 0) };
}
