import { ALLOWED, canEnd, LABEL_COUNT as L, START } from './labels.ts';

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
}

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

interface Beam {
  labels: Int32Array;
  previous: Int32Array;
  parents: Int32Array;
  scores: Float64Array;
  gold: Uint8Array;
  size: number;
}

function emptyBeam(width: number): Beam {
  return {
    labels: new Int32Array(width),
    previous: new Int32Array(width),
    parents: new Int32Array(width),
    scores: new Float64Array(width),
    gold: new Uint8Array(width),
    size: 0,
  };
}

export interface Decoded {
  /** The best labels; when decoding against gold labels, only up to where the gold sequence left the beam. */
  labels: number[];
}

function backtrack(beams: Beam[], position: number, entry: number): number[] {
  const labels = new Array<number>(position + 1);
  for (let i = position, e = entry; i >= 0; i--) {
    labels[i] = beams[i]!.labels[e]!;
    e = beams[i]!.parents[e]!;
  }
  return labels;
}

/**
 * Beam search over well-formed BILOU sequences. Given gold labels, it stops as soon as the gold
 * sequence leaves the beam (for early-update training).
 */
export function beamDecode(parameters: Parameters, scores: Float32Array, length: number, width: number, gold?: readonly number[]): Decoded {
  if (length === 0) return { labels: [] };
  const { first, second } = parameters;
  const beams: Beam[] = [];
  const candidateScores = new Float64Array(width * L);
  const candidateEntries = new Int32Array(width * L);
  const candidateLabels = new Int32Array(width * L);
  // The best `width` candidates, kept sorted by insertion: cheaper than sorting all of them.
  const ranked = new Int32Array(width);
  for (let i = 0; i < length; i++) {
    const previousBeam = beams[i - 1];
    const entries = previousBeam ? previousBeam.size : 1;
    let count = 0;
    let kept = 0;
    for (let e = 0; e < entries; e++) {
      const previous = previousBeam ? previousBeam.labels[e]! : START;
      const before = previousBeam ? previousBeam.previous[e]! : START;
      const base = previousBeam ? previousBeam.scores[e]! : 0;
      for (let label = 0; label < L; label++) {
        if (!ALLOWED[previous * L + label]) continue;
        if (i === length - 1 && !canEnd(label)) continue;
        const score = base + scores[i * L + label]! + first[previous * L + label]! + second[(before * (L + 1) + previous) * L + label]!;
        if (kept === width && score <= candidateScores[ranked[width - 1]!]!) continue;
        candidateScores[count] = score;
        candidateEntries[count] = e;
        candidateLabels[count] = label;
        let slot = kept < width ? kept++ : width - 1;
        while (slot > 0 && candidateScores[ranked[slot - 1]!]! < score) {
          ranked[slot] = ranked[slot - 1]!;
          slot--;
        }
        ranked[slot] = count;
        count++;
      }
    }
    const beam = emptyBeam(width);
    let goldInBeam = false;
    for (let r = 0; r < kept; r++) {
      const candidate = ranked[r]!;
      const e = candidateEntries[candidate]!;
      const label = candidateLabels[candidate]!;
      const slot = beam.size++;
      beam.labels[slot] = label;
      beam.previous[slot] = previousBeam ? previousBeam.labels[e]! : START;
      beam.parents[slot] = e;
      beam.scores[slot] = candidateScores[candidate]!;
      const goldSoFar = gold !== undefined && (previousBeam ? previousBeam.gold[e] === 1 : true) && gold[i] === label;
      beam.gold[slot] = goldSoFar ? 1 : 0;
      goldInBeam ||= goldSoFar;
    }
    beams.push(beam);
    if (gold && !goldInBeam) return { labels: backtrack(beams, i, 0) };
  }
  return { labels: backtrack(beams, length - 1, 0) };
}
