import {
  AFTER,
  type Attribute,
  BEFORE,
  DOCUMENT_FLAGS,
  type DocumentContext,
  documentFlagBits,
  FIRST,
  GAZETTEER,
  GAZETTEER_SHAPE,
  isCapitalized,
  lexiconFlagBit,
  type Lexicons,
  NEIGHBOUR_TEMPLATES,
  ROLE_OFFSETS,
  ROLES,
  roleFeatures,
  shapeOf,
  shortShapeOf,
} from './features.ts';
import { JoinedFeatures, Vocabulary } from './joined-features.ts';
import { LABEL_COUNT as L } from './labels.ts';
import { type DocumentMemory, MEMORY_FEATURES } from './memory.ts';
import { addScores } from './perceptron.ts';
import { WordTable } from './word-table.ts';

/** ROLE_OFFSETS in the order of ROLES, for the loop over a token's roles. */
const OFFSETS = Int32Array.from(ROLES, (role) => ROLE_OFFSETS[role]);

/**
 * What the scorer keeps of a word, by slot: as floats, the emission scores it gives the token it
 * plays each role for (role * L + label); as whole numbers, its lower-case form's and short
 * shape's numbers in the joined features' vocabularies (in the order of ATTRIBUTES) and its
 * `lexiconFlagBit`; as text, its lower-case form.
 */
const ROW_SIZE = ROLES.length * L;
const ATTRIBUTES: readonly Attribute[] = ['lower', 'short'];
const LOWER = ATTRIBUTES.indexOf('lower');
const SHORT = ATTRIBUTES.indexOf('short');
const LEXICON_BIT = ATTRIBUTES.length;
const NUMBER_COUNT = ATTRIBUTES.length + 1;

/** Distinct words a scorer keeps; beyond this it starts again. */
const CACHED_WORDS = 100_000;

/**
 * How far from a token its features look. A sentence is padded with as many BEFORE and AFTER
 * words on either side, so that every look lands on a word without a bounds check.
 */
const REACH = Math.max(...OFFSETS.map(Math.abs), ...NEIGHBOUR_TEMPLATES.flatMap(({ parts }) => parts.map((part) => Math.abs(part.offset))));

/** The most features beyond the roles a token can have, but for gazetteer matches (two each). */
const FIXED_FEATURES = NEIGHBOUR_TEMPLATES.length + 1 + DOCUMENT_FLAGS.length + 1;

/** A neighbour template's family, with its parts as the ATTRIBUTES index and offset of each value. */
interface Neighbour {
  family: JoinedFeatures;
  attributes: Int32Array;
  offsets: Int32Array;
}

/** Adds where feature `id`'s row of weights starts to the `count` in `starts`, if the model has the feature; returns the new count. */
function push(starts: Int32Array, count: number, id: number): number {
  if (id < 0) return count;
  starts[count] = id * L;
  return count + 1;
}

/**
 * Sums the emission weights of every token's features, as `sentenceFeatures` names them, without
 * building the names: each distinct word's features are summed once per role, the features
 * joining several tokens are found by the numbers of their values, and the ids of the few
 * features named by flags are looked up once.
 */
export class EmissionScorer {
  private readonly features: ReadonlyMap<string, number>;
  private readonly emission: Float32Array;
  private readonly lexicons: Lexicons;
  private readonly vocabularies: Record<Attribute | 'match', Vocabulary> = { lower: new Vocabulary(), short: new Vocabulary(), match: new Vocabulary() };
  private readonly neighbours: Neighbour[];
  private readonly first: JoinedFeatures;
  private readonly gazetteer: JoinedFeatures;
  private readonly gazetteerShape: JoinedFeatures;
  /** Ids of DOCUMENT_FLAGS' features (-1 where the model has none): flagIds[2 * bit] inside a sentence, + 1 at its start. */
  private readonly flagIds: Int32Array;
  /** Ids of MEMORY_FEATURES (-1 where the model has none). */
  private readonly memoryIds: Int32Array;
  private readonly words = new WordTable(ROW_SIZE, NUMBER_COUNT, CACHED_WORDS);
  private readonly before: number;
  private readonly after: number;
  /** The slots of the sentence being scored, REACH of BEFORE and AFTER around them: token i at REACH + i. */
  private padded = new Int32Array(0);
  /** Where the rows to sum for the token being scored start: its roles' in the word table, then its features' in `emission`. */
  private readonly roleStarts = new Int32Array(ROLES.length);
  private featureStarts = new Int32Array(FIXED_FEATURES);
  /** Room for the values a joined feature is looked up by. */
  private readonly numbers = new Int32Array(3);
  /** Reused for every sentence's scores: allocating them per sentence showed in profiles. */
  private buffer = new Float32Array(0);

  constructor(features: ReadonlyMap<string, number>, emission: Float32Array, lexicons: Lexicons) {
    this.features = features;
    this.emission = emission;
    this.lexicons = lexicons;
    const { short, match } = this.vocabularies;
    this.neighbours = NEIGHBOUR_TEMPLATES.map(({ prefix, parts }) => ({
      family: new JoinedFeatures(prefix, parts.map((part) => this.vocabularies[part.attribute])),
      attributes: Int32Array.from(parts, (part) => ATTRIBUTES.indexOf(part.attribute)),
      offsets: Int32Array.from(parts, (part) => part.offset),
    }));
    this.first = new JoinedFeatures(FIRST, [short]);
    this.gazetteer = new JoinedFeatures(GAZETTEER, [match]);
    this.gazetteerShape = new JoinedFeatures(GAZETTEER_SHAPE, [match, short]);
    JoinedFeatures.compile(features, [...this.neighbours.map((neighbour) => neighbour.family), this.first, this.gazetteer, this.gazetteerShape]);
    const idOf = (name: string) => features.get(name) ?? -1;
    this.flagIds = Int32Array.from(DOCUMENT_FLAGS.flat(), idOf);
    this.memoryIds = Int32Array.from(MEMORY_FEATURES, idOf);
    // Beyond the sentence, neighbour features read BEFORE and AFTER for both the word and its shape.
    const outside = (mark: string): number => {
      const slot = this.words.addPermanent();
      this.fill(slot, mark, mark, mark);
      return slot;
    };
    this.before = outside(BEFORE);
    this.after = outside(AFTER);
  }

  /** Computes what the table keeps of a word, given the values its neighbour features read, into its slot. */
  private fill(slot: number, word: string, lower: string, short: string): void {
    const { rows, numbers, texts } = this.words;
    const names = roleFeatures(word, this.lexicons.wordClasses);
    const roles = rows.subarray(slot * ROW_SIZE, (slot + 1) * ROW_SIZE);
    roles.fill(0);
    ROLES.forEach((role, r) => {
      for (const name of names[role]) {
        const id = this.features.get(name);
        if (id !== undefined) addScores(roles, r, this.emission, id * L);
      }
    });
    const at = slot * NUMBER_COUNT;
    numbers[at + LOWER] = this.vocabularies.lower.numberOf(lower);
    numbers[at + SHORT] = this.vocabularies.short.numberOf(short);
    // Only capitalized words have document flags.
    numbers[at + LEXICON_BIT] = isCapitalized(word) ? lexiconFlagBit(lower, this.lexicons) : 0;
    texts[slot] = lower;
  }

  private slotOf(word: string): number {
    let slot = this.words.find(word);
    if (slot < 0) {
      slot = this.words.add(word);
      this.fill(slot, word, word.toLowerCase(), shortShapeOf(shapeOf(word)));
    }
    return slot;
  }

  /** The slots of a sentence's words, padded. */
  private pad(words: readonly string[]): Int32Array {
    const n = words.length;
    if (n + 2 * REACH > this.padded.length) this.padded = new Int32Array(2 * (n + 2 * REACH));
    const padded = this.padded;
    for (let j = 0; j < REACH; j++) {
      padded[j] = this.before;
      padded[REACH + n + j] = this.after;
    }
    for (let i = 0; i < n; i++) padded[REACH + i] = this.slotOf(words[i]!);
    return padded;
  }

  /** scores[i * L + label] for the tokens of one sentence; valid until the next call. */
  scores(words: readonly string[], gazetteer: readonly (readonly string[])[], document: DocumentContext, memory: DocumentMemory): Float32Array {
    const n = words.length;
    const padded = this.pad(words);
    if (n * L > this.buffer.length) this.buffer = new Float32Array(2 * n * L);
    const scores = this.buffer.subarray(0, n * L);
    const { numbers, roleStarts } = this;
    const wordNumbers = this.words.numbers;
    for (let i = 0; i < n; i++) {
      const at = REACH + i;
      for (let r = 0; r < OFFSETS.length; r++) roleStarts[r] = padded[at + OFFSETS[r]!]! * ROW_SIZE + r * L;
      const matches = gazetteer[i]!;
      if (FIXED_FEATURES + 2 * matches.length > this.featureStarts.length) this.featureStarts = new Int32Array(2 * (FIXED_FEATURES + 2 * matches.length));
      const starts = this.featureStarts;
      let count = 0;
      for (const { family, attributes, offsets } of this.neighbours) {
        for (let p = 0; p < attributes.length; p++) numbers[p] = wordNumbers[padded[at + offsets[p]!]! * NUMBER_COUNT + attributes[p]!]!;
        count = push(starts, count, family.idOf(numbers));
      }
      const slot = padded[at]!;
      const short = wordNumbers[slot * NUMBER_COUNT + SHORT]!;
      if (i === 0) {
        numbers[0] = short;
        count = push(starts, count, this.first.idOf(numbers));
      }
      const flags = documentFlagBits(words[i]!, this.words.texts[slot]!, wordNumbers[slot * NUMBER_COUNT + LEXICON_BIT]!, document);
      for (let bit = 0; flags >> bit !== 0; bit++) if (flags & (1 << bit)) count = push(starts, count, this.flagIds[2 * bit + (i === 0 ? 1 : 0)]!);
      for (let m = 0; m < matches.length; m++) {
        numbers[0] = this.vocabularies.match.numberOf(matches[m]!);
        numbers[1] = short;
        count = push(starts, count, this.gazetteer.idOf(numbers));
        count = push(starts, count, this.gazetteerShape.idOf(numbers));
      }
      const remembered = memory.featureIndex(words[i]!);
      if (remembered >= 0) count = push(starts, count, this.memoryIds[remembered]!);
      this.sumInto(scores, i, count);
    }
    return scores;
  }

  /**
   * Writes row `token` of `scores`: per label, the role rows and then the first `count` feature
   * rows summed in double precision, in that order (the order fixes the rounding).
   */
  private sumInto(scores: Float32Array, token: number, count: number): void {
    const { roleStarts, featureStarts, emission } = this;
    const roles = this.words.rows;
    const row = token * L;
    // Two labels at a time (if L is odd, the last one twice): each sum is a chain of dependent
    // additions, and two chains run side by side.
    for (let label = 0; label < L; label += 2) {
      const other = Math.min(label + 1, L - 1);
      let sum = 0;
      let otherSum = 0;
      for (let r = 0; r < roleStarts.length; r++) {
        sum += roles[roleStarts[r]! + label]!;
        otherSum += roles[roleStarts[r]! + other]!;
      }
      for (let f = 0; f < count; f++) {
        sum += emission[featureStarts[f]! + label]!;
        otherSum += emission[featureStarts[f]! + other]!;
      }
      scores[row + label] = sum;
      scores[row + other] = otherSum;
    }
  }
}
